/**
 * The rows a JavaScript table function's handler wrote (udtf-partitions.ts) as a temporary table the
 * rewritten statement reads by a reserved name: sequence, input row number, whether finalize()
 * wrote the row, and each RETURNS TABLE column cast to its declared type as the function's macro
 * casts it (udf-macro.ts), so both ways of running a handler give the same values.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteDuck } from "../identifiers.js";
import { type HelperCell, storeHelperTable } from "../match-recognize/helper-table.js";
import type { ScanTables } from "../result-scan.js";
import { parseSnowflakeType } from "../types-map.js";
import type { JavascriptTableFunctionInfo, WrittenRow } from "./udtf-partitions.js";

/** Stores `rows` for `fn`; answers the Snowflake name the statement reads them by. */
export async function storeWrittenRows(
  connection: DuckDBConnection,
  tables: ScanTables,
  fn: JavascriptTableFunctionInfo,
  rows: WrittenRow[],
): Promise<string> {
  const outputs = fn.columns.map((_, i) => `MERC_O${i + 1}`);
  const name = await storeHelperTable(
    connection,
    tables,
    [
      { name: "MERC_SEQ", type: "BIGINT" },
      { name: "MERC_RN", type: "BIGINT" },
      { name: "MERC_FIN", type: "BOOLEAN" },
      ...outputs.map((o) => ({ name: o, type: "VARCHAR" as const })),
    ],
    rows.map((row): HelperCell[] => [row.seq, row.inputRow, row.fromFinalize, ...row.cells]),
  );
  const table = [...tables.values()].at(-1)?.table as string;
  for (const [i, column] of fn.columns.entries()) {
    const duckType = parseSnowflakeType(column.type)?.duckType ?? "VARCHAR";
    const output = quoteDuck(outputs[i] as string);
    await connection.run(
      `ALTER TABLE temp.main.${quoteDuck(table)} ALTER ${output} TYPE ${duckType} USING (${fn.columnCast(i, output)})`,
    );
  }
  return name;
}
