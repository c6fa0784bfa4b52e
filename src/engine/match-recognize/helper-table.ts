/**
 * The matched rows as a temporary DuckDB table the rewritten statement joins, filled with
 * DuckDB's appender: the statement's text names it by a reserved name (result-scan.ts), so the
 * text stays the same from run to run (its translation is cached) whatever the rows are.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteDuck } from "../identifiers.js";
import { reservedTableName, type ScanTables } from "../result-scan.js";

/** A helper column: its name (upper-case, so the same in Snowflake and DuckDB) and DuckDB type. */
export interface HelperColumn {
  name: string;
  type: "BIGINT" | "VARCHAR" | "BOOLEAN";
}

/** The helper table's cells: numbers, strings, booleans or NULL. */
export type HelperCell = number | string | boolean | null;

/**
 * Creates (or replaces) the statement's `ordinal`-th helper table, fills it, records it in `tables`
 * and returns the Snowflake name the statement reads it by.
 */
export async function storeHelperTable(
  connection: DuckDBConnection,
  tables: ScanTables,
  columns: HelperColumn[],
  rows: HelperCell[][],
): Promise<string> {
  const ordinal = tables.size + 1;
  const table = `_mercurios_match_${ordinal}`;
  const definitions = columns.map((c) => `${quoteDuck(c.name)} ${c.type}`).join(", ");
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteDuck(table)} (${definitions})`);
  const appender = await connection.createAppender(table, "main", "temp");
  for (const row of rows) {
    columns.forEach((c, i) => {
      const cell = row[i] ?? null;
      if (cell === null) appender.appendNull();
      else if (c.type === "BIGINT") appender.appendBigInt(BigInt(cell as number));
      else if (c.type === "BOOLEAN") appender.appendBoolean(cell as boolean);
      else appender.appendVarchar(String(cell));
    });
    appender.endRow();
  }
  appender.closeSync();
  const name = reservedTableName(`MATCH_RECOGNIZE_${ordinal}`);
  tables.set(name.duck, { table, columns: [] });
  return name.snowflake;
}
