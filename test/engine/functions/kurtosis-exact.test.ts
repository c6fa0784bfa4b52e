/**
 * KURTOSIS of fixed-point values is exact (Snowflake keeps exact statistics exact): the sums of
 * powers are taken without rounding, so the kurtosis of 1, 2, 2, 2, 2 is 5 (DuckDB's DOUBLE sums
 * gave 4.999999999998991), shown at scale 12. Expected values worked out by hand:
 * for x = 1, 2, 2, 2, 2: n = 5, M2 = 0.8, M4 = 0.416,
 * k = n(n+1)(n-1)/((n-2)(n-3)) * M4/M2^2 - 3(n-1)^2/((n-2)(n-3)) = 20 * 0.65 - 8 = 5;
 * for 10, 20, 25, 30: -2.32421875 (the KURTOSIS page's value).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table aggr (k int, v decimal(10, 2), g int);
    insert into aggr values (1, 10, 1), (2, 10, 1), (2, 20, 1), (2, 25, 1), (2, 30, 1), (null, null, 2), (7, 1.5, 3);
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("exact KURTOSIS", () => {
  it("gives exact values for INTEGER and NUMBER(p, s) inputs", async () => {
    expect(await rows(session, "select kurtosis(k), kurtosis(v) from aggr where g = 1")).toEqual([
      ["5.000000000000", "-2.324218750000"],
    ]);
  });

  it("is NULL for groups of fewer than four values", async () => {
    expect(await rows(session, "select g, kurtosis(k) from aggr group by g order by g")).toEqual([
      ["1", "5.000000000000"],
      ["2", null],
      ["3", null],
    ]);
  });

  it("keeps the exact value at large magnitudes", async () => {
    // The same shape as 1, 2, 2, 2, 2, shifted by 10^12: DOUBLE sums of fourth powers lose it entirely.
    await session.executeScript(`
      create table big (x number(20, 0));
      insert into big values (1000000000001), (1000000000002), (1000000000002), (1000000000002), (1000000000002);
    `);
    expect(await rows(session, "select kurtosis(x) from big")).toEqual([["5.000000000000"]]);
  });
});
