/**
 * The REST protocol at the wire: binds of every Snowflake bind type, the JSON encoding of every
 * result type, multi-statement parents and their children, and the small endpoints.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";

let engine: Engine;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine, { tokens: { "pat-for-admin": "ADMIN" } });
  const login = await post("/session/v1/login-request", {
    data: {
      LOGIN_NAME: "admin",
      PASSWORD: "admin",
      ACCOUNT_NAME: "local",
      SESSION_PARAMETERS: { QUERY_TAG: "t" },
    },
  });
  token = (login.data as { token: string }).token;
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

interface Envelope {
  success: boolean;
  code: string | null;
  message: string | null;
  data: Record<string, unknown> | null;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Envelope> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", ...headers },
    body: gzipSync(JSON.stringify(body)),
  });
  return (await response.json()) as Envelope;
}

function query(sqlText: string, extra: Record<string, unknown> = {}): Promise<Envelope> {
  return post(
    "/queries/v1/query-request",
    { sqlText, ...extra },
    { Authorization: `Snowflake Token="${token}"` },
  );
}

describe("REST protocol", () => {
  it("logs in with the login parameters and returns tokens, validity and session info", async () => {
    await query("CREATE DATABASE IF NOT EXISTS WIRE");
    const login = await post("/session/v1/login-request?databaseName=WIRE&schemaName=PUBLIC", {
      data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" },
    });
    expect(login.success).toBe(true);
    expect(login.data).toMatchObject({
      validityInSeconds: 3600,
      masterValidityInSeconds: 14400,
      sessionInfo: { databaseName: "WIRE", schemaName: "PUBLIC", roleName: "ACCOUNTADMIN" },
    });
    expect(login.data!.token).toMatch(/^ST:/);
    expect(login.data!.masterToken).toMatch(/^MT:/);
  });

  it("sends with the login the session parameters Snowflake's drivers read, with Snowflake's defaults", async () => {
    const login = await post("/session/v1/login-request", {
      data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" },
    });
    const parameters = Object.fromEntries(
      (login.data!.parameters as { name: string; value: unknown }[]).map((p) => [p.name, p.value]),
    );
    // The Python connector reads CLIENT_STAGE_ARRAY_BINDING_THRESHOLD without a fallback and compares
    // it with a number; the values are those a Snowflake account sends by default.
    expect(parameters).toMatchObject({
      CLIENT_STAGE_ARRAY_BINDING_THRESHOLD: 65280,
      CLIENT_SESSION_KEEP_ALIVE: false,
      CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: 3600,
      CLIENT_PREFETCH_THREADS: 4,
      CLIENT_RESULT_CHUNK_SIZE: 16,
      QUERY_CONTEXT_CACHE_SIZE: 5,
      AUTOCOMMIT: true,
      CLIENT_TIMESTAMP_TYPE_MAPPING: "TIMESTAMP_LTZ",
      TIMESTAMP_NTZ_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3",
      BINARY_OUTPUT_FORMAT: "HEX",
    });
  });

  it("applies the login's role, and refuses a role the user does not hold with 390189", async () => {
    const sysadmin = await post("/session/v1/login-request?roleName=SYSADMIN", {
      data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" },
    });
    expect(sysadmin.data).toMatchObject({ sessionInfo: { roleName: "SYSADMIN" } });
    const refused = await post("/session/v1/login-request?roleName=NOPE", {
      data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" },
    });
    expect(refused).toMatchObject({ success: false, code: "390189" });
  });

  it("accepts a registered programmatic access token and refuses an unknown one", async () => {
    const ok = await post("/session/v1/login-request", {
      data: { LOGIN_NAME: "ADMIN", AUTHENTICATOR: "PROGRAMMATIC_ACCESS_TOKEN", TOKEN: "pat-for-admin" },
    });
    expect(ok.success).toBe(true);
    const refused = await post("/session/v1/login-request", {
      data: { LOGIN_NAME: "ADMIN", AUTHENTICATOR: "OAUTH", TOKEN: "guess" },
    });
    expect(refused).toMatchObject({ success: false, code: "390100" });
  });

  it("binds every Snowflake bind type, positionally and by name", async () => {
    const positional = await query("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?", {
      bindings: {
        "1": { type: "FIXED", value: "10" },
        "2": { type: "REAL", value: "1.5" },
        "3": { type: "TEXT", value: "o'k" },
        "4": { type: "BOOLEAN", value: "true" },
        "5": { type: "DATE", value: "2026-11-27" },
        "6": { type: "TIMESTAMP_NTZ", value: "2026-11-27 10:11:12.5" },
        "7": { type: "TIME", value: "10:11:12" },
        "8": { type: "BINARY", value: "CAFE" },
        "9": { type: "TEXT", value: null },
      },
    });
    expect(positional.success).toBe(true);
    const data = positional.data as {
      rowset: unknown[][];
      rowtype: { type: string }[];
      numberOfBinds: number;
    };
    expect(data.rowtype.slice(0, 8).map((c) => c.type)).toEqual([
      "fixed",
      "fixed",
      "text",
      "boolean",
      "date",
      "timestamp_ntz",
      "time",
      "binary",
    ]);
    expect(data.rowset).toEqual([
      ["10", "1.5", "o'k", "1", "20784", "1795774272.500000000", "36672.000000000", "CAFE", null],
    ]);
    expect(data.numberOfBinds).toBe(9);
    const named = await query("SELECT :who AS WHO, :n + 1 AS N", {
      bindings: { who: { type: "TEXT", value: "named" }, n: { type: "FIXED", value: "41" } },
    });
    expect((named.data as { rowset: unknown[][] }).rowset).toEqual([["named", "42"]]);
  });

  it("runs array binds (bulk insert) as one statement and reports the rows inserted", async () => {
    await query("CREATE OR REPLACE TABLE WIRE.PUBLIC.BULK (ID NUMBER, NAME VARCHAR)");
    const reply = await query("INSERT INTO WIRE.PUBLIC.BULK VALUES (?, ?)", {
      bindings: {
        "1": { type: "FIXED", value: ["1", "2", "3"] },
        "2": { type: "TEXT", value: ["a", null, "c"] },
      },
    });
    expect(reply.data).toMatchObject({ rowset: [["3"]], statementTypeId: 0x3100 });
    const rows = await query("SELECT ID, NAME FROM WIRE.PUBLIC.BULK ORDER BY ID");
    expect(rows.data!.rowset).toEqual([
      ["1", "a"],
      ["2", null],
      ["3", "c"],
    ]);
  });

  it("encodes results with the rowtype, counts and format parameters the driver needs", async () => {
    const reply = await query("SELECT 1.50::NUMBER(10,2) AS D, NULL::VARCHAR AS N");
    expect(reply.data).toMatchObject({
      rowset: [["1.50", null]],
      total: 1,
      returned: 1,
      version: 1,
      queryResultFormat: "json",
      statementTypeId: 4096,
    });
    const rowtype = reply.data!.rowtype as Record<string, unknown>[];
    // A cast of a literal keeps the cast's precision and, like the literal, cannot be NULL.
    expect(rowtype[0]).toMatchObject({ name: "D", type: "fixed", precision: 10, scale: 2, nullable: false });
    expect(rowtype[1]).toMatchObject({ name: "N", type: "text", nullable: true });
    const parameters = Object.fromEntries(
      (reply.data!.parameters as { name: string; value: string }[]).map((p) => [p.name, p.value]),
    );
    expect(parameters).toMatchObject({
      BINARY_OUTPUT_FORMAT: "HEX",
      DATE_OUTPUT_FORMAT: "YYYY-MM-DD",
      TIMEZONE: "UTC",
    });
  });

  it("runs a multi-statement request and serves each child under /queries/<id>/result", async () => {
    const parent = await query(
      "CREATE OR REPLACE TABLE WIRE.PUBLIC.M (X NUMBER); INSERT INTO WIRE.PUBLIC.M VALUES (1), (2); SELECT SUM(X) FROM WIRE.PUBLIC.M",
      {
        parameters: { MULTI_STATEMENT_COUNT: 3 },
      },
    );
    expect(parent.success).toBe(true);
    const ids = String(parent.data!.resultIds).split(",");
    expect(ids).toHaveLength(3);
    const children = await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${server.url}/queries/${id}/result`, {
          headers: { Authorization: `Snowflake Token="${token}"` },
        });
        return ((await response.json()) as Envelope).data as { rowset: unknown[][]; statementTypeId: number };
      }),
    );
    expect(children.map((c) => c.rowset)).toEqual([[["Table M successfully created."]], [["2"]], [["3"]]]);
    expect(children.map((c) => c.statementTypeId)).toEqual([0x6000, 0x3100, 0x1000]);
  });

  it("refuses a statement count that does not match MULTI_STATEMENT_COUNT, before running anything", async () => {
    const reply = await query("SELECT 1; SELECT 2", { parameters: { MULTI_STATEMENT_COUNT: 3 } });
    expect(reply).toMatchObject({
      success: false,
      code: "000008",
      message: "Actual statement count 2 did not match the desired statement count 3.",
    });
    const single = await query("SELECT 1; SELECT 2");
    expect(single).toMatchObject({ success: false, code: "000008" });
    expect(await query("-- nothing here")).toMatchObject({
      success: false,
      code: "000900",
      message: "Empty SQL statement.",
    });
  });

  it("describes a query without rows, and refuses to describe a statement with effects", async () => {
    const described = await query("SELECT 1 AS ONE, 'a' AS TXT", { describeOnly: true });
    expect(described.data).toMatchObject({ rowset: [], returned: 0 });
    expect((described.data!.rowtype as { name: string }[]).map((c) => c.name)).toEqual(["ONE", "TXT"]);
    const refused = await query("CREATE TABLE WIRE.PUBLIC.NEVER (X NUMBER)", { describeOnly: true });
    expect(refused).toMatchObject({ success: false, code: "000002" });
    expect(await query("SELECT * FROM WIRE.PUBLIC.NEVER")).toMatchObject({ success: false, code: "002003" });
  });

  it("acknowledges heartbeat, telemetry and abort requests", async () => {
    const auth = { Authorization: `Snowflake Token="${token}"` };
    expect((await post("/session/heartbeat", {}, auth)).success).toBe(true);
    expect((await post("/telemetry/send", { logs: [] }, auth)).success).toBe(true);
    expect((await post("/queries/v1/abort-request", { requestId: "r1" }, auth)).success).toBe(true);
    expect((await post("/queries/0000/abort-request", {}, auth)).success).toBe(true);
  });
});
