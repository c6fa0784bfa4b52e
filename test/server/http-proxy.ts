/**
 * A plain HTTP proxy for tests, between snowflake-sdk (or the CLI) and `local serve` on 127.0.0.1.
 * It records each exchange (path and the reply's Snowflake code) and lets a test act on a request
 * before it is forwarded: kill the client at an exact point of the protocol, or drop the request.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  /** The path without its query string. */
  path: string;
  /** `sqlText` of a query request, else null. */
  sqlText: string | null;
}

/** One finished exchange: the request's path and the reply's code (null on success). */
export interface Seen {
  path: string;
  code: string | null;
}

export interface ProxyHooks {
  /** Runs before the request is forwarded; "drop" closes the client's socket instead. */
  beforeForward?: (request: ProxiedRequest) => Promise<"forward" | "drop"> | "forward" | "drop";
  /** Runs once the server's reply has been passed back (or the client was gone). */
  afterReply?: (request: ProxiedRequest, code: string | null) => void;
}

export interface RunningProxy {
  url: string;
  /** Exchanges in the order their replies came back. */
  seen: Seen[];
  close(): Promise<void>;
}

function decode(raw: Buffer, encoding: string | string[] | undefined): string {
  return (encoding === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `targetUrl`. */
export async function startProxy(targetUrl: string, hooks: ProxyHooks = {}): Promise<RunningProxy> {
  const target = new URL(targetUrl);
  const seen: Seen[] = [];
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const body = await readAll(incoming);
      let sqlText: string | null = null;
      try {
        const parsed = JSON.parse(decode(body, incoming.headers["content-encoding"])) as {
          sqlText?: unknown;
        };
        if (typeof parsed.sqlText === "string") sqlText = parsed.sqlText;
      } catch {
        // not JSON (GET requests have no body)
      }
      const request: ProxiedRequest = { path: (incoming.url ?? "").split("?")[0]!, sqlText };
      if ((await hooks.beforeForward?.(request)) === "drop") {
        outgoing.destroy();
        return;
      }
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        async (reply) => {
          const raw = await readAll(reply);
          let code: string | null;
          try {
            code =
              (JSON.parse(decode(raw, reply.headers["content-encoding"])) as { code?: string | null }).code ??
              null;
          } catch {
            code = `HTTP ${reply.statusCode}`;
          }
          seen.push({ path: request.path, code });
          if (!outgoing.destroyed) {
            outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
            outgoing.end(raw);
          }
          hooks.afterReply?.(request, code);
        },
      );
      forward.on("error", () => outgoing.destroy());
      forward.end(body);
    } catch {
      outgoing.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
