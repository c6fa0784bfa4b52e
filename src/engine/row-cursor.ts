/**
 * Deferred query results: the rows stay in DuckDB's materialized (columnar) result and are shaped
 * into canonical cells one DuckDB chunk (about 2,048 rows) at a time, so a caller that streams a
 * large result on never holds all of it as JavaScript values.
 */
import type { DuckDBMaterializedResult, DuckDBValue } from "@duckdb/node-api";
import { toCell } from "./shape.js";
import type { CellValue, ResultColumn, RowCursor } from "./types.js";

/** A cursor over a materialized DuckDB result, shaped for `columns`. */
export function materializedCursor(result: DuckDBMaterializedResult, columns: ResultColumn[]): RowCursor {
  let held: DuckDBMaterializedResult | null = result;
  let chunkIndex = 0;
  return {
    rowCount: result.rowCount,
    async next() {
      if (held === null || chunkIndex >= held.chunkCount) {
        held = null;
        return null;
      }
      const rows = held.getChunk(chunkIndex++).getRows();
      const out: CellValue[][] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as DuckDBValue[];
        const cells: CellValue[] = new Array(row.length);
        for (let c = 0; c < row.length; c++)
          cells[c] = toCell(row[c] as DuckDBValue, columns[c] as ResultColumn);
        out[r] = cells;
      }
      return out;
    },
    close() {
      held = null;
    },
  };
}

/** A cursor over rows already in memory (catalog results, small results), in batches. */
export function arrayCursor(rows: readonly CellValue[][], batchSize = 2048): RowCursor {
  let at = 0;
  let held: readonly CellValue[][] | null = rows;
  return {
    rowCount: rows.length,
    async next() {
      if (held === null || at >= held.length) {
        held = null;
        return null;
      }
      const batch = held.slice(at, at + batchSize);
      at += batch.length;
      return batch;
    },
    close() {
      held = null;
    },
  };
}

/** Every row left in a cursor. */
export async function readAll(cursor: RowCursor): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  for (let batch = await cursor.next(); batch !== null; batch = await cursor.next()) {
    for (const row of batch) rows.push(row);
  }
  return rows;
}
