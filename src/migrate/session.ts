/**
 * A locked migration session: one runner's hold on the change history. Opening it takes the lease
 * and reads the history in one round trip (plus one, the first time, to create the history and lock
 * tables). Every later round trip also carries the bookkeeping left over from the previous one
 * (completing the last history row, renewing the lease), so nothing costs a round trip of its own.
 */
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import { BatchError } from "../driver/errors.js";
import type { Driver, QueryResult } from "../driver/types.js";
import { DriverError, MigrationError } from "../errors/index.js";
import { quoteIdentifier } from "../template/sql.js";
import {
  completeHistorySql,
  createHistorySql,
  type HistoryLocation,
  type HistoryRow,
  hasLegacyScriptPaths,
  historyTableName,
  insertHistorySql,
  parseHistoryRows,
  selectHistorySql,
  upgradeScriptNamesSql,
} from "./history.js";
import {
  acquireLockSql,
  createLockSql,
  describeHolder,
  holderIsDeadHere,
  type LeaseRequest,
  type LockState,
  lockTableName,
  parseLockState,
  readLockSql,
  releaseLockSql,
  claimLockSql,
  settleLockSql,
} from "./lock.js";
import type { HistoryLog } from "./storage.js";

/** Where migrations run and where their history is kept. */
export interface MigrationTarget {
  driver: Driver;
  location: HistoryLocation;
  /** Environment name recorded in each history row. */
  environment: string;
  /** Database every script starts in (`USE DATABASE` before it), or null to leave the session alone. */
  database: string | null;
  /** Create the history database when missing (the no-config default, METADATA). */
  createDatabase?: boolean;
  /** Appended to every query tag after `;` (schemachange's `query-tag`). */
  queryTag?: string;
}

/** The query tag of a round trip: `mercurios/migrate/<env>/<step>`, then the project's own tag. */
export function queryTagFor(target: MigrationTarget, step: string): string {
  return `mercurios/migrate/${target.environment}/${step}${target.queryTag ? `;${target.queryTag}` : ""}`;
}

/** Who is running: recorded in the lock and in every history row. */
export interface RunIdentity {
  runId: string;
  owner: string;
  host: string;
  pid: number;
}

export interface LockOptions {
  /** How long to wait for another runner's lock before failing. */
  timeoutMs: number;
  /** Lease length; renewed by every round trip. */
  ttlSeconds: number;
  /** Pause between attempts while waiting (jittered). Default 500 ms. */
  pollMs?: number;
  /** Told once when the lock is busy and the run starts to wait. */
  onWait?: (holder: string) => void;
}

export function newRunIdentity(owner?: string): RunIdentity {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return { runId: randomUUID(), owner: owner ?? `${user}@${hostname()}`, host: hostname(), pid: process.pid };
}

/** True when an error says an object does not exist (Snowflake 002003). */
export function isMissingObject(error: unknown): boolean {
  if (error instanceof DriverError && error.sqlCode === "002003") return true;
  return /does not exist/i.test(error instanceof Error ? error.message : String(error));
}

function isWriteConflict(error: unknown): boolean {
  return /conflict|locked|lock wait|deadlock/i.test(error instanceof Error ? error.message : String(error));
}

/** Result of one round trip of the session: the caller's statements' results. */
export interface SentBatch {
  results: QueryResult[];
  durationMs: number;
}

export class LockedSession implements HistoryLog {
  private list: HistoryRow[];
  private pendingCompletion: string | null = null;
  /** Rewrites rows of older versions (paths in SCRIPT); sent with the first round trip, like the completion. */
  private pendingUpgrade: string | null = null;
  /**
   * Puts the session back as it was when the lock was taken (role, warehouse, database, schema): a
   * script may `USE ROLE` another role, and our own statements after it must not run as that role.
   * Sent first in every round trip and before a script's history row.
   */
  restore: readonly string[] = [];
  private readonly lease: LeaseRequest;
  private released = false;

  private constructor(
    readonly target: MigrationTarget,
    readonly identity: RunIdentity,
    lock: LockOptions,
    rows: HistoryRow[],
  ) {
    this.list = rows;
    this.lease = { ...identity, ttlSeconds: lock.ttlSeconds };
  }

