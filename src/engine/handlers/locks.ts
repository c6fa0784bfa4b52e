/**
 * SHOW LOCKS: the locks the session's open transaction holds. A DML statement inside an explicit
 * transaction locks its target table until COMMIT or ROLLBACK (a standard table's lock is on its
 * partitions, type PARTITIONS, as the SHOW LOCKS page shows). The engine runs one writer at a time
 * per engine file, so a lock is always HOLDING, never WAITING; hybrid tables' row locks are not
 * modelled. Like SHOW TRANSACTIONS, only the session's own transaction is listed (IN ACCOUNT too):
 * the engine keeps no account-wide list of other sessions' transactions.
 */
import { Cursor } from "../cursor.js";
import type { QualifiedName } from "../hooks.js";
import { type HandlerOutput, showColumn } from "../result.js";
import type { Session, StatementContext } from "../session.js";

/** One table lock the session's open transaction holds. */
export interface TransactionLock {
  resource: QualifiedName;
  acquiredOn: number;
  queryId: string;
}

/** Notes that a DML statement of the session writes `target` (a no-op outside an explicit transaction). */
export function noteTableWrite(session: Session, target: QualifiedName): void {
  if (!session.inTransaction) return;
  const held = session.transactionLocks.some(
    (l) =>
      l.resource.database === target.database &&
      l.resource.schema === target.schema &&
      l.resource.name === target.name,
  );
  if (held) return;
  session.transactionLocks.push({
    resource: target,
    acquiredOn: Date.now(),
    queryId: session.currentQueryId ?? "",
  });
}

const nanos = (ms: number) => BigInt(ms) * 1_000_000n;

/** `SHOW LOCKS [ IN ACCOUNT ]`. */
export function showLocks(ctx: StatementContext): HandlerOutput {
  const c = new Cursor(ctx.sql);
  c.expect("SHOW", "LOCKS");
  if (c.accept("IN")) c.expect("ACCOUNT");
  if (!c.done) c.fail();
  const session = ctx.session;
  const open = session.inTransaction ? session.transactionInfo : null;
  return {
    kind: "SHOW",
    columns: [
      showColumn("resource", "text"),
      showColumn("type", "text"),
      showColumn("transaction", "fixed"),
      showColumn("transaction_started_on", "timestamp_ltz"),
      showColumn("status", "text"),
      showColumn("acquired_on", "timestamp_ltz"),
      showColumn("query_id", "text"),
    ],
    rows: open
      ? session.transactionLocks.map((l) => [
          `${l.resource.database}.${l.resource.schema}.${l.resource.name}`,
          "PARTITIONS",
          // The transaction's id, as SHOW TRANSACTIONS prints it.
          String(nanos(open.startedOn)),
          nanos(open.startedOn),
          "HOLDING",
          nanos(l.acquiredOn),
          l.queryId,
        ])
      : [],
  };
}
