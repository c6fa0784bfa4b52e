/**
 * The endpoints of Snowflake's REST protocol that snowflake-sdk calls, over the engine's session API.
 * This is an adapter: statements go to `EngineSession.execute` / `executeScript` unchanged, results
 * come back in the wire encoding of `wire.ts`. See reference/snowflake-emulation.md section a.
 */
import { randomUUID } from "node:crypto";
import { ScriptError, SnowflakeError } from "../errors.js";
import { splitStatements } from "../split/index.js";
import type { BindValue, Engine, SessionState, StatementResult } from "../types.js";
import { type AccountDirectory, authenticate } from "./auth.js";
import { HttpProblem } from "./http-io.js";
import {
  enqueue,
  keepResult,
  MASTER_TOKEN_VALIDITY_S,
  type ServerSession,
  type SessionRegistry,
} from "./sessions.js";
import { wireColumn, wireRows } from "./wire.js";

/** A parsed request, independent of node:http. */
export interface ProtocolRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface ProtocolReply {
  status: number;
  body: unknown;
}

export interface ProtocolContext {
  engine: Engine;
  sessions: SessionRegistry;
  directory: AccountDirectory;
  /** Reported for failures that are the server's fault (never with request bodies or credentials). */
  onInternalError?: (error: unknown) => void;
}

/** GS codes the driver knows (lib/constants/gs_errors.ts). */
const GS = {
  badCredentials: "390100",
  noToken: "390101",
  invalidToken: "390104",
  sessionGone: "390111",
  sessionExpired: "390112",
  masterExpired: "390114",
} as const;

/** Snowflake's defaults for the output formats the driver applies when it renders values as text. */
const DEFAULT_FORMAT_PARAMETERS: Record<string, string> = {
  TIMEZONE: "UTC",
  DATE_OUTPUT_FORMAT: "YYYY-MM-DD",
  TIME_OUTPUT_FORMAT: "HH24:MI:SS",
  TIMESTAMP_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
  TIMESTAMP_NTZ_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3",
  TIMESTAMP_LTZ_OUTPUT_FORMAT: "",
  TIMESTAMP_TZ_OUTPUT_FORMAT: "",
  BINARY_OUTPUT_FORMAT: "HEX",
};

const MULTI_STATEMENT_PARENT_TYPE_ID = 0x1000;

