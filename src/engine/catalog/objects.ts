/**
 * Object kinds as GRANT / SHOW GRANTS name them, and resolution of an object name to the catalog's
 * stored parts (using the session's current database and schema), with an existence check.
 */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { catalogError, notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import { displayName, nameKey } from "./names.js";

/** Grant object types, singular DDL words → SHOW's `granted_on` spelling. */
const KINDS: [string[], string][] = [
  [["ACCOUNT"], "ACCOUNT"],
  [["DATABASE", "ROLE"], "DATABASE_ROLE"],
  [["DATABASE"], "DATABASE"],
  [["SCHEMA"], "SCHEMA"],
  [["EXTERNAL", "TABLE"], "EXTERNAL_TABLE"],
  [["DYNAMIC", "TABLE"], "DYNAMIC_TABLE"],
  [["HYBRID", "TABLE"], "TABLE"],
  [["EVENT", "TABLE"], "EVENT_TABLE"],
  [["TABLE"], "TABLE"],
  [["MATERIALIZED", "VIEW"], "MATERIALIZED_VIEW"],
  [["VIEW"], "VIEW"],
  [["WAREHOUSE"], "WAREHOUSE"],
  [["RESOURCE", "MONITOR"], "RESOURCE_MONITOR"],
  [["ROLE"], "ROLE"],
  [["USER"], "USER"],
  [["TASK"], "TASK"],
  [["ROW", "ACCESS", "POLICY"], "ROW_ACCESS_POLICY"],
  [["MASKING", "POLICY"], "MASKING_POLICY"],
  [["INTEGRATION"], "INTEGRATION"],
  [["STAGE"], "STAGE"],
  [["SEQUENCE"], "SEQUENCE"],
  [["FUNCTION"], "FUNCTION"],
  [["PROCEDURE"], "PROCEDURE"],
  [["FILE", "FORMAT"], "FILE_FORMAT"],
  [["STREAM"], "STREAM"],
  [["PIPE"], "PIPE"],
  [["TAG"], "TAG"],
  [["SECRET"], "SECRET"],
  [["NETWORK", "RULE"], "NETWORK_RULE"],
];

/** Plural forms used by ON ALL / ON FUTURE. */
const PLURALS: [string[], string][] = [
  [["SCHEMAS"], "SCHEMA"],
  [["EXTERNAL", "TABLES"], "EXTERNAL_TABLE"],
  [["DYNAMIC", "TABLES"], "DYNAMIC_TABLE"],
  [["EVENT", "TABLES"], "EVENT_TABLE"],
  [["TABLES"], "TABLE"],
  [["MATERIALIZED", "VIEWS"], "MATERIALIZED_VIEW"],
  [["VIEWS"], "VIEW"],
  [["TASKS"], "TASK"],
  [["ROW", "ACCESS", "POLICIES"], "ROW_ACCESS_POLICY"],
  [["MASKING", "POLICIES"], "MASKING_POLICY"],
  [["STAGES"], "STAGE"],
  [["SEQUENCES"], "SEQUENCE"],
  [["FUNCTIONS"], "FUNCTION"],
  [["PROCEDURES"], "PROCEDURE"],
  [["FILE", "FORMATS"], "FILE_FORMAT"],
  [["STREAMS"], "STREAM"],
  [["PIPES"], "PIPE"],
  [["DATABASE", "ROLES"], "DATABASE_ROLE"],
];

/** Account-level object types (one-part names, no database). */
export const ACCOUNT_OBJECTS = new Set([
  "WAREHOUSE",
  "RESOURCE_MONITOR",
  "ROLE",
  "USER",
  "DATABASE",
  "INTEGRATION",
]);

export function readKind(c: Cursor): string | null {
  for (const [words, kind] of KINDS) if (c.acceptKw(...words)) return kind;
  return null;
}

export function readPluralKind(c: Cursor): string | null {
  for (const [words, kind] of PLURALS) if (c.acceptKw(...words)) return kind;
  return null;
}

/** Words Snowflake uses in messages for an object type (`table`, `row access policy`). */
export function kindLabel(kind: string): string {
  return kind.toLowerCase().replace(/_/g, " ");
}

/** Resolves a written name to stored parts for an object type. */
export function resolveName(ctx: CatalogContext, kind: string, parts: string[]): string[] {
  if (kind === "ACCOUNT") return [];
  if (ACCOUNT_OBJECTS.has(kind)) return parts.slice(-1);
  if (kind === "SCHEMA" || kind === "DATABASE_ROLE") {
    if (parts.length >= 2) return parts.slice(-2);
    if (!ctx.database) throw noCurrentDatabase();
    return [ctx.database, parts[0]!];
  }
  if (parts.length >= 3) return parts.slice(-3);
  if (parts.length === 2) {
    if (!ctx.database) throw noCurrentDatabase();
    return [ctx.database, parts[0]!, parts[1]!];
  }
  if (!ctx.database) throw noCurrentDatabase();
  if (!ctx.schema) throw noCurrentSchema();
  return [ctx.database, ctx.schema, parts[0]!];
}

export function noCurrentDatabase() {
  return catalogError(
    "090105",
    "22000",
    "Cannot perform operation. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
  );
}

export function noCurrentSchema() {
  return catalogError(
    "090106",
    "22000",
    "Cannot perform operation. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.",
  );
}

/**
 * Checks the object exists and returns its actual kind (a view granted as TABLE reports VIEW).
 * Kinds the engine does not model are accepted as written.
 */
export async function existingKind(env: CatalogEnv, kind: string, name: string[]): Promise<string> {
  const missing = () =>
    notFound(kind === "DATABASE" ? "Database" : kind === "SCHEMA" ? "Schema" : "Object", displayName(name));
  switch (kind) {
    case "ACCOUNT":
      return kind;
    case "WAREHOUSE":
      if (!env.store.warehouses.has(name[0]!)) throw missing();
      return kind;
    case "RESOURCE_MONITOR":
      if (!env.store.monitors.has(name[0]!)) throw missing();
      return kind;
    case "ROLE":
      if (!env.store.roles.has(name[0]!)) throw notFound("Role", displayName(name));
      return kind;
    case "USER":
      if (!env.store.users.has(name[0]!)) throw notFound("User", displayName(name));
      return kind;
    case "DATABASE_ROLE":
      if (!env.store.databaseRoles.has(nameKey(name))) throw notFound("Database role", displayName(name));
      return kind;
    case "TASK":
      if (!env.store.tasks.has(nameKey(name))) throw missing();
      return kind;
    case "ROW_ACCESS_POLICY":
      if (!env.store.policies.has(nameKey(name))) throw missing();
      return kind;
    case "MASKING_POLICY":
      if (!env.store.maskingPolicies.has(nameKey(name))) throw missing();
      return kind;
    case "DATABASE":
      if (!(await env.directory.databases()).some((d) => d.name === name[0])) throw missing();
      return kind;
    case "SCHEMA":
      if (!(await env.directory.schemas(name[0])).some((s) => s.name === name[1])) throw missing();
      return kind;
    case "TABLE":
    case "VIEW":
    case "MATERIALIZED_VIEW": {
      const rel = (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
      if (!rel) throw missing();
      return rel.kind;
    }
    default:
      return kind;
  }
}

/** Objects of a kind inside a database or schema (ON ALL … IN …). */
export async function objectsIn(
  env: CatalogEnv,
  kind: string,
  database: string,
  schema: string | null,
): Promise<string[][]> {
  const inScope = (parts: string[]) => parts[0] === database && (schema === null || parts[1] === schema);
  switch (kind) {
    case "SCHEMA":
      return (await env.directory.schemas(database)).map((s) => [s.database, s.name]);
    case "TABLE":
    case "VIEW":
    case "MATERIALIZED_VIEW":
      return (await env.directory.relations(database, schema ?? undefined))
        .filter((r) => r.kind === kind)
        .map((r) => [r.database, r.schema, r.name]);
    case "TASK":
      return [...env.store.tasks.values()].map((t) => [t.database, t.schema, t.name]).filter(inScope);
    case "ROW_ACCESS_POLICY":
      return [...env.store.policies.values()].map((p) => [p.database, p.schema, p.name]).filter(inScope);
    case "MASKING_POLICY":
      return [...env.store.maskingPolicies.values()]
        .map((p) => [p.database, p.schema, p.name])
        .filter(inScope);
    case "DATABASE_ROLE":
      return [...env.store.databaseRoles.values()]
        .filter((r) => r.database === database)
        .map((r) => [r.database, r.name]);
    default:
      return [];
  }
}
