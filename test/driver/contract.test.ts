/**
 * The driver contract: one suite, run against the local driver and against the real snowflake-sdk
 * talking to the REST server. Both must return the same values, types, counts and errors.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchError } from "../../src/driver/errors.js";
import type { Driver } from "../../src/driver/types.js";
import { DriverError } from "../../src/errors/index.js";
import { CONTRACT_TOKEN, type Harness, openHarness } from "./targets.js";

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe.each(["local", "rest"] as const)("driver contract (%s)", (name) => {
  const database = `CONTRACT_${name.toUpperCase()}`;
  let driver: Driver;
  const connect = () =>
    harness.targets.find((t) => t.name === name)!.connect({ queryTag: `mercurios/test/${name}` });

  beforeAll(async () => {
    driver = await connect();
    await driver.execute(`CREATE OR REPLACE DATABASE ${database}`);
    await driver.execute(`USE SCHEMA ${database}.PUBLIC`);
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("returns every result type as the same display text and type name", async () => {
    const result = await driver.execute(
      `SELECT 42 AS N, 1.5::NUMBER(10,2) AS D, 2.5::FLOAT AS F, 'héllo' AS S, TRUE AS B,
              '2026-11-27'::DATE AS DT, '10:11:12'::TIME AS TM,
              '2026-11-27 10:11:12.345'::TIMESTAMP_NTZ AS TS,
              PARSE_JSON('{"a":1}') AS V, ARRAY_CONSTRUCT(1, 2) AS A,
              HEX_DECODE_BINARY('ABCD') AS BIN, NULL::VARCHAR AS NOTHING`,
    );
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ["N", "fixed"],
      ["D", "fixed"],
      ["F", "real"],
      ["S", "text"],
      ["B", "boolean"],
      ["DT", "date"],
      ["TM", "time"],
      ["TS", "timestamp_ntz"],
      ["V", "variant"],
      ["A", "array"],
      ["BIN", "binary"],
      ["NOTHING", "text"],
    ]);
    // Full SQL types: the same on both drivers, except that snowflake-sdk passes on no text or binary length.
    const sqlTypes = result.columns.map((c) => c.sqlType);
    // Snowflake types a literal by its digits (42 is NUMBER(2,0)) and a cast by its target type.
    expect(sqlTypes.filter((_, i) => ![3, 10, 11].includes(i))).toEqual([
      "NUMBER(2,0)",
      "NUMBER(10,2)",
      "FLOAT",
      "BOOLEAN",
      "DATE",
      "TIME(9)",
      "TIMESTAMP_NTZ(9)",
      "VARIANT",
      "ARRAY",
    ]);
    // A string literal is VARCHAR of its length ('héllo' has 5 characters); a cast to VARCHAR has the full length.
    expect(sqlTypes[3]).toMatch(/^VARCHAR(\(5\))?$/);
    expect(sqlTypes[11]).toMatch(/^VARCHAR(\(16777216\))?$/);
    expect(sqlTypes[10]).toMatch(/^BINARY(\(8388608\))?$/);
    expect(result.rows).toEqual([
      [
        "42",
        "1.50",
        "2.5",
        "héllo",
        "true",
        "2026-11-27",
        "10:11:12",
        "2026-11-27 10:11:12.345",
        '{"a":1}',
        "[1,2]",
        "ABCD",
        null,
      ],
    ]);
    expect(result.rowCount).toBe(1);
    expect(result.queryId).toMatch(/\S/);
  });

  it("agrees on edge values: pre-1970 timestamps, local-time zones, huge numbers, nested JSON", async () => {
    const result = await driver.execute(
      `SELECT '1969-07-20 20:17:40.123'::TIMESTAMP_NTZ AS MOON, '2026-11-27 10:11:12.345'::TIMESTAMP_LTZ AS LTZ,
              '23:59:59'::TIME AS LATE, 12345678901234567890::NUMBER(38,0) AS BIG, -0.001::NUMBER(10,3) AS NEG,
              1e300::FLOAT AS HUGE, PARSE_JSON('[{"a":"é"}]') AS NESTED, PARSE_JSON('null') AS JSON_NULL`,
    );
    expect(result.columns.map((c) => c.type)).toEqual([
      "timestamp_ntz",
      "timestamp_ltz",
      "time",
      "fixed",
      "fixed",
      "real",
      "variant",
      "variant",
    ]);
    expect(result.rows).toEqual([
      [
        "1969-07-20 20:17:40.123",
        "2026-11-27 10:11:12.345 +0000",
        "23:59:59",
        "12345678901234567890",
        "-0.001",
        "1e+300",
        '[{"a":"é"}]',
        "null",
      ],
    ]);
  });

  it("binds numbers, text, booleans and nulls by position", async () => {
    const result = await driver.execute("SELECT ? AS I, ? AS T, ? AS R, ? AS B, ? AS Z", {
      binds: [7, "it's", 1.25, false, null],
    });
    expect(result.rows).toEqual([["7", "it's", "1.25", "false", null]]);
  });

  it("reports DML row counts", async () => {
    await driver.execute("CREATE OR REPLACE TABLE SALES (ID NUMBER, STORE VARCHAR, AMOUNT NUMBER(10,2))");
    const inserted = await driver.execute(
      "INSERT INTO SALES VALUES (1, 'A', 10.5), (2, 'B', 20), (3, 'A', 1)",
    );
    expect(inserted.rowCount).toBe(3);
    const updated = await driver.execute("UPDATE SALES SET AMOUNT = AMOUNT + 1 WHERE STORE = ?", {
      binds: ["A"],
    });
    expect(updated.rowCount).toBe(2);
    const deleted = await driver.execute("DELETE FROM SALES WHERE ID = 3");
    expect(deleted.rowCount).toBe(1);
    const rows = await driver.execute("SELECT ID, AMOUNT FROM SALES ORDER BY ID");
    expect(rows.rows).toEqual([
      ["1", "11.50"],
      ["2", "20.00"],
    ]);
  });

  it("runs a batch in one round trip and returns each statement's result", async () => {
    const before = driver.queryLog.length;
    const results = await driver.executeBatch([
      "CREATE OR REPLACE TABLE STORES (CODE VARCHAR)",
      "INSERT INTO STORES VALUES ('S1'), ('S2')",
      "SELECT COUNT(*) AS N FROM STORES",
    ]);
    expect(results.map((r) => r.rows)).toEqual([[["Table STORES successfully created."]], [["2"]], [["2"]]]);
    expect(results[1]!.rowCount).toBe(2);
    expect(driver.queryLog.length).toBe(before + 1);
    expect(driver.queryLog.at(-1)).toMatchObject({ ok: true, statementCount: 3 });
    expect(driver.queryLog.at(-1)!.queryIds).toEqual(results.map((r) => r.queryId));
  });

  it("fails a missing object with 002003 and keeps the session usable", async () => {
    const error = await driver.execute("SELECT * FROM NO_SUCH_TABLE").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).sqlCode).toBe("002003");
    expect((error as DriverError).sqlState).toBe("42S02");
    expect((error as DriverError).message).toBe(
      `SQL compilation error:\nObject '${database}.PUBLIC.NO_SUCH_TABLE' does not exist or not authorized.`,
    );
    expect((await driver.execute("SELECT 1 AS ONE")).rows).toEqual([["1"]]);
  });

  it("stops a batch at the failing statement and says how many ran", async () => {
    const error = await driver
      .executeBatch(["CREATE OR REPLACE TABLE B1 (X NUMBER)", "INSERT INTO MISSING_T VALUES (1)", "SELECT 1"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchError);
    expect((error as BatchError).sqlCode).toBe("002003");
    expect((error as BatchError).completed).toBe(1);
    expect((error as BatchError).results.map((r) => r.sql)).toEqual([
      "CREATE OR REPLACE TABLE B1 (X NUMBER)",
    ]);
    expect((error as BatchError).results[0]!.queryId).toMatch(/\S/);
    expect((await driver.execute("SELECT COUNT(*) FROM B1")).rows).toEqual([["0"]]);
  });

  it("keeps session state per connection", async () => {
    const other = await connect();
    try {
      await driver.execute("SET REGION = 'north'");
      await other.execute("SET REGION = 'south'");
      expect((await driver.execute("SELECT $REGION")).rows).toEqual([["north"]]);
      expect((await other.execute("SELECT $REGION")).rows).toEqual([["south"]]);
      await other.execute(`CREATE OR REPLACE DATABASE ${database}_OTHER`);
      await other.execute(`USE DATABASE ${database}_OTHER`);
      await other.execute("CREATE TABLE ONLY_OTHER (X NUMBER)");
      expect((await other.execute("SELECT COUNT(*) FROM ONLY_OTHER")).rows).toEqual([["0"]]);
      const error = await driver.execute("SELECT COUNT(*) FROM ONLY_OTHER").catch((e: unknown) => e);
      expect((error as DriverError).sqlCode).toBe("002003");
    } finally {
      await other.close();
    }
  });

  it("serves 20 concurrent connections, each with its own state", async () => {
    const drivers = await Promise.all(Array.from({ length: 20 }, () => connect()));
    try {
      const answers = await Promise.all(
        drivers.map(async (d, i) => {
          await d.execute(`SET N = ${i}`);
          const result = await d.execute("SELECT $N * 2 AS TWICE");
          return result.rows[0]![0];
        }),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => String(i * 2)));
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
    }
  });

  it("tags every statement and records the tag in the query log and the account's query history", async () => {
    const tagged = await driver.execute("SELECT 'tagged' AS T", {
      queryTag: `mercurios/contract/${name}/V1__x.sql`,
    });
    expect(driver.queryLog.at(-1)).toMatchObject({
      queryTag: `mercurios/contract/${name}/V1__x.sql`,
      queryIds: [tagged.queryId],
      ok: true,
    });
    const plain = await driver.execute("SELECT 'default tag' AS T");
    expect(driver.queryLog.at(-1)!.queryTag).toBe(`mercurios/test/${name}`);
    const history = await driver.execute(
      "SELECT QUERY_ID, QUERY_TAG FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY WHERE QUERY_ID IN (?, ?) ORDER BY QUERY_TAG",
      { binds: [tagged.queryId, plain.queryId] },
    );
    expect(history.rows).toEqual([
      [tagged.queryId, `mercurios/contract/${name}/V1__x.sql`],
      [plain.queryId, `mercurios/test/${name}`],
    ]);
  });
});

describe("REST login", () => {
  it("refuses a wrong password with 390100", async () => {
    const { resolveConnection } = await import("../../src/driver/connection.js");
    const { connectSnowflake } = await import("../../src/driver/snowflake.js");
    const error = await connectSnowflake(
      resolveConnection(undefined, { env: harness.restEnv("ADMIN", "wrong") }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).code).toBe("LOGIN_FAILED");
    expect((error as DriverError).sqlCode).toBe("390100");
  });

  it("logs in a created user with its password, and with a key pair registered as RSA_PUBLIC_KEY", async () => {
    const { resolveConnection } = await import("../../src/driver/connection.js");
    const { connectSnowflake } = await import("../../src/driver/snowflake.js");
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "mercurios-key-")), "rsa_key.p8");
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
    const publicBody = publicKey.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const admin = await connectSnowflake(resolveConnection(undefined, { env: harness.restEnv() }));
    await admin.execute("CREATE USER ANALYST PASSWORD = 'analyst-pw' DEFAULT_ROLE = PUBLIC");
    await admin.execute(`CREATE USER DEPLOYER RSA_PUBLIC_KEY = '${publicBody}'`);
    await admin.close();

    const analyst = await connectSnowflake(
      resolveConnection(undefined, { env: harness.restEnv("analyst", "analyst-pw") }),
    );
    expect((await analyst.execute("SELECT CURRENT_USER()")).rows).toEqual([["ANALYST"]]);
    await analyst.close();

    const env = {
      ...harness.restEnv("DEPLOYER"),
      SNOWFLAKE_PASSWORD: "",
      SNOWFLAKE_PRIVATE_KEY_PATH: keyFile,
    };
    const resolved = resolveConnection(undefined, { env });
    expect(resolved.authenticator).toBe("SNOWFLAKE_JWT");
    const deployer = await connectSnowflake(resolved);
    expect((await deployer.execute("SELECT CURRENT_USER()")).rows).toEqual([["DEPLOYER"]]);
    await deployer.close();
  });

  it("logs in with a programmatic access token and with an OAuth token", async () => {
    const { resolveConnection } = await import("../../src/driver/connection.js");
    const { connectSnowflake } = await import("../../src/driver/snowflake.js");
    const base = { ...harness.restEnv(), SNOWFLAKE_PASSWORD: "", SNOWFLAKE_TOKEN: CONTRACT_TOKEN };
    for (const authenticator of ["PROGRAMMATIC_ACCESS_TOKEN", "OAUTH"]) {
      const resolved = resolveConnection(undefined, {
        env: { ...base, SNOWFLAKE_AUTHENTICATOR: authenticator },
      });
      expect(resolved.authenticator).toBe(authenticator);
      const driver = await connectSnowflake(resolved);
      expect((await driver.execute("SELECT CURRENT_USER()")).rows).toEqual([["ADMIN"]]);
      await driver.close();
    }
  });

  it("reports a failed EXTERNALBROWSER login instead of returning an unconnected driver", async () => {
    const { resolveConnection } = await import("../../src/driver/connection.js");
    const { connectSnowflake } = await import("../../src/driver/snowflake.js");
    const env = { ...harness.restEnv(), SNOWFLAKE_PASSWORD: "", SNOWFLAKE_AUTHENTICATOR: "externalbrowser" };
    const resolved = resolveConnection(undefined, { env });
    expect(resolved.authenticator).toBe("EXTERNALBROWSER");
    const error = await connectSnowflake(resolved, { loginAttempts: 1, connectTimeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DriverError);
  });

  it("fails fast with a clear error when nothing listens", async () => {
    const { resolveConnection } = await import("../../src/driver/connection.js");
    const { connectSnowflake } = await import("../../src/driver/snowflake.js");
    const env = { ...harness.restEnv(), SNOWFLAKE_ACCESS_URL: "http://127.0.0.1:9" };
    const error = await connectSnowflake(resolveConnection(undefined, { env })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).code).toBe("UNREACHABLE");
    expect((error as DriverError).message).toContain("Cannot reach http://127.0.0.1:9");
  });
});
