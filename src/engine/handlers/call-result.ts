/**
 * The one-row result of CALL, shared by SQL and JavaScript procedures: a column named after the
 * procedure, typed by its RETURNS clause where the engine knows the type, else by the value's own.
 */

import type { HandlerOutput } from "../result.js";
import type { CellValue, ResultColumn } from "../types.js";
import type { SnowflakeType } from "../types-map.js";

export function callResult(
  procedureName: string,
  declared: SnowflakeType | null,
  column: ResultColumn | undefined,
  value: CellValue,
): HandlerOutput {
  return {
    kind: "CALL",
    columns: [
      {
        name: procedureName,
        type: declared?.type ?? column?.type ?? "text",
        sqlType: declared?.sqlType ?? column?.sqlType ?? "VARCHAR(16777216)",
        nullable: true,
        precision: declared?.precision ?? column?.precision ?? null,
        scale: declared?.scale ?? column?.scale ?? null,
        length: declared?.length ?? column?.length ?? null,
      },
    ],
    rows: [[value]],
    rowCount: 1,
  };
}
