/**
 * Each database's INFORMATION_SCHEMA: DuckDB views over the engine's metadata tables, filtered to
 * that database, with Snowflake's column names and value conventions ('YES'/'NO', 'BASE TABLE',
 * DATA_TYPE without its arguments, TEXT for VARCHAR). Read-only; created with the database.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckSchemaName, quoteDuck } from "./identifiers.js";
import { type InstallStamps, stampOf } from "./install-stamp.js";
import { META_SCHEMA } from "./metadata.js";

/** The views every INFORMATION_SCHEMA has here, and their Snowflake column names. */
export const INFORMATION_SCHEMA_VIEWS: Record<string, (db: string) => string> = {
  TABLES: (db) => `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, name AS TABLE_NAME,
      owner AS TABLE_OWNER,
      CASE kind WHEN 'TABLE' THEN (CASE table_kind WHEN 'TEMPORARY' THEN 'TEMPORARY TABLE' ELSE 'BASE TABLE' END) ELSE kind END AS TABLE_TYPE,
      CASE WHEN table_kind = 'TRANSIENT' THEN 'YES' ELSE 'NO' END AS IS_TRANSIENT,
      cluster_by AS CLUSTERING_KEY, NULL::BIGINT AS ROW_COUNT, NULL::BIGINT AS BYTES, 1 AS RETENTION_TIME,
      created_on AS CREATED, created_on AS LAST_ALTERED, comment AS COMMENT
    FROM ${META_SCHEMA}.objects WHERE database_name = ${lit(db)} AND kind IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW')`,
  COLUMNS: (
    db,
  ) => `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, table_name AS TABLE_NAME,
      name AS COLUMN_NAME, ordinal AS ORDINAL_POSITION,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN NULL ELSE default_value END AS COLUMN_DEFAULT,
      CASE WHEN nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE,
      CASE regexp_replace(data_type, '\\(.*$', '') WHEN 'VARCHAR' THEN 'TEXT' ELSE regexp_replace(data_type, '\\(.*\\)$', '') END AS DATA_TYPE,
      CASE WHEN data_type LIKE 'VARCHAR(%' OR data_type LIKE 'BINARY(%' THEN TRY_CAST(regexp_extract(data_type, '\\((\\d+)\\)', 1) AS BIGINT) END AS CHARACTER_MAXIMUM_LENGTH,
      CASE WHEN data_type LIKE 'NUMBER(%' THEN TRY_CAST(regexp_extract(data_type, '\\((\\d+),', 1) AS BIGINT) END AS NUMERIC_PRECISION,
      CASE WHEN data_type LIKE 'NUMBER(%' THEN TRY_CAST(regexp_extract(data_type, ',(\\d+)\\)', 1) AS BIGINT) END AS NUMERIC_SCALE,
      CASE WHEN data_type LIKE 'NUMBER(%' THEN 10 END AS NUMERIC_PRECISION_RADIX,
      CASE WHEN data_type LIKE 'TIME%' THEN TRY_CAST(regexp_extract(data_type, '\\((\\d+)\\)', 1) AS BIGINT) END AS DATETIME_PRECISION,
      comment AS COMMENT,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN 'YES' ELSE 'NO' END AS IS_IDENTITY,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN 'BY DEFAULT' END AS IDENTITY_GENERATION,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN regexp_extract(default_value, 'START (-?\\d+)', 1) END AS IDENTITY_START,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN regexp_extract(default_value, 'INCREMENT (-?\\d+)', 1) END AS IDENTITY_INCREMENT,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN 'NO' END AS IDENTITY_CYCLE,
      CASE WHEN default_value LIKE 'AUTOINCREMENT %' THEN 'YES' END AS IDENTITY_ORDERED,
      data_type AS DATA_TYPE_ALIAS
    FROM ${META_SCHEMA}.columns c WHERE database_name = ${lit(db)}
      AND EXISTS (SELECT 1 FROM ${META_SCHEMA}.objects o WHERE o.database_name = c.database_name
        AND o.schema_name = c.schema_name AND o.name = c.table_name AND o.kind IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW'))`,
  SCHEMATA: (db) => `SELECT database_name AS CATALOG_NAME, name AS SCHEMA_NAME, owner AS SCHEMA_OWNER,
      CASE WHEN is_transient THEN 'YES' ELSE 'NO' END AS IS_TRANSIENT,
      CASE WHEN managed_access THEN 'YES' ELSE 'NO' END AS IS_MANAGED_ACCESS,
      retention_time AS RETENTION_TIME, created_on AS CREATED, created_on AS LAST_ALTERED, comment AS COMMENT
    FROM ${META_SCHEMA}.schemas WHERE database_name = ${lit(db)}`,
  VIEWS: (db) => `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, name AS TABLE_NAME,
      owner AS TABLE_OWNER, text AS VIEW_DEFINITION, 'NONE' AS CHECK_OPTION, 'NO' AS IS_UPDATABLE,
      'NO' AS INSERTABLE_INTO, CASE WHEN is_secure THEN 'YES' ELSE 'NO' END AS IS_SECURE,
      created_on AS CREATED, created_on AS LAST_ALTERED, comment AS COMMENT
    FROM ${META_SCHEMA}.objects WHERE database_name = ${lit(db)} AND kind IN ('VIEW', 'MATERIALIZED VIEW')`,
  SEQUENCES: (
    db,
  ) => `SELECT database_name AS SEQUENCE_CATALOG, schema_name AS SEQUENCE_SCHEMA, name AS SEQUENCE_NAME,
      owner AS SEQUENCE_OWNER, 'NUMBER' AS DATA_TYPE, TRY_CAST(json_extract_string(properties, '$.start') AS BIGINT) AS START_VALUE,
      TRY_CAST(json_extract_string(properties, '$.increment') AS BIGINT) AS INCREMENT, created_on AS CREATED, comment AS COMMENT
    FROM ${META_SCHEMA}.objects WHERE database_name = ${lit(db)} AND kind = 'SEQUENCE'`,
};

function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Creates (or re-creates) the INFORMATION_SCHEMA views of one database. */
export async function createInformationSchema(connection: DuckDBConnection, database: string): Promise<void> {
  const schema = quoteDuck(duckSchemaName(database, "INFORMATION_SCHEMA"));
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (const [name, body] of Object.entries(INFORMATION_SCHEMA_VIEWS)) {
    await connection.run(`CREATE OR REPLACE VIEW ${schema}.${quoteDuck(name)} AS ${body(database)}`);
  }
}

/**
 * Re-creates the INFORMATION_SCHEMA views at open, so files made by older versions get today's.
 * Skipped when the file's stamp says it holds today's views for these very databases (a database
 * added since, e.g. SNOWFLAKE by the catalog's first open, changes the stamp).
 */
export async function ensureInformationSchemas(
  connection: DuckDBConnection,
  databases: readonly string[],
  stamps: InstallStamps,
): Promise<void> {
  const stamp = stampOf(
    ...Object.entries(INFORMATION_SCHEMA_VIEWS).map(([name, body]) => `${name} AS ${body("<database>")}`),
    ...[...databases].sort(),
  );
  if (stamps.matches(INFORMATION_SCHEMAS, stamp)) return;
  for (const db of databases) await createInformationSchema(connection, db);
  await stamps.record(INFORMATION_SCHEMAS, stamp);
}

const INFORMATION_SCHEMAS = "information_schemas";
