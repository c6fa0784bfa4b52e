/**
 * Runs conformance cases through the engine's public API and compares what a client would see.
 *
 * Cases of one category share an engine: each case gets a fresh session and a fresh CONFORMANCE
 * database (CREATE OR REPLACE), so examples that reuse table names never see each other, without
 * paying for a new engine per case. A case that touches account-level state (warehouses, roles,
 * users, grants, other databases, policies, tasks, the query history) runs in an engine of its own
 * (`openFresh`: access.ts copies a new engine's file), so the shared engine keeps looking like a new
 * account.
 */
import type { CellValue, Engine, ResultColumn, StatementResult } from "../../../src/engine/types.js";
import type { ConformanceCase, ExpectedCell } from "./cases.js";

/** How the suite reaches the engine: open one, and display a cell as `mercurios sql` does. */
export interface EngineAccess {
  /** The engine the cases of a category share. */
  open(): Promise<Engine>;
  /** An engine as new as a just-created account, for a case that runs alone (defaults to `open`). */
  openFresh?(): Promise<Engine>;
  display(value: CellValue, column: ResultColumn): string | null;
}

export interface CaseOutcome {
  passed: boolean;
  /** Why it failed: the first difference, or the error raised. */
  reason?: string;
  /**
   * SHOW / DESCRIBE columns the engine printed that the page's output predates (see
   * `pageColumnsIn`): compared without them, and named in the report.
   */
  predated?: string[];
}

/** A SHOW or DESCRIBE statement: the only results whose column list Snowflake extends over time. */
const METADATA_QUERY = /^\s*(?:SHOW|DESC(?:RIBE)?)\b/i;

/**
 * Where each column the page prints sits among the engine's columns, when the page's list is an
 * older one: every name present, in the same relative order (Snowflake adds SHOW / DESCRIBE columns
 * over time, it does not rename or reorder them). Null when the page's list is not such a subsequence.
 */
