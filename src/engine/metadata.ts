/**
 * The engine's metadata tables, in DuckDB schema `_mercurios` of the same file. They map Snowflake
 * names to DuckDB names and keep what DuckDB cannot: quoted-name case, declared Snowflake types,
 * comments, original view text, table kinds. SHOW / DESCRIBE / INFORMATION_SCHEMA read them.
 * Documented in src/engine/README.md; keep the two in step.
 */

export const META_SCHEMA = "_mercurios";

export const METADATA_DDL: readonly string[] = [
  `CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.databases (
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'STANDARD',
    comment VARCHAR,
    owner VARCHAR,
    retention_time INTEGER NOT NULL DEFAULT 1,
    created_on TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    default_ddl_collation VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.schemas (
    database_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    duck_schema VARCHAR NOT NULL,
    is_transient BOOLEAN NOT NULL DEFAULT false,
    managed_access BOOLEAN NOT NULL DEFAULT false,
    comment VARCHAR,
    owner VARCHAR,
    retention_time INTEGER NOT NULL DEFAULT 1,
    created_on TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    default_ddl_collation VARCHAR
  )`,
  // DEFAULT_DDL_COLLATION (default-collation.ts) came after the first files: added to theirs.
  `ALTER TABLE ${META_SCHEMA}.databases ADD COLUMN IF NOT EXISTS default_ddl_collation VARCHAR`,
  `ALTER TABLE ${META_SCHEMA}.schemas ADD COLUMN IF NOT EXISTS default_ddl_collation VARCHAR`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.objects (
    database_name VARCHAR NOT NULL,
    schema_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    duck_name VARCHAR,
    table_kind VARCHAR,
    is_secure BOOLEAN NOT NULL DEFAULT false,
    text VARCHAR,
    comment VARCHAR,
    cluster_by VARCHAR,
    owner VARCHAR,
    properties JSON,
    created_on TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  )`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.columns (
    database_name VARCHAR NOT NULL,
    schema_name VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    data_type VARCHAR NOT NULL,
    nullable BOOLEAN NOT NULL DEFAULT true,
    default_value VARCHAR,
    comment VARCHAR
  )`,
  // Databases and schemas dropped (or replaced) while their Time Travel retention lasts, for
  // SHOW DATABASES / SCHEMAS HISTORY; kind is DATABASE or SCHEMA (name = database_name for a database).
  // A database's schemas go with it; a schema dropped on its own keeps its DuckDB schema and its
  // objects' rows (dropped_objects / dropped_columns, keyed by dropped_on) for UNDROP SCHEMA.
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.dropped (
    kind VARCHAR NOT NULL,
    database_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    is_transient BOOLEAN NOT NULL DEFAULT false,
    managed_access BOOLEAN NOT NULL DEFAULT false,
    comment VARCHAR,
    owner VARCHAR,
    retention_time INTEGER NOT NULL DEFAULT 1,
    created_on TIMESTAMPTZ NOT NULL,
    dropped_on TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  )`,
  // The objects and columns of a schema dropped on its own, as they were in objects / columns, with
  // the schema's dropped_on (handlers/undrop-schema.ts). Re-creating the schema discards them.
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.dropped_objects AS
    SELECT *, current_timestamp AS dropped_on FROM ${META_SCHEMA}.objects WHERE false`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.dropped_columns AS
    SELECT *, current_timestamp AS dropped_on FROM ${META_SCHEMA}.columns WHERE false`,
  // What the engine installed in this file at its last open (install-stamp.ts): "functions" is the
  // digest of the Snowflake function macros, so an unchanged set is not written again on each open.
  // Time Travel (time-travel/history.ts, docs/decisions/016-time-travel.md): one row per DML
  // statement on a table (seq orders them, happened_at is DuckDB's statement time) and, in schema
  // _mercurios_history, one table of row images per data table. kind is DML, or RESET where the
  // history before the statement was discarded (MERGE, TRUNCATE, a column change).
  `CREATE SEQUENCE IF NOT EXISTS ${META_SCHEMA}.tt_seq`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.tt_statements (
    seq BIGINT NOT NULL,
    history VARCHAR NOT NULL,
    query_id VARCHAR,
    kind VARCHAR NOT NULL,
    happened_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE SCHEMA IF NOT EXISTS _mercurios_history`,
  `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.installed (
    what VARCHAR PRIMARY KEY,
    stamp VARCHAR NOT NULL
  )`,
];

/** Object kinds recorded in `_mercurios.objects.kind`. */
export type ObjectKind =
  | "TABLE"
  | "VIEW"
  | "MATERIALIZED VIEW"
  | "SEQUENCE"
  | "FILE FORMAT"
  | "STAGE"
  | "PROCEDURE"
  | "FUNCTION"
  | "STREAM";

/** Relation kinds: the ones that live in DuckDB as a table or view. */
export const RELATION_KINDS: readonly ObjectKind[] = ["TABLE", "VIEW", "MATERIALIZED VIEW"];
