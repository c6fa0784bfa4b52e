/**
 * A DOUBLE cast to NUMBER(p, s) with p > 18 takes the double's exact binary value, rounded at s
 * (the TO_DOUBLE page: TO_DOUBLE(1.1)::NUMBER(38, 18) is 1.100000000000000089). The exact values:
 * 1.1 as a double is 1.100000000000000088817841970012523233890533447265625; 0.1 is
 * 0.1000000000000000055511151231257827021181583404541015625; -2.675 is
 * -2.67499999999999982236431605997495353221893310546875.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

describe("DOUBLE to a wide NUMBER", () => {
  it("converts the double's exact value with :: and CAST", async () => {
    expect(
      await rows(
        session,
        `select to_double(1.1)::number(38, 18), cast(0.1::double as number(30, 20)),
                cast(-2.675::float as number(20, 17)), try_cast(1.1::double as number(38, 18))`,
      ),
    ).toEqual([["1.100000000000000089", "0.10000000000000000555", "-2.67499999999999982", "1.100000000000000089"]]);
  });

  it("converts it in TO_NUMBER and TRY_TO_NUMBER with a precision over 18", async () => {
    expect(
      await rows(session, "select to_number(1.1::double, 38, 18), try_to_number(0.1::double, 30, 20)"),
    ).toEqual([["1.100000000000000089", "0.10000000000000000555"]]);
  });

  it("rounds at the scale half away from zero and keeps integers whole", async () => {
    expect(
      await rows(session, "select 2.5::double::number(20, 0), (-1e20)::double::number(38, 0), 0.0::double::number(25, 3)"),
    ).toEqual([["3", "-100000000000000000000", "0.000"]]);
  });
});
