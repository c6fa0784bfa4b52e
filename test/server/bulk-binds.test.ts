/**
 * Bulk binds through the real snowflake-sdk: 50,000 rows of array binds in one statement, many-tuple
 * INSERTs of scalar binds, values that stress the way binds reach DuckDB, and statements that are not
 * a plain INSERT … VALUES (run row by row, counts summed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { connectSdk, destroy, execute, rowsOf, type SdkConnection } from "./sdk.js";

let engine: Engine;
let server: RunningServer;
let connection: SdkConnection;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine);
  connection = await connectSdk(server.url);
  await execute(connection, "CREATE DATABASE BULK");
  await execute(connection, "USE SCHEMA BULK.PUBLIC");
});
afterAll(async () => {
  await destroy(connection);
  await server?.close();
  await engine?.close();
});

describe("array binds", () => {
  it("inserts 50,000 rows of five types in one statement, every value as bound", async () => {
    await execute(
      connection,
      "CREATE TABLE LOADED (ID NUMBER(38,0), NAME VARCHAR(100), AMOUNT NUMBER(12,2), DAY DATE, FLAG BOOLEAN)",
    );
    const rows = Array.from({ length: 50_000 }, (_, i) => [
      i,
      i % 7 === 0 ? null : `name-${i}`,
      (i % 1000) / 4,
      `2024-02-${String((i % 28) + 1).padStart(2, "0")}`,
      i % 3 === 0,
    ]);
    const { statement } = await execute(connection, "INSERT INTO LOADED VALUES (?, ?, ?, ?, ?)", {
      binds: rows,
    });
    expect(statement.getNumUpdatedRows()).toBe(50_000);

    // Expected figures worked out from the bound rows, not read back from the engine.
    const expected = {
      count: rows.length,
      ids: rows.reduce((sum, r) => sum + (r[0] as number), 0),
      names: rows.filter((r) => r[1] !== null).length,
      cents: rows.reduce((sum, r) => sum + Math.round((r[2] as number) * 100), 0),
      flags: rows.filter((r) => r[4] === true).length,
      days: rows.reduce((sum, r) => sum + Number((r[3] as string).slice(8)), 0),
    };
    const [summary] = await rowsOf(
      connection,
      "SELECT COUNT(*), SUM(ID), COUNT(NAME), SUM(AMOUNT * 100), COUNT_IF(FLAG), SUM(DAYOFMONTH(DAY)) FROM LOADED",
    );
    expect(summary!.map(Number)).toEqual([
      expected.count,
      expected.ids,
      expected.names,
      expected.cents,
      expected.flags,
      expected.days,
    ]);
    const sample = await rowsOf(
      connection,
      "SELECT ID, NAME, AMOUNT, TO_VARCHAR(DAY), FLAG FROM LOADED WHERE ID IN (0, 1, 49999) ORDER BY ID",
    );
    expect(sample).toEqual([
      [0, null, 0, "2024-02-01", true],
      [1, "name-1", 0.25, "2024-02-02", false],
      [49999, "name-49999", 249.75, "2024-02-20", false],
    ]);
  }, 300_000);

  it("keeps text exactly: quotes, commas, newlines, control characters, empty strings, non-ASCII", async () => {
    await execute(connection, "CREATE TABLE TEXTS (ID NUMBER, T VARCHAR)");
    const texts = [
      "it's",
      'say "hi"',
      "a,b",
      "line\nbreak",
      "tab\tand\u001fUS",
      "\u001e\u001d",
      "",
      "ünïcødé ✓",
      null,
    ];
    await execute(connection, "INSERT INTO TEXTS (ID, T) VALUES (?, ?)", {
      binds: texts.map((t, i) => [i, t]),
    });
    const back = await rowsOf(connection, "SELECT T FROM TEXTS ORDER BY ID");
    expect(back.map((r) => r[0])).toEqual(texts);
  });

  it("runs an array-bound UPDATE once per row and reports the summed counts", async () => {
    await execute(connection, "CREATE TABLE COUNTERS (K NUMBER, V VARCHAR)");
    await execute(connection, "INSERT INTO COUNTERS VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd')");
    const { statement } = await execute(connection, "UPDATE COUNTERS SET V = ? WHERE K = ?", {
      binds: [
        ["one", 1],
        ["two", 2],
        ["nine", 9],
      ],
    });
    expect(statement.getNumUpdatedRows()).toBe(3);
    expect(await rowsOf(connection, "SELECT K, V FROM COUNTERS ORDER BY K, V")).toEqual([
      [1, "one"],
      [2, "two"],
      [2, "two"],
      [3, "d"],
    ]);
  });
});

describe("multi-row binds", () => {
  it("inserts a 2,000-tuple VALUES list of scalar binds, integers and fractions in one column", async () => {
    await execute(connection, "CREATE TABLE TUPLES (ID NUMBER, AMOUNT NUMBER(10,2), NAME VARCHAR)");
    const count = 2_000;
    const tuples = Array.from({ length: count }, () => "(?, ?, ?)").join(", ");
    // snowflake-sdk sends an integer as FIXED and a fraction as REAL: one column mixes both.
    const binds = Array.from({ length: count }, (_, i) => [i, i % 2 === 0 ? i : i + 0.5, `t${i}`]).flat();
    const { statement } = await execute(connection, `INSERT INTO TUPLES VALUES ${tuples}`, { binds });
    expect(statement.getNumUpdatedRows()).toBe(count);
    const expectedAmount = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? i : i + 0.5)).reduce(
      (a, b) => a + b,
      0,
    );
    const [summary] = await rowsOf(connection, "SELECT COUNT(*), SUM(AMOUNT), MAX(NAME) FROM TUPLES");
    expect(summary).toEqual([count, expectedAmount, "t999"]);
  });
});
