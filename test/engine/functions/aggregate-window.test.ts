import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

/**
 * Aggregate and window functions DuckDB lacks, spelled out before translation
 * (src/engine/functions/rewrite-window.ts): event counters and gap filling. Expected values are
 * counted by hand from the rows below.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    CREATE TABLE readings (site INT, seq INT, v INT);
    INSERT INTO readings VALUES
      (1, 1, 5), (1, 2, 5), (1, 3, NULL), (1, 4, 0), (1, 5, 7), (1, 6, NULL), (1, 7, 7),
      (2, 1, 0), (2, 2, 3);
  `);
});

afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<(string | null)[][]> {
  return show(await session.execute(sql)).rows;
}

describe("CONDITIONAL_TRUE_EVENT and CONDITIONAL_CHANGE_EVENT", () => {
  it("counts rows so far whose argument is true (non-zero), per partition; NULL is not true", async () => {
    const got = await rows(
      "SELECT site, seq, CONDITIONAL_TRUE_EVENT(v) OVER (PARTITION BY site ORDER BY seq) FROM readings ORDER BY site, seq",
    );
    expect(got.map((r) => r[2])).toEqual(["1", "2", "2", "2", "3", "3", "4", "0", "1"]);
  });

  it("takes a boolean expression as its argument", async () => {
    const got = await rows(
      "SELECT CONDITIONAL_TRUE_EVENT(v > 4) OVER (PARTITION BY site ORDER BY seq) AS e FROM readings ORDER BY site, seq",
    );
    expect(got.map((r) => r[0])).toEqual(["1", "2", "2", "2", "3", "3", "4", "0", "0"]);
  });

  it("counts changes between non-NULL values so far; a NULL neither changes the value nor counts", async () => {
    const got = await rows(
      "SELECT CONDITIONAL_CHANGE_EVENT(v) OVER (PARTITION BY site ORDER BY seq) AS c FROM readings ORDER BY site, seq",
    );
    // site 1: 5 5 NULL 0 7 NULL 7 -> changes at 0 (5->0) and 7 (0->7); the last 7 follows 7.
    expect(got.map((r) => r[0])).toEqual(["0", "0", "0", "1", "2", "2", "2", "0", "1"]);
  });
});

describe("INTERPOLATE_FFILL and INTERPOLATE_BFILL", () => {
  it("fill a NULL with the previous / next non-NULL value of the partition", async () => {
    const got = await rows(`
      SELECT v, INTERPOLATE_FFILL(v) OVER (PARTITION BY site ORDER BY seq) AS f,
                INTERPOLATE_BFILL(v) OVER (PARTITION BY site ORDER BY seq) AS b
        FROM readings WHERE site = 1 ORDER BY seq`);
    expect(got).toEqual([
      ["5", "5", "5"],
      ["5", "5", "5"],
      [null, "5", "0"],
      ["0", "0", "0"],
      ["7", "7", "7"],
      [null, "7", "7"],
      ["7", "7", "7"],
    ]);
  });

  it("refuse an explicit window frame with Snowflake's error", async () => {
    await expect(
      session.execute(
        "SELECT INTERPOLATE_BFILL(v) OVER (ORDER BY seq ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM readings",
      ),
    ).rejects.toMatchObject({
      code: "002303",
      message: expect.stringContaining("Sliding window frame unsupported for function INTERPOLATE_BFILL"),
    });
  });
});

describe("aggregate aliases", () => {
  it("VAR_SAMP, VARIANCE_SAMP and VARIANCE_POP are VARIANCE and VAR_POP", async () => {
    const got = await rows(
      "SELECT VAR_SAMP(v) = VARIANCE(v), VARIANCE_SAMP(v) = VARIANCE(v), VARIANCE_POP(v) = VAR_POP(v) FROM readings",
    );
    expect(got).toEqual([["true", "true", "true"]]);
  });
});

describe("aggregate forms DuckDB lacks (rewrite-aggregate.ts)", () => {
  it("COUNT(a, b) counts rows where both are non-NULL; COUNT(DISTINCT a, b) distinct such pairs", async () => {
    // site/v pairs with v non-NULL: (1,5) (1,5) (1,0) (1,7) (1,7) (2,0) (2,3): 7 rows, 5 distinct pairs.
    const got = await rows("SELECT COUNT(site, v), COUNT(DISTINCT site, v), COUNT(*) FROM readings");
    expect(got).toEqual([["7", "5", "9"]]);
  });

  it("HLL is APPROX_COUNT_DISTINCT (exact on a handful of values)", async () => {
    const got = await rows("SELECT HLL(v), APPROX_COUNT_DISTINCT(v) FROM readings");
    expect(got).toEqual([["4", "4"]]);
  });

  it("ARRAY_UNIQUE_AGG: the distinct non-NULL values; an empty array when there are none", async () => {
    const got = await rows(
      "SELECT ARRAY_SIZE(ARRAY_UNIQUE_AGG(v)), ARRAY_UNIQUE_AGG(CASE WHEN v > 100 THEN v END) FROM readings",
    );
    expect(got).toEqual([["4", "[]"]]);
  });
});

describe("aggregates moved with their WITHIN GROUP / OVER clauses (rewrite-aggregate.ts)", () => {
  it("BITAND_AGG / BITOR_AGG / BITXOR_AGG round decimals and read strings as numbers", async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE bits (g INT, d NUMBER(10, 2), s VARCHAR);
      INSERT INTO bits VALUES (1, 2.6, '6'), (1, 7.2, '3.9'), (2, 12, NULL);`);
    // g=1: d rounds to 3 and 7 (3&7=3, 3|7=7, 3^7=4); s reads 6 and 4 (6&4=4).
    const got = await rows(
      "SELECT g, BITAND_AGG(d), BITOR_AGG(d), BITXOR_AGG(d), BITAND_AGG(s) FROM bits GROUP BY g ORDER BY g",
    );
    expect(got).toEqual([
      ["1", "3", "7", "4", "4"],
      ["2", "12", "12", "12", null],
    ]);
    const windowed = await rows("SELECT BITOR_AGG(d) OVER (PARTITION BY g) FROM bits ORDER BY g, d");
    expect(windowed.map((r) => r[0])).toEqual(["7", "7", "12"]);
  });

  it("BITAND_AGG of a string that is not a number fails as Snowflake's numeric conversion does", async () => {
    await expect(session.execute("SELECT BITAND_AGG(x) FROM (SELECT 'one' AS x)")).rejects.toMatchObject({
      code: "100038",
    });
  });

  it("BOOLXOR_AGG: true for exactly one true value, NULL for only NULLs, also as a window function", async () => {
    const got = await rows(`
      SELECT BOOLXOR_AGG(b), BOOLXOR_AGG(CASE WHEN b THEN NULL END)
        FROM (SELECT TRUE AS b UNION ALL SELECT FALSE UNION ALL SELECT NULL)`);
    expect(got).toEqual([["true", null]]);
    const windowed = await rows(`
      SELECT g, BOOLXOR_AGG(b) OVER (PARTITION BY g) FROM (
        SELECT 1 AS g, TRUE AS b UNION ALL SELECT 1, TRUE UNION ALL SELECT 2, TRUE) ORDER BY g`);
    expect(windowed).toEqual([
      ["1", "false"],
      ["1", "false"],
      ["2", "true"],
    ]);
  });

  it("LISTAGG: no delimiter by default, the empty string for no values", async () => {
    const got = await rows(`
      SELECT LISTAGG(x) WITHIN GROUP (ORDER BY x), LISTAGG(CASE WHEN x > 'z' THEN x END, ',')
        FROM (SELECT 'b' AS x UNION ALL SELECT 'a' UNION ALL SELECT NULL)`);
    expect(got).toEqual([["ab", ""]]);
  });

  it("PERCENTILE_CONT of NUMBER(p, s) has scale s + 3", async () => {
    const got = await rows("SELECT PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY d) FROM bits WHERE g = 1");
    // 2.60 + 0.25 * (7.20 - 2.60) = 3.75
    expect(got).toEqual([["3.75000"]]);
  });

  it("OBJECT_AGG: one object of the pairs whose key and value are both non-NULL", async () => {
    const got = await rows(`
      SELECT g, OBJECT_AGG(k, v) FROM (
        SELECT 1 AS g, 'a' AS k, 1::VARIANT AS v UNION ALL SELECT 1, 'b', 'x'::VARIANT
        UNION ALL SELECT 1, NULL, 2::VARIANT UNION ALL SELECT 1, 'c', NULL) GROUP BY g ORDER BY g`);
    expect(got.map((r) => [r[0], r[1] === null ? null : JSON.parse(r[1] ?? "null")])).toEqual([
      ["1", { a: 1, b: "x" }],
    ]);
  });
});

describe("SUM and AVG of a string column (aggregate-arguments.ts)", () => {
  it("read the strings as FLOAT; a string that is not a number fails with 100038", async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE texts (g INT, s VARCHAR(10), w VARCHAR(10));
      INSERT INTO texts VALUES (1, '1.5', 'one'), (1, '2.5', '2'), (2, NULL, '3');`);
    const got = await rows("SELECT g, SUM(s), AVG(s) FROM texts GROUP BY g ORDER BY g");
    expect(got).toEqual([
      ["1", "4", "2"],
      ["2", null, null],
    ]);
    await expect(session.execute("SELECT SUM(w) FROM texts")).rejects.toMatchObject({ code: "100038" });
  });
});