  /** Creates the tables if needed, takes the lease (waiting up to the timeout) and reads the history. */
  static async open(
    target: MigrationTarget,
    identity: RunIdentity,
    lock: LockOptions,
  ): Promise<LockedSession> {
    const { driver, location } = target;
    const lease: LeaseRequest = { ...identity, ttlSeconds: lock.ttlSeconds };
    const setup = [
      ...(target.createDatabase
        ? [`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(location.database.toUpperCase())}`]
        : []),
      ...createHistorySql(location),
      createLockSql(location),
    ];
    const started = Date.now();
    let takeOver: string | undefined;
    let toldWaiting = false;
    let state: LockState | null = null;
    // Assume the tables exist (every run but the first): no DDL in the common path, so runners
    // starting together don't race on CREATE … IF NOT EXISTS. A missing table adds the setup.
    let withSetup = false;
    let setupRetries = 0;
    for (;;) {
      const statements = [
        ...(withSetup ? setup : []),
        acquireLockSql(location, lease, takeOver),
        readLockSql(location),
        selectHistorySql(location),
        SESSION_CONTEXT_SQL,
      ];
      let results: QueryResult[] | null = null;
      try {
        results = await driver.executeBatch(statements, {
          queryTag: queryTagFor(target, "lock"),
        });
      } catch (error) {
        if (!withSetup && isMissingObject(error)) {
          withSetup = true;
          continue;
        }
        // Runners starting together race to create the tables; IF NOT EXISTS makes a retry safe.
        const inSetup = withSetup && error instanceof BatchError && (error.completed ?? 0) < setup.length;
        if (inSetup && ++setupRetries < 4) {
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
          continue;
        }
        // A concurrent runner's UPDATE won the row; that is just a busy lock. Anything else is real.
        if (!isWriteConflict(error)) throw error;
      }
      if (results) withSetup = false;
      if (results) {
        state = parseLockState(results[results.length - 3]!.rows);
        if (state.runId === identity.runId) {
          const rawRows = results[results.length - 2]!.rows;
          const session = new LockedSession(target, identity, lock, parseHistoryRows(rawRows));
          session.restore = restoreStatements(results[results.length - 1]!.rows[0] ?? []);
          if (hasLegacyScriptPaths(rawRows)) session.pendingUpgrade = upgradeScriptNamesSql(location);
          return session;
        }
        // A dead holder is taken over at once, unless its last request is still in flight: then the
        // take-over attempt fails and the run waits (polling, within its timeout) like any other.
        const deadRun = holderIsDeadHere(state) ? (state.runId ?? undefined) : undefined;
        const firstTry = deadRun !== undefined && deadRun !== takeOver;
        takeOver = deadRun;
        if (firstTry) continue;
      }
      // Told before the timeout is checked: a runner that gives up has always said whom it waited for,
      // however slowly its first attempts ran.
      if (!toldWaiting && state) {
        lock.onWait?.(describeHolder(state));
        toldWaiting = true;
      }
      const waited = Date.now() - started;
      if (waited >= lock.timeoutMs) {
        throw new MigrationError(
          "LOCK_TIMEOUT",
          `the migration lock ${lockTableName(location)} is held by ${state ? describeHolder(state) : "another runner"}; waited ${Math.round(waited / 1000)} s`,
          {
            location: { object: historyTableName(location) },
            hint: "Wait for that run to finish, or raise --lock-timeout. If that runner is gone, its lease expires on its own, or run `mercurios migrate unlock`.",
          },
        );
      }
      const poll = lock.pollMs ?? 500;
      await new Promise((resolve) => setTimeout(resolve, poll / 2 + Math.random() * poll));
    }
  }

  rows(): readonly HistoryRow[] {
    return this.list;
  }

  nextRank(): number {
    return this.list.reduce((max, r) => Math.max(max, r.rank), 0) + 1;
  }

  noteWritten(rows: readonly HistoryRow[]): void {
    this.list.push(...rows);
  }

  async append(rows: readonly HistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.send(
      rows.map((row) => insertHistorySql(this.target.location, row)),
      "history",
    );
    this.noteWritten(rows);
  }

  /** Remembers what to fill into a row once its script's round trip is over; sent with the next one. */
  completeLater(rank: number, queryIds: readonly string[], durationMs: number): void {
    this.pendingCompletion = completeHistorySql(this.target.location, rank, queryIds, durationMs);
  }

