import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFunctionCalls } from "../../src/engine/functions/check.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * The function check: only Snowflake's functions (the inventory) and the catalog's UDFs reach
 * DuckDB. DuckDB's own table and scalar functions are refused as Snowflake refuses an unknown
 * function, wherever they are written, for every role.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript(`
    CREATE DATABASE CHECKS; USE SCHEMA CHECKS.PUBLIC;
    CREATE TABLE t (a INT, b VARCHAR);
    INSERT INTO t VALUES (1, 'x'), (2, 'y');
    CREATE FUNCTION twice(n NUMBER) RETURNS NUMBER AS 'n * 2';
    CREATE FUNCTION glob(n NUMBER) RETURNS NUMBER AS 'n + 1';
  `);
});

afterAll(async () => {
  await engine.close();
});

async function failure(sql: string): Promise<{ code: string; sqlState: string; message: string }> {
  try {
    await session.execute(sql);
  } catch (error) {
    const e = error as { code: string; sqlState: string; message: string };
    return { code: e.code, sqlState: e.sqlState, message: e.message };
  }
  throw new Error(`expected a failure: ${sql}`);
}

describe("DuckDB's own functions are unknown functions", () => {
  const refused: [string, string][] = [
    ["SELECT * FROM query('SELECT 42')", "QUERY"],
    ["SELECT * FROM query_table('t')", "QUERY_TABLE"],
    ["SELECT * FROM read_csv('/etc/passwd')", "READ_CSV"],
    ["SELECT * FROM read_blob('/etc/hostname')", "READ_BLOB"],
    ["SELECT * FROM glob('/*')", "GLOB"],
    ["SELECT * FROM duckdb_tables()", "DUCKDB_TABLES"],
    ["SELECT * FROM t, read_text('/etc/hostname')", "READ_TEXT"],
    ["SELECT * FROM t JOIN duckdb_settings() s ON true", "DUCKDB_SETTINGS"],
    ["SELECT * FROM t, LATERAL read_csv(b)", "READ_CSV"],
    ["SELECT * FROM TABLE(read_parquet('x.parquet'))", "READ_PARQUET"],
    ["SELECT current_setting('threads')", "CURRENT_SETTING"],
    ["SELECT a FROM t WHERE a IN (SELECT count(*) FROM duckdb_columns())", "DUCKDB_COLUMNS"],
    ["WITH x AS (SELECT * FROM sniff_csv('/etc/passwd')) SELECT * FROM x", "SNIFF_CSV"],
    ["INSERT INTO t SELECT 1, content FROM read_text('/etc/hostname')", "READ_TEXT"],
    ["UPDATE t SET b = (SELECT max(content) FROM read_text('/etc/hostname'))", "READ_TEXT"],
    ["SELECT 'select 1'.query()", "QUERY"],
    ["SELECT * FROM \"read_csv\"('/etc/passwd')", "read_csv"],
    ["SELECT list_value(1, 2)", "LIST_VALUE"],
  ];
  for (const [sql, name] of refused) {
    it(sql, async () => {
      expect(await failure(sql)).toEqual({
        code: "002140",
        sqlState: "42601",
        message: `SQL compilation error:\nUnknown function ${name}`,
      });
    });
  }

  it("in a view, a CTAS, a column default and a UDF body", async () => {
    for (const sql of [
      "CREATE VIEW v AS SELECT * FROM glob('/*')",
      "CREATE TABLE c AS SELECT * FROM read_csv('/etc/passwd')",
      "CREATE TABLE d (a VARCHAR DEFAULT current_setting('threads'))",
      "CREATE FUNCTION leak() RETURNS VARCHAR AS 'SELECT max(content) FROM read_text(''/etc/hostname'')'",
    ])
      expect((await failure(sql)).code, sql).toBe("002140");
  });

  it("for every role", async () => {
    const other = await engine.openSession({ database: "CHECKS", schema: "PUBLIC", role: "PUBLIC" });
    try {
      await expect(other.execute("SELECT * FROM glob('/*')")).rejects.toMatchObject({ code: "002140" });
    } finally {
      await other.close();
    }
  });

  it("a qualified unknown function is an unknown user-defined function", async () => {
    expect(await failure("SELECT main.read_csv('x')")).toMatchObject({
      code: "002141",
      message: "SQL compilation error:\nUnknown user-defined function MAIN.READ_CSV",
    });
  });
});

