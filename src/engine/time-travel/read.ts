/**
 * Reading a table's past (AT | BEFORE) and its changes (CHANGES) from the history history.ts keeps.
 * A point becomes a statement number S (the last statement on the table the point includes); the
 * table at S is, as a multiset of rows with their rowids, the current rows plus the rows deleted or
 * updated away after S, minus the rows inserted or updated in after S (`EXCEPT ALL`): only the
 * images written after the point are read. The marked subquery clauses.ts left in the statement has
 * the table's reference replaced by that query, inside any row access or masking wrapper.
 */
import { SnowflakeError, sfErrors } from "../errors.js";
import { duckRelation, quoteDuck, encodeName, displayQualified } from "../identifiers.js";
import type { QualifiedName } from "../hooks.js";
import { META_SCHEMA } from "../metadata.js";
import type { StatementContext } from "../session.js";
import type { HandlerOutput } from "../result.js";
import { type TravelClause, type TravelPoint, travelMarker } from "./clauses.js";
import { HISTORY_SCHEMA, historyKey, historyTable, retentionDays } from "./history.js";
import { findStream, missingStream, type StreamDefinition, streamTable } from "../streams/definition.js";
import { noteTransactionEnd, type StreamRead, transactionEnd } from "../streams/offsets.js";

/** Runs a Snowflake SELECT for the engine itself (the point's value). */
export type InternalQuery = (sql: string) => Promise<HandlerOutput>;

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Snowflake's error for a point outside the table's history. */
export function travelUnavailable(table: string): SnowflakeError {
  return new SnowflakeError(
    "000707",
    "02000",
    `Time travel data is not available for table ${table}. The requested time is either beyond the allowed time travel period or before the object creation time.`,
  );
}

function statementNotFound(id: string): SnowflakeError {
  return new SnowflakeError("000709", "02000", `Statement ${id} not found`);
}

function changeTrackingOff(table: string): SnowflakeError {
  return new SnowflakeError(
    "091224",
    "22000",
    `Change tracking is not enabled or has been missing for the time range requested on table '${table}'.`,
  );
}

async function rows(ctx: StatementContext, sql: string): Promise<unknown[][]> {
  return (await ctx.connection.runAndReadAll(sql)).getRows() as unknown[][];
}

/** The point in microseconds since the epoch, or the statement it names. */
async function pointValue(
  ctx: StatementContext,
  point: TravelPoint,
  query: InternalQuery,
): Promise<{ micros: bigint } | { statement: { seq: bigint; micros: bigint } }> {
  if (point.kind === "STREAM") throw sfErrors.unsupported("STREAM => … as this point");
  if (point.kind === "STATEMENT") {
    const id = String((await query(`SELECT (${point.expression})::VARCHAR`)).rows[0]?.[0] ?? "");
    const found = await rows(
      ctx,
      `SELECT seq, epoch_us(happened_at) FROM ${META_SCHEMA}.tt_statements WHERE query_id = ${sqlString(id)} ORDER BY seq DESC LIMIT 1`,
    );
    const row = found[0];
    if (!row) throw statementNotFound(id);
    return { statement: { seq: BigInt(row[0] as bigint), micros: BigInt(row[1] as bigint) } };
  }
  if (point.kind === "OFFSET") {
    const seconds = Number((await query(`SELECT (${point.expression})::FLOAT`)).rows[0]?.[0]);
    const now = ctx.engine.catalog.drivenClock?.()?.() ?? Date.now();
    return { micros: BigInt(Math.round((now + seconds * 1000) * 1000)) };
  }
  // A TIMESTAMP_NTZ (or a string, read as one) is a UTC time; the other timestamps are instants.
  const typed = await query(`SELECT ${point.expression}`);
  const type = typed.columns[0]?.type;
  const target = type === "timestamp_ltz" || type === "timestamp_tz" ? "TIMESTAMP_TZ" : "TIMESTAMP_NTZ";
  const value = (await query(`SELECT DATE_PART(EPOCH_MICROSECOND, (${point.expression})::${target})`))
    .rows[0]?.[0];
  if (value === null || value === undefined) throw travelUnavailable("");
  return { micros: BigInt(String(value)) };
}

