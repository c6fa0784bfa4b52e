/**
 * Every Snowflake type on the wire, read by the real snowflake-sdk: the column metadata the driver
 * exposes (getType, getPrecision, getScale, isNullable) and the JavaScript value it builds, as the
 * driver documents them and as Snowflake's own replies in the driver's tests have them (fixed with
 * its precision and scale, real without, timestamps with precision 0 and their scale, text and binary
 * with their lengths, OBJECT / ARRAY / VARIANT distinct).
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { connectSdk, destroy, execute, type SdkConnection } from "./sdk.js";

let engine: Engine;
let server: RunningServer;
let connection: SdkConnection;

const TABLE = `CREATE TABLE TYPED (
  N NUMBER(10,2) NOT NULL, I INTEGER, F FLOAT, S VARCHAR(10), S_MAX STRING, B BOOLEAN, D DATE,
  TM TIME, TN TIMESTAMP_NTZ, TL TIMESTAMP_LTZ(3), TZ TIMESTAMP_TZ, BI BINARY(8), V VARIANT,
  O OBJECT, A ARRAY, NULLED VARCHAR
)`;
const ROW = `INSERT INTO TYPED SELECT 12.34, 7, 1.5, 'abc', 'xyz', TRUE, '2024-01-02', '10:11:12',
  '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678',
  TO_BINARY('CAFE', 'HEX'), PARSE_JSON('{"a":[1,"x"]}'), OBJECT_CONSTRUCT('k', 1), ARRAY_CONSTRUCT(1, 2), NULL`;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine);
  connection = await connectSdk(server.url);
  await execute(connection, "CREATE DATABASE TYPES_DB");
  await execute(connection, "USE SCHEMA TYPES_DB.PUBLIC");
  await execute(connection, TABLE);
  await execute(connection, ROW);
});
afterAll(async () => {
  await destroy(connection);
  await server?.close();
  await engine?.close();
});

interface Seen {
  type: string;
  precision: number | null;
  scale: number | null;
  nullable: boolean;
  value: unknown;
}

/** Each column's metadata and value, by name, as the driver presents them. */
async function read(sqlText: string): Promise<Record<string, Seen>> {
  const { statement, rows } = await execute(connection, sqlText);
  const out: Record<string, Seen> = {};
  for (const column of statement.getColumns() ?? []) {
    out[column.getName()] = {
      type: column.getType(),
      precision: column.getPrecision() ?? null,
      scale: column.getScale() ?? null,
      nullable: column.isNullable(),
      value: rows[0]?.[column.getName()],
    };
  }
  return out;
}

/** The raw rowtype of a query (length and byteLength, which the driver does not expose). */
async function rowtype(sqlText: string): Promise<Record<string, Record<string, unknown>>> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", ...headers },
      body: gzipSync(JSON.stringify(body)),
    }).then((r) => r.json() as Promise<{ data: Record<string, unknown> }>);
  const login = await post("/session/v1/login-request?databaseName=TYPES_DB&schemaName=PUBLIC", {
    data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" },
  });
  const reply = await post(
    "/queries/v1/query-request",
    { sqlText },
    { Authorization: `Snowflake Token="${login.data.token as string}"` },
  );
  const columns = reply.data.rowtype as Record<string, unknown>[];
  return Object.fromEntries(columns.map((c) => [c.name as string, c]));
}

