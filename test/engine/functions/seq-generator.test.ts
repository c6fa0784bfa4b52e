/**
 * SEQ1/2/4/8 over GENERATOR: the generator's row number, so SEQn works where a window function may
 * not stand (inside an aggregate, in another window's ORDER BY), as on the seq1 and generator pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

describe("SEQn over GENERATOR", () => {
  it("counts inside an aggregate", async () => {
    expect(
      await rows(session, "SELECT COUNT(seq4()), MAX(SEQ8()) FROM TABLE(GENERATOR(ROWCOUNT => 7)) v"),
    ).toEqual([["7", "6"]]);
  });

  it("orders another window function", async () => {
    expect(
      await rows(
        session,
        "SELECT ROW_NUMBER() OVER (ORDER BY seq4()) AS n, SEQ2() AS s FROM TABLE(generator(rowcount => 3)) ORDER BY n",
      ),
    ).toEqual([
      ["1", "0"],
      ["2", "1"],
      ["3", "2"],
    ]);
  });
});
