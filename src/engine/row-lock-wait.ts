/**
 * Waiting for rows another transaction holds. On Snowflake a DML statement that needs rows another
 * transaction has changed waits for that transaction to end (up to the LOCK_TIMEOUT parameter, in
 * seconds; 0 means do not wait) and then runs against the committed rows. DuckDB instead fails the
 * later writer at once with a write-write conflict and rolls its statement back. Outside an explicit
 * transaction that statement had no other effect, so running it again until the other transaction
 * has ended is what Snowflake's wait amounts to. Inside an explicit transaction DuckDB has already
 * aborted the whole transaction, so the conflict stays the statement's error.
 */

/** DuckDB's errors for a row another transaction changed (not a catalog conflict, which DDL raises). */
const ROW_CONFLICT = /Conflict on (?:update|tuple deletion)|write-write conflict on key/i;

/** Statements that lock rows and can be run again after a conflict rolled them back (after any comments). */
const DML = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(?:INSERT|UPDATE|DELETE|MERGE)\b/i;

/** LOCK_TIMEOUT's default: 43,200 seconds (12 hours). */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 43_200;

export interface LockWait {
  /** Whether the session is inside an explicit transaction (then a conflict is not retried). */
  inTransaction: () => boolean;
  /** LOCK_TIMEOUT in seconds. */
  timeoutSeconds: number;
}

/** Whether `error` is DuckDB's write-write conflict on a row. */
export function isRowConflict(error: unknown): boolean {
  return ROW_CONFLICT.test(error instanceof Error ? error.message : String(error));
}

/**
 * Runs `statement` (the text of `sql`), running it again while it fails on a row another transaction
 * holds, until LOCK_TIMEOUT has passed; then the last conflict is the error.
 */
export async function runWaitingForRowLocks<T>(
  sql: string,
  wait: LockWait,
  statement: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + wait.timeoutSeconds * 1000;
  let pause = 2;
  for (;;) {
    try {
      return await statement();
    } catch (error) {
      const retry = DML.test(sql) && !wait.inTransaction() && isRowConflict(error) && Date.now() < deadline;
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
    }
  }
}
