/**
 * The holder's side of a routed `mercurios sql` (docs/decisions/019): a process that keeps an engine
 * file open (`mercurios dev`, `local serve`) listens on 127.0.0.1 for `POST /mercurios/sql` with the
 * token of its discovery note, runs the script as a direct run would (runSqlOnEngine: a fresh session
 * of the engine's default user and role, the caller's secrets masked) and answers with the lines the
 * CLI prints and its exit code, rendered here by the CLI's own renderer.
 *
 * The request names the script, the format and the secrets, nothing else: a field that would choose
 * the user, role, database, schema or session parameters is refused (400), so the token gives no more
 * than opening the file directly would.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "../../engine/index.js";
import { asMercuriosError } from "../../errors/index.js";
import { runSqlOnEngine } from "../sql.js";
import { newToken, removeEndpointNote, tokenProof, writeEndpointNote } from "./discovery.js";
import { type SqlFormat, type SqlLine, SqlRenderer } from "./render.js";

/** The path a routed run posts to. */
export const SQL_ROUTE_PATH = "/mercurios/sql";
/** `GET` with `?nonce=<64 hex>`: the holder's proof that it knows the token (discovery.ts tokenProof). */
export const SQL_ROUTE_PROOF_PATH = "/mercurios/sql/proof";

/** A script larger than this is not a command line's (or a file's a person wrote). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What a routed run sends. */
export interface RoutedRequest {
  sql: string;
  format: SqlFormat;
  secrets: string[];
}

/** What the holder answers: the CLI's lines in order, its exit code, and a thrown error's paragraph. */
export interface RoutedReply {
  lines: SqlLine[];
  exitCode: number;
  /** A failure the CLI reports as `error[CODE]: …` (e.g. SQL_SYNTAX): its code and its paragraph. */
  error?: { code: string; text: string };
}

export interface SqlEndpoint {
  /** 0 when the engine is in memory (nothing to share, nothing published). */
  readonly port: number;
  /** Removes the note, stops listening and waits for the runs under way. */
  close(): Promise<void>;
}

/** Starts answering routed runs for the engine's file and publishes the discovery note. */
export async function startSqlEndpoint(engine: Engine): Promise<SqlEndpoint> {
  if (engine.path === ":memory:") return { port: 0, close: async () => {} };
  const token = Buffer.from(newToken());
  const running = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const run = answer(engine, token, request, response).catch(() => {
      // The reply could not be sent (the client went away); the run itself is over.
      try {
        if (!response.headersSent) reply(response, 500, { error: "internal" });
      } catch {
        // The socket is gone too.
      }
    });
    running.add(run);
    void run.finally(() => running.delete(run));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  try {
    writeEndpointNote(engine.path, port, token.toString());
  } catch {
    // A folder this process cannot write a note in: no routing, the holder works as before.
    await new Promise((resolve) => server.close(resolve));
    return { port: 0, close: async () => {} };
  }
  return {
    port,
    async close() {
      removeEndpointNote(engine.path);
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await Promise.allSettled([...running]);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function answer(
  engine: Engine,
  token: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const proof = proofRequest(request);
  if (proof !== undefined) {
    request.resume();
    if (proof === null) return reply(response, 400, { error: "bad request" });
    return reply(response, 200, { proof: tokenProof(token.toString(), proof) });
  }
  if (request.method !== "POST" || request.url !== SQL_ROUTE_PATH) {
    request.resume();
    return reply(response, 404, { error: "not found" });
  }
  if (!authorised(request.headers.authorization, token)) {
    request.resume();
    return reply(response, 401, { error: "unauthorised" });
  }
  const body = await readBody(request);
  const routed = body === undefined ? undefined : parseRequest(body);
  if (routed === undefined) return reply(response, 400, { error: "bad request" });
  const renderer = new SqlRenderer(routed.format);
  const lines: SqlLine[] = [];
  let result: RoutedReply;
  try {
    const report = await runSqlOnEngine(engine, {
      sql: routed.sql,
      secrets: routed.secrets,
      onStatement: (output) => lines.push(...renderer.lines(output)),
    });
    result = { lines, exitCode: report.failedStatement === undefined ? 0 : 1 };
  } catch (error) {
    const failure = asMercuriosError(error);
    result = { lines, exitCode: 1, error: { code: failure.code, text: failure.describe() } };
  }
  reply(response, 200, result);
}

/** The nonce of a proof request (null when malformed), undefined when it is another request. */
function proofRequest(request: IncomingMessage): string | null | undefined {
  const [pathname, query = ""] = (request.url ?? "").split("?", 2);
  if (request.method !== "GET" || pathname !== SQL_ROUTE_PROOF_PATH) return undefined;
  const nonce = new URLSearchParams(query).get("nonce") ?? "";
  return /^[0-9a-f]{64}$/.test(nonce) ? nonce : null;
}

/** `Bearer <token>`, compared in constant time. */
function authorised(header: string | undefined, token: Buffer): boolean {
  const presented = Buffer.from(/^Bearer (\S+)$/.exec(header ?? "")?.[1] ?? "");
  return presented.length === token.length && timingSafeEqual(presented, token);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", () => resolve(undefined));
  });
}

const REQUEST_KEYS = new Set(["sql", "format", "secrets"]);

/** The request, or undefined when it is not exactly `{ sql, format, secrets }`. */
function parseRequest(body: string): RoutedRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  if (Object.keys(fields).some((key) => !REQUEST_KEYS.has(key))) return undefined;
  const { sql, format, secrets } = fields;
  if (typeof sql !== "string") return undefined;
  if (format !== "table" && format !== "json" && format !== "csv") return undefined;
  if (!Array.isArray(secrets) || !secrets.every((s) => typeof s === "string")) return undefined;
  return { sql, format, secrets };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** The engine, answering routed runs until it is closed (the endpoint closes first). */
export async function withSqlEndpoint(engine: Engine): Promise<Engine> {
  let endpoint: SqlEndpoint;
  try {
    endpoint = await startSqlEndpoint(engine);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return {
    path: engine.path,
    openSession: (options) => engine.openSession(options),
    async close() {
      await endpoint.close();
      await engine.close();
    },
  };
}
