/**
 * SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY and WAREHOUSE_METERING_HISTORY: real DuckDB tables in the
 * engine file, registered in the core's metadata (README.md of the engine) like any table, and
 * refreshed from the catalog's query log and warehouse runs just before a query reads them.
 * SCHEMATA and TABLES are DuckDB views over the core's metadata (account-usage-objects.ts).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckSchemaName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { OBJECT_USAGE_VIEWS } from "./account-usage-objects.js";
import type { CatalogEnv } from "./context.js";
import { allRuns } from "./metering.js";
import type { WarehouseRun } from "./model.js";
import { creditsPerHour } from "./sizes.js";

const DATABASE = "SNOWFLAKE";
const SCHEMA = "ACCOUNT_USAGE";

interface UsageColumn {
  name: string;
  snowflake: string;
  duck: string;
}

const col = (name: string, snowflake: string, duck: string): UsageColumn => ({ name, snowflake, duck });
const TEXT = ["VARCHAR(16777216)", "VARCHAR"] as const;
const INT = ["NUMBER(38,0)", "BIGINT"] as const;
const CREDITS = ["NUMBER(38,9)", "DECIMAL(38,9)"] as const;
const TIME = ["TIMESTAMP_LTZ(6)", "TIMESTAMPTZ"] as const;

const TABLES: Record<string, UsageColumn[]> = {
  QUERY_HISTORY: [
    col("QUERY_ID", ...TEXT),
    col("QUERY_TEXT", ...TEXT),
    col("DATABASE_NAME", ...TEXT),
    col("SCHEMA_NAME", ...TEXT),
    col("QUERY_TYPE", ...TEXT),
    col("SESSION_ID", ...TEXT),
    col("USER_NAME", ...TEXT),
    col("ROLE_NAME", ...TEXT),
    col("WAREHOUSE_NAME", ...TEXT),
    col("WAREHOUSE_SIZE", ...TEXT),
    col("WAREHOUSE_TYPE", ...TEXT),
    col("QUERY_TAG", ...TEXT),
    col("EXECUTION_STATUS", ...TEXT),
    col("ERROR_CODE", ...TEXT),
    col("ERROR_MESSAGE", ...TEXT),
    col("START_TIME", ...TIME),
    col("END_TIME", ...TIME),
    col("TOTAL_ELAPSED_TIME", ...INT),
    col("ROWS_PRODUCED", ...INT),
    col("CREDITS_USED_CLOUD_SERVICES", ...CREDITS),
  ],
  WAREHOUSE_METERING_HISTORY: [
    col("START_TIME", ...TIME),
    col("END_TIME", ...TIME),
    col("WAREHOUSE_ID", ...INT),
    col("WAREHOUSE_NAME", ...TEXT),
    col("CREDITS_USED", ...CREDITS),
    col("CREDITS_USED_COMPUTE", ...CREDITS),
    col("CREDITS_USED_CLOUD_SERVICES", ...CREDITS),
    col("CREDITS_ATTRIBUTED_COMPUTE_QUERIES", ...CREDITS),
  ],
};

const str = (s: string | null) => (s === null ? "NULL" : `'${s.replace(/'/g, "''")}'`);

function relation(table: string): string {
  return `${quoteDuck(duckSchemaName(DATABASE, SCHEMA))}.${quoteDuck(table)}`;
}

/** Registers one ACCOUNT_USAGE relation and its columns in the core's metadata. */
async function register(
  conn: DuckDBConnection,
  name: string,
  kind: "VIEW",
  columns: readonly { name: string; snowflake: string }[],
): Promise<void> {
  await conn.run(
    `INSERT INTO ${META_SCHEMA}.objects (database_name, schema_name, name, kind, duck_name, table_kind, is_secure, text, comment, cluster_by, owner, properties) VALUES ('${DATABASE}', '${SCHEMA}', '${name}', '${kind}', '${name}', NULL, false, NULL, NULL, NULL, NULL, NULL)`,
  );
  const values = columns
    .map(
      (c, i) =>
        `('${DATABASE}', '${SCHEMA}', '${name}', '${c.name}', ${i + 1}, '${c.snowflake}', true, NULL, NULL)`,
    )
    .join(", ");
  await conn.run(
    `INSERT INTO ${META_SCHEMA}.columns (database_name, schema_name, table_name, name, ordinal, data_type, nullable, default_value, comment) VALUES ${values}`,
  );
}

/**
 * Creates the ACCOUNT_USAGE relations and their metadata that the file lacks (all of them in a new
 * file, the ones added since in an older file); returns true when it created any.
 */
