/**
 * Results by query id through the real snowflake-sdk: getResultsFromQueryId for small and chunked
 * results, from the session that ran the statement and from another of the same user (not another
 * user's), asynchronous execution with its status, and failures kept as failures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { connectSdk, destroy, execute, type SdkConnection, type SdkStatement } from "./sdk.js";

let engine: Engine;
let server: RunningServer;
let connection: SdkConnection;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine);
  connection = await connectSdk(server.url);
  await execute(connection, "CREATE DATABASE BYID");
  await execute(connection, "USE SCHEMA BYID.PUBLIC");
  await execute(connection, "CREATE TABLE NUMBERS (N NUMBER, WORD VARCHAR)");
  const rows = Array.from({ length: 40_000 }, (_, i) => [i, `w${i}`]);
  await execute(connection, "INSERT INTO NUMBERS VALUES (?, ?)", { binds: rows });
});
afterAll(async () => {
  await destroy(connection);
  await server?.close();
  await engine?.close();
});

/** Every row of a statement fetched by id, through streamRows. */
function fetchById(on: SdkConnection, queryId: string): Promise<Record<string, unknown>[]> {
  return on.getResultsFromQueryId({ queryId, streamResult: true }).then(
    (statement) =>
      new Promise((resolve, reject) => {
        const rows: Record<string, unknown>[] = [];
        (statement as SdkStatement)
          .streamRows()
          .on("data", (row: Record<string, unknown>) => rows.push(row))
          .on("error", reject)
          .on("end", () => resolve(rows));
      }),
  );
}

function asyncStart(on: SdkConnection, sqlText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    on.execute({
      sqlText,
      asyncExec: true,
      complete: (error, statement) => (error ? reject(error) : resolve(statement.getQueryId())),
    });
  });
}

describe("getResultsFromQueryId", () => {
  it("returns a finished query's rows again, in the same session and in another of the same user", async () => {
    const { statement, rows } = await execute(
      connection,
      "SELECT N, WORD FROM NUMBERS WHERE N < 3 ORDER BY N",
    );
    expect(rows).toEqual([
      { N: 0, WORD: "w0" },
      { N: 1, WORD: "w1" },
      { N: 2, WORD: "w2" },
    ]);
    expect(await fetchById(connection, statement.getQueryId())).toEqual(rows);
    const other = await connectSdk(server.url);
    try {
      expect(await fetchById(other, statement.getQueryId())).toEqual(rows);
    } finally {
      await destroy(other);
    }
  });

  it("returns a chunked result again whole", async () => {
    const { statement } = await execute(connection, "SELECT N, WORD FROM NUMBERS ORDER BY N");
    const again = await fetchById(connection, statement.getQueryId());
    expect(again.length).toBe(40_000);
    expect(again.filter((row, i) => row.N !== i || row.WORD !== `w${i}`)).toEqual([]);
  });

  it("keeps the results of DDL and DML too", async () => {
    const { statement } = await execute(connection, "CREATE TABLE KEPT_DDL (X NUMBER)");
    expect(await fetchById(connection, statement.getQueryId())).toEqual([
      { status: "Table KEPT_DDL successfully created." },
    ]);
    const insert = await execute(connection, "INSERT INTO KEPT_DDL VALUES (1), (2)");
    expect(await fetchById(connection, insert.statement.getQueryId())).toEqual([
      { "number of rows inserted": 2 },
    ]);
  });

  it("does not give one user's result to another user", async () => {
    await execute(connection, "CREATE USER OTHER_USER PASSWORD = 'other-pass'");
    const { statement } = await execute(connection, "SELECT 'mine' AS WHOSE");
    const other = await connectSdk(server.url, { username: "OTHER_USER", password: "other-pass" });
    try {
      expect(await other.getQueryStatus(statement.getQueryId())).toBe("NO_QUERY_DATA");
      await expect(fetchById(other, statement.getQueryId())).rejects.toThrow();
    } finally {
      await destroy(other);
    }
  });

  it("refuses an id no statement had", async () => {
    await expect(fetchById(connection, "01234567-89ab-cdef-0123-456789abcdef")).rejects.toThrow();
  });
});

