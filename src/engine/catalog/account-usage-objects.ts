/**
 * SNOWFLAKE.ACCOUNT_USAGE.SCHEMATA and TABLES: DuckDB views over the core's metadata tables, so
 * they are current without a refresh, and list dropped versions (DELETED set) as well as live ones.
 * Columns as the SCHEMATA and TABLES account-usage pages list them (szeno/snowflake-docs b5c216b).
 *
 * Ids: a version of an object (its database, schema, name and creation time) gets a stable number,
 * a hash of those, so the same version keeps its id from one query to the next and a re-created
 * object gets a new one. Row counts and bytes are NULL (as in INFORMATION_SCHEMA.TABLES here);
 * what the views cannot know (character sets, typed-table columns, archive tiers) is NULL too.
 */
import { META_SCHEMA } from "../metadata.js";

export interface ObjectUsageColumn {
  name: string;
  snowflake: string;
  duck: string;
}

const TEXT = ["VARCHAR(16777216)", "VARCHAR"] as const;
const INT = ["NUMBER(38,0)", "BIGINT"] as const;
const TIME = ["TIMESTAMP_LTZ(6)", "TIMESTAMPTZ"] as const;
const OBJECT = ["OBJECT", "JSON"] as const;
const col = (name: string, types: readonly [string, string]): ObjectUsageColumn => ({
  name,
  snowflake: types[0],
  duck: types[1],
});

/** An id of a version of an object: a hash of its identifying values, within NUMBER's safe range. */
const versionId = (...values: string[]) => `(hash(${values.join(", ")}) % 9007199254740991)::BIGINT`;
const yesNo = (condition: string) => `CASE WHEN ${condition} THEN 'YES' ELSE 'NO' END`;

const SCHEMATA_COLUMNS: [ObjectUsageColumn, string][] = [
  [col("SCHEMA_ID", INT), versionId("database_name", "name", "created_on")],
  [col("SCHEMA_NAME", TEXT), "name"],
  [col("CATALOG_ID", INT), "catalog_id"],
  [col("CATALOG_NAME", TEXT), "database_name"],
  [col("SCHEMA_OWNER", TEXT), "owner"],
  [col("RETENTION_TIME", INT), "retention_time"],
  [col("IS_TRANSIENT", TEXT), yesNo("is_transient")],
  [col("IS_MANAGED_ACCESS", TEXT), yesNo("managed_access")],
  [col("DEFAULT_CHARACTER_SET_CATALOG", TEXT), "NULL"],
  [col("DEFAULT_CHARACTER_SET_SCHEMA", TEXT), "NULL"],
  [col("DEFAULT_CHARACTER_SET_NAME", TEXT), "NULL"],
  [col("SQL_PATH", TEXT), "NULL"],
  [col("COMMENT", TEXT), "comment"],
  [col("CREATED", TIME), "created_on"],
  [col("LAST_ALTERED", TIME), "coalesce(deleted, created_on)"],
  [col("DELETED", TIME), "deleted"],
  [col("SCHEMA_TYPE", TEXT), "'STANDARD'"],
  // A deleted object has no owner role, so no owner role type (the page).
  [col("OWNER_ROLE_TYPE", TEXT), "CASE WHEN deleted IS NULL AND owner IS NOT NULL THEN 'ROLE' END"],
  [col("VERSION_NAME", TEXT), "NULL"],
  [col("VERSIONED_SCHEMA_ID", INT), "NULL"],
  [col("OBJECT_VISIBILITY", OBJECT), "NULL"],
];

const TABLE_COLUMNS: [ObjectUsageColumn, string][] = [
  [col("TABLE_ID", INT), versionId("database_name", "schema_name", "name", "created_on")],
  [col("TABLE_NAME", TEXT), "name"],
  [col("TABLE_SCHEMA_ID", INT), "schema_id"],
  [col("TABLE_SCHEMA", TEXT), "schema_name"],
  [col("TABLE_CATALOG_ID", INT), "catalog_id"],
  [col("TABLE_CATALOG", TEXT), "database_name"],
  [col("TABLE_OWNER", TEXT), "owner"],
  [
    col("TABLE_TYPE", TEXT),
    "CASE WHEN kind = 'TABLE' THEN (CASE table_kind WHEN 'TEMPORARY' THEN 'TEMPORARY TABLE' ELSE 'BASE TABLE' END) ELSE kind END",
  ],
  [col("IS_TRANSIENT", TEXT), yesNo("table_kind = 'TRANSIENT'")],
  [col("CLUSTERING_KEY", TEXT), "cluster_by"],
  [col("ROW_COUNT", INT), "NULL"],
  [col("BYTES", INT), "NULL"],
  [
    col("RETENTION_TIME", INT),
    "coalesce(TRY_CAST(json_extract_string(properties, '$.retentionTime') AS BIGINT), CASE WHEN table_kind = 'TRANSIENT' THEN 0 ELSE 1 END)",
  ],
  ...[
    "SELF_REFERENCING_COLUMN_NAME",
    "REFERENCE_GENERATION",
    "USER_DEFINED_TYPE_CATALOG",
    "USER_DEFINED_TYPE_SCHEMA",
    "USER_DEFINED_TYPE_NAME",
    "IS_INSERTABLE_INTO",
    "IS_TYPED",
    "COMMIT_ACTION",
  ].map((name): [ObjectUsageColumn, string] => [col(name, TEXT), "NULL"]),
  [col("CREATED", TIME), "created_on"],
  [col("LAST_ALTERED", TIME), "coalesce(deleted, created_on)"],
  [col("LAST_DDL", TIME), "coalesce(deleted, created_on)"],
  [col("LAST_DDL_BY", TEXT), "NULL"],
  [col("DELETED", TIME), "deleted"],
  [col("AUTO_CLUSTERING_ON", TEXT), "CASE WHEN cluster_by IS NULL THEN 'OFF' ELSE 'ON' END"],
  [col("COMMENT", TEXT), "comment"],
  [col("OWNER_ROLE_TYPE", TEXT), "CASE WHEN deleted IS NULL AND owner IS NOT NULL THEN 'ROLE' END"],
  [col("INSTANCE_ID", INT), "NULL"],
  [col("IS_ICEBERG", TEXT), "'NO'"],
  [col("IS_DYNAMIC", TEXT), "'NO'"],
  [col("IS_HYBRID", TEXT), yesNo("table_kind = 'HYBRID'")],
  [col("ARCHIVE_STORAGE_COOL_ROW_COUNT", INT), "NULL"],
  [col("ARCHIVE_STORAGE_COOL_BYTES", INT), "NULL"],
  [col("ARCHIVE_STORAGE_COLD_ROW_COUNT", INT), "NULL"],
  [col("ARCHIVE_STORAGE_COLD_BYTES", INT), "NULL"],
];

