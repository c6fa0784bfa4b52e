/** Helpers for the engine core's tests: a real in-memory engine and display-formatted results. */
import {
  displayValue,
  type Engine,
  type EngineSession,
  openEngine,
  type StatementResult,
} from "../../src/engine/index.js";

export interface Shown {
  columns: string[];
  types: string[];
  rows: (string | null)[][];
}

/** A result as `mercurios sql` shows it: names, SQL types, display strings. */
export function show(result: StatementResult): Shown {
  return {
    columns: result.columns.map((c) => c.name),
    types: result.columns.map((c) => c.sqlType),
    rows: result.rows.map((row) =>
      row.map((cell, i) => displayValue(cell, result.columns[i] ?? { type: "text", scale: null })),
    ),
  };
}

/** Opens an in-memory engine and a session positioned in a fresh database. */
export async function freshSession(
  database = "TEST_DB",
): Promise<{ engine: Engine; session: EngineSession }> {
  const engine = await openEngine({ path: ":memory:" });
  const session = await engine.openSession();
  await session.execute(`create database ${database}`);
  return { engine, session };
}

/** Runs one statement and returns its displayed rows. */
export async function rows(session: EngineSession, sql: string): Promise<(string | null)[][]> {
  return show(await session.execute(sql)).rows;
}

/** The error a statement throws (fails the test when it succeeds). */
export async function failure(
  session: EngineSession,
  sql: string,
): Promise<{ code: string; sqlState: string; message: string }> {
  try {
    await session.execute(sql);
  } catch (error) {
    const e = error as { code: string; sqlState: string; message: string };
    return { code: e.code, sqlState: e.sqlState, message: e.message };
  }
  throw new Error(`expected a failure from: ${sql}`);
}
