/**
 * Moving a stream's offset when a DML statement that read it commits (Snowflake: "A stream advances
 * the offset only when it is used in a DML transaction", CTAS included; a plain SELECT does not).
 * Outside an explicit transaction the offset moves once the statement has run; inside one it is
 * held for the session and written at COMMIT (dropped at ROLLBACK). Within a transaction every read
 * of a stream ends at the point its first read ended at, Snowflake's repeatable read for streams.
 */
import type { QualifiedName } from "../hooks.js";
import { objectKey } from "../directory.js";
import { META_SCHEMA } from "../metadata.js";
import type { Session, StatementContext } from "../session.js";

const duckString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** One stream a statement read directly, and the history statement its read ended at. */
export interface StreamRead {
  stream: QualifiedName;
  end: bigint;
}

interface TransactionStreams {
  /** Offsets to write at COMMIT, by stream. */
  pending: Map<string, StreamRead>;
  /** Where each stream's reads end in this transaction (its first read's end). */
  ends: Map<string, bigint>;
}

const states = new WeakMap<Session, TransactionStreams>();

function stateOf(session: Session): TransactionStreams {
  let state = states.get(session);
  if (!state) {
    state = { pending: new Map(), ends: new Map() };
    states.set(session, state);
  }
  return state;
}

/** Whether the statement runs inside a transaction that commits later (the session's or a handler's). */
function deferred(ctx: StatementContext): boolean {
  return ctx.session.inTransaction || ctx.heldTransaction === true;
}

/** The end a stream's read takes in the running transaction, if an earlier read fixed one. */
export function transactionEnd(ctx: StatementContext, stream: QualifiedName): bigint | undefined {
  return deferred(ctx) ? states.get(ctx.session)?.ends.get(objectKey(stream)) : undefined;
}

/** Remembers where a stream's read ended, so later reads in the transaction see the same changes. */
export function noteTransactionEnd(ctx: StatementContext, stream: QualifiedName, end: bigint): void {
  if (deferred(ctx)) stateOf(ctx.session).ends.set(objectKey(stream), end);
}

/** Writes the offsets to the streams' rows and reloads the directory. */
async function writeOffsets(ctx: StatementContext, reads: Iterable<StreamRead>): Promise<void> {
  let wrote = false;
  for (const { stream, end } of reads) {
    const patch = JSON.stringify({ offset: Number(end), initialRows: false, consumedOn: Date.now() });
    await ctx.connection.run(
      `UPDATE ${META_SCHEMA}.objects SET properties = json_merge_patch(coalesce(properties, '{}'::JSON), ${duckString(patch)}::JSON) ` +
        `WHERE database_name = ${duckString(stream.database)} AND schema_name = ${duckString(stream.schema)} ` +
        `AND name = ${duckString(stream.name)} AND kind = 'STREAM'`,
    );
    wrote = true;
  }
  if (wrote) await ctx.engine.directory.load(ctx.engine.connection);
}

/**
 * A DML statement (or CTAS) that read these streams has run: their offsets move to where the reads
 * ended, now or, inside a transaction, at its COMMIT.
 */
export async function consumeStreams(ctx: StatementContext, reads: readonly StreamRead[]): Promise<void> {
  if (reads.length === 0) return;
  if (!deferred(ctx)) return writeOffsets(ctx, reads);
  const pending = stateOf(ctx.session).pending;
  for (const read of reads) pending.set(objectKey(read.stream), read);
}

/** COMMIT: the offsets the transaction's DML statements consumed are written. */
export async function commitStreamOffsets(ctx: StatementContext): Promise<void> {
  const state = states.get(ctx.session);
  if (!state) return;
  states.delete(ctx.session);
  await writeOffsets(ctx, state.pending.values());
}

/** ROLLBACK: the streams keep their offsets. */
export function discardStreamOffsets(session: Session): void {
  states.delete(session);
}