/** A table's history state at one point: the last statement included, or unavailable. */
async function pointSeq(
  ctx: StatementContext,
  key: string,
  point: TravelPoint,
  value: Awaited<ReturnType<typeof pointValue>>,
): Promise<{ seq: bigint; micros: bigint }> {
  if ("statement" in value) {
    const { seq, micros } = value.statement;
    return { seq: point.keyword === "BEFORE" ? seq - 1n : seq, micros };
  }
  const op = point.keyword === "BEFORE" ? "<" : "<=";
  const found = await rows(
    ctx,
    `SELECT coalesce(max(seq), -1) FROM ${META_SCHEMA}.tt_statements WHERE history = ${sqlString(key)} AND epoch_us(happened_at) ${op} ${value.micros}`,
  );
  return { seq: BigInt(found[0]?.[0] as bigint), micros: value.micros };
}

interface ResolvedTable {
  name: QualifiedName;
  key: string;
  relation: string;
  history: string | null;
  shown: string;
}

/** The point as a statement number, checked against creation, retention and the last reset. */
export async function pointSeqOf(
  ctx: StatementContext,
  written: string,
  point: TravelPoint,
  query: InternalQuery,
): Promise<bigint> {
  return checkedSeq(ctx, await resolveTable(ctx, written), point, query);
}

/** The stream an `AT (STREAM => '<name>')` point names. */
export async function pointStream(
  ctx: StatementContext,
  point: TravelPoint,
  query: InternalQuery,
): Promise<StreamDefinition> {
  const written = String((await query(`SELECT (${point.expression})::VARCHAR`)).rows[0]?.[0] ?? "");
  const name = ctx.session.resolveWritten(written);
  const stream = findStream(ctx.engine.directory, name);
  if (!stream) throw missingStream(name);
  return stream;
}

/** The last statement a reset discarded the history before, or -1. */
async function lastReset(ctx: StatementContext, key: string): Promise<bigint> {
  const reset = await rows(
    ctx,
    `SELECT coalesce(max(seq), -1) FROM ${META_SCHEMA}.tt_statements WHERE history = ${sqlString(key)} AND kind = 'RESET'`,
  );
  return BigInt(reset[0]?.[0] as bigint);
}

/**
 * Where a stream's changes start on `table`: its offset, or null (an empty table) while its
 * SHOW_INITIAL_ROWS are not consumed. A stream whose table history was reset after its offset
 * (MERGE, INSERT OVERWRITE, a column change: history.ts cannot keep their rows) is stale.
 */
async function streamStart(
  ctx: StatementContext,
  table: ResolvedTable,
  stream: StreamDefinition,
): Promise<bigint | null> {
  const source = streamTable(ctx.engine.directory, stream);
  if (historyKey(source) !== table.key)
    throw new SnowflakeError(
      "002003",
      "42S02",
      `SQL compilation error:\nStream '${stream.name.name}' is not on table '${table.shown}'.`,
    );
  if (stream.initialRows) return null;
  if ((await lastReset(ctx, table.key)) > BigInt(stream.offset)) throw streamStale(stream, table.shown);
  return BigInt(stream.offset);
}

/** A stream whose changes the local engine no longer has (see streamStart). */
function streamStale(stream: StreamDefinition, table: string): SnowflakeError {
  return new SnowflakeError(
    "091902",
    "22000",
    `Stream ${stream.name.name} is stale: the local engine could not keep the changes made to table ${table} since its offset (a MERGE, INSERT OVERWRITE or column change). Recreate the stream with CREATE OR REPLACE STREAM.`,
  );
}

