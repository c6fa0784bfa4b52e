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
