import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

/**
 * The result type of the variance family and KURTOSIS over exact numbers (numeric.ts). Snowflake
 * returns a NUMBER, not a FLOAT: a variance of NUMBER(p, s) divides a sum of squares (scale 2s)
 * and so takes the division scale of 2s (10 for s = 2, as the VAR_POP page shows); KURTOSIS of any
 * fixed-point input has scale 12 (the KURTOSIS page, for INTEGER and NUMBER(10, 2)). FLOAT inputs
 * keep FLOAT results. Expected values are worked out by hand from the rows below.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    CREATE TABLE m (i INT, d NUMBER(9, 2), f FLOAT);
    INSERT INTO m VALUES (1, 1.00, 1), (2, 2.00, 2), (3, 2.00, 3), (4, 4.00, 4);
  `);
});

afterAll(async () => {
  await engine.close();
});

async function row(sql: string): Promise<(string | null)[]> {
  return show(await session.execute(sql)).rows[0] ?? [];
}

describe("variance and kurtosis result scale", () => {
  it("VAR_POP / VAR_SAMP / VARIANCE* of NUMBER(9, 2) are NUMBERs with scale 10, rounded", async () => {
    // d = 1, 2, 2, 4: mean 2.25, squared deviations 1.5625 + 0.0625 + 0.0625 + 3.0625 = 4.75.
    const got = await row(
      "SELECT VAR_POP(d), VAR_SAMP(d), VARIANCE(d), VARIANCE_SAMP(d), VARIANCE_POP(d) FROM m",
    );
    expect(got).toEqual(["1.1875000000", "1.5833333333", "1.5833333333", "1.5833333333", "1.1875000000"]);
  });

  it("VAR_POP of INTEGER has scale 6 (the division scale of 0)", async () => {
    // i = 1..4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5/4 and 5/3.
    expect(await row("SELECT VAR_POP(i), VAR_SAMP(i) FROM m")).toEqual(["1.250000", "1.666667"]);
  });

  it("KURTOSIS of INTEGER and of NUMBER(9, 2) has scale 12", async () => {
    // n = 4, deviations ±1.5, ±0.5: m4 = (2*5.0625 + 2*0.0625)/4 = 2.5625, k2 = 5/3;
    // 4*5/(3*2*1) * (4*2.5625/(25/9)) - 3*9/(2*1) = 10/3 * 3.69 - 13.5 = -1.2.
    expect(await row("SELECT KURTOSIS(i) FROM m")).toEqual(["-1.200000000000"]);
  });

  it("FLOAT inputs keep a FLOAT result", async () => {
    expect(await row("SELECT VAR_POP(f) FROM m")).toEqual(["1.25"]);
  });
});
