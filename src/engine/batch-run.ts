/**
 * Runs a batch of binds (batch-binds.ts): one INSERT … SELECT when the statement allows it, else
 * the statement once per row with the counts summed, as Snowflake reports an array-bound DML.
 * The bound values reach DuckDB as one string per column, split and unnested in the statement: one
 * crossing into DuckDB per column instead of one per value.
 */
import { VARCHAR } from "./duckdb.js";
import {
  type BatchBinds,
  batchTemplate,
  packColumn,
  rowOf,
  stagedExpression,
  stagedInsert,
  stagedValue,
} from "./batch-binds.js";
import { prepareQuery } from "./handlers/query.js";
import { countsResult, type HandlerOutput } from "./result.js";
import type { Session } from "./session.js";
import type { BindValue } from "./types.js";

type RunRow = (binds: BindValue[] | Record<string, BindValue>) => Promise<HandlerOutput>;

const DML = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "DML"]);

export async function runBatch(
  session: Session,
  original: string,
  batch: BatchBinds,
  runRow: RunRow,
): Promise<HandlerOutput> {
  if (batch.rows === 0) return countsResult("INSERT", [["number of rows inserted", 0]]);
  const inserted = await insertAtOnce(session, original, batch);
  if (inserted !== null) return countsResult("INSERT", [["number of rows inserted", inserted]]);
  return runRowByRow(
    batch.columns.map((c) => ({ type: c.type, value: c.values })),
    runRow,
    batch,
  );
}

/** The batch as one statement; null when its shape or values need the row-by-row path. */
async function insertAtOnce(session: Session, original: string, batch: BatchBinds): Promise<number | null> {
  const template = batchTemplate(batch);
  if (!template) return null;
  const packed = batch.columns.map((column) =>
    packColumn(column.values.map((v) => stagedValue(column.type, v))),
  );
  if (packed.some((p) => p === null)) return null;
  const { cls, ctx } = session.statementContext(template.sql, original, false);
  if (cls !== "query") return null;
  const prepared = await prepareQuery(ctx);
  const unnest = packed
    .map((p, k) => `UNNEST(string_split($${k + 1}, chr(${p!.separator.charCodeAt(0)}))) AS c${k + 1}`)
    .join(", ");
  const expressions = batch.columns.map((column, k) => {
    const nullable = `NULLIF("__binds"."c${k + 1}", chr(${packed[k]!.nullMarker.charCodeAt(0)}))`;
    return stagedExpression(column.type, column.values, nullable);
  });
  const duckSql = stagedInsert(prepared, template.markers, `(SELECT ${unnest})`, expressions);
  if (duckSql === null) return null;
  try {
    const result = await session.connection.run(
      duckSql,
      packed.map((p) => p!.text),
      packed.map(() => VARCHAR),
    );
    return result.rowsChanged;
  } catch (error) {
    // The per-row path drops offsets from timestamps bound for TIMESTAMP_NTZ, as Snowflake does.
    if (/has a timestamp that is not UTC/i.test(error instanceof Error ? error.message : String(error)))
      return null;
    throw error;
  }
}

/** Runs the statement once per row of array binds; DML counts are summed, other results are the first. */
export async function runRowByRow(
  binds: BindValue[] | Record<string, BindValue>,
  runRow: RunRow,
  batch?: BatchBinds,
): Promise<HandlerOutput> {
  const entries = Object.entries(binds);
  const rows =
    batch?.rows ?? Math.max(0, ...entries.map(([, b]) => (Array.isArray(b.value) ? b.value.length : 1)));
  const rowBinds = (row: number): BindValue[] | Record<string, BindValue> => {
    if (batch) return rowOf(batch, row);
    const pick = (bind: BindValue): BindValue => ({
      type: bind.type,
      value: Array.isArray(bind.value) ? (bind.value[row] ?? null) : bind.value,
    });
    return Array.isArray(binds) ? binds.map(pick) : Object.fromEntries(entries.map(([k, b]) => [k, pick(b)]));
  };
  let first: HandlerOutput | undefined;
  let counts: bigint[] = [];
  for (let row = 0; row < rows; row++) {
    const output = await runRow(rowBinds(row));
    first ??= output;
    if (!DML.has(output.kind)) continue;
    const cells = output.rows[0] ?? [];
    counts = cells.map((cell, i) => (counts[i] ?? 0n) + BigInt(String(cell ?? 0)));
  }
  if (!first) return countsResult("INSERT", [["number of rows inserted", 0]]);
  if (!DML.has(first.kind)) return first;
  const total = counts.reduce((sum, count) => sum + count, 0n);
  return { ...first, rows: [counts.map((count) => count.toString())], rowCount: Number(total) };
}