async function checkedSeq(
  ctx: StatementContext,
  table: ResolvedTable,
  point: TravelPoint,
  query: InternalQuery,
): Promise<bigint> {
  const value = await pointValue(ctx, point, query);
  const { seq, micros } = await pointSeq(ctx, table.key, point, value);
  const entry = ctx.engine.directory.relation(table.name);
  const days = retentionDays(ctx.engine.directory, table.name);
  const now = BigInt(Math.round((ctx.engine.catalog.drivenClock?.()?.() ?? Date.now()) * 1000));
  const created = BigInt(Math.round((entry?.createdOn ?? 0) * 1000));
  if (micros <= created - 1000n || micros < now - BigInt(days) * 86_400_000_000n || days <= 0)
    throw travelUnavailable(table.shown);
  const reset = await rows(
    ctx,
    `SELECT max(seq) FROM ${META_SCHEMA}.tt_statements WHERE history = ${sqlString(table.key)} AND kind = 'RESET'`,
  );
  const resetSeq = reset[0]?.[0];
  if (resetSeq !== null && resetSeq !== undefined && BigInt(resetSeq as bigint) > seq)
    throw travelUnavailable(table.shown);
  return seq;
}

/**
 * The table's rows at statement `seq`; with `rowids`, each with its rowid as `_tt_row` (CHANGES),
 * else compared by value alone (AT | BEFORE), which holds even where a rowid moved at commit.
 */
function stateAt(table: ResolvedTable, seq: bigint | null, rowids = true): string {
  if (seq === null) return `SELECT ${rowids ? "rowid AS _tt_row, " : ""}* FROM ${table.relation} WHERE FALSE`;
  const current = `SELECT ${rowids ? "rowid AS _tt_row, " : ""}* FROM ${table.relation}`;
  if (!table.history) return current;
  const drop = rowids ? "_tt_seq, _tt_op" : "_tt_seq, _tt_op, _tt_row";
  const images = (ops: string) =>
    `SELECT * EXCLUDE (${drop}) FROM ${table.history} WHERE _tt_seq > ${seq} AND _tt_op IN (${ops})`;
  return `SELECT * FROM (SELECT * FROM (${current} UNION ALL ${images("'D'")}) EXCEPT ALL ${images("'I', 'U'")})`;
}

/** CHANGES between two statements: net (DEFAULT) or the rows inserted (APPEND_ONLY). */
function changesBetween(
  table: ResolvedTable,
  from: bigint | null,
  to: bigint,
  clause: TravelClause,
  index: number,
): string {
  const rowId = `sha1(${sqlString(`${table.key}:`)} || _tt_row::VARCHAR)`;
  const meta = (action: string, isUpdate: string) =>
    `'${action}' AS "METADATA$ACTION", ${isUpdate} AS "METADATA$ISUPDATE", ${rowId} AS "METADATA$ROW_ID"`;
  // From an empty table (SHOW_INITIAL_ROWS): every row at the end is an insert, in either mode.
  if (from === null)
    return `SELECT * EXCLUDE (_tt_row), ${meta("INSERT", "FALSE")} FROM (${stateAt(table, to)})`;
  if (clause.changes === "APPEND_ONLY") {
    if (!table.history)
      return `SELECT * EXCLUDE (_tt_row), ${meta("INSERT", "FALSE")} FROM (SELECT rowid AS _tt_row, * FROM ${table.relation}) WHERE FALSE`;
    return `SELECT * EXCLUDE (_tt_seq, _tt_op, _tt_row), ${meta("INSERT", "FALSE")} FROM ${table.history} WHERE _tt_op = 'I' AND _tt_seq > ${from} AND _tt_seq <= ${to}`;
  }
  const ins = `merc_tt_ins_${index}`;
  const del = `merc_tt_del_${index}`;
  return (
    `WITH ${ins} AS (${stateAt(table, to)} EXCEPT ALL ${stateAt(table, from)}), ` +
    `${del} AS (${stateAt(table, from)} EXCEPT ALL ${stateAt(table, to)}) ` +
    `SELECT * EXCLUDE (_tt_row), ${meta("INSERT", `_tt_row IN (SELECT _tt_row FROM ${del})`)} FROM ${ins} ` +
    `UNION ALL SELECT * EXCLUDE (_tt_row), ${meta("DELETE", `_tt_row IN (SELECT _tt_row FROM ${ins})`)} FROM ${del}`
  );
}

