/**
 * Picks the environment (`--env`, else the config's default) and resolves its vars: config vars, the
 * environment's own vars, then `--var` overrides; values read from environment variables; secrets noted.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors/index.js";
import { type LoadConfigOptions, type LoadedConfig, loadConfig } from "./load.js";
import {
  type ConnectionConfig,
  type DatabaseOptions,
  type MercuriosConfig,
  RESERVED_VAR_NAMES,
  type TenantConfig,
  type VarConfig,
  type VarScalar,
} from "./schema.js";
import { resolveLocalDb } from "./local-db.js";

/** Environment-variable names whose values are treated as secrets wherever they are used. */
export const SECRET_NAME_PATTERN = /SECRET|PASSWORD|PASSPHRASE|TOKEN|KEY/i;

export interface ResolveEnvironmentOptions {
  /** `--env`; defaults to the config's `defaultEnvironment` (`local`). */
  env?: string;
  /** `--var key=value` overrides, already split. */
  vars?: Record<string, string>;
  /** The process environment to read `{ env: … }` references from (defaults to process.env). */
  processEnv?: NodeJS.ProcessEnv;
  /** `--local-db PATH` (or MERCURIOS_LOCAL_DB): overrides the local environment's DuckDB file. */
  localDb?: string;
}

/** A var that could not be given a value; rendering a template that uses it fails with this reason. */
export interface UnresolvedVar {
  /** Where it is declared, e.g. `environments.dev.vars.loader_password`. */
  path: string;
  reason: string;
}

/** Everything a command needs to know about the selected environment. */
export interface ResolvedEnvironment {
  root: string;
  configFile: string;
  config: MercuriosConfig;
  /** Environment name, e.g. `local` or `prod`. */
  name: string;
  kind: "local" | "snowflake";
  /** Database for this environment (environment override, else the project database). */
  database: string;
  schemas: readonly string[];
  /** The database's declared options: the project's `databaseOptions`, then the environment's. */
  databaseOptions: DatabaseOptions;
  history: { database: string; schema: string; table: string };
  tenants: readonly TenantConfig[];
  /** Absolute path of the local engine's DuckDB file (local environments only). */
  localDb?: string;
  /** The Snowflake connection as configured (snowflake environments only); see resolveConnection. */
  connection?: ConnectionConfig;
  /** Template vars with their final values. */
  vars: Record<string, VarScalar>;
  /** Vars declared but without a value (their environment variable is unset). */
  unresolvedVars: Record<string, UnresolvedVar>;
  /** Secret values to mask in any output (never print these). */
  secrets: string[];
  /** Template language of migrations and views; absent means Handlebars. */
  templates?: "handlebars" | "jinja";
  /** Jinja's modules folder (absolute), reached as `modules/…` in include and import. */
  modulesFolder?: string;
}

/** Parses `--var key=value` arguments into a record; throws on a malformed or reserved one. */
export function parseVarAssignments(assignments: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf("=");
    const name = eq > 0 ? assignment.slice(0, eq) : "";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ConfigError("VAR_SYNTAX", `--var '${assignment}' is not of the form name=value.`, {
        hint: "Write --var name=value, e.g. --var warehouse=MERCURIOS_DEV_WH.",
      });
    }
    if ((RESERVED_VAR_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        "VAR_RESERVED",
        `--var ${name} would shadow the built-in template variable '${name}'.`,
        {
          hint: `Built-in names are ${RESERVED_VAR_NAMES.join(", ")}; pick another var name.`,
        },
      );
    }
    vars[name] = assignment.slice(eq + 1);
  }
  return vars;
}

/** Selects and resolves one environment of a loaded config. */
export function resolveEnvironment(
  loaded: LoadedConfig,
  options: ResolveEnvironmentOptions = {},
): ResolvedEnvironment {
  const { config, root, configFile } = loaded;
  const processEnv = options.processEnv ?? process.env;
  const name = options.env ?? config.defaultEnvironment;
  const environment = config.environments[name];
  if (!environment) {
    const known = Object.keys(config.environments);
    throw new ConfigError("UNKNOWN_ENVIRONMENT", `unknown environment '${name}'.`, {
      hint: `Known environments: ${known.join(", ")}. Pick one with --env.`,
      location: { file: path.relative(process.cwd(), configFile) || configFile, path: "environments" },
    });
  }

  const vars: Record<string, VarScalar> = {};
  const unresolvedVars: Record<string, UnresolvedVar> = {};
  const secrets = new Set<string>();
  const secretVarNames = new Set<string>();
  const declare = (varName: string, value: VarConfig, declaredAt: string) => {
    delete unresolvedVars[varName];
    delete vars[varName];
    if (typeof value !== "object") {
      vars[varName] = value;
      secretVarNames.delete(varName);
      return;
    }
    const secret = value.secret === true || SECRET_NAME_PATTERN.test(value.env);
    if (secret) secretVarNames.add(varName);
    else secretVarNames.delete(varName);
    const fromEnv = processEnv[value.env];
    if (fromEnv !== undefined) vars[varName] = fromEnv;
    else if (value.default !== undefined) vars[varName] = value.default;
    else {
      unresolvedVars[varName] = {
        path: declaredAt,
        reason: `var '${varName}' reads the environment variable ${value.env}, which is not set`,
      };
    }
  };
  for (const [varName, value] of Object.entries(config.vars)) declare(varName, value, `vars.${varName}`);
  for (const [varName, value] of Object.entries(environment.vars)) {
    declare(varName, value, `environments.${name}.vars.${varName}`);
  }
  for (const [varName, value] of Object.entries(options.vars ?? {})) {
    delete unresolvedVars[varName];
    vars[varName] = value;
  }
  for (const varName of secretVarNames) {
    const value = vars[varName];
    if (value !== undefined && String(value) !== "") secrets.add(String(value));
  }

  const database = environment.database ?? config.database;
  const resolved: ResolvedEnvironment = {
    root,
    configFile,
    config,
    name,
    kind: environment.kind,
    database,
    schemas: config.schemas,
    databaseOptions: { ...config.databaseOptions, ...environment.databaseOptions },
    history: {
      database: config.history.database ?? database,
      schema: config.history.schema,
      table: config.history.table,
    },
    tenants: config.tenants,
    vars,
    unresolvedVars,
    secrets: [...secrets],
  };
  // A schemachange project that added a mercurios.config.ts keeps its Jinja scripts unless told otherwise.
  const templates =
    config.templates ?? (existsSync(path.join(root, "schemachange-config.yml")) ? "jinja" : "handlebars");
  if (templates === "jinja") {
    resolved.templates = "jinja";
    resolved.modulesFolder = path.resolve(root, config.modulesFolder ?? "modules");
  }
  if (environment.kind === "local") {
    const localDb = options.localDb ?? processEnv.MERCURIOS_LOCAL_DB ?? environment.localDb;
    resolved.localDb = resolveLocalDb(root, localDb);
  } else {
    resolved.connection = environment.connection;
  }
  return resolved;
}

/** Loads the config and resolves one environment: what almost every command starts with. */
export async function loadEnvironment(
  options: LoadConfigOptions & ResolveEnvironmentOptions = {},
): Promise<ResolvedEnvironment> {
  return resolveEnvironment(await loadConfig(options), options);
}
