/**
 * `POST /queries/v1/query-request` and what follows from it: running the statement (or script) in the
 * session's queue, the reply with its first rows inline and the rest as chunks, the result kept by
 * query id (`GET /queries/<id>/result`), its status (`/monitoring/queries/<id>`), and asynchronous
 * execution (`asyncExec`: the reply names the query id at once, the statement runs after it).
 */
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { ScriptError, SnowflakeError } from "../errors.js";
import { arrayCursor } from "../row-cursor.js";
import { splitStatements } from "../split/index.js";
import type { BindValue, ResultColumn, SessionState, StatementResult } from "../types.js";
import { countBinds, parseBindings } from "./bindings.js";
import { planChunks, produceChunks, type ResultChunk, readInline } from "./chunks.js";
import { failure, GS, inProgress, type ProtocolReply, success } from "./envelope.js";
import { HttpProblem } from "./http-io.js";
import { parameterList } from "./parameters.js";
import type { ProtocolContext, ProtocolRequest } from "./protocol.js";
import type { QueryFailure, StoredQuery } from "./results-store.js";
import { enqueue, type ServerSession } from "./sessions.js";
import { wireColumn } from "./wire.js";

const MULTI_STATEMENT_PARENT_TYPE_ID = 0x1000;
/** Statements that only read, so a describeOnly request may run them and drop the rows. */
const READ_ONLY_START = /^\s*(\(\s*)*(SELECT|WITH|SHOW|DESC|DESCRIBE)\b/i;
/** How long `GET /queries/<id>/result` waits for a running statement before saying 333333. */
const RESULT_WAIT_MS = 30_000;

/** Runs a query request: at once (the reply carries the result) or, with `asyncExec`, detached. */
export async function queryRequest(
  context: ProtocolContext,
  request: ProtocolRequest,
  session: ServerSession,
): Promise<ProtocolReply> {
  const body = request.body;
  const sqlText = body.sqlText;
  if (typeof sqlText !== "string") {
    throw new HttpProblem(400, "390400", "query-request needs a string 'sqlText'.");
  }
  const parameters = asRecord(body.parameters);
  const queryTag = typeof parameters.QUERY_TAG === "string" ? parameters.QUERY_TAG : undefined;
  const run: Run = {
    context,
    session,
    origin: request.origin,
    sqlText,
    binds: parseBindings(body.bindings),
    wanted: statementCountWanted(parameters, session),
    describeOnly: body.describeOnly === true,
    ...(queryTag === undefined ? {} : { queryTag }),
  };
  const queryId = randomUUID();
  const entry = context.store.begin(queryId, session.user, sqlText, randomBytes(18).toString("base64url"));
  const work = enqueue(session, () => execute(run, entry));
  if (body.asyncExec === true) {
    // The statement runs after this reply; its outcome is kept for /queries/<id>/result.
    work.catch((error: unknown) => context.onInternalError?.(error));
    return inProgress(
      GS.queryInProgressAsync,
      "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
      queryId,
    );
  }
  return work;
}

/** What one query request asks for. */
interface Run {
  context: ProtocolContext;
  session: ServerSession;
  /** `http://host:port` as the client reached us: chunk URLs must be absolute. */
  origin: string;
  sqlText: string;
  binds: BindValue[] | Record<string, BindValue> | undefined;
  wanted: number;
  describeOnly: boolean;
  queryTag?: string;
}

async function execute(run: Run, entry: StoredQuery): Promise<ProtocolReply> {
  const { context, session, sqlText } = run;
  try {
    // Counted before anything runs, as Snowflake does: a mismatch executes nothing.
    const statements = splitStatements(sqlText);
    if (statements.length === 0) {
      return refuse(run, entry, "000900", "42000", "Empty SQL statement.");
    }
    if (run.wanted !== 0 && statements.length !== run.wanted) {
      return refuse(
        run,
        entry,
        "000008",
        "0A000",
        `Actual statement count ${statements.length} did not match the desired statement count ${run.wanted}.`,
      );
    }
    if (run.describeOnly && !READ_ONLY_START.test(statements[0]?.text ?? "")) {
      // Describing would mean running: the engine has no compile-only mode for statements with effects.
      return refuse(
        run,
        entry,
        "000002",
        "0A000",
        "describeOnly is supported for queries (SELECT, WITH, SHOW, DESCRIBE) only.",
      );
    }
    if (run.wanted !== 1 && statements.length > 1) {
      const results = await session.engineSession.executeScript(sqlText, {
        ...(run.queryTag === undefined ? {} : { queryTag: run.queryTag }),
        deferRows: true,
      });
      return success(await multiStatementReply(run, entry, results));
    }
    const result = await session.engineSession.execute(sqlText, {
      queryId: entry.queryId,
      deferRows: true,
      ...(run.queryTag === undefined ? {} : { queryTag: run.queryTag }),
      ...(run.binds === undefined ? {} : { binds: run.binds }),
    });
    if (run.describeOnly) {
      result.cursor?.close();
      const data = { ...baseData(result, run.binds), rowset: [], total: 0, returned: 0 };
      context.store.succeed(entry, data);
      return success(data);
    }
    const { data, chunks } = await resultData(run, result, entry);
    context.store.succeed(entry, data, chunks);
    return success(data);
  } catch (error) {
    const reply = sqlFailure(error, context);
    context.store.fail(entry, failureOf(reply));
    return reply;
  }
}

function refuse(
  run: Run,
  entry: StoredQuery,
  code: string,
  sqlState: string,
  message: string,
): ProtocolReply {
  run.context.store.fail(entry, { code, sqlState, message });
  return failure(code, message, { errorCode: code, sqlState, queryId: entry.queryId });
}

function statementCountWanted(parameters: Record<string, unknown>, session: ServerSession): number {
  const fromRequest = parameters.MULTI_STATEMENT_COUNT;
  const fromSession = session.engineSession.state().parameters.MULTI_STATEMENT_COUNT;
  const count = Number(fromRequest ?? fromSession ?? 1);
  return Number.isInteger(count) && count >= 0 ? count : 1;
}

/** The parent of a multi-statement request: its children's ids, each child kept like any result. */
async function multiStatementReply(
  run: Run,
  parent: StoredQuery,
  results: StatementResult[],
): Promise<Record<string, unknown>> {
  for (const result of results) {
    const child = run.context.store.begin(
      result.queryId,
      run.session.user,
      result.sql,
      randomBytes(18).toString("base64url"),
    );
    const { data, chunks } = await resultData(run, result, child);
    run.context.store.succeed(child, data, chunks);
  }
  const state = results.at(-1)?.session ?? run.session.engineSession.state();
  const data = {
    queryId: parent.queryId,
    statementTypeId: MULTI_STATEMENT_PARENT_TYPE_ID,
    version: 1,
    resultIds: results.map((r) => r.queryId).join(","),
    resultTypes: results.map((r) => r.statementTypeId).join(","),
    parameters: parameterList(state),
    rowtype: [
      wireColumn({
        name: "multiple statement execution",
        type: "text",
        sqlType: "VARCHAR(16777216)",
        nullable: false,
        precision: null,
        scale: null,
        length: 16777216,
      }),
    ],
    rowset: [["Multiple statements executed successfully."]],
    total: 1,
    returned: 1,
    queryResultFormat: "json",
    ...finalNames(state),
    numberOfBinds: 0,
    arrayBindSupported: false,
    queryContext: null,
  };
  run.context.store.succeed(parent, data);
  return data;
}

/** Everything of a reply's `data` except its rows. */
function baseData(result: StatementResult, binds: BindValue[] | Record<string, BindValue> | undefined) {
  return {
    queryId: result.queryId,
    sqlText: result.sql,
    statementTypeId: result.statementTypeId,
    version: 1,
    parameters: parameterList(result.session),
    rowtype: result.columns.map(wireColumn),
    queryResultFormat: "json",
    ...finalNames(result.session),
    databaseProvider: null,
    numberOfBinds: countBinds(binds),
    arrayBindSupported: true,
    queryContext: null,
  };
}

/**
 * A statement's reply: the first rows inline; when more remain, the chunk list, whose files are
 * written in the background from the engine's cursor (see chunks.ts).
 */
async function resultData(
  run: Run,
  result: StatementResult,
  entry: StoredQuery,
): Promise<{ data: Record<string, unknown>; chunks: ResultChunk[] }> {
  const base = baseData(result, run.binds);
  const cursor = result.cursor ?? arrayCursor(result.rows);
  const total = cursor.rowCount;
  const inline = await readInline(cursor, result.columns);
  if (inline.remaining === 0) {
    cursor.close();
    return { data: { ...base, rowset: inline.rowset, total, returned: total }, chunks: [] };
  }
  const bytesPerRow = inline.bytes / Math.max(1, inline.rowset.length);
  const plan = planChunks(inline.remaining, bytesPerRow);
  const dir = run.context.store.chunkDirectory(entry.queryId);
  const chunks = produceChunks(cursor, inline.carry, result.columns as ResultColumn[], plan, (index) =>
    path.join(dir, `${index}.json.gz`),
  );
  const chunkList = chunks.map((chunk, index) => {
    // Sizes are estimates when the reply leaves: the chunks are still being written.
    const estimated = Math.round(chunk.rowCount * bytesPerRow);
    return {
      url: `${run.origin}/mercurios/results/${entry.queryId}/chunks/${index}?key=${entry.chunkKey}`,
      rowCount: chunk.rowCount,
      uncompressedSize: estimated,
      compressedSize: Math.round(estimated / 4),
    };
  });
  return {
    data: { ...base, rowset: inline.rowset, total, returned: total, chunks: chunkList },
    chunks,
  };
}

function finalNames(state: SessionState) {
  return {
    finalDatabaseName: state.database,
    finalSchemaName: state.schema,
    finalWarehouseName: state.warehouse,
    finalRoleName: state.role,
  };
}

/** `GET /queries/<id>/result`: the kept reply, an error, or 333333 while it still runs. */
export async function storedResult(
  context: ProtocolContext,
  session: ServerSession,
  rawQueryId: string,
): Promise<ProtocolReply> {
  const queryId = decodeURIComponent(rawQueryId);
  const entry = context.store.get(queryId, session.user);
  if (!entry) {
    return failure("000709", `Statement ${queryId} not found.`, { sqlState: "02000", queryId });
  }
  if (entry.status === "RUNNING") {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      entry.finished,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, RESULT_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (entry.status === "RUNNING") {
      return inProgress(GS.queryInProgress, "Query execution in progress.", queryId);
    }
  }
  if (entry.status === "FAILED_WITH_ERROR") {
    const error = entry.error ?? { code: "000603", sqlState: "XX000", message: "Query failed." };
    return failure(error.code, error.message, {
      errorCode: error.code,
      sqlState: error.sqlState,
      queryId,
      age: 0,
    });
  }
  const data = context.store.data(entry);
  if (!data) return failure("000709", `Result of ${queryId} is no longer available.`, { queryId });
  return success(data);
}

/** `GET /monitoring/queries/<id>`: the statement's status, as getQueryStatus reads it. */
export function queryStatus(
  context: ProtocolContext,
  session: ServerSession,
  rawQueryId: string,
): ProtocolReply {
  const queryId = decodeURIComponent(rawQueryId);
  const entry = context.store.get(queryId, session.user);
  if (!entry) return success({ queries: [] });
  const query: Record<string, unknown> = {
    id: queryId,
    status: entry.status,
    sqlText: entry.sqlText,
    startTime: entry.startedAt,
    endTime: entry.endedAt ?? 0,
    state: entry.status === "RUNNING" ? "RUNNING" : "SUCCEEDED",
  };
  if (entry.error) {
    query.errorCode = entry.error.code;
    query.errorMessage = entry.error.message;
    query.state = "FAILED";
  }
  return success({ queries: [query], ...(entry.error ? { sqlState: entry.error.sqlState } : {}) });
}

function failureOf(reply: ProtocolReply): QueryFailure {
  const body = reply.body as { code?: string; message?: string; data?: { sqlState?: string } };
  return {
    code: body.code ?? "000603",
    message: body.message ?? "Query failed.",
    sqlState: body.data?.sqlState ?? "XX000",
  };
}

function sqlFailure(error: unknown, context: ProtocolContext): ProtocolReply {
  if (error instanceof HttpProblem) throw error;
  if (error instanceof ScriptError) {
    const inner = error.error;
    return failure(inner.code, inner.message, {
      errorCode: inner.code,
      sqlState: inner.sqlState,
      queryId: inner.queryId ?? null,
      age: 0,
      failedStatementIndex: error.failedIndex,
      resultIds: error.results.map((r) => r.queryId).join(","),
    });
  }
  if (error instanceof SnowflakeError) {
    return failure(error.code, error.message, {
      errorCode: error.code,
      sqlState: error.sqlState,
      queryId: error.queryId ?? null,
      age: 0,
    });
  }
  context.onInternalError?.(error);
  return failure("000603", "SQL execution internal error: processing aborted due to error.", {
    errorCode: "000603",
    sqlState: "XX000",
    age: 0,
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