describe("table columns: metadata and values of every type", () => {
  let seen: Record<string, Seen>;
  beforeAll(async () => {
    seen = await read("SELECT * FROM TYPED");
  });

  it("NUMBER(10,2) NOT NULL: fixed, precision 10, scale 2, not nullable, a number", () => {
    expect(seen.N).toEqual({ type: "fixed", precision: 10, scale: 2, nullable: false, value: 12.34 });
  });

  it("INTEGER: fixed NUMBER(38,0), a number", () => {
    expect(seen.I).toEqual({ type: "fixed", precision: 38, scale: 0, nullable: true, value: 7 });
  });

  it("FLOAT: real, no precision or scale, a number", () => {
    expect(seen.F).toEqual({ type: "real", precision: null, scale: null, nullable: true, value: 1.5 });
  });

  it("VARCHAR: text, a string", () => {
    expect(seen.S).toMatchObject({ type: "text", nullable: true, value: "abc" });
    expect(seen.S_MAX).toMatchObject({ type: "text", value: "xyz" });
    expect(seen.NULLED).toMatchObject({ type: "text", value: null });
  });

  it("BOOLEAN: boolean, a boolean", () => {
    expect(seen.B).toMatchObject({ type: "boolean", value: true });
  });

  it("DATE: date, a Date at midnight UTC", () => {
    expect(seen.D).toMatchObject({ type: "date", precision: null, scale: null });
    expect(seen.D!.value).toBeInstanceOf(Date);
    expect((seen.D!.value as Date).getTime()).toBe(Date.UTC(2024, 0, 2));
  });

  it("TIME: time, precision 0 and scale 9, the time as text", () => {
    expect(seen.TM).toEqual({ type: "time", precision: 0, scale: 9, nullable: true, value: "10:11:12" });
  });

  it("TIMESTAMP_NTZ / TIMESTAMP_LTZ(3) / TIMESTAMP_TZ: their own types, precision 0, their scale, the instant", () => {
    expect(seen.TN).toMatchObject({ type: "timestamp_ntz", precision: 0, scale: 9 });
    expect(seen.TL).toMatchObject({ type: "timestamp_ltz", precision: 0, scale: 3 });
    expect(seen.TZ).toMatchObject({ type: "timestamp_tz", precision: 0, scale: 9 });
    const instant = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    for (const column of ["TN", "TL", "TZ"]) {
      expect(seen[column]!.value).toBeInstanceOf(Date);
      expect((seen[column]!.value as Date).getTime()).toBe(instant);
    }
  });

  it("BINARY: binary, a Buffer of the bytes", () => {
    expect(seen.BI).toMatchObject({ type: "binary" });
    expect(Buffer.isBuffer(seen.BI!.value)).toBe(true);
    expect((seen.BI!.value as Buffer).toString("hex")).toBe("cafe");
  });

  it("VARIANT, OBJECT and ARRAY: three distinct types, each parsed from JSON", () => {
    expect(seen.V).toEqual({
      type: "variant",
      precision: null,
      scale: null,
      nullable: true,
      value: { a: [1, "x"] },
    });
    expect(seen.O).toEqual({ type: "object", precision: null, scale: null, nullable: true, value: { k: 1 } });
    expect(seen.A).toEqual({ type: "array", precision: null, scale: null, nullable: true, value: [1, 2] });
  });

  it("sends text and binary lengths as Snowflake does (byteLength: 4 bytes per character, at most 16 MB)", async () => {
    const types = await rowtype("SELECT S, S_MAX, BI, N FROM TYPED");
    expect(types.S).toMatchObject({ type: "text", length: 10, byteLength: 40 });
    expect(types.S_MAX).toMatchObject({ type: "text", length: 16_777_216, byteLength: 16_777_216 });
    expect(types.BI).toMatchObject({ type: "binary", length: 8, byteLength: 8 });
    expect(types.N).toMatchObject({ type: "fixed", length: null, byteLength: null, precision: 10, scale: 2 });
  });
});

describe("expressions: the types Snowflake gives them", () => {
  it("a cast keeps its precision and scale: 12.345::NUMBER(10,3) is NUMBER(10,3)", async () => {
    const seen = await read("SELECT 12.345::NUMBER(10,3) AS C, CAST(1 AS VARCHAR(5)) AS V5");
    expect(seen.C).toEqual({ type: "fixed", precision: 10, scale: 3, nullable: false, value: 12.345 });
    const types = await rowtype("SELECT CAST(1 AS VARCHAR(5)) AS V5");
    expect(types.V5).toMatchObject({ type: "text", length: 5, nullable: false });
  });

  it("literals are typed by their digits and length, and are not nullable", async () => {
    const seen = await read("SELECT 1 AS ONE, -2.50 AS NEG, 'abc' AS T, TRUE AS YES");
    expect(seen.ONE).toEqual({ type: "fixed", precision: 1, scale: 0, nullable: false, value: 1 });
    expect(seen.NEG).toEqual({ type: "fixed", precision: 3, scale: 2, nullable: false, value: -2.5 });
    expect(seen.T).toMatchObject({ type: "text", nullable: false, value: "abc" });
    expect(seen.YES).toMatchObject({ type: "boolean", nullable: false, value: true });
  });

  it("OBJECT_CONSTRUCT is OBJECT, ARRAY_CONSTRUCT and ARRAY_AGG are ARRAY, PARSE_JSON is VARIANT", async () => {
    const seen = await read(
      "SELECT OBJECT_CONSTRUCT('a', 1) AS O, ARRAY_CONSTRUCT(1, 2) AS A, PARSE_JSON('[1]') AS V, ARRAY_AGG(I) AS AGG FROM TYPED",
    );
    expect([seen.O!.type, seen.A!.type, seen.V!.type, seen.AGG!.type]).toEqual([
      "object",
      "array",
      "variant",
      "array",
    ]);
    expect([seen.O!.value, seen.A!.value, seen.V!.value, seen.AGG!.value]).toEqual([
      { a: 1 },
      [1, 2],
      [1],
      [7],
    ]);
  });

  it("COUNT is NUMBER(18,0) and never NULL; an outer join's columns may be", async () => {
    const counted = await read("SELECT COUNT(*) AS C FROM TYPED");
    expect(counted.C).toEqual({ type: "fixed", precision: 18, scale: 0, nullable: false, value: 1 });
    const joined = await read("SELECT T2.N FROM TYPED T1 LEFT JOIN TYPED T2 ON FALSE");
    expect(joined.N).toMatchObject({ type: "fixed", precision: 10, scale: 2, nullable: true, value: null });
  });
});
