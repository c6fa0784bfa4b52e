/**
 * The endpoints of Snowflake's REST protocol that snowflake-sdk calls, over the engine's session API.
 * This is an adapter: statements go to `EngineSession.execute` / `executeScript` unchanged, results
 * come back in the wire encoding of `wire.ts`. See reference/snowflake-emulation.md section a.
 */
import { SnowflakeError } from "../errors.js";
import type { Engine } from "../types.js";
import { type AccountDirectory, authenticate } from "./auth.js";
import { failure, GS, type ProtocolReply, success } from "./envelope.js";
import { HttpProblem } from "./http-io.js";
import { parameterList } from "./parameters.js";
import { queryRequest, queryStatus, storedResult } from "./query.js";
import type { ResultStore } from "./results-store.js";
import { MASTER_TOKEN_VALIDITY_S, type ServerSession, type SessionRegistry } from "./sessions.js";

export { failure, type ProtocolReply } from "./envelope.js";

/** A parsed request, independent of node:http. */
export interface ProtocolRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** `http://host:port` as the client addressed us (chunk URLs in replies must be absolute). */
  origin: string;
}

export interface ProtocolContext {
  engine: Engine;
  sessions: SessionRegistry;
  directory: AccountDirectory;
  /** Every statement's outcome by query id (results, status, chunks). */
  store: ResultStore;
  /** Reported for failures that are the server's fault (never with request bodies or credentials). */
  onInternalError?: (error: unknown) => void;
}

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
    return onlyGet(method) ?? withSession(context, request, (c, _r, s) => storedResult(c, s, result[1]!));
  const abortOne = /^\/queries\/([^/]+)\/abort-request$/.exec(path);
  if (abortOne) return onlyPost(method) ?? withSession(context, request, abort);
  const monitoring = /^\/monitoring\/queries\/([^/]+)$/.exec(path);
  if (monitoring)
    return onlyGet(method) ?? withSession(context, request, (c, _r, s) => queryStatus(c, s, monitoring[1]!));
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
