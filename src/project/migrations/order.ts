/**
 * Run order of migration scripts: versioned scripts by version across schemas (ties by the
 * configured schema order, root scripts first); repeatables in dependency order; always-scripts last,
 * by name.
 */
import { ProjectError, ValidationError } from "../../errors/index.js";
import type { MigrationScript } from "./discover.js";
import { compareVersions } from "./naming.js";

/** Sorts versioned (or undo) scripts by version; equal versions by schema order. Returns a new array. */
export function sortByVersion<T extends Pick<MigrationScript, "versionParts" | "schema">>(
  scripts: readonly T[],
  schemas: readonly string[] | null,
): T[] {
  const rank = (schema: string | null) => (schema === null ? -1 : (schemas?.indexOf(schema) ?? 0));
  return [...scripts].sort(
    (a, b) => compareVersions(a.versionParts ?? [], b.versionParts ?? []) || rank(a.schema) - rank(b.schema),
  );
}

/** Sorts always-scripts by schema order, then name (a stable, documented order). */
export function sortAlways<T extends Pick<MigrationScript, "description" | "schema">>(
  scripts: readonly T[],
  schemas: readonly string[] | null,
): T[] {
  const rank = (schema: string | null) => (schema === null ? -1 : (schemas?.indexOf(schema) ?? 0));
  return [...scripts].sort(
    (a, b) => rank(a.schema) - rank(b.schema) || a.description.localeCompare(b.description),
  );
}

/** A repeatable script with the text its dependencies are read from (the rendered SQL). */
export interface RepeatableInput {
  script: MigrationScript;
  text: string;
}

/**
 * Orders repeatables so that each runs after those it depends on: those named in a
 * `-- requires: R__other[, R__more]` line, and those that create an object (view, table, function,
 * procedure, …) whose name the script mentions. Ties keep schema order, then name. A required script
 * that doesn't exist, or a cycle, is a `ValidationError` naming the files.
 */
export function orderRepeatables<T extends RepeatableInput>(
  items: readonly T[],
  schemas: readonly string[] | null,
): T[] {
  const sorted = sortAlways(
    items.map((i) => ({ ...i.script, item: i })),
    schemas,
  ).map((s) => s.item);
  const problems: ProjectError[] = [];
  const dependsOn = new Map<T, Set<T>>(sorted.map((i) => [i, new Set<T>()]));

  const byName = new Map<string, T[]>();
  for (const item of sorted) {
    for (const name of [
      `R__${item.script.description}`,
      `${item.script.schema ?? ""}/R__${item.script.description}`,
    ]) {
      const key = name.toUpperCase();
      byName.set(key, [...(byName.get(key) ?? []), item]);
    }
  }
  for (const item of sorted) {
    for (const { name, line } of requiredScripts(item.script.template)) {
      const targets = byName.get(name.replace(/\.sql$/i, "").toUpperCase());
      if (!targets) {
        problems.push(
          new ProjectError(
            "MIGRATIONS_UNKNOWN_REQUIRE",
            `requires '${name}', which is not a repeatable script`,
            {
              location: { file: item.script.path, line },
              hint: "Name another R__ script by its name without .sql (e.g. R__base_views), or remove the line.",
            },
          ),
        );
        continue;
      }
      for (const target of targets) if (target !== item) dependsOn.get(item)!.add(target);
    }
  }

  const creators = new Map<string, T>();
  for (const item of sorted) for (const name of createdObjects(item.text)) creators.set(name, item);
  for (const item of sorted) {
    const words = identifierWords(item.text);
    for (const [name, creator] of creators) {
      if (creator !== item && words.has(name)) dependsOn.get(item)!.add(creator);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError("MIGRATIONS_INVALID", "repeatable scripts name unknown dependencies", problems);
  }

  const ordered: T[] = [];
  const state = new Map<T, "visiting" | "done">();
  const visit = (item: T, trail: T[]): void => {
    const seen = state.get(item);
    if (seen === "done") return;
    if (seen === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(item)), item].map((i) => i.script.path);
      throw new ProjectError(
        "MIGRATIONS_CYCLE",
        `repeatable scripts depend on each other in a cycle: ${cycle.join(" -> ")}`,
        {
          location: { file: item.script.path },
          hint: "Break the cycle: a dependency comes from a '-- requires:' line or from mentioning an object another script creates.",
        },
      );
    }
    state.set(item, "visiting");
    for (const dependency of sorted.filter((d) => dependsOn.get(item)!.has(d)))
      visit(dependency, [...trail, item]);
    state.set(item, "done");
    ordered.push(item);
  };
  for (const item of sorted) visit(item, []);
  return ordered;
}

/** `-- requires: R__a, R__b` lines anywhere in the script, with their 1-based line numbers. */
export function requiredScripts(template: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  template.split(/\r?\n/).forEach((text, index) => {
    const match = /^\s*--\s*requires\s*:\s*(.+)$/i.exec(text);
    if (!match) return;
    for (const name of match[1]!.split(/[,\s]+/)) if (name) out.push({ name, line: index + 1 });
  });
  return out;
}

const CREATE =
  /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:SECURE|TEMPORARY|TEMP|TRANSIENT|MATERIALIZED|RECURSIVE|DYNAMIC|EXTERNAL|LOCAL|GLOBAL)\s+)*(?:VIEW|TABLE|FUNCTION|PROCEDURE|STREAM|TASK|SEQUENCE|STAGE|FILE\s+FORMAT)\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[A-Za-z_][\w$]*))*)/gi;

/** Names (last part, as Snowflake stores it) of the objects a script creates. */
export function createdObjects(sql: string): Set<string> {
  const names = new Set<string>();
  for (const match of stripCommentsAndStrings(sql).matchAll(CREATE)) {
    const last = match[1]!.split(/\s*\.\s*/).pop()!;
    names.add(last.startsWith('"') ? last.slice(1, -1) : last.toUpperCase());
  }
  return names;
}

/** Identifier words of a script outside comments and strings, as Snowflake would store them. */
function identifierWords(sql: string): Set<string> {
  const words = new Set<string>();
  for (const match of stripCommentsAndStrings(sql).matchAll(/"([^"]+)"|([A-Za-z_][\w$]*)/g)) {
    words.add(match[1] ?? match[2]!.toUpperCase());
  }
  return words;
}

function stripCommentsAndStrings(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.|'')*'|\$\$[\s\S]*?\$\$/g, " ");
}