export function pageColumnsIn(page: readonly string[], engine: readonly string[]): number[] | null {
  const positions: number[] = [];
  let from = 0;
  for (const name of page) {
    const at = engine.indexOf(name, from);
    if (at < 0) return null;
    positions.push(at);
    from = at + 1;
  }
  return positions;
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

const rowKey = (row: readonly unknown[]): string => JSON.stringify(row);

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

/** Whether a displayed (canonical) value satisfies an expected cell. */
function cellMatches(expected: ExpectedCell, actual: string | null): boolean {
  if (expected !== null && typeof expected === "object") {
    return actual !== null && new RegExp(`^(?:${expected.pattern})$`, "s").test(actual);
  }
  return canonicalCell(expected) === actual;
}

/** Sort key of an expected row; a pattern sorts by its text, which is good enough to pair rows. */
const expectedKey = (row: readonly ExpectedCell[]): string =>
  rowKey(row.map((cell) => (cell !== null && typeof cell === "object" ? cell.pattern : canonicalCell(cell))));

/**
 * Compares a result with the documented output; returns the first difference or null. For a SHOW
 * or DESCRIBE whose page prints an older column list (`pageColumnsIn`), only the page's columns are
 * compared, values included, and `predated` receives the engine's other columns.
 */
export function compareResult(
  c: ConformanceCase,
  result: StatementResult,
  display: EngineAccess["display"],
  predated: string[] = [],
): string | null {
  let names = result.columns.map((col) => col.name);
  let kept = names.map((_, i) => i);
  if (c.columns && JSON.stringify(names) !== JSON.stringify(c.columns)) {
    const positions = METADATA_QUERY.test(c.query) ? pageColumnsIn(c.columns, names) : null;
    if (positions === null)
      return `columns: expected ${JSON.stringify(c.columns)}, got ${JSON.stringify(names)}`;
    predated.push(...names.filter((_, i) => !positions.includes(i)));
    kept = positions;
    names = c.columns;
  }
  if (!c.rows) return null;
  const actual = result.rows.map((row) =>
    kept.map((i) => canonicalCell(display(row[i] ?? null, result.columns[i]!))),
  );
  const expected = c.rows;
  if (actual.length !== expected.length) {
    return `row count: expected ${expected.length}, got ${actual.length}${actual.length ? ` (first: ${shorten(rowKey(actual[0]!))})` : ""}`;
  }
  // Unordered rows pair by sorting both sides on the columns without patterns (a pattern column,
  // such as a creation time, would sort the actual rows by a value the expected side does not have).
  const patterned = new Set(
    expected.flatMap((row) =>
      row.flatMap((cell, i) => (cell !== null && typeof cell === "object" ? [i] : [])),
    ),
  );
  const plain = <T>(row: readonly T[]): T[] => row.filter((_, i) => !patterned.has(i));
  const a = c.ordered ? actual : [...actual].sort((x, y) => rowKey(plain(x)).localeCompare(rowKey(plain(y))));
  const e = c.ordered
    ? expected
    : [...expected].sort((x, y) => expectedKey(plain(x)).localeCompare(expectedKey(plain(y))));
  for (let r = 0; r < e.length; r++) {
    const er = e[r]!;
    const ar = a[r]!;
    if (er.length !== ar.length) return `row ${r + 1}: expected ${er.length} values, got ${ar.length}`;
    for (let col = 0; col < er.length; col++) {
      const expectedCell = er[col] as ExpectedCell;
      if (!cellMatches(expectedCell, ar[col] ?? null)) {
        const name = names[col] ?? `#${col + 1}`;
        const shown =
          expectedCell !== null && typeof expectedCell === "object"
            ? `/${expectedCell.pattern}/`
            : JSON.stringify(canonicalCell(expectedCell));
        return `row ${r + 1} ${name}: expected ${shown}, got ${JSON.stringify(ar[col])}`;
      }
    }
  }
  return null;
}

/**
 * Statements that change or read account-level state: a case with any of them gets its own engine.
 * Schema-level objects (tables, views, sequences, UDFs) live in the case's database and go with it.
 */
const ACCOUNT_LEVEL =
  /\b(?:(?:CREATE|ALTER|DROP|UNDROP)\s+(?:OR\s+REPLACE\s+)?(?:(?:TRANSIENT|SECURE)\s+)?(?:DATABASE|WAREHOUSE|ROLE|USER|RESOURCE\s+MONITOR|NETWORK|INTEGRATION|SHARE|ACCOUNT|TASK|ROW\s+ACCESS|MASKING|TAG|(?:\w+\s+)?POLICY)\b|GRANT\b|REVOKE\b|EXECUTE\s+TASK\b|QUERY_HISTORY|LOGIN_HISTORY|ACCOUNT_USAGE)/i;

/** Statements that may leave objects or rows behind in the case's database. */
const WRITES =
  /\b(?:CREATE|ALTER|DROP|UNDROP|INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL|EXECUTE|BEGIN)\b/i;

/** Whether a case must run in a fresh engine. */
export function needsOwnEngine(c: ConformanceCase): boolean {
  return c.isolation === "engine" || ACCOUNT_LEVEL.test(`${c.setup ?? ""}\n${c.query}`);
}

/** Runs cases, sharing one engine between those that allow it. Close it when done. */
export class CaseRunner {
  private shared: Promise<Engine> | undefined;
  /** Whether the shared engine's CONFORMANCE database may hold what an earlier case left there. */
  private dirty = true;

  constructor(private readonly access: EngineAccess) {}

  /** Runs one case. Never throws. */
  async run(c: ConformanceCase): Promise<CaseOutcome> {
    if (needsOwnEngine(c)) {
      let engine: Engine | undefined;
      try {
        engine = await (this.access.openFresh ? this.access.openFresh() : this.access.open());
        return await this.runIn(engine, c, true);
      } catch (error) {
        const e = errorOf(error);
        return { passed: false, reason: `engine error ${e.code}: ${shorten(e.message)}` };
      } finally {
        await engine?.close().catch(() => undefined);
      }
    }
    try {
      this.shared ??= this.access.open();
      const reset = this.dirty;
      this.dirty = WRITES.test(`${c.setup ?? ""}\n${c.query}`);
      return await this.runIn(await this.shared, c, reset);
    } catch (error) {
      const e = errorOf(error);
      return { passed: false, reason: `engine error ${e.code}: ${shorten(e.message)}` };
    }
  }

  async close(): Promise<void> {
    const shared = this.shared;
    this.shared = undefined;
    if (shared) await (await shared).close().catch(() => undefined);
  }

  /** Runs a case in a new session; `reset` replaces the CONFORMANCE database first. */
  private async runIn(engine: Engine, c: ConformanceCase, reset: boolean): Promise<CaseOutcome> {
    if (reset) {
      const admin = await engine.openSession({ database: undefined });
      try {
        await admin.execute("CREATE OR REPLACE DATABASE CONFORMANCE");
      } finally {
        await admin.close();
      }
    }
    const session = await engine.openSession({ database: "CONFORMANCE", schema: "PUBLIC" });
    try {
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
        return {
          passed: false,
          reason: `expected error ${c.error.code ?? c.error.message}, but the statement succeeded`,
        };
      const last = results[results.length - 1];
      if (!last) return { passed: false, reason: "the query produced no statement result" };
      const predated: string[] = [];
      const difference = compareResult(c, last, this.access.display, predated);
      const later = predated.length ? { predated } : {};
      return difference === null
        ? { passed: true, ...later }
        : { passed: false, reason: difference, ...later };
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}
