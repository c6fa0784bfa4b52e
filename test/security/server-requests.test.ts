/**
 * The REST server and malformed requests: every one gets a 4xx (or, for SQL, Snowflake's HTTP 200
 * with success:false) with Snowflake's error body, never a 500; and no statement runs without a
 * valid session (checked by the side effect a statement would leave).
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";

let engine: Engine;
let server: RunningServer;
const internalErrors: unknown[] = [];
let token = "";

interface Reply {
  status: number;
  body: Record<string, unknown> | null;
}

/** One raw HTTP request: the path goes on the wire exactly as written. */
function send(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { "Content-Type": "application/json", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: Record<string, unknown> | null = null;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = null;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Snowflake Token="${token}"` });

function expectSnowflakeError(reply: Reply, what: string): void {
  const kind = reply.status >= 400 && reply.status < 500 ? "4xx" : String(reply.status);
  expect(["4xx", "200"], `${what}: HTTP ${reply.status}`).toContain(kind);
  expect(reply.body, what).toMatchObject({ success: false });
  expect(typeof reply.body?.code, what).toBe("string");
  expect(typeof reply.body?.message, what).toBe("string");
}

/** Never a 500: a 4xx or 200, a JSON body; a refusal carries Snowflake's code and message. */
function expectAnswered(reply: Reply, what: string): void {
  const kind = reply.status >= 400 && reply.status < 500 ? "4xx" : String(reply.status);
  expect(["4xx", "200"], `${what}: HTTP ${reply.status}`).toContain(kind);
  expect(typeof reply.body?.success, what).toBe("boolean");
  if (reply.body?.success === false) {
    expect(typeof reply.body.code, what).toBe("string");
    expect(typeof reply.body.message, what).toBe("string");
  }
}

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine, { onInternalError: (e) => internalErrors.push(e) });
  const login = await send(
    "POST",
    "/session/v1/login-request",
    JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" } }),
  );
  token = (login.body as { data: { token: string } }).data.token;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

describe("malformed requests get Snowflake's error body and a 4xx", () => {
  it("malformed %-escapes in /queries/<id>/result and /monitoring/queries/<id> are a 400", async () => {
    for (const path of [
      "/queries/%E0%A4%A/result",
      "/queries/%/result",
      "/queries/%zz/result",
      "/monitoring/queries/%E0%A4%A",
      "/monitoring/queries/%",
      "/queries/%C0%80/abort-request",
    ]) {
      const method = path.endsWith("abort-request") ? "POST" : "GET";
      const reply = await send(method, path, method === "POST" ? "{}" : undefined, auth());
      expect(reply.status, path).toBe(400);
      expectSnowflakeError(reply, path);
    }
  });

  it("odd request targets, methods and bodies", async () => {
    const cases: [string, string, string | undefined, Record<string, string>][] = [
      ["GET", "//", undefined, {}],
      ["GET", "/%", undefined, {}],
      ["GET", "/queries/../session", undefined, {}],
      ["DELETE", "/queries/v1/query-request", undefined, auth()],
      ["POST", "/queries/v1/query-request", "[]", auth()],
      ["POST", "/queries/v1/query-request", "null", auth()],
      ["POST", "/queries/v1/query-request", '"text"', auth()],
      ["POST", "/queries/v1/query-request", JSON.stringify({ sqlText: ["SELECT 1"] }), auth()],
      ["POST", "/queries/v1/query-request", JSON.stringify({ sqlText: "SELECT 1", parameters: "x" }), auth()],
      ["POST", "/queries/v1/query-request", JSON.stringify({ sqlText: "SELECT ?", bindings: "x" }), auth()],
      [
        "POST",
        "/queries/v1/query-request",
        JSON.stringify({ sqlText: "SELECT ?", bindings: { "1": { type: "TEXT" } } }),
        auth(),
      ],
      [
        "POST",
        "/queries/v1/query-request",
        JSON.stringify({ sqlText: "SELECT ?", bindings: { "1": null } }),
        auth(),
      ],
      [
        "POST",
        "/queries/v1/query-request",
        JSON.stringify({ sqlText: "SELECT 1", describeOnly: "yes" }),
        auth(),
      ],
      ["POST", "/session/v1/login-request", JSON.stringify({ data: "x" }), {}],
      ["POST", "/session/v1/login-request", JSON.stringify({ data: { LOGIN_NAME: 7, PASSWORD: [] } }), {}],
      ["POST", "/session/v1/login-request", JSON.stringify({ data: { LOGIN_NAME: "ADMIN" } }), {}],
      ["POST", "/session/token-request", JSON.stringify({ oldSessionToken: 5 }), auth()],
      ["POST", "/session/heartbeat", "{}", { Authorization: "Snowflake" }],
      ["POST", "/session/heartbeat", "{}", { Authorization: 'Snowflake Token=""' }],
      ["POST", "/session/heartbeat", "{}", { Authorization: "Bearer x" }],
      ["POST", "/queries/v1/query-request", "{}", { ...auth(), "Content-Encoding": "br" }],
    ];
    for (const [method, path, body, headers] of cases) {
      const reply = await send(method, path, body, headers);
      expectAnswered(reply, `${method} ${path} ${body ?? ""} ${JSON.stringify(headers)}`);
    }
    expect(internalErrors).toEqual([]);
  });
});

describe("no statement without a valid session", () => {
  it("a missing, forged, renewed-away or closed session token runs nothing", async () => {
    const create = (name: string) => JSON.stringify({ sqlText: `CREATE DATABASE ${name}` });
    expect((await send("POST", "/queries/v1/query-request", create("NO_TOKEN"))).status).toBe(401);
    expect(
      (
        await send("POST", "/queries/v1/query-request", create("FORGED"), {
          Authorization: 'Snowflake Token="ST:forged"',
        })
      ).status,
    ).toBe(401);
    // A master token is not a session token.
    const login = await send(
      "POST",
      "/session/v1/login-request",
      JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" } }),
    );
    const { token: closing, masterToken } = (login.body as { data: { token: string; masterToken: string } })
      .data;
    const withMaster = await send("POST", "/queries/v1/query-request", create("MASTER"), {
      Authorization: `Snowflake Token="${masterToken}"`,
    });
    expectSnowflakeError(withMaster, "master token");
    // A closed session.
    await send("POST", "/session?delete=true", "{}", { Authorization: `Snowflake Token="${closing}"` });
    const afterClose = await send("POST", "/queries/v1/query-request", create("CLOSED"), {
      Authorization: `Snowflake Token="${closing}"`,
    });
    expectSnowflakeError(afterClose, "closed session");
    // A wrong password logs nobody in.
    const refused = await send(
      "POST",
      "/session/v1/login-request",
      JSON.stringify({ data: { LOGIN_NAME: "ADMIN", PASSWORD: "wrong" } }),
    );
    expect(refused.body?.success).toBe(false);
    const databases = await send(
      "POST",
      "/queries/v1/query-request",
      JSON.stringify({ sqlText: "SHOW DATABASES" }),
      auth(),
    );
    const names = (databases.body as { data: { rowset: unknown[][] } }).data.rowset.map((r) => r[1]);
    for (const name of ["NO_TOKEN", "FORGED", "MASTER", "CLOSED"]) expect(names).not.toContain(name);
  });
});
