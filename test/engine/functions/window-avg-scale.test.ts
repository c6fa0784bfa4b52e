import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

/**
 * The scale of AVG used as a window function (numeric.ts). Snowflake gives a windowed AVG over the
 * default cumulative frame (ORDER BY, no frame clause) the division scale s + 6 (at most 12), like
 * the plain aggregate, but over an explicit frame or a whole partition (no ORDER BY) the scale
 * s + 3, cut off rather than rounded (the window syntax page's 3.16666 for 19/6). Expected values
 * are worked out by hand from the rows below.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    CREATE TABLE w (p INT, o INT, i INT, d NUMBER(7, 2));
    INSERT INTO w VALUES (1, 1, 1, 1.00), (1, 2, 2, 2.00), (1, 3, 2, 2.00);
  `);
});

afterAll(async () => {
  await engine.close();
});

async function column(sql: string): Promise<(string | null)[]> {
  return show(await session.execute(sql)).rows.map((r) => r[0] ?? null);
}

describe("windowed AVG result scale", () => {
  it("an explicit ROWS frame over INTEGER gives scale 3, cut off (5/3 is 1.666)", async () => {
    const got = await column(
      "SELECT AVG(i) OVER (PARTITION BY p ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM w ORDER BY o",
    );
    expect(got).toEqual(["1.000", "1.500", "1.666"]);
  });

  it("a whole partition (no ORDER BY) gives scale 3", async () => {
    const got = await column("SELECT AVG(i) OVER (PARTITION BY p) FROM w ORDER BY o");
    expect(got).toEqual(["1.666", "1.666", "1.666"]);
  });

  it("the default cumulative frame (ORDER BY, no frame) keeps the division scale 6", async () => {
    const got = await column("SELECT AVG(i) OVER (ORDER BY o) FROM w ORDER BY o");
    expect(got).toEqual(["1.000000", "1.500000", "1.666667"]);
  });

  it("NUMBER(7, 2) over a RANGE frame with offsets gives scale 5, cut off", async () => {
    const got = await column(
      "SELECT AVG(d) OVER (ORDER BY o RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) FROM w ORDER BY o",
    );
    expect(got).toEqual(["1.00000", "1.50000", "1.66666"]);
  });
});
