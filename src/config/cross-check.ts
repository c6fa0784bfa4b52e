/**
 * Checks that relate one part of the config to another (environment names referenced elsewhere,
 * duplicate ids). They run on the raw value, next to the schema, so that they are reported together
 * with the schema's problems instead of only after those are fixed.
 */
import type { ConfigProblem } from "./issues.js";

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Cross-field problems of a raw config value; an empty list when there are none. */
export function crossCheck(raw: unknown): ConfigProblem[] {
  const config = asRecord(raw);
  if (!config) return [];
  const problems: ConfigProblem[] = [];
  const environments = asRecord(config.environments);
  const names = environments ? Object.keys(environments) : [];
  const known = names.join(", ") || "(none)";
  if (environments) {
    const defaultEnvironment = config.defaultEnvironment ?? "local";
    if (typeof defaultEnvironment === "string" && !names.includes(defaultEnvironment)) {
      problems.push({
        path: "defaultEnvironment",
        message: `'${defaultEnvironment}' is not an environment; known: ${known}`,
      });
    }
    const seed = asRecord(config.seed);
    const seedEnvironments = seed?.environments ?? ["local"];
    if (Array.isArray(seedEnvironments)) {
      seedEnvironments.forEach((name, index) => {
        if (typeof name === "string" && !names.includes(name)) {
          problems.push({
            path: `seed.environments[${index}]`,
            message: `'${name}' is not an environment; known: ${known}`,
          });
        }
      });
    }
  }
  if (Array.isArray(config.tenants)) {
    const seen = new Set<unknown>();
    config.tenants.forEach((tenant, index) => {
      const id = asRecord(tenant)?.id;
      if (typeof id !== "string") return;
      if (seen.has(id))
        problems.push({ path: `tenants[${index}].id`, message: `duplicate tenant id '${id}'` });
      seen.add(id);
    });
  }
  const options = asRecord(config.schemaOptions);
  if (options && Array.isArray(config.schemas)) {
    const schemas = new Set(config.schemas.map((s) => String(s).toUpperCase()));
    for (const name of Object.keys(options)) {
      if (!schemas.has(name.toUpperCase()))
        problems.push({
          path: `schemaOptions.${name}`,
          message: `'${name}' is not one of the config's schemas (${[...schemas].join(", ")})`,
        });
    }
  }
  if (Array.isArray(config.schemas)) {
    const seen = new Set<string>();
    config.schemas.forEach((schema, index) => {
      if (typeof schema !== "string") return;
      const upper = schema.toUpperCase();
      if (seen.has(upper))
        problems.push({ path: `schemas[${index}]`, message: `duplicate schema '${schema}'` });
      seen.add(upper);
    });
  }
  return problems;
}