export async function installAccountUsage(conn: DuckDBConnection): Promise<boolean> {
  const present = await conn.runAndReadAll(
    `SELECT name FROM ${META_SCHEMA}.objects WHERE database_name = '${DATABASE}' AND schema_name = '${SCHEMA}'`,
  );
  const have = new Set(present.getRows().map((r) => String(r[0])));
  const missingTables = Object.keys(TABLES).filter((t) => !have.has(t));
  const missingViews = OBJECT_USAGE_VIEWS.filter((v) => !have.has(v.name));
  if (missingTables.length === 0 && missingViews.length === 0) return false;
  const duckSchema = duckSchemaName(DATABASE, SCHEMA);
  if (have.size === 0) {
    await conn.run(
      `INSERT INTO ${META_SCHEMA}.databases (name, kind, comment, owner, retention_time) VALUES ('${DATABASE}', 'STANDARD', NULL, NULL, 1)`,
    );
    await conn.run(
      `INSERT INTO ${META_SCHEMA}.schemas (database_name, name, duck_schema, is_transient, managed_access, comment, owner, retention_time) VALUES ('${DATABASE}', '${SCHEMA}', ${str(duckSchema)}, false, false, NULL, NULL, 1)`,
    );
    await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteDuck(duckSchema)}`);
  }
  for (const table of missingTables) {
    const columns = TABLES[table] as UsageColumn[];
    await conn.run(
      `CREATE TABLE IF NOT EXISTS ${relation(table)} (${columns.map((c) => `${quoteDuck(c.name)} ${c.duck}`).join(", ")})`,
    );
    await register(conn, table, "VIEW", columns);
  }
  for (const view of missingViews) {
    await conn.run(`CREATE OR REPLACE VIEW ${relation(view.name)} AS ${view.sql}`);
    await register(conn, view.name, "VIEW", view.columns);
  }
  return true;
}

/** Splits a run into hourly slices with their credits (the 60-second minimum lands in the first). */
export function hourlyCredits(run: WarehouseRun): { hour: number; credits: number }[] {
  const perSecond = (creditsPerHour(run.size) * run.clusters) / 3600;
  const out: { hour: number; credits: number }[] = [];
  const duration = (run.end - run.start) / 1000;
  const minimumExtra = run.minimum ? Math.max(0, 60 - duration) : 0;
  let cursor = run.start;
  let first = true;
  while (cursor < run.end || first) {
    const hour = Math.floor(cursor / 3_600_000) * 3_600_000;
    const sliceEnd = Math.min(run.end, hour + 3_600_000);
    const seconds = Math.max(0, (sliceEnd - cursor) / 1000) + (first ? minimumExtra : 0);
    out.push({ hour, credits: seconds * perSecond });
    first = false;
    if (sliceEnd <= cursor) break;
    cursor = sliceEnd;
  }
  return out;
}

const iso = (ms: number) => `'${new Date(ms).toISOString()}'::TIMESTAMPTZ`;

/** Rewrites both tables from the query log and the warehouse runs up to now. */
export async function refreshAccountUsage(env: CatalogEnv, conn: DuckDBConnection): Promise<void> {
  await env.store.flush();
  await conn.run(`DELETE FROM ${relation("QUERY_HISTORY")}`);
  await conn.run(`DELETE FROM ${relation("WAREHOUSE_METERING_HISTORY")}`);
  const queries = env.store.queries;
  for (let i = 0; i < queries.length; i += 500) {
    const rows = queries
      .slice(i, i + 500)
      .map((q) =>
        [
          str(q.queryId),
          str(q.queryText),
          str(q.databaseName),
          str(q.schemaName),
          str(q.queryType),
          str(q.sessionId),
          str(q.userName),
          str(q.roleName),
          str(q.warehouseName),
          str(q.warehouseSize),
          q.warehouseName ? "'STANDARD'" : "NULL",
          str(q.queryTag),
          str(q.executionStatus),
          str(q.errorCode),
          str(q.errorMessage),
          iso(q.startTime),
          iso(q.endTime),
          String(Math.round(q.endTime - q.startTime)),
          String(q.rowsProduced),
          "0",
        ].join(", "),
      );
    await conn.run(`INSERT INTO ${relation("QUERY_HISTORY")} VALUES ${rows.map((r) => `(${r})`).join(", ")}`);
  }
  const buckets = new Map<string, { warehouse: string; hour: number; credits: number }>();
  for (const run of allRuns(env)) {
    for (const slice of hourlyCredits(run)) {
      const key = `${run.warehouse}\u0000${slice.hour}`;
      const b = buckets.get(key) ?? { warehouse: run.warehouse, hour: slice.hour, credits: 0 };
      b.credits += slice.credits;
      buckets.set(key, b);
    }
  }
  const ids = new Map([...env.store.warehouses.values()].map((w) => [w.name, w.createdOn]));
  const rows = [...buckets.values()]
    .sort((x, y) => x.hour - y.hour || (x.warehouse < y.warehouse ? -1 : 1))
    .map((b) => {
      const credits = b.credits.toFixed(9);
      return `(${iso(b.hour)}, ${iso(b.hour + 3_600_000)}, ${ids.get(b.warehouse) ?? 0}, ${str(b.warehouse)}, ${credits}, ${credits}, 0, ${credits})`;
    });
  if (rows.length > 0)
    await conn.run(`INSERT INTO ${relation("WAREHOUSE_METERING_HISTORY")} VALUES ${rows.join(", ")}`);
}

/** True when a query reads ACCOUNT_USAGE (so it needs a refresh first). */
export function readsAccountUsage(sql: string): boolean {
  return /\bACCOUNT_USAGE\b/i.test(sql);
}
