/**
 * SHOW PRIMARY KEYS / UNIQUE KEYS / IMPORTED KEYS and SHOW INDEXES, with Snowflake's columns (what
 * SQLAlchemy's Snowflake dialect and the JDBC/ODBC metadata calls read). Constraints are the core's
 * (declared in CREATE TABLE, not enforced). Indexes exist only on hybrid tables: SHOW INDEXES lists
 * each one's primary key, UNIQUE and FOREIGN KEY indexes and the INDEX items it declares, all ACTIVE
 * (the local engine builds an index with its table).
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { ConstraintEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { ownerOf, ownerRoleType, type RoleSet, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import {
  applyFilters,
  inScope,
  parseShowFilters,
  type ShowFilters,
  scopeOf,
  settleScope,
} from "./filters.js";

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

/** SHOW INDEXES' columns, in the order of the show-indexes page's Output table. */
const INDEX_COLUMNS = [
  "created_on:d",
  "name:t",
  "kind:t",
  "is_unique:t",
  "columns:t",
  "included_columns:t",
  "status:t",
  "table:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "owner_role_type:t",
  "status_info:t",
] as const;

/** SHOW TERSE INDEXES: the page's TERSE list. */
const TERSE_INDEX_COLUMNS = ["created_on:d", "name:t", "kind:t", "database_name:t", "schema_name:t"] as const;

/** Snowflake's one kind of hybrid table index. */
const KEY_VALUE_INDEX = "KEY_VALUE_INDEX";

function canSee(env: CatalogEnv, roles: RoleSet, name: string[]): boolean {
  return ownerOf(env, "TABLE", name) === null || seesObject(env, roles, "TABLE", name);
}

/** What a SHOW of keys or indexes lists: a table's item, named. */
interface TableItem {
  database: string;
  schema: string;
  table: string;
  name: string;
}

/**
 * The items `list` gives within a SHOW's IN scope (ACCOUNT, DATABASE, SCHEMA, TABLE), on tables the
 * session's roles can see, and the SHOW's other filters (which the caller applies).
 */
async function itemsInScope<T extends TableItem>(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  list: (database?: string, schema?: string) => Promise<T[]>,
): Promise<{ items: T[]; filters: ShowFilters }> {
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
  const all = await list(
    table?.[0] ?? (scope.kind === "ACCOUNT" ? undefined : scope.database),
    table?.[1] ?? (scope.kind === "SCHEMA" ? scope.schema : undefined),
  );
  const items = all
    .filter((k) => (table ? k.table === table[2] : scope.kind === "OBJECT" || inScope(k, scope)))
    .filter((k) => canSee(env, roles, [k.database, k.schema, k.table]));
  return { items, filters: f };
}

/** The constraints of the kind a SHOW names, within its IN scope (ACCOUNT, DATABASE, SCHEMA, TABLE). */
async function constraintsInScope(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: ConstraintEntry["kind"],
): Promise<ConstraintEntry[]> {
  const { items } = await itemsInScope(env, ctx, c, async (database, schema) =>
    env.directory.constraints ? env.directory.constraints(database, schema) : [],
  );
  return items
    .filter((k) => k.kind === kind)
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

/**
 * SHOW [TERSE] INDEXES: hybrid tables' indexes, by database, schema and table, each table's in the
 * order it has them (primary key first); LIKE, STARTS WITH and LIMIT apply to the index's name.
 * `columns` and `included_columns` print as `[A, B]`.
 */
export async function showIndexes(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  terse: boolean,
): Promise<CatalogResult> {
  const { items, filters } = await itemsInScope(env, ctx, c, async (database, schema) =>
    env.directory.indexes ? env.directory.indexes(database, schema) : [],
  );
  const sorted = items
    .map((index, order) => ({ index, order }))
    .sort(
      (a, b) =>
        cmp(a.index.database, b.index.database) ||
        cmp(a.index.schema, b.index.schema) ||
        cmp(a.index.table, b.index.table) ||
        a.order - b.order,
    )
    .map((x) => x.index);
  const shown = applyFilters(sorted, filters, (i) => i.name);
  const list = (names: string[]) => `[${names.join(", ")}]`;
  if (terse)
    return {
      kind: "SHOW",
      columns: columns(TERSE_INDEX_COLUMNS),
      rows: shown.map((i) => [ts(i.createdOn), i.name, KEY_VALUE_INDEX, i.database, i.schema]),
    };
  return {
    kind: "SHOW",
    columns: columns(INDEX_COLUMNS),
    rows: shown.map((i) => {
      const owner = ownerOf(env, "TABLE", [i.database, i.schema, i.table]);
      return [
        ts(i.createdOn),
        i.name,
        KEY_VALUE_INDEX,
        i.unique ? "Y" : "N",
        list(i.columns),
        list(i.included),
        "ACTIVE",
        i.table,
        i.database,
        i.schema,
        owner,
        owner === null ? null : ownerRoleType(env, "TABLE", [i.database, i.schema, i.table]),
        null,
      ];
    }),
  };
}
