/**
 * SHOW PRIMARY KEYS / UNIQUE KEYS / IMPORTED KEYS and SHOW INDEXES, with Snowflake's columns (what
 * SQLAlchemy's Snowflake dialect and the JDBC/ODBC metadata calls read). Constraints are the core's
 * (declared in CREATE TABLE, not enforced). Indexes exist only on hybrid tables, which the local
 * engine does not have: SHOW INDEXES is always empty, with its columns.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { ConstraintEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { ownerOf, type RoleSet, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import { inScope, parseShowFilters, scopeOf, settleScope } from "./filters.js";

const KEY_COLUMNS = [
  "created_on:d",
  "database_name:t",
  "schema_name:t",
  "table_name:t",
  "column_name:t",
  "key_sequence:n",
  "constraint_name:t",
  "rely:t",
  "comment:t",
] as const;

const IMPORTED_COLUMNS = [
  "created_on:d",
  "pk_database_name:t",
  "pk_schema_name:t",
  "pk_table_name:t",
  "pk_column_name:t",
  "fk_database_name:t",
  "fk_schema_name:t",
  "fk_table_name:t",
  "fk_column_name:t",
  "key_sequence:n",
  "update_rule:t",
  "delete_rule:t",
  "fk_name:t",
  "pk_name:t",
  "deferrability:t",
  "rely:t",
  "comment:t",
] as const;

const INDEX_COLUMNS = [
  "created_on:d",
  "name:t",
  "is_unique:t",
  "columns:t",
  "included_columns:t",
  "table:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "owner_role_type:t",
] as const;

function canSee(env: CatalogEnv, roles: RoleSet, name: string[]): boolean {
  return ownerOf(env, "TABLE", name) === null || seesObject(env, roles, "TABLE", name);
}

/** The constraints of the kind a SHOW names, within its IN scope (ACCOUNT, DATABASE, SCHEMA, TABLE). */
async function constraintsInScope(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: ConstraintEntry["kind"],
): Promise<ConstraintEntry[]> {
  const f = parseShowFilters(c, ctx, { scopeWords: ["TABLE"], bareObject: true });
  const scope = await settleScope(env, ctx, scopeOf(f, ctx));
  const roles = sessionRoles(env, ctx);
  let table: string[] | null = null;
  if (scope.kind === "OBJECT") {
    const object = scope.object ?? [];
    const name =
      object.length === 3
        ? object
        : object.length === 2
          ? [ctx.database ?? "", ...object]
          : [ctx.database ?? "", ctx.schema ?? "", ...object];
    const exists = (await env.directory.relations(name[0], name[1])).some(
      (r) => r.name === name[2] && r.kind === "TABLE",
    );
    if (!exists || !canSee(env, roles, name)) throw notFound("Table", name.join("."));
    table = name;
  }
  const all = env.directory.constraints
    ? await env.directory.constraints(
        table?.[0] ?? (scope.kind === "ACCOUNT" ? undefined : scope.database),
        table?.[1] ?? (scope.kind === "SCHEMA" ? scope.schema : undefined),
      )
    : [];
  return all
    .filter((k) => k.kind === kind)
    .filter((k) => (table ? k.table === table[2] : scope.kind === "OBJECT" || inScope(k, scope)))
    .filter((k) => canSee(env, roles, [k.database, k.schema, k.table]))
    .sort(
      (a, b) =>
        cmp(a.database, b.database) ||
        cmp(a.schema, b.schema) ||
        cmp(a.table, b.table) ||
        cmp(a.name, b.name),
    );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SHOW PRIMARY KEYS / SHOW UNIQUE KEYS: one row per column of each key. */
export async function showKeys(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "PRIMARY KEY" | "UNIQUE",
): Promise<CatalogResult> {
  const keys = await constraintsInScope(env, ctx, c, kind);
  const rows = keys.flatMap((k) =>
    k.columns.map((column, i) => [
      ts(k.createdOn),
      k.database,
      k.schema,
      k.table,
      column,
      num(i + 1),
      k.name,
      k.rely ? "true" : "false",
      null,
    ]),
  );
  return { kind: "SHOW", columns: columns(KEY_COLUMNS), rows };
}

/** SHOW IMPORTED KEYS: one row per column of each foreign key, with what it references. */
export async function showImportedKeys(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const keys = await constraintsInScope(env, ctx, c, "FOREIGN KEY");
  const rows = keys.flatMap((k) =>
    k.columns.map((column, i) => [
      ts(k.createdOn),
      k.references?.database ?? null,
      k.references?.schema ?? null,
      k.references?.table ?? null,
      k.references?.columns[i] ?? null,
      k.database,
      k.schema,
      k.table,
      column,
      num(i + 1),
      k.onUpdate ?? "NO ACTION",
      k.onDelete ?? "NO ACTION",
      k.name,
      k.references?.constraintName ?? null,
      "NOT DEFERRABLE",
      k.rely ? "true" : "false",
      null,
    ]),
  );
  return { kind: "SHOW", columns: columns(IMPORTED_COLUMNS), rows };
}

/** SHOW INDEXES: hybrid tables only, none here. The scope is still checked. */
export async function showIndexes(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  await constraintsInScope(env, ctx, c, "PRIMARY KEY");
  return { kind: "SHOW", columns: columns(INDEX_COLUMNS), rows: [] };
}
