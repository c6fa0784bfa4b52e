/**
 * Dates and times inside a VARIANT: Snowflake keeps the value's own text form in the VARIANT
 * (TO_VARIANT, ::VARIANT, an element of ARRAY_CONSTRUCT, a value of OBJECT_CONSTRUCT):
 * TIMESTAMP_LTZ in the session's time zone with milliseconds and a +hhmm offset
 * ("2022-03-07 14:00:00.000 -0800", as the GET page prints it), TIMESTAMP_TZ with its own offset,
 * TIMESTAMP_NTZ with milliseconds and no offset, DATE as YYYY-MM-DD.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("alter session set timezone = 'America/Los_Angeles'");
});

afterAll(async () => {
  await engine.close();
});

describe("date and time values inside a VARIANT", () => {
  it("keeps a TIMESTAMP_LTZ in the session's time zone with its +hhmm offset", async () => {
    expect(
      await rows(
        session,
        "select to_variant('2022-03-07 14:00'::timestamp_ltz), '2022-07-01 09:30:15.25'::timestamp_ltz::variant",
      ),
    ).toEqual([['"2022-03-07 14:00:00.000 -0800"', '"2022-07-01 09:30:15.250 -0700"']]);
  });

  it("follows the session's time zone when it changes", async () => {
    await session.execute("alter session set timezone = 'Asia/Kolkata'");
    try {
      expect(await rows(session, "select to_variant('2022-03-07 14:00 +0000'::timestamp_ltz)")).toEqual([
        ['"2022-03-07 19:30:00.000 +0530"'],
      ]);
    } finally {
      await session.execute("alter session set timezone = 'America/Los_Angeles'");
    }
  });

  it("keeps a TIMESTAMP_TZ with its own offset and a TIMESTAMP_NTZ without one", async () => {
    expect(
      await rows(
        session,
        "select to_variant('2022-03-07 14:00 +0100'::timestamp_tz), to_variant('2022-03-07 14:00:00.5'::timestamp_ntz)",
      ),
    ).toEqual([['"2022-03-07 14:00:00.000 +0100"', '"2022-03-07 14:00:00.500"']]);
  });

  it("writes the same text inside OBJECT_CONSTRUCT and ARRAY_CONSTRUCT", async () => {
    const [[object, array]] = (await rows(
      session,
      `select object_construct('l', '2022-03-07 14:00'::timestamp_ltz, 'z', '2022-03-07 14:00 -0230'::timestamp_tz,
                'n', '2022-03-07 14:00'::timestamp_ntz, 'd', '2022-03-07'::date),
              array_construct('2022-03-07 14:00'::timestamp_ltz, '2022-03-07 14:00 +0100'::timestamp_tz)`,
    )) as [[string, string]];
    expect(JSON.parse(object)).toEqual({
      l: "2022-03-07 14:00:00.000 -0800",
      z: "2022-03-07 14:00:00.000 -0230",
      n: "2022-03-07 14:00:00.000",
      d: "2022-03-07",
    });
    expect(JSON.parse(array)).toEqual(["2022-03-07 14:00:00.000 -0800", "2022-03-07 14:00:00.000 +0100"]);
  });
});
