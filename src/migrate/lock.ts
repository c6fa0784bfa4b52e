/**
 * The migration lock: a lease row in Snowflake (owner, run id, host, pid, heartbeat, expiry).
 *
 * Why it is atomic: the lock table is created with its one row by `CREATE TABLE IF NOT EXISTS … AS
 * SELECT` (creation is atomic, so there is never a second row), and the lease is taken with a
 * conditional UPDATE (Snowflake serialises UPDATEs on a row: the loser waits, then finds the lease
 * taken and changes nothing; the local engine does the same, src/engine/row-lock-wait.ts). Each
 * runner then reads the row back: whoever's run id is in it holds the lock.
 */
import { hostname } from "node:os";
import { sqlString } from "../template/sql.js";
import { type HistoryLocation, quotedUpper } from "./history.js";

const LOCK_NAME = "'MIGRATE'";

/** Who wants or holds the lock. */
export interface LeaseRequest {
  owner: string;
  runId: string;
  host: string;
  pid: number;
  ttlSeconds: number;
}

/** The lock row as read back. */
export interface LockState {
  owner: string | null;
  runId: string | null;
  host: string | null;
  pid: number | null;
  acquiredAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

/** `"DB"."SCHEMA"."<HISTORY TABLE>_LOCK"`. */
export function lockTableName(location: HistoryLocation): string {
  return [location.database, location.schema, `${location.table}_LOCK`].map(quotedUpper).join(".");
}

export function createLockSql(location: HistoryLocation): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${lockTableName(location)} AS SELECT ${LOCK_NAME}::VARCHAR AS "LOCK_NAME", ` +
    `NULL::VARCHAR AS "OWNER", NULL::VARCHAR AS "RUN_ID", NULL::VARCHAR AS "HOST", NULL::NUMBER(38,0) AS "PID", ` +
    `NULL::TIMESTAMP_LTZ AS "ACQUIRED_AT", NULL::TIMESTAMP_LTZ AS "HEARTBEAT_AT", NULL::TIMESTAMP_LTZ AS "EXPIRES_AT", ` +
    `NULL::TIMESTAMP_LTZ AS "BUSY_SINCE"`
  );
}

/**
 * Takes the lease if it is free, expired, already ours, or (`takeOverRunId`) held by a run whose
 * process is known to be dead and which has no request in flight (`BUSY_SINCE` is cleared by the
 * last statement of every batch, so a batch the dead process sent is finished first).
 */
export function acquireLockSql(
  location: HistoryLocation,
  lease: LeaseRequest,
  takeOverRunId?: string,
): string {
  const takeOver = takeOverRunId
    ? ` OR ("RUN_ID" = ${sqlString(takeOverRunId)} AND "BUSY_SINCE" IS NULL)`
    : "";
  return (
    `UPDATE ${lockTableName(location)} SET "OWNER" = ${sqlString(lease.owner)}, "RUN_ID" = ${sqlString(lease.runId)}, ` +
    `"HOST" = ${sqlString(lease.host)}, "PID" = ${lease.pid}, "ACQUIRED_AT" = CURRENT_TIMESTAMP(), ` +
    `"HEARTBEAT_AT" = CURRENT_TIMESTAMP(), "EXPIRES_AT" = DATEADD('second', ${lease.ttlSeconds}, CURRENT_TIMESTAMP()), ` +
    `"BUSY_SINCE" = NULL WHERE "LOCK_NAME" = ${LOCK_NAME} AND ("RUN_ID" IS NULL OR "RUN_ID" = ${sqlString(lease.runId)} OR "EXPIRES_AT" < CURRENT_TIMESTAMP()${takeOver})`
  );
}

export function readLockSql(location: HistoryLocation): string {
  return (
    `SELECT "OWNER", "RUN_ID", "HOST", "PID", TO_VARCHAR("ACQUIRED_AT"), TO_VARCHAR("EXPIRES_AT"), ` +
    `CASE WHEN "EXPIRES_AT" < CURRENT_TIMESTAMP() THEN 'EXPIRED' ELSE 'ACTIVE' END ` +
    `FROM ${lockTableName(location)} WHERE "LOCK_NAME" = ${LOCK_NAME}`
  );
}

/**
 * First statements of every batch: extend our lease and mark a request in flight, then fail the
 * batch (before any script statement runs) if the lease is no longer ours.
 */
export function claimLockSql(location: HistoryLocation, lease: LeaseRequest): string[] {
  const mine = `"LOCK_NAME" = ${LOCK_NAME} AND "RUN_ID" = ${sqlString(lease.runId)}`;
  return [
    `UPDATE ${lockTableName(location)} SET "HEARTBEAT_AT" = CURRENT_TIMESTAMP(), ` +
      `"EXPIRES_AT" = DATEADD('second', ${lease.ttlSeconds}, CURRENT_TIMESTAMP()), "BUSY_SINCE" = CURRENT_TIMESTAMP() WHERE ${mine}`,
    // TO_NUMBER of a non-number is an error on Snowflake and on the local engine: the batch stops here.
    `SELECT TO_NUMBER(CASE WHEN COUNT(*) = 0 THEN 'migration lock lost' ELSE '1' END) FROM ${lockTableName(location)} WHERE ${mine}`,
  ];
}

/** Last statement of every batch: no request in flight any more. */
export function settleLockSql(location: HistoryLocation, runId: string): string {
  return `UPDATE ${lockTableName(location)} SET "BUSY_SINCE" = NULL WHERE "LOCK_NAME" = ${LOCK_NAME} AND "RUN_ID" = ${sqlString(runId)}`;
}

/** Frees the lease if it is ours (or, with no run id, whoever holds it: `migrate unlock`). */
export function releaseLockSql(location: HistoryLocation, runId: string | null): string {
  const mine = runId === null ? "" : ` AND "RUN_ID" = ${sqlString(runId)}`;
  return (
    `UPDATE ${lockTableName(location)} SET "OWNER" = NULL, "RUN_ID" = NULL, "HOST" = NULL, "PID" = NULL, ` +
    `"ACQUIRED_AT" = NULL, "HEARTBEAT_AT" = NULL, "EXPIRES_AT" = NULL, "BUSY_SINCE" = NULL WHERE "LOCK_NAME" = ${LOCK_NAME}${mine}`
  );
}

export function parseLockState(rows: readonly (readonly (string | null)[])[]): LockState {
  const row = rows[0] ?? [];
  return {
    owner: row[0] ?? null,
    runId: row[1] ?? null,
    host: row[2] ?? null,
    pid: row[3] == null ? null : Number(row[3]),
    acquiredAt: row[4] ?? null,
    expiresAt: row[5] ?? null,
    expired: row[6] === "EXPIRED",
  };
}

/** Whether the lock is held by a process on this machine that no longer runs (e.g. killed). */
export function holderIsDeadHere(state: LockState): boolean {
  if (state.runId === null || state.host !== hostname() || state.pid === null) return false;
  if (state.pid === process.pid) return false;
  try {
    process.kill(state.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** `alice@ci-runner-7 (pid 4242, run 8f2c…) since 2026-11-27 10:00:00, lease until …`. */
export function describeHolder(state: LockState): string {
  const parts = [
    `${state.owner ?? "unknown"} (pid ${state.pid ?? "?"} on ${state.host ?? "?"}, run ${state.runId})`,
  ];
  if (state.acquiredAt) parts.push(`since ${state.acquiredAt}`);
  if (state.expiresAt) parts.push(`lease until ${state.expiresAt}`);
  return parts.join(", ");
}