/** Statements that only read, so a describeOnly request may run them and drop the rows. */
const READ_ONLY_START = /^\s*(\(\s*)*(SELECT|WITH|SHOW|DESC|DESCRIBE)\b/i;

/** Routes one request. Throws `HttpProblem` for malformed requests; everything else is a reply. */
export async function handle(context: ProtocolContext, request: ProtocolRequest): Promise<ProtocolReply> {
  const { method, path } = request;
  if (path === "/session/v1/login-request") return onlyPost(method) ?? login(context, request);
  if (path === "/queries/v1/query-request")
    return onlyPost(method) ?? withSession(context, request, queryRequest);
  if (path === "/queries/v1/abort-request") return onlyPost(method) ?? withSession(context, request, abort);
  if (path === "/session/heartbeat") return onlyPost(method) ?? withSession(context, request, heartbeat);
  if (path === "/session/token-request") return onlyPost(method) ?? renewToken(context, request);
  if (path === "/session") return onlyPost(method) ?? withSession(context, request, deleteSession);
  if (path === "/telemetry/send") return onlyPost(method) ?? withSession(context, request, acknowledge);
  if (path === "/session/authenticator-request") return onlyPost(method) ?? externalBrowserRefused();
  const result = /^\/queries\/([^/]+)\/result$/.exec(path);
  if (result)
    return onlyGet(method) ?? withSession(context, request, (_c, _r, s) => storedResult(s, result[1]!));
  const abortOne = /^\/queries\/([^/]+)\/abort-request$/.exec(path);
  if (abortOne) return onlyPost(method) ?? withSession(context, request, abort);
  const monitoring = /^\/monitoring\/queries\/([^/]+)$/.exec(path);
  if (monitoring)
    return onlyGet(method) ?? withSession(context, request, (_c, _r, s) => queryStatus(s, monitoring[1]!));
  throw new HttpProblem(404, "390404", `Unknown endpoint ${method} ${path}.`);
}

function onlyPost(method: string): undefined {
  if (method !== "POST")
    throw new HttpProblem(405, "390405", `Method ${method} is not allowed here; use POST.`);
  return undefined;
}

function onlyGet(method: string): undefined {
  if (method !== "GET")
    throw new HttpProblem(405, "390405", `Method ${method} is not allowed here; use GET.`);
  return undefined;
}

/** `{success:false}` in Snowflake's envelope. */
export function failure(
  code: string,
  message: string,
  data: Record<string, unknown> | null = null,
): ProtocolReply {
  return { status: 200, body: { data, code, message, success: false, headers: null } };
}

function success(data: unknown): ProtocolReply {
  return { status: 200, body: { data, code: null, message: null, success: true } };
}

type SessionHandler = (
  context: ProtocolContext,
  request: ProtocolRequest,
  session: ServerSession,
) => Promise<ProtocolReply> | ProtocolReply;

async function withSession(
  context: ProtocolContext,
  request: ProtocolRequest,
  handler: SessionHandler,
): Promise<ProtocolReply> {
  const found = context.sessions.bySession(request.authorization);
  switch (found.status) {
    case "missing":
      return {
        status: 401,
        body: {
          data: null,
          code: GS.noToken,
          message: "Session token not found in the request.",
          success: false,
        },
      };
    case "unknown":
      return {
        status: 401,
        body: { data: null, code: GS.invalidToken, message: "Invalid session token.", success: false },
      };
    case "expired":
      return failure(GS.sessionExpired, "Session token expired.");
    case "ok":
      return handler(context, request, found.session);
  }
}

async function login(context: ProtocolContext, request: ProtocolRequest): Promise<ProtocolReply> {
  const data = asRecord(request.body.data);
  const user = stringField(data, "LOGIN_NAME") ?? "";
  const outcome = await authenticate(context.directory, {
    account: stringField(data, "ACCOUNT_NAME") ?? "",
    user,
    authenticator: stringField(data, "AUTHENTICATOR") ?? "SNOWFLAKE",
    ...optional("password", stringField(data, "PASSWORD")),
    ...optional("token", stringField(data, "TOKEN")),
  });
  if (!outcome.ok) return failure(GS.badCredentials, outcome.message);

  const sessionParameters = asRecord(data.SESSION_PARAMETERS);
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(sessionParameters)) {
    if (value !== null && typeof value !== "object") parameters[name.toUpperCase()] = String(value);
  }
  let engineSession: Awaited<ReturnType<Engine["openSession"]>>;
  try {
    engineSession = await context.engine.openSession({
      user: outcome.user,
      ...optional("role", nonEmpty(request.query.get("roleName"))),
      ...optional("database", nonEmpty(request.query.get("databaseName"))),
      ...optional("schema", nonEmpty(request.query.get("schemaName"))),
      ...optional("warehouse", nonEmpty(request.query.get("warehouse"))),
      parameters,
    });
  } catch (error) {
    if (error instanceof SnowflakeError)
      return failure(error.code, error.message, { sqlState: error.sqlState });
    throw error;
  }
  const session = context.sessions.create(outcome.user, engineSession);
  const state = engineSession.state();
  return success({
    token: session.sessionToken,
    masterToken: session.masterToken,
    validityInSeconds: context.sessions.sessionValidityS,
    masterValidityInSeconds: MASTER_TOKEN_VALIDITY_S,
    sessionId: session.id,
    serverVersion: "mercurios-local",
    displayUserName: outcome.user,
    firstLogin: false,
    healthCheckInterval: 45,
    newClientForUpgrade: null,
    parameters: parameterList(state),
    sessionInfo: {
      databaseName: state.database,
      schemaName: state.schema,
      warehouseName: state.warehouse,
      roleName: state.role,
    },
  });
}

function externalBrowserRefused(): ProtocolReply {
  return failure(
    GS.badCredentials,
    "The local server does not support EXTERNALBROWSER single sign-on; log in with a password or a key pair.",
  );
}

async function renewToken(context: ProtocolContext, request: ProtocolRequest): Promise<ProtocolReply> {
  const found = context.sessions.byMaster(request.authorization);
  if (found.status === "missing" || found.status === "unknown") {
    return {
      status: 401,
      body: { data: null, code: GS.invalidToken, message: "Invalid master token.", success: false },
    };
  }
  if (found.status === "expired") return failure(GS.masterExpired, "Master token expired; log in again.");
  const session = found.session;
  context.sessions.renew(session);
  return success({
    sessionToken: session.sessionToken,
    validityInSecondsST: context.sessions.sessionValidityS,
    masterToken: session.masterToken,
    validityInSecondsMT: context.sessions.masterSecondsLeft(session),
    sessionId: session.id,
  });
}

async function deleteSession(
  context: ProtocolContext,
  request: ProtocolRequest,
  session: ServerSession,
): Promise<ProtocolReply> {
  if (request.query.get("delete") !== "true") {
    throw new HttpProblem(400, "390400", "POST /session needs ?delete=true.");
  }
  await context.sessions.remove(session);
  return success(null);
}

function heartbeat(): ProtocolReply {
  return success({});
}

function acknowledge(): ProtocolReply {
  return success(null);
}

