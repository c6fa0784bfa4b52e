/**
 * SHOW HYBRID TABLES: the columns the CREATE HYBRID TABLE page's example prints (created_on, name,
 * database_name, schema_name, owner, datastore_id, rows, bytes, comment), for the hybrid tables SHOW
 * TABLES would list with the same filters. rows and bytes are NULL, as the page shows them.
 * datastore_id names the storage a hybrid table lives in: the local engine has one, id 1.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { Cursor } from "../lexer.js";
import { type CatalogResult, columns } from "../results.js";
import { showObjects } from "./data.js";

const HYBRID_COLUMNS = [
  "created_on:d",
  "name:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "datastore_id:n",
  "rows:n",
  "bytes:n",
  "comment:t",
] as const;

/** The local engine's one datastore. */
const LOCAL_DATASTORE_ID = "1";

export async function showHybridTables(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  terse: boolean,
): Promise<CatalogResult> {
  const tables = await showObjects(env, ctx, c, "TABLE", terse, (r) => r.tableType === "HYBRID");
  if (terse) return tables;
  const at = (name: string) => tables.columns.findIndex((col) => col.name === name);
  const [created, name, database, schema, owner, rows, bytes, comment] = [
    "created_on",
    "name",
    "database_name",
    "schema_name",
    "owner",
    "rows",
    "bytes",
    "comment",
  ].map(at) as number[];
  return {
    kind: "SHOW",
    columns: columns(HYBRID_COLUMNS),
    rows: tables.rows.map((row) => [
      row[created!] ?? null,
      row[name!] ?? null,
      row[database!] ?? null,
      row[schema!] ?? null,
      row[owner!] ?? null,
      LOCAL_DATASTORE_ID,
      row[rows!] ?? null,
      row[bytes!] ?? null,
      row[comment!] ?? null,
    ]),
  };
}
