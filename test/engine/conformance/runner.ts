/**
 * Runs one conformance case through the engine's public API (a fresh in-memory engine per case, so
 * examples that reuse table names never see each other) and compares what a client would see.
 */
import type { CellValue, Engine, ResultColumn, StatementResult } from "../../../src/engine/types.js";
import type { ConformanceCase } from "./cases.js";

/** How the suite reaches the engine: open one, and display a cell as `mercurios sql` does. */
export interface EngineAccess {
  open(): Promise<Engine>;
  display(value: CellValue, column: ResultColumn): string | null;
}

export interface CaseOutcome {
  passed: boolean;
  /** Why it failed: the first difference, or the error raised. */
  reason?: string;
}

/** Snowflake's client shows booleans as True/False; `mercurios sql` as true/false. Same value. */
function canonicalCell(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === "True" || trimmed === "False") return trimmed.toLowerCase();
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.stringify(sortKeys(JSON.parse(trimmed)));
    } catch {
      return value;
    }
  }
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

const rowKey = (row: (string | null)[]): string => JSON.stringify(row);

function errorOf(error: unknown): { code: string; message: string } {
  const inner = (error as { error?: unknown }).error ?? error;
  const code = (inner as { code?: unknown }).code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return { code: typeof code === "string" ? code : "?", message };
}

function shorten(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Compares a result with the documented output; returns the first difference or null. */
export function compareResult(
  c: ConformanceCase,
  result: StatementResult,
  display: EngineAccess["display"],
): string | null {
  const names = result.columns.map((col) => col.name);
  if (c.columns && JSON.stringify(names) !== JSON.stringify(c.columns)) {
    return `columns: expected ${JSON.stringify(c.columns)}, got ${JSON.stringify(names)}`;
  }
  if (!c.rows) return null;
  const actual = result.rows.map((row) =>
    row.map((cell, i) => canonicalCell(display(cell, result.columns[i]!))),
  );
  const expected = c.rows.map((row) => row.map(canonicalCell));
  if (actual.length !== expected.length) {
    return `row count: expected ${expected.length}, got ${actual.length}${actual.length ? ` (first: ${shorten(rowKey(actual[0]!))})` : ""}`;
  }
  const a = c.ordered ? actual : [...actual].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  const e = c.ordered ? expected : [...expected].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  for (let r = 0; r < e.length; r++) {
    const er = e[r]!;
    const ar = a[r]!;
    if (er.length !== ar.length) return `row ${r + 1}: expected ${er.length} values, got ${ar.length}`;
    for (let col = 0; col < er.length; col++) {
      if (er[col] !== ar[col]) {
        const name = names[col] ?? `#${col + 1}`;
        return `row ${r + 1} ${name}: expected ${JSON.stringify(er[col])}, got ${JSON.stringify(ar[col])}`;
      }
    }
  }
  return null;
}

/** Runs a case in a fresh engine and session. Never throws. */
export async function runCase(c: ConformanceCase, access: EngineAccess): Promise<CaseOutcome> {
  let engine: Engine | undefined;
  try {
    engine = await access.open();
    const session = await engine.openSession({ database: undefined });
    await session.executeScript("CREATE DATABASE CONFORMANCE; USE DATABASE CONFORMANCE; USE SCHEMA PUBLIC;");
    if (c.setup?.trim()) {
      try {
        await session.executeScript(c.setup);
      } catch (error) {
        const e = errorOf(error);
        return { passed: false, reason: `setup failed: ${e.code} ${shorten(e.message)}` };
      }
    }
    let results: StatementResult[];
    try {
      results = await session.executeScript(c.query);
    } catch (error) {
      const e = errorOf(error);
      if (!c.error) return { passed: false, reason: `error ${e.code}: ${shorten(e.message)}` };
      if (c.error.code !== undefined && e.code !== c.error.code)
        return {
          passed: false,
          reason: `expected error ${c.error.code}, got ${e.code}: ${shorten(e.message)}`,
        };
      if (c.error.message && !e.message.includes(c.error.message)) {
        return {
          passed: false,
          reason: `error message: expected to contain ${JSON.stringify(c.error.message)}, got ${JSON.stringify(shorten(e.message))}`,
        };
      }
      return { passed: true };
    }
    if (c.error)
      return { passed: false, reason: `expected error ${c.error.code}, but the statement succeeded` };
    const last = results[results.length - 1];
    if (!last) return { passed: false, reason: "the query produced no statement result" };
    const difference = compareResult(c, last, access.display);
    return difference === null ? { passed: true } : { passed: false, reason: difference };
  } catch (error) {
    const e = errorOf(error);
    return { passed: false, reason: `engine error ${e.code}: ${shorten(e.message)}` };
  } finally {
    await engine?.close().catch(() => undefined);
  }
}