/** The engine runs a statement to its end; an abort is acknowledged and has nothing to stop. */
function abort(): ProtocolReply {
  return success(null);
}

function storedResult(session: ServerSession, queryId: string): ProtocolReply {
  const data = session.results.get(decodeURIComponent(queryId));
  if (data === undefined) {
    return failure("000709", `Statement ${queryId} not found.`, { sqlState: "02000", queryId });
  }
  return success(data);
}

function queryStatus(session: ServerSession, queryId: string): ProtocolReply {
  const known = session.results.has(decodeURIComponent(queryId));
  return success({ queries: [{ id: queryId, status: known ? "SUCCESS" : "NO_DATA" }] });
}

async function queryRequest(
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
  const queryTag = stringField(parameters, "QUERY_TAG");
  const binds = parseBindings(body.bindings);
  const wanted = statementCountWanted(parameters, session);

  return enqueue(session, async () => {
    try {
      // Counted before anything runs, as Snowflake does: a mismatch executes nothing.
      const statements = splitStatements(sqlText);
      if (statements.length === 0) {
        return failure("000900", "Empty SQL statement.", { errorCode: "000900", sqlState: "42000" });
      }
      if (wanted !== 0 && statements.length !== wanted) {
        return statementCountMismatch(statements.length, wanted);
      }
      const describeOnly = body.describeOnly === true;
      if (describeOnly && !READ_ONLY_START.test(statements[0]?.text ?? "")) {
        // Describing would mean running: the engine has no compile-only mode for statements with effects.
        return failure(
          "000002",
          "describeOnly is supported for queries (SELECT, WITH, SHOW, DESCRIBE) only.",
          {
            errorCode: "000002",
            sqlState: "0A000",
          },
        );
      }
      if (wanted !== 1) {
        if (statements.length > 1) {
          const results = await session.engineSession.executeScript(sqlText, optional("queryTag", queryTag));
          return multiStatementReply(session, results);
        }
      }
      const result =
        binds !== undefined && hasArrayBinds(binds)
          ? await executeArrayBinds(session, sqlText, binds, queryTag)
          : await session.engineSession.execute(sqlText, {
              ...optional("queryTag", queryTag),
              ...optional("binds", binds),
            });
      const data = resultData(result, binds);
      if (describeOnly) return success({ ...data, rowset: [], total: 0, returned: 0 });
      keepResult(session, result.queryId, data);
      return success(data);
    } catch (error) {
      return sqlFailure(error, context);
    }
  });
}

function statementCountWanted(parameters: Record<string, unknown>, session: ServerSession): number {
  const fromRequest = parameters.MULTI_STATEMENT_COUNT;
  const fromSession = session.engineSession.state().parameters.MULTI_STATEMENT_COUNT;
  const raw = fromRequest ?? fromSession ?? 1;
  const count = Number(raw);
  return Number.isInteger(count) && count >= 0 ? count : 1;
}

function statementCountMismatch(actual: number, wanted: number): ProtocolReply {
  return failure(
    "000008",
    `Actual statement count ${actual} did not match the desired statement count ${wanted}.`,
    {
      errorCode: "000008",
      sqlState: "0A000",
    },
  );
}

function multiStatementReply(session: ServerSession, results: StatementResult[]): ProtocolReply {
  const ids: string[] = [];
  for (const result of results) {
    keepResult(session, result.queryId, resultData(result, undefined));
    ids.push(result.queryId);
  }
  const state = results.at(-1)?.session ?? session.engineSession.state();
  const parentId = randomUUID();
  return success({
    queryId: parentId,
    statementTypeId: MULTI_STATEMENT_PARENT_TYPE_ID,
    version: 1,
    resultIds: ids.join(","),
    resultTypes: results.map((r) => r.statementTypeId).join(","),
    parameters: parameterList(state),
    rowtype: [textColumn("multiple statement execution")],
    rowset: [["Multiple statements executed successfully."]],
    total: 1,
    returned: 1,
    queryResultFormat: "json",
    ...finalNames(state),
    numberOfBinds: 0,
    arrayBindSupported: false,
    queryContext: null,
  });
}

