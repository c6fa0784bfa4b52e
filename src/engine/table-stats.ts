/**
 * SHOW TABLES' `rows` and `bytes` for a table, read from DuckDB. `rows` is the exact row count.
 * `bytes` is an estimate of the table's uncompressed data: each fixed-width column at its DuckDB
 * storage width per row, each text / binary / semi-structured column at the byte length of its
 * values. Snowflake reports the compressed size of its micro-partitions, so the figures differ in
 * size but agree in kind: 0 for an empty table, growing with the data.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckSchemaName, encodeName, quoteDuck } from "./identifiers.js";

export interface TableStats {
  rows: number;
  bytes: number;
}

/** Bytes per value of DuckDB's fixed-width types; other types are measured by their text's length. */
function fixedWidth(duckType: string): number | null {
  const type = duckType.toUpperCase();
  const decimal = /^DECIMAL\((\d+)/.exec(type);
  if (decimal) {
    const precision = Number(decimal[1]);
    return precision <= 4 ? 2 : precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
  }
  if (type === "BOOLEAN" || type === "TINYINT" || type === "UTINYINT") return 1;
  if (type === "SMALLINT" || type === "USMALLINT") return 2;
  if (["INTEGER", "UINTEGER", "DATE", "FLOAT"].includes(type)) return 4;
  if (["BIGINT", "UBIGINT", "DOUBLE", "TIME", "TIME WITH TIME ZONE"].includes(type)) return 8;
  if (type.startsWith("TIMESTAMP")) return 8;
  if (["HUGEINT", "UHUGEINT", "UUID", "INTERVAL"].includes(type)) return 16;
  return null;
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Row count and byte estimate of one stored table (names are stored Snowflake names). */
export async function tableStats(
  connection: DuckDBConnection,
  database: string,
  schema: string,
  table: string,
): Promise<TableStats> {
  const duckSchema = duckSchemaName(database, schema);
  const duckTable = encodeName(table);
  const described = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ${literal(duckSchema)} AND table_name = ${literal(duckTable)} ORDER BY column_index`,
  );
  let fixedPerRow = 0;
  const measured: string[] = [];
  for (const [name, type] of described.getRows()) {
    const width = fixedWidth(String(type));
    if (width !== null) fixedPerRow += width;
    else if (String(type) === "BLOB")
      measured.push(`coalesce(sum(octet_length(${quoteDuck(String(name))})), 0)`);
    else measured.push(`coalesce(sum(strlen(CAST(${quoteDuck(String(name))} AS VARCHAR))), 0)`);
  }
  const result = await connection.runAndReadAll(
    `SELECT count(*)${measured.map((m) => `, ${m}`).join("")} FROM ${quoteDuck(duckSchema)}.${quoteDuck(duckTable)}`,
  );
  const row = result.getRows()[0] ?? [0];
  const rows = Number(row[0]);
  const variable = row.slice(1).reduce<number>((sum, v) => sum + Number(v), 0);
  return { rows, bytes: rows * fixedPerRow + variable };
}
