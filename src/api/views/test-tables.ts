/**
 * Small helpers of `views test`: what the engine holds (tables, columns, roles), putting a table's
 * rows back after a case, and error messages.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import type { Driver, QueryResult } from "../../driver/types.js";
import { formatLocation, MercuriosError } from "../../errors/index.js";
import { quoteIdentifier, resolveIdentifier, splitDotted } from "../../model/index.js";
import { sqlString } from "../../template/index.js";

/** What the engine holds: tables with their columns, and roles. */
export interface Catalog {
  /** `DB.SCHEMA.TABLE` (resolved parts) -> column names in order. */
  tables: Map<string, string[]>;
  roles: Set<string>;
}

/** Reads the tables (with their columns, the migration history left out) and roles of the engine. */
export async function readCatalog(
  driver: Driver,
  environment: ResolvedEnvironment,
  queryTag: string,
): Promise<Catalog> {
  const db = quoteIdentifier(environment.database);
  const columns = await driver.execute(
    `SELECT C.TABLE_CATALOG, C.TABLE_SCHEMA, C.TABLE_NAME, C.COLUMN_NAME
     FROM ${db}.INFORMATION_SCHEMA.COLUMNS AS C
     JOIN ${db}.INFORMATION_SCHEMA.TABLES AS T
       ON T.TABLE_SCHEMA = C.TABLE_SCHEMA AND T.TABLE_NAME = C.TABLE_NAME
     WHERE T.TABLE_TYPE = 'BASE TABLE'
     ORDER BY C.TABLE_SCHEMA, C.TABLE_NAME, C.ORDINAL_POSITION`,
    { queryTag },
  );
  const tables = new Map<string, string[]>();
  // The migration history and its lock are the runner's, not test data.
  const history = environment.history;
  const internal = new Set(
    [history.table, `${history.table}_LOCK`].map(
      (t) => `${resolveIdentifier(history.schema)}.${resolveIdentifier(t)}`,
    ),
  );
  for (const [database, schema, table, column] of columns.rows) {
    if (internal.has(`${schema}.${table}`)) continue;
    const key = [database, schema, table].map((p) => quoteIdentifier(p ?? "")).join(".");
    const list = tables.get(key) ?? [];
    list.push(column ?? "");
    tables.set(key, list);
  }
  const roles = await driver.execute("SHOW ROLES", { queryTag });
  const nameAt = roles.columns.findIndex((c) => c.name === "name");
  return { tables, roles: new Set(roles.rows.map((r) => r[nameAt] ?? "")) };
}

/** `DB.SCHEMA.TABLE` for a name as written in `given` (`RAW.SALES` is in the environment's database). */
export function tableKey(written: string, database: string): string | undefined {
  const parts = splitDotted(written).map((p) => resolveIdentifier(p));
  if (parts.length === 2) parts.unshift(resolveIdentifier(database));
  if (parts.length !== 3) return undefined;
  return parts.map(quoteIdentifier).join(".");
}

/** Puts back the rows a test case replaced (one batch: TRUNCATE, then INSERT of the saved rows). */
export async function restore(driver: Driver, key: string, rows: QueryResult): Promise<void> {
  const statements = [`TRUNCATE TABLE ${key}`];
  if (rows.rows.length > 0) {
    const columns = rows.columns.map((c) => quoteIdentifier(c.name)).join(", ");
    const values = rows.rows.map((r) => `(${r.map((v) => (v === null ? "NULL" : sqlString(v))).join(", ")})`);
    statements.push(`INSERT INTO ${key} (${columns}) VALUES ${values.join(", ")}`);
  }
  await driver.executeBatch(statements, { queryTag: "mercurios/views-test" });
}

/** The error's message, after its file:line when it points into the project (a view's SQL). */
export function messageOf(error: unknown): string {
  if (error instanceof MercuriosError) {
    const where = error.location?.file
      ? formatLocation({
          file: error.location.file,
          ...(error.location.line ? { line: error.location.line } : {}),
        })
      : "";
    return where ? `${where}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
