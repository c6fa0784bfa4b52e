import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryOf } from "../../../src/engine/functions/inventory/index.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession } from "../helpers.js";

/**
 * Every aggregate or window function the inventory marks `unsupported` or `n/a` is refused with the
 * function check's clear error (002040, naming the function), never run as something else.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

const refused = [...inventoryOf("aggregate"), ...inventoryOf("window")].filter(
  (e) => e.status === "unsupported" || e.status === "n/a",
);

describe("refused aggregate and window functions", () => {
  it("the inventory refuses the sketch, bitmap and MinHash families", () => {
    const names = refused.map((e) => e.name);
    for (const name of ["HLL_ACCUMULATE", "BITMAP_COUNT", "MINHASH", "APPROX_TOP_K", "DATASKETCHES_HLL"])
      expect(names).toContain(name);
  });

  for (const entry of refused) {
    it(`${entry.name}: ${entry.status} with the function check's error`, async () => {
      await expect(session.execute(`SELECT ${entry.name}(1)`)).rejects.toMatchObject({
        code: "002040",
        message: expect.stringMatching(
          entry.status === "n/a"
            ? new RegExp(`Function ${entry.name} needs .*, which the local engine does not have`)
            : new RegExp(`Function ${entry.name} is not emulated by the local engine`),
        ),
      });
    });
  }
});
