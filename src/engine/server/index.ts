/**
 * The engine's Snowflake-protocol HTTP server (`mercurios local serve`): snowflake-sdk connects to it
 * with `accessUrl: "http://127.0.0.1:<port>"`. node:http, one engine session per login.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "../types.js";
import { type AccountDirectory, builtinDirectory } from "./auth.js";
import { isChunkPath, serveChunk } from "./chunk-download.js";
import { decodeBody, HttpProblem, parseJsonObject, readRawBody, sendJson } from "./http-io.js";
import { handle, type ProtocolContext } from "./protocol.js";
import { requestTarget } from "./request-target.js";
import { ResultStore } from "./results-store.js";
import { SessionRegistry } from "./sessions.js";

export type { AccountDirectory, LoginCredentials, LoginOutcome } from "./auth.js";
export { authenticate, builtinDirectory, publicKeyFingerprint } from "./auth.js";

export interface ServerOptions {
  /** Interface to bind; loopback unless the caller says otherwise. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Delay added to every request, to imitate a real account's round trips. */
  latencyMs?: number;
  /** Largest accepted request body, compressed or not. Default 64 MiB. */
  maxBodyBytes?: number;
  /** Users and credentials; defaults to the fresh engine's ADMIN/admin. */
  directory?: AccountDirectory;
  /** Seconds a session token lives before the client must renew it with its master token (3600). */
  sessionTokenValiditySeconds?: number;
  /** Bearer tokens (OAuth / programmatic access) accepted for users, token → user name. */
  tokens?: Record<string, string>;
  /** Told about failures that are the server's fault. Never given request bodies or credentials. */
  onInternalError?: (error: unknown) => void;
  /** JSON of kept results held in memory before older ones go to disk. Default 64 MiB. */
  resultMemoryBytes?: number;
  /** Milliseconds since the epoch for token lifetimes (Date.now); tests of expiry drive their own. */
  now?: () => number;
}

/** A running server. */
export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** `http://<host>:<port>`, what the driver's `accessUrl` takes. */
  readonly url: string;
  /** Logged-in sessions right now. */
  sessionCount(): number;
  /** Stops accepting, closes every session and open socket. The engine stays open (the caller owns it). */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

/** Starts serving `engine`; resolves once the port is bound. */
export async function startServer(engine: Engine, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const sessions = new SessionRegistry(options.sessionTokenValiditySeconds, options.now);
  const store = new ResultStore({
    ...(options.resultMemoryBytes === undefined ? {} : { memoryBudgetBytes: options.resultMemoryBytes }),
  });
  const context: ProtocolContext = {
    engine,
    sessions,
    store,
    directory: options.directory ?? loginDirectory(engine, options.tokens),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  };

  const server = createServer((request, response) => {
    serve(context, request, response, maxBody, latencyMs).catch((error: unknown) => {
      context.onInternalError?.(error);
      void sendJson(response, 500, {
        data: null,
        code: "000603",
        message: "Internal server error.",
        success: false,
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  // A client that never finishes its request must not hold a socket forever.
  server.requestTimeout = 120_000;

  await listen(server, host, options.port ?? 0);
  // Sessions of clients that never logged out are closed once their master token expires.
  const sweeper = setInterval(() => void sessions.sweep(), 60_000);
  sweeper.unref();
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    sessionCount: () => sessions.size,
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await sessions.closeAll();
        store.close();
      })();
      return closing;
    },
  };
}

/**
 * The engine's account catalog, when it has one, answers logins (`checkPassword`, `publicKeys`);
 * a bare engine core falls back to the fresh-engine ADMIN/admin directory.
 */
function catalogDirectory(engine: Engine): AccountDirectory | undefined {
  const catalog = (engine as { catalog?: Partial<AccountDirectory> }).catalog;
  if (typeof catalog?.checkPassword !== "function" || typeof catalog.publicKeys !== "function")
    return undefined;
  return {
    checkPassword: (user, password) => catalog.checkPassword!(user, password),
    publicKeys: (user) => catalog.publicKeys!(user),
    ...(typeof catalog.userForToken === "function"
      ? { userForToken: (token: string) => catalog.userForToken!(token) }
      : {}),
  };
}

/** The catalog's users (or the fresh-engine ADMIN), plus registered bearer tokens. */
function loginDirectory(engine: Engine, tokens: Record<string, string> | undefined): AccountDirectory {
  const catalog = catalogDirectory(engine);
  if (!catalog) return builtinDirectory(tokens);
  if (!tokens || catalog.userForToken) return catalog;
  const fromTokens = builtinDirectory(tokens);
  return { ...catalog, userForToken: (token) => fromTokens.userForToken!(token) };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

async function serve(
  context: ProtocolContext,
  request: IncomingMessage,
  response: ServerResponse,
  maxBody: number,
  latencyMs: number,
): Promise<void> {
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  try {
    const url = requestTarget(request.url);
    const acceptEncoding = headerValue(request.headers["accept-encoding"]);
    if (request.method === "GET" && isChunkPath(url.pathname)) {
      await serveChunk(context.store, url, acceptEncoding, response);
      return;
    }
    const raw = await readRawBody(request, maxBody);
    const decoded = await decodeBody(raw, headerValue(request.headers["content-encoding"]), maxBody);
    const body = parseJsonObject(decoded);
    const reply = await handle(context, {
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      authorization: headerValue(request.headers.authorization),
      body,
      origin: originOf(request),
    });
    await sendJson(response, reply.status, reply.body, acceptEncoding);
  } catch (error) {
    if (error instanceof HttpProblem) {
      await sendJson(response, error.status, {
        data: null,
        code: error.code,
        message: error.message,
        success: false,
      });
      return;
    }
    throw error;
  }
}

/** `http://<Host header>`: where the client reached us, for the absolute chunk URLs in replies. */
function originOf(request: IncomingMessage): string {
  const host = headerValue(request.headers.host);
  if (host && /^[A-Za-z0-9.\-:[\]]+$/.test(host)) return `http://${host}`;
  const address = request.socket.localAddress ?? "127.0.0.1";
  const port = request.socket.localPort ?? 0;
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