  /**
   * Sends statements in one round trip, between the lease claim (renew, mark in flight, stop if the
   * lease is lost) and the settle statement, after any pending bookkeeping. A failure is rethrown as
   * a `BatchError` whose `completed` counts only the caller's statements.
   */
  async send(statements: readonly string[], tag: string): Promise<SentBatch> {
    const prefix: string[] = [...this.restore];
    if (this.pendingUpgrade) prefix.push(this.pendingUpgrade);
    if (this.pendingCompletion) prefix.push(this.pendingCompletion);
    prefix.push(...claimLockSql(this.target.location, this.lease));
    const batch = [...prefix, ...statements, settleLockSql(this.target.location, this.identity.runId)];
    const started = performance.now();
    let results: QueryResult[];
    try {
      results = await this.target.driver.executeBatch(batch, {
        queryTag: queryTagFor(this.target, tag),
      });
    } catch (error) {
      if (!(error instanceof BatchError) || error.completed === undefined) throw error;
      if (error.completed >= prefix.length - 2) {
        this.pendingCompletion = null;
        this.pendingUpgrade = null;
      }
      if (error.completed === prefix.length - 1) {
        throw new MigrationError(
          "LOCK_LOST",
          "this run's lease on the migration lock expired and another runner took it",
          {
            location: { object: lockTableName(this.target.location) },
            hint: "Nothing of this script ran. Raise --lock-ttl above the longest script's run time, then run `mercurios migrate up` again.",
            cause: error,
          },
        );
      }
      if (error.completed < prefix.length || error.completed >= prefix.length + statements.length)
        throw error;
      throw new BatchError(error.message, {
        cause: error.cause ?? error,
        ...(error.sqlCode === undefined ? {} : { sqlCode: error.sqlCode }),
        ...(error.sqlState === undefined ? {} : { sqlState: error.sqlState }),
        ...(error.queryId === undefined ? {} : { queryId: error.queryId }),
        completed: error.completed - prefix.length,
        results: error.results.slice(prefix.length),
      });
    }
    this.pendingCompletion = null;
    this.pendingUpgrade = null;
    return {
      results: results.slice(prefix.length, prefix.length + statements.length),
      durationMs: performance.now() - started,
    };
  }

  /** Sends what is left over and frees the lease. Safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const statements = [
      ...this.restore,
      ...(this.pendingUpgrade ? [this.pendingUpgrade] : []),
      ...(this.pendingCompletion ? [this.pendingCompletion] : []),
      releaseLockSql(this.target.location, this.identity.runId),
    ];
    this.pendingCompletion = null;
    this.pendingUpgrade = null;
    await this.target.driver.executeBatch(statements, {
      queryTag: queryTagFor(this.target, "unlock"),
    });
  }
}

/** What the session is using when the lock is taken: restored after every script. */
const SESSION_CONTEXT_SQL =
  "SELECT CURRENT_ROLE(), CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_SCHEMA()";

/** `USE …` statements that return the session to the context `SESSION_CONTEXT_SQL` read (exact names). */
function restoreStatements([role, warehouse, database, schema]: readonly (
  | string
  | null
  | undefined
)[]): string[] {
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const out: string[] = [];
  if (role) out.push(`USE ROLE ${quoted(role)}`);
  if (warehouse) out.push(`USE WAREHOUSE ${quoted(warehouse)}`);
  if (database) out.push(`USE DATABASE ${quoted(database)}`);
  if (database && schema) out.push(`USE SCHEMA ${quoted(database)}.${quoted(schema)}`);
  return out;
}

/** Reads the history and the lock without taking it (status, validate, dry run). Null tables: none yet. */
export async function readHistory(
  target: MigrationTarget,
): Promise<{ rows: HistoryRow[]; lock: LockState | null }> {
  try {
    const [history, lock] = await target.driver.executeBatch(
      [selectHistorySql(target.location), readLockSql(target.location)],
      { queryTag: queryTagFor(target, "status") },
    );
    return { rows: parseHistoryRows(history!.rows), lock: parseLockState(lock!.rows) };
  } catch (error) {
    if (isMissingObject(error)) return { rows: [], lock: null };
    throw error;
  }
}

/** Frees the lock whoever holds it (`migrate unlock`); returns who held it. */
export async function forceUnlock(target: MigrationTarget): Promise<LockState | null> {
  try {
    const [state] = await target.driver.executeBatch(
      [readLockSql(target.location), releaseLockSql(target.location, null)],
      { queryTag: queryTagFor(target, "unlock") },
    );
    const held = parseLockState(state!.rows);
    return held.runId === null ? null : held;
  } catch (error) {
    if (isMissingObject(error)) return null;
    throw error;
  }
}
