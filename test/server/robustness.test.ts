/**
 * The REST server under 1,000 malformed or random requests: each gets a proper JSON error and the
 * server keeps serving real clients afterwards.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";

let engine: Engine;
let server: RunningServer;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine, {
    maxBodyBytes: 1024 * 1024,
    onInternalError: (e) => internalErrors.push(e),
  });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

interface Reply {
  status: number;
  body: { success?: boolean; code?: string | null; message?: string | null; data?: unknown };
}

async function send(
  path: string,
  init: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? "POST",
    headers: { "Content-Type": "application/json", ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  expect(response.headers.get("content-type")).toContain("application/json");
  return { status: response.status, body: (await response.json()) as Reply["body"] };
}

async function login(): Promise<string> {
  const body = gzipSync(
    JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin", ACCOUNT_NAME: "local" } }),
  );
  const reply = await send("/session/v1/login-request", { body, headers: { "Content-Encoding": "gzip" } });
  expect(reply.body.success).toBe(true);
  return (reply.body.data as { token: string }).token;
}

const PATHS = [
  "/session/v1/login-request",
  "/queries/v1/query-request",
  "/session/heartbeat",
  "/session/token-request",
  "/session?delete=true",
  "/telemetry/send",
  "/queries/abc/result",
  "/queries/v1/abort-request",
];

/** One malformed request of kind `i % 12`, with what the server must answer. */
function malformed(
  i: number,
  token: string,
): { path: string; init: Parameters<typeof send>[1]; status: number[] } {
  const auth = { Authorization: `Snowflake Token="${token}"` };
  const randomPath = PATHS[i % PATHS.length]!;
  switch (i % 12) {
    case 0:
      return { path: "/session/v1/login-request", init: { body: "{not json" }, status: [400] };
    case 1:
      return {
        path: "/queries/v1/query-request",
        init: { body: randomBytes(200), headers: { ...auth, "Content-Encoding": "gzip" } },
        status: [400],
      };
    case 2:
      return {
        path: "/queries/v1/query-request",
        init: { body: JSON.stringify({ sqlText: "select 1" }) },
        status: [401],
      };
    case 3:
      return {
        path: "/queries/v1/query-request",
        init: {
          body: JSON.stringify({ sqlText: "select 1" }),
          headers: { Authorization: 'Snowflake Token="forged"' },
        },
        status: [401],
      };
    case 4:
      return {
        path: "/queries/v1/query-request",
        init: { body: Buffer.alloc(2 * 1024 * 1024, 32), headers: auth },
        status: [413],
      };
    case 5:
      return { path: `/no/such/endpoint/${i}`, init: { body: "{}" }, status: [404] };
    case 6:
      return { path: "/queries/v1/query-request", init: { method: "GET", headers: auth }, status: [405] };
    case 7:
      return { path: randomPath, init: { body: randomBytes(64), headers: auth }, status: [400, 401, 404] };
    case 8:
      return {
        path: "/queries/v1/query-request",
        init: { body: JSON.stringify({ sqlText: 42 }), headers: auth },
        status: [400],
      };
    case 9:
      // Random SQL is a SQL error: HTTP 200 with success:false, never a 500 (the driver would retry).
      return {
        path: "/queries/v1/query-request",
        init: { body: JSON.stringify({ sqlText: randomBytes(24).toString("base64") }), headers: auth },
        status: [200],
      };
    case 10:
      return {
        path: "/queries/v1/query-request",
        init: {
          body: gzipSync(Buffer.alloc(8 * 1024 * 1024, 48)),
          headers: { ...auth, "Content-Encoding": "gzip" },
        },
        status: [413],
      };
    default:
      return {
        path: "/queries/v1/query-request",
        init: { body: JSON.stringify({ sqlText: "select ?", bindings: [1, 2] }), headers: auth },
        status: [400],
      };
  }
}

describe("REST server robustness", () => {
  it("answers 1,000 malformed requests with proper errors and keeps serving", async () => {
    const token = await login();
    const statuses = new Map<number, number>();
    for (let start = 0; start < 1000; start += 25) {
      const replies = await Promise.all(
        Array.from({ length: 25 }, async (_, offset) => {
          const request = malformed(start + offset, token);
          const reply = await send(request.path, request.init);
          expect(request.status, `request ${start + offset} to ${request.path}`).toContain(reply.status);
          expect(reply.body.success).toBe(false);
          expect(typeof reply.body.code).toBe("string");
          expect(typeof reply.body.message).toBe("string");
          return reply.status;
        }),
      );
      for (const status of replies) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect([...statuses.keys()].sort()).toEqual([200, 400, 401, 404, 405, 413]);
    expect(internalErrors).toEqual([]);

    // Still serving: the same session and a new one both run SQL.
    const query = await send("/queries/v1/query-request", {
      body: JSON.stringify({ sqlText: "SELECT 1 + 1 AS TWO" }),
      headers: { Authorization: `Snowflake Token="${token}"` },
    });
    expect(query.body.success).toBe(true);
    expect((query.body.data as { rowset: unknown }).rowset).toEqual([["2"]]);
    expect(await login()).toMatch(/^ST:/);
  });

  it("reports SQL errors as HTTP 200 with Snowflake's code and SQLSTATE", async () => {
    const token = await login();
    const reply = await send("/queries/v1/query-request", {
      body: JSON.stringify({ sqlText: "SELECT * FROM NO_DB.NO_SCHEMA.NOPE" }),
      headers: { Authorization: `Snowflake Token="${token}"` },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      success: false,
      code: "002003",
      data: { errorCode: "002003", sqlState: "02000" },
      message: "SQL compilation error:\nDatabase 'NO_DB' does not exist or not authorized.",
    });
  });

  it("renews a session token with the master token and drops the old one", async () => {
    const body = JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" } });
    const first = (await send("/session/v1/login-request", { body })).body.data as {
      token: string;
      masterToken: string;
    };
    const renewed = await send("/session/token-request", {
      body: JSON.stringify({ oldSessionToken: first.token, requestType: "RENEW" }),
      headers: { Authorization: `Snowflake Token="${first.masterToken}"` },
    });
    expect(renewed.body.success).toBe(true);
    const next = renewed.body.data as { sessionToken: string; validityInSecondsST: number };
    expect(next.validityInSecondsST).toBe(3600);
    const stale = await send("/session/heartbeat", {
      headers: { Authorization: `Snowflake Token="${first.token}"` },
    });
    expect(stale.status).toBe(401);
    const fresh = await send("/session/heartbeat", {
      headers: { Authorization: `Snowflake Token="${next.sessionToken}"` },
    });
    expect(fresh.body.success).toBe(true);
    const gone = await send("/session?delete=true", {
      headers: { Authorization: `Snowflake Token="${next.sessionToken}"` },
    });
    expect(gone.body.success).toBe(true);
    const after = await send("/session/heartbeat", {
      headers: { Authorization: `Snowflake Token="${next.sessionToken}"` },
    });
    expect(after.status).toBe(401);
  });
});