const select = (columns: [ObjectUsageColumn, string][]) =>
  columns.map(([c, expression]) => `${expression}::${c.duck} AS "${c.name}"`).join(", ");

const catalogId = `(SELECT ${versionId("d.name", "d.created_on")} FROM ${META_SCHEMA}.databases d WHERE d.name = database_name)`;
const schemaId = `(SELECT ${versionId("s.database_name", "s.name", "s.created_on")} FROM ${META_SCHEMA}.schemas s WHERE s.database_name = o.database_name AND s.name = o.schema_name)`;

/** Every schema version but ACCOUNT_USAGE and INFORMATION_SCHEMA (the page), live then dropped. */
const SCHEMATA_SQL = `SELECT ${select(SCHEMATA_COLUMNS)} FROM (
  SELECT database_name, name, owner, retention_time, is_transient, managed_access, comment, created_on,
    NULL::TIMESTAMPTZ AS deleted FROM ${META_SCHEMA}.schemas
  UNION ALL
  SELECT database_name, name, owner, retention_time, is_transient, managed_access, comment, created_on,
    dropped_on FROM ${META_SCHEMA}.dropped WHERE kind = 'SCHEMA'
) WITH_CATALOG(database_name, name, owner, retention_time, is_transient, managed_access, comment, created_on, deleted)
  CROSS JOIN LATERAL (SELECT ${catalogId} AS catalog_id)
  WHERE name NOT IN ('ACCOUNT_USAGE', 'INFORMATION_SCHEMA')`;

/**
 * Every table and view version: live ones, tables dropped on their own (DROPPED TABLE tombstones,
 * their drop time in properties) and the tables and views of a schema dropped on its own.
 */
const TABLES_SQL = `SELECT ${select(TABLE_COLUMNS)} FROM (
  SELECT o.*, ${schemaId} AS schema_id FROM (
    SELECT database_name, schema_name, name, kind, table_kind, cluster_by, owner, comment, properties, created_on,
      NULL::TIMESTAMPTZ AS deleted
      FROM ${META_SCHEMA}.objects WHERE kind IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW')
    UNION ALL
    SELECT database_name, schema_name, name, 'TABLE', table_kind, cluster_by, owner, comment, properties, created_on,
      coalesce(to_timestamp(TRY_CAST(json_extract_string(properties, '$.droppedOn') AS BIGINT) / 1000), created_on)
      FROM ${META_SCHEMA}.objects WHERE kind = 'DROPPED TABLE'
    UNION ALL
    SELECT database_name, schema_name, name, CASE kind WHEN 'DROPPED TABLE' THEN 'TABLE' ELSE kind END, table_kind,
      cluster_by, owner, comment, properties, created_on, dropped_on
      FROM ${META_SCHEMA}.dropped_objects WHERE kind IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW', 'DROPPED TABLE')
  ) o
) CROSS JOIN LATERAL (SELECT ${catalogId} AS catalog_id)
  WHERE schema_name NOT IN ('ACCOUNT_USAGE', 'INFORMATION_SCHEMA')`;

/** The views' names, their columns (for the core's metadata) and their DuckDB definitions. */
export const OBJECT_USAGE_VIEWS: readonly { name: string; columns: ObjectUsageColumn[]; sql: string }[] = [
  { name: "SCHEMATA", columns: SCHEMATA_COLUMNS.map(([c]) => c), sql: SCHEMATA_SQL },
  { name: "TABLES", columns: TABLE_COLUMNS.map(([c]) => c), sql: TABLES_SQL },
];
