/**
 * `serve`: the local engine behind Snowflake's REST protocol, for snowflake-sdk and other clients.
 * Opens the engine file, starts the server, and hands back one `close()` for both.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { maskSecrets } from "../driver/query-log.js";
import { MercuriosError } from "../errors/index.js";
import { type SqlEndpoint, startSqlEndpoint } from "./sql-route/endpoint.js";

export interface ServeLocalOptions {
  /** DuckDB file of the local engine (or `:memory:`). */
  localDb: string;
  /** Interface to bind: loopback unless set. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Added to every request, to imitate a real account's round trips. */
  latencyMs?: number;
  /** Told about failures that are the server's fault: one line, secret literals masked. */
  onInternalError?: (message: string) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops the server, closes every session, then the engine. */
  close(): Promise<void>;
}

/** Starts serving the local engine; resolves once it listens. */
export async function serveLocal(options: ServeLocalOptions): Promise<LocalServer> {
  if (options.localDb !== ":memory:") await mkdir(path.dirname(options.localDb), { recursive: true });
  const { openLocalEngine } = await import("../driver/engine-open.js");
  const { startServer } = await import("../engine/server/index.js");
  // The holder note lets another process say at once that `local serve` holds the file.
  const engine = await openLocalEngine(options.localDb, { holder: "`mercurios local serve`" });
  let server: Awaited<ReturnType<typeof startServer>>;
  let sqlEndpoint: SqlEndpoint;
  try {
    server = await startServer(engine, {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      ...(options.onInternalError ? { onInternalError: maskedReporter(options.onInternalError) } : {}),
    });
  } catch (error) {
    await engine.close();
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.host ?? "127.0.0.1"}:${options.port ?? 0}`;
    throw new MercuriosError(
      "SERVE_LISTEN",
      code === "EADDRINUSE"
        ? `Port ${where} is already in use.`
        : `Cannot listen on ${where}: ${String(code ?? error)}.`,
      { hint: "Pick another --port, or --port 0 for a free one.", cause: error },
    );
  }
  try {
    // `mercurios sql` on this file is answered here instead of failing on the lock (decision 019).
    sqlEndpoint = await startSqlEndpoint(engine);
  } catch (error) {
    await server.close();
    await engine.close();
    throw error;
  }
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    async close() {
      await sqlEndpoint.close();
      await server.close();
      await engine.close();
    },
  };
}

/** Engine errors may quote the statement (DuckDB does); mask secret literals before anyone sees them. */
function maskedReporter(report: (message: string) => void): (error: unknown) => void {
  return (error) => {
    const text = error instanceof Error ? error.message : String(error);
    report(maskSecrets(text.split("\n")[0] ?? ""));
  };
}
