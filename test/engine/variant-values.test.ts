/**
 * Values going into a VARIANT (OBJECT_CONSTRUCT values, ARRAY_CONSTRUCT elements, `::VARIANT`): the
 * text Snowflake keeps for them, and the shape of the MERC_VARIANT macro that writes it. DuckDB copies
 * a macro's argument at every use of its parameter, so a MERC_VARIANT that names its argument in
 * several CASE arms made a nested conversion (`::TIMESTAMP_LTZ::VARIANT` inside OBJECT_CONSTRUCT)
 * bind the argument dozens of times (0.7 s a statement, bench/variant-values.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MACROS } from "../../src/engine/functions/macros.js";
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

describe("MERC_VARIANT", () => {
  it("uses its argument once, so nested VARIANT conversions do not multiply it", () => {
    const macro = MACROS.find((m) => m.name === "merc_variant");
    expect(macro?.overloads).toHaveLength(1);
    const [parameters, body] = macro!.overloads[0]!.split(/\)\s+AS\s+/);
    expect(parameters).toBe("(x");
    expect(body!.match(/\bx\b/g)).toHaveLength(1);
  });
});

describe("datetime values inside a VARIANT", () => {
  it("writes a TIMESTAMP_LTZ in the session's time zone, standard and daylight time", async () => {
    await session.execute("alter session set timezone = 'America/Los_Angeles'");
    // 2022-03-07 is before the DST change of 2022-03-13 (PST, -08:00); July is PDT (-07:00).
    expect(
      await rows(
        session,
        "select object_construct('a', '2022-03-07 14:00'::timestamp_ltz::variant, 'b', '2022-07-01 09:15:30.1239'::timestamp_ltz)",
      ),
    ).toEqual([['{"a":"2022-03-07 14:00:00.000 -0800","b":"2022-07-01 09:15:30.123 -0700"}']]);
  });

  it("writes a TIMESTAMP_TZ in its own offset, whatever the session's time zone", async () => {
    await session.execute("alter session set timezone = 'America/Los_Angeles'");
    expect(
      await rows(
        session,
        "select array_construct('2024-02-29 12:34:56 +05:30'::timestamp_tz, '2024-02-29 12:34:56 -09:30'::timestamp_tz::variant)",
      ),
    ).toEqual([['["2024-02-29 12:34:56.000 +0530","2024-02-29 12:34:56.000 -0930"]']]);
  });

  it("keeps a local mean time's seconds in the wall clock (Madras time, +05:21:10, in 1900)", async () => {
    await session.execute("alter session set timezone = 'Asia/Kolkata'");
    expect(await rows(session, "select '1900-01-01 05:21:10'::timestamp_ltz::variant::varchar")).toEqual([
      ["1900-01-01 05:21:10.000 +0521"],
    ]);
  });
});

describe("other values inside a VARIANT", () => {
  it("keeps a JSON value as JSON and a string as a string, leaves out SQL NULL values", async () => {
    expect(
      await rows(
        session,
        `select object_construct('j', parse_json('[1,{"c":2}]'), 'n', null, 's', 'x')::varchar`,
      ),
    ).toEqual([['{"j":[1,{"c":2}],"s":"x"}']]);
    expect(await rows(session, "select object_construct_keep_null('n', null)::varchar")).toEqual([
      ['{"n":null}'],
    ]);
  });
});
