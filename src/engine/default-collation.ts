/**
 * DEFAULT_DDL_COLLATION (docs: sql-reference/parameters, collation): kept on databases and schemas
 * (metadata columns `default_ddl_collation`) and tables (their `defaultDdlCollation` property). A
 * schema's own value wins over its database's, a table's over its schema's; NULL means unset
 * (inherit), '' means no collation.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseCollationSpec } from "./collation/spec.js";
import { SnowflakeError } from "./errors.js";
import { META_SCHEMA } from "./metadata.js";

/** A DEFAULT_DDL_COLLATION value, validated as a column COLLATE is when it is set. */
export function checkedDefaultCollation(spec: string): string {
  if (spec !== "") parseCollationSpec(spec);
  return spec;
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The schema's effective DEFAULT_DDL_COLLATION (its own, else its database's); null when neither is set. */
export async function schemaDefaultCollation(
  connection: DuckDBConnection,
  database: string,
  schema: string,
): Promise<string | null> {
  const reader = await connection.runAndReadAll(
    `SELECT coalesce(s.default_ddl_collation, d.default_ddl_collation) FROM ${META_SCHEMA}.schemas s LEFT JOIN ${META_SCHEMA}.databases d ON d.name = s.database_name WHERE s.database_name = ${sqlString(database)} AND s.name = ${sqlString(schema)}`,
  );
  const value = reader.getRows()[0]?.[0];
  return value === null || value === undefined ? null : String(value);
}

/** A column the default collation was given to, or one written with COLLATE, by name and key role. */
export interface CollatedColumn {
  name: string;
  /** The column's collation, as stored; absent for none. */
  collation: string | undefined;
}

/**
 * The create-hybrid-table page: a hybrid table's primary key and INDEX columns cannot be collated,
 * whether the collation was written or comes from DEFAULT_DDL_COLLATION.
 */
export function refuseCollatedKeys(columns: CollatedColumn[], keyColumns: Iterable<string>): void {
  const keys = new Set(keyColumns);
  if (columns.some((col) => col.collation !== undefined && keys.has(col.name)))
    throw new SnowflakeError(
      "391464",
      "0A000",
      "SQL compilation error: Collations are not supported on primary keys or indexed columns.",
    );
}
