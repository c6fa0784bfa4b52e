import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession, StatementResult } from "../../src/engine/types.js";

/**
 * The type-system family: static types of expressions (SYSTEM$TYPEOF, result metadata, division
 * scales through derived tables), sized casts, NUMBER(p, s) rounding and overflow, TO_DECIMAL with
 * precision and scale, and TYPEOF of VARIANT contents. Expected values follow Snowflake's rules
 * (docs: cast, system_typeof, to_decimal, typeof; numeric data types), not the engine's output.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript(`
    CREATE DATABASE TYPES; USE SCHEMA TYPES.PUBLIC;
    CREATE TABLE n (n1 NUMBER(10,2), n2 NUMBER(10,4), v VARCHAR(20), b BOOLEAN, d DATE, f FLOAT);
    INSERT INTO n VALUES (1.5, 2.25, 'abc', TRUE, '2024-01-02', 1.5);
  `);
});

afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[][] =>
  r.rows.map((row) => row.map((cell, i) => displayValue(cell, r.columns[i]!)));
const one = async (sql: string): Promise<(string | null)[]> => shown(await session.execute(sql))[0]!;
async function failure(sql: string): Promise<{ code: string; message: string }> {
  try {
    await session.execute(sql);
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error(`expected a failure: ${sql}`);
}

describe("sized string casts", () => {
  it("CAST, :: and TRY_CAST into VARCHAR(n) and CHAR(n) keep values that fit", async () => {
    expect(await one("SELECT CAST('abc' AS VARCHAR(3)), 'ab'::CHAR(2), TRY_CAST(12 AS VARCHAR(2))")).toEqual([
      "abc",
      "ab",
      "12",
    ]);
  });

  it("a longer value is 100078 for CAST and ::, NULL for TRY_CAST", async () => {
    for (const sql of [
      "SELECT CAST('abcd' AS VARCHAR(3))",
      "SELECT 'abcd'::CHAR(2)",
      "SELECT v::STRING(2) FROM n",
    ]) {
      const error = await failure(sql);
      expect(error.code, sql).toBe("100078");
      expect(error.message, sql).toMatch(/^String '(abcd|abc)' is too long and would be truncated$/);
    }
    expect(await one("SELECT TRY_CAST('abcd' AS CHAR(3)), TRY_CAST(v AS VARCHAR(1)) FROM n")).toEqual([
      null,
      null,
    ]);
  });
});

describe("NUMBER(p, s)", () => {
  it("rounds half away from zero to the scale", async () => {
    expect(
      await one("SELECT 12.35::NUMBER(4,1), (-12.35)::NUMBER(4,1), '2.5'::NUMBER(3,0), 0.5::NUMBER"),
    ).toEqual(["12.4", "-12.4", "3", "1"]);
  });

  it("a value beyond the precision is 100039 (NULL for TRY_CAST)", async () => {
    expect(await failure("SELECT CAST(1234.5 AS NUMBER(3,1))")).toEqual({
      code: "100039",
      message: "Numeric value '1234.5' is out of range",
    });
    expect(await failure("SELECT '345.123'::NUMBER(4,2)")).toEqual({
      code: "100039",
      message: "Numeric value '345.123' is out of range",
    });
    expect(await one("SELECT TRY_CAST(1234.5 AS NUMBER(3,1))")).toEqual([null]);
  });

  it("TO_NUMBER and TRY_TO_NUMBER take precision and scale", async () => {
    expect(
      await one("SELECT TO_NUMBER('12.3456', 10, 2), TRY_TO_DECIMAL('12.3456', 3, 2), TO_NUMERIC(7.5)"),
    ).toEqual(["12.35", null, "8"]);
  });
});

describe("result metadata", () => {
  it("reports the types Snowflake reports for casts, literals and conversions", async () => {
    const r = await session.execute(
      "SELECT CAST(n1 AS NUMBER(5,2)) AS a, 'abcd'::VARCHAR(10) AS b, TO_NUMBER('1.5', 10, 1) AS c, n1 + n2 AS d FROM n",
    );
    expect(r.columns.map((c) => c.sqlType)).toEqual([
      "NUMBER(5,2)",
      "VARCHAR(10)",
      "NUMBER(10,1)",
      "NUMBER(13,4)",
    ]);
  });

  it("keeps a declared column's type through a CTE and a subquery", async () => {
    const cte = await session.execute("WITH c AS (SELECT n1 AS x, v FROM n) SELECT x, v FROM c");
    expect(cte.columns.map((c) => c.sqlType)).toEqual(["NUMBER(10,2)", "VARCHAR(20)"]);
  });

  it("divides derived columns at Snowflake's scale", async () => {
    const sub = await session.execute("SELECT x / y AS q FROM (SELECT n1 AS x, n2 AS y FROM n)");
    const cte = await session.execute("WITH c (a, b) AS (SELECT n1, n2 FROM n) SELECT a / b AS q FROM c");
    // 1.50 / 2.2500 at scale max(2, min(2 + 6, 12)) = 8.
    expect(shown(sub)).toEqual([["0.66666667"]]);
    expect(shown(cte)).toEqual([["0.66666667"]]);
  });
});

describe("SYSTEM$TYPEOF", () => {
  it("names declared column types with their storage width", async () => {
    expect(
      await one(
        "SELECT SYSTEM$TYPEOF(n1), SYSTEM$TYPEOF(v), SYSTEM$TYPEOF(b), SYSTEM$TYPEOF(d), SYSTEM$TYPEOF(f) FROM n",
      ),
    ).toEqual(["NUMBER(10,2)[SB8]", "VARCHAR(20)[LOB]", "BOOLEAN[SB1]", "DATE[SB4]", "FLOAT[DOUBLE]"]);
  });

  it("types arithmetic and casts: scales, precisions and value ranges", async () => {
    expect(
      await one("SELECT SYSTEM$TYPEOF(1.50 + 2), SYSTEM$TYPEOF(n1::NUMBER(4,0)), SYSTEM$TYPEOF(12.5) FROM n"),
    ).toEqual(["NUMBER(4,2)[SB2]", "NUMBER(4,0)[SB2]", "NUMBER(3,1)[SB1]"]);
  });
});

describe("TYPEOF of VARIANT contents", () => {
  it("names each JSON value's type as Snowflake does", async () => {
    expect(
      await one(`SELECT TYPEOF(PARSE_JSON('1')), TYPEOF(PARSE_JSON('1.5')), TYPEOF(PARSE_JSON('1.5e3')),
        TYPEOF(PARSE_JSON('"a"')), TYPEOF(PARSE_JSON('true')), TYPEOF(PARSE_JSON('null')),
        TYPEOF(PARSE_JSON('{"a": 1}')), TYPEOF(PARSE_JSON('[1]')), TYPEOF(NULL)`),
    ).toEqual(["INTEGER", "DECIMAL", "DOUBLE", "VARCHAR", "BOOLEAN", "NULL_VALUE", "OBJECT", "ARRAY", null]);
  });
});