/** A query response's `data` for one statement's result. */
export function resultData(
  result: StatementResult,
  binds: BindValue[] | Record<string, BindValue> | undefined,
) {
  return {
    queryId: result.queryId,
    sqlText: result.sql,
    statementTypeId: result.statementTypeId,
    version: 1,
    parameters: parameterList(result.session),
    rowtype: result.columns.map(wireColumn),
    rowset: wireRows(result.rows, result.columns),
    total: result.rows.length,
    returned: result.rows.length,
    queryResultFormat: "json",
    ...finalNames(result.session),
    databaseProvider: null,
    numberOfBinds: binds === undefined ? 0 : Array.isArray(binds) ? binds.length : Object.keys(binds).length,
    arrayBindSupported: false,
    queryContext: null,
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

function textColumn(name: string) {
  return wireColumn({
    name,
    type: "text",
    sqlType: "VARCHAR(16777216)",
    nullable: false,
    precision: null,
    scale: null,
    length: 16777216,
  });
}

/** The output-format parameters the driver needs on every response, with the session's overrides. */
function parameterList(state: SessionState): { name: string; value: string }[] {
  return Object.entries(DEFAULT_FORMAT_PARAMETERS).map(([name, fallback]) => ({
    name,
    value: state.parameters[name] ?? fallback,
  }));
}

function sqlFailure(error: unknown, context: ProtocolContext): ProtocolReply {
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

const BIND_TYPES = new Set<BindValue["type"]>([
  "FIXED",
  "REAL",
  "TEXT",
  "BOOLEAN",
  "DATE",
  "TIME",
  "TIMESTAMP_NTZ",
  "TIMESTAMP_LTZ",
  "TIMESTAMP_TZ",
  "BINARY",
  "VARIANT",
]);

function hasArrayBinds(binds: BindValue[] | Record<string, BindValue>): boolean {
  return Object.values(binds).some((bind) => Array.isArray(bind.value));
}

/**
 * Array binds (the driver's bulk form: one array of values per placeholder) run the statement once
 * per row, in order, and report one result whose DML counts are the sums, as Snowflake does.
 */
async function executeArrayBinds(
  session: ServerSession,
  sqlText: string,
  binds: BindValue[] | Record<string, BindValue>,
  queryTag: string | undefined,
): Promise<StatementResult> {
  const entries = Object.entries(binds);
  const rows = Math.max(...entries.map(([, bind]) => (Array.isArray(bind.value) ? bind.value.length : 1)));
  const rowBinds = (row: number) => {
    const pick = (bind: BindValue): BindValue => ({
      type: bind.type,
      value: Array.isArray(bind.value) ? (bind.value[row] ?? null) : bind.value,
    });
    return Array.isArray(binds)
      ? binds.map(pick)
      : Object.fromEntries(entries.map(([key, bind]) => [key, pick(bind)]));
  };
  let first: StatementResult | undefined;
  let counts: bigint[] = [];
  for (let row = 0; row < rows; row++) {
    const result = await session.engineSession.execute(sqlText, {
      binds: rowBinds(row),
      ...optional("queryTag", queryTag),
    });
    first ??= result;
    const cells = result.rows[0] ?? [];
    counts = cells.map(
      (cell, i) => (counts[i] ?? 0n) + (typeof cell === "bigint" ? cell : BigInt(String(cell ?? 0))),
    );
  }
  if (!first) throw new HttpProblem(400, "390400", "Array binds with no rows.");
  const isDml = first.statementTypeId >= 0x3000 && first.statementTypeId < 0x4000;
  if (!isDml) return first;
  const total = counts.reduce((sum, count) => sum + count, 0n);
  return { ...first, rows: [counts.map((count) => count.toString())], rowCount: Number(total) };
}

/** `{"1":{type,value},…}` → positional binds; `{"name":{…}}` → named binds. */
export function parseBindings(raw: unknown): BindValue[] | Record<string, BindValue> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new HttpProblem(400, "390400", "'bindings' must be an object keyed by position or name.");
  }
  const entries = Object.entries(raw as Record<string, unknown>).map(
    ([key, spec]) => [key, parseBind(key, spec)] as const,
  );
  if (entries.length === 0) return undefined;
  const positional = entries.every(([key]) => /^[1-9]\d*$/.test(key));
  if (!positional) return Object.fromEntries(entries);
  const list: BindValue[] = [];
  for (const [key, value] of entries) list[Number(key) - 1] = value;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === undefined) throw new HttpProblem(400, "390400", `Bind variable ${i + 1} is missing.`);
  }
  return list;
}

function parseBind(key: string, spec: unknown): BindValue {
  const record = asRecord(spec);
  const type = String(record.type ?? "TEXT").toUpperCase() as BindValue["type"];
  if (!BIND_TYPES.has(type))
    throw new HttpProblem(400, "390400", `Bind '${key}' has unknown type '${type}'.`);
  const value = record.value;
  if (value === null || value === undefined) return { type, value: null };
  if (Array.isArray(value))
    return { type, value: value.map((item) => (item === null ? null : String(item))) };
  if (typeof value === "object") return { type, value: JSON.stringify(value) };
  return { type, value: String(value) };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === "" ? undefined : value;
}

/** `{ [name]: value }` when value is defined, else `{}`; keeps optional properties absent. */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}