describe("RESULT_SCAN", () => {
  it("reads the last SELECT's result as a table, with its column types", async () => {
    await execute(connection, "SELECT N, WORD FROM NUMBERS WHERE N BETWEEN 10 AND 14 ORDER BY N");
    const { statement, rows } = await execute(
      connection,
      "SELECT WORD, N * 2 AS TWICE FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE N > 12 ORDER BY N",
    );
    expect(rows).toEqual([
      { WORD: "w13", TWICE: 26 },
      { WORD: "w14", TWICE: 28 },
    ]);
    expect(statement.getColumns()?.[0]?.getType()).toBe("text");
  });

  it("reads an earlier SELECT by its query id, a chunked one included", async () => {
    const { statement } = await execute(connection, "SELECT N FROM NUMBERS ORDER BY N");
    await execute(connection, "SELECT 'something else'");
    const { rows } = await execute(
      connection,
      `SELECT COUNT(*) AS C, MAX(N) AS M FROM TABLE(RESULT_SCAN('${statement.getQueryId()}'))`,
    );
    expect(rows).toEqual([{ C: 40_000, M: 39_999 }]);
  });

  it("reads a procedure's return value, not the SELECT that evaluated its arguments", async () => {
    await execute(
      connection,
      "CREATE OR REPLACE PROCEDURE LABEL(N NUMBER) RETURNS VARCHAR LANGUAGE SQL AS 'BEGIN RETURN ''n='' || N; END'",
    );
    await execute(connection, "CALL LABEL(20 + 1)");
    const { rows } = await execute(connection, "SELECT LABEL FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))");
    expect(rows).toEqual([{ LABEL: "n=21" }]);
  });

  it("reads DML counts, a DDL status and SET's status by query index", async () => {
    await execute(connection, "CREATE OR REPLACE TABLE SMALL (N NUMBER)");
    await execute(connection, "INSERT INTO SMALL VALUES (1), (2), (3)");
    await execute(connection, "SET SEVEN = 3 + 4");
    const set = await execute(connection, "SELECT * FROM TABLE(RESULT_SCAN(-1))");
    expect(set.rows).toEqual([{ status: "Statement executed successfully." }]);
    // -3 from this statement: the SELECT above, SET, INSERT.
    const inserted = await execute(
      connection,
      'SELECT "number of rows inserted" AS N FROM TABLE(RESULT_SCAN(LAST_QUERY_ID(-3)))',
    );
    expect(inserted.rows).toEqual([{ N: 3 }]);
    const created = await execute(connection, "SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID(-5)))");
    expect(created.rows).toEqual([{ status: "Table SMALL successfully created." }]);
  });

  it("says a statement not found for an id the session never ran", async () => {
    await expect(
      execute(connection, "SELECT * FROM TABLE(RESULT_SCAN('01234567-89ab-cdef-0123-456789abcdef'))"),
    ).rejects.toThrow(/not found/);
  });
});

describe("asyncExec", () => {
  it("hands back a query id at once; status and results follow", async () => {
    const queryId = await asyncStart(connection, "SELECT COUNT(*) AS C, SUM(N) AS S FROM NUMBERS");
    expect(queryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(["RUNNING", "SUCCESS"]).toContain(await connection.getQueryStatus(queryId));
    expect(await fetchById(connection, queryId)).toEqual([{ C: 40_000, S: (39_999 * 40_000) / 2 }]);
    expect(await connection.getQueryStatus(queryId)).toBe("SUCCESS");
  });

  it("runs statements of one session in order, async ones included", async () => {
    const first = await asyncStart(connection, "CREATE TABLE ORDERED (X NUMBER)");
    const second = await asyncStart(connection, "INSERT INTO ORDERED VALUES (7)");
    const { rows } = await execute(connection, "SELECT X FROM ORDERED");
    expect(rows).toEqual([{ X: 7 }]);
    expect(await connection.getQueryStatus(first)).toBe("SUCCESS");
    expect(await connection.getQueryStatus(second)).toBe("SUCCESS");
  });

  it("keeps a failed statement's error: the status says so and fetching the result throws it", async () => {
    const queryId = await asyncStart(connection, "SELECT * FROM NO_SUCH_TABLE");
    await expect(fetchById(connection, queryId)).rejects.toThrow(/NO_SUCH_TABLE/);
    expect(await connection.getQueryStatus(queryId)).toBe("FAILED_WITH_ERROR");
    await expect(connection.getQueryStatusThrowIfError(queryId)).rejects.toThrow(/does not exist/);
  });
});