describe("what the check lets through", () => {
  it("Snowflake functions, UDFs in scalar positions, and names next to parentheses that are not calls", async () => {
    const result = await session.execute(`
      WITH c (n, m) AS (SELECT a, twice(a) FROM t)
      SELECT CAST(n AS NUMBER(10, 2)) AS n2, m::VARCHAR(5) AS m5, TRIM(BOTH 'x' FROM 'xyx') AS tr,
             EXTRACT(year FROM '2024-05-01'::DATE) AS y, n IS DISTINCT FROM twice(n) AS d, glob(1) AS g
      FROM c AS v(n, m) ORDER BY n`);
    expect(result.rows.map((r) => r.map(String))).toEqual([
      ["1.00", "2", "y", "2024", "true", "2"],
      ["2.00", "4", "y", "2024", "true", "2"],
    ]);
  });

  it("a UDF never answers in a FROM list, where DuckDB's table function of that name would", async () => {
    expect(await failure("SELECT * FROM glob('/*')")).toMatchObject({ code: "002140" });
  });

  it("INSERT column lists and MERGE's INSERT (…) VALUES", async () => {
    await session.executeScript(`
      CREATE TABLE m (a INT, b VARCHAR);
      INSERT INTO CHECKS.PUBLIC.m (a, b) SELECT a, UPPER(b) FROM t;
      MERGE INTO m USING (SELECT 3 AS a, 'z' AS b) s ON m.a = s.a
        WHEN NOT MATCHED THEN INSERT (a, b) VALUES (s.a, s.b);`);
    const result = await session.execute("SELECT * REPLACE (LOWER(b) AS b) FROM m ORDER BY a");
    expect(result.rows.map((r) => r.map(String))).toEqual([
      ["1", "x"],
      ["2", "y"],
      ["3", "z"],
    ]);
  });
});

describe("functions Snowflake has but the local engine does not run", () => {
  it("n/a: the error names the cloud service", async () => {
    expect(await failure("SELECT SNOWFLAKE.CORTEX.SENTIMENT('great')")).toEqual({
      code: "002040",
      sqlState: "0A000",
      message:
        "SQL compilation error:\nFunction SNOWFLAKE.CORTEX.SENTIMENT needs Snowflake Cortex AI services, which the local engine does not have. Run it against a Snowflake environment.",
    });
    expect((await failure("SELECT AI_COMPLETE('m', 'p')")).message).toContain("Snowflake Cortex AI services");
    expect((await failure("SELECT SYSTEM$ALLOWLIST()")).message).toContain("private connectivity");
  });

  it("unsupported: the error says the engine does not emulate it", async () => {
    expect((await failure("SELECT * FROM TABLE(TO_QUERY('SELECT 1'))")).message).toMatch(
      /^SQL compilation error:\nFunction TO_QUERY is not emulated by the local engine/,
    );
  });
});

describe("finding calls", () => {
  it("tells table positions from scalar ones and skips what is not a call", () => {
    const calls = findFunctionCalls(
      "SELECT f(a), s.g(1) FROM t x(c), h(2), TABLE(k(3)) JOIN l(4) ON m(5) WHERE EXTRACT(year FROM n(6)) = 1",
    );
    expect(calls.map((c) => `${c.parts.join(".")}${c.table ? ":table" : ""}`)).toEqual([
      "F",
      "S.G",
      "H:table",
      "K:table",
      "L:table",
      "M",
      "EXTRACT",
      "N",
    ]);
  });

  it("reads FILTER( as a call, and FILTER after an aggregate's parenthesis as its clause", () => {
    const calls = findFunctionCalls("SELECT FILTER(a, x -> x > 1), COUNT(b) FILTER (WHERE b > 0) FROM t");
    expect(calls.map((c) => c.parts.join("."))).toEqual(["FILTER", "COUNT"]);
  });

  it("ignores strings, comments and quoted identifiers that look like calls", () => {
    expect(findFunctionCalls(`SELECT 'read_csv(1)', "glob(" -- query(1)\n FROM t /* glob(2) */`)).toEqual([]);
  });
});