async function resolveTable(ctx: StatementContext, written: string): Promise<ResolvedTable> {
  const name = ctx.session.resolveWritten(written);
  const entry = ctx.engine.directory.relation(name);
  if (!entry) throw sfErrors.objectDoesNotExist(displayQualified(name.database, name.schema, name.name));
  if (entry.kind !== "TABLE")
    throw sfErrors.unsupported("Time Travel on a view: the local engine keeps history for tables only");
  const key = historyKey(name);
  const exists = await rows(
    ctx,
    `SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${HISTORY_SCHEMA}' AND table_name = ${sqlString(key)}`,
  );
  return {
    name,
    key,
    relation: duckRelation(name.database, name.schema, name.name),
    history: Number(exists[0]?.[0]) > 0 ? historyTable(name) : null,
    shown: name.name,
  };
}

/** The last history statement of the engine: where a CHANGES read without END stops. */
export async function latestSeq(ctx: StatementContext): Promise<bigint> {
  return BigInt(
    (await rows(ctx, `SELECT coalesce(max(seq), 0) FROM ${META_SCHEMA}.tt_statements`))[0]?.[0] as bigint,
  );
}

/** The query giving clause `index`'s rows (see the file comment); a stream read is noted in `reads`. */
async function travelQuery(
  ctx: StatementContext,
  clause: TravelClause,
  index: number,
  table: ResolvedTable,
  query: InternalQuery,
  reads: StreamRead[],
): Promise<string> {
  if (clause.start.kind === "STREAM") {
    if (!clause.changes) throw sfErrors.unsupported("AT (STREAM => …) without CHANGES");
    const stream = clause.stream
      ? findStream(ctx.engine.directory, clause.stream)
      : await pointStream(ctx, clause.start, query);
    if (!stream) throw missingStream(clause.stream as QualifiedName);
    const start = await streamStart(ctx, table, stream);
    // Within a transaction a stream's reads all end where its first one did (repeatable read).
    const end = clause.end
      ? await checkedSeq(ctx, table, clause.end, query)
      : (transactionEnd(ctx, stream.name) ?? (await latestSeq(ctx)));
    if (clause.stream) {
      noteTransactionEnd(ctx, stream.name, end);
      reads.push({ stream: stream.name, end });
    }
    return changesBetween(table, start, end, clause, index);
  }
  const start = await checkedSeq(ctx, table, clause.start, query);
  if (!clause.changes) return stateAt(table, start, false);
  if (ctx.engine.directory.relation(table.name)?.properties.changeTracking !== true)
    throw changeTrackingOff(table.shown);
  const end = clause.end ? await checkedSeq(ctx, table, clause.end, query) : await latestSeq(ctx);
  return changesBetween(table, start, end, clause, index);
}

/**
 * DuckDB SQL with each marked table reference replaced by its rows at the clause's point. The
 * streams read by name are added to `reads` with where their reads ended.
 */
export async function applyTravel(
  ctx: StatementContext,
  clauses: readonly TravelClause[],
  duckSql: string,
  query: InternalQuery,
  reads: StreamRead[] = [],
): Promise<string> {
  let out = duckSql;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i] as TravelClause;
    const table = await resolveTable(ctx, clause.table);
    const marker = out.indexOf(travelMarker(i));
    const at = marker < 0 ? -1 : out.lastIndexOf(table.relation, marker);
    if (at < 0) throw sfErrors.unsupported(`AT | BEFORE | CHANGES on ${clause.table} in this statement`);
    const rows = await travelQuery(ctx, clause, i, table, query, reads);
    const after = out.slice(at + table.relation.length);
    const aliased = /^\s*(AS\b|")/i.test(after);
    const alias = aliased ? "" : ` AS ${quoteDuck(encodeName(table.name.name))}`;
    out = `${out.slice(0, at)}(${rows})${alias}${after}`;
  }
  return out;
}
