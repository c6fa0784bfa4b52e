/**
 * Fractions of a second past the microsecond (docs/decisions/012-timestamp-nanoseconds.md). The
 * engine keeps TIME and the timestamps in microseconds: DuckDB's TIMESTAMP_NS holds only
 * 1677-09-21 … 2262-04-11 and its TIME_NS cannot be compared with TIME nor take an INTERVAL. These
 * tests pin what any move to nanoseconds must keep: digits 7–9 are cut the same way everywhere, so a
 * value stored from a text is found again by the same text; years outside TIMESTAMP_NS's range work;
 * arithmetic on such values gives microsecond results without errors. And TO_CHAR shows the fraction
 * and the offset of values read from a table, not only of constants.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("ALTER SESSION SET TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9'");
  await session.execute("ALTER SESSION SET TIME_OUTPUT_FORMAT = 'HH24:MI:SS.FF9'");
  await session.execute("CREATE OR REPLACE TABLE nanos (ts TIMESTAMP_NTZ, t TIME, note VARCHAR)");
  await session.execute(
    `INSERT INTO nanos VALUES ('2024-03-12 01:02:03.123456789', '01:02:03.123456789', 'a'),
      ('9999-12-31 23:59:59.999999999', '23:59:59.999999999', 'far'),
      ('0001-01-01 00:00:00.000000001', '00:00:00.000000001', 'early'),
      ('1969-12-31 23:59:59.999999999', '12:00:00', 'before epoch')`,
  );
});

afterAll(async () => {
  await engine.close();
});

describe("TO_CHAR of values read from a table", () => {
  it("fills the fraction (FF, FFn) of timestamps and times", async () => {
    const r = await rows(
      session,
      `SELECT TO_CHAR(ts, 'YYYY-MM-DD HH24:MI:SS.FF9'), TO_CHAR(ts, 'SS.FF3'), TO_CHAR(t, 'HH24:MI:SS.FF6')
        FROM nanos WHERE note = 'a'`,
    );
    expect(r).toEqual([["2024-03-12 01:02:03.123456000", "03.123", "01:02:03.123456"]]);
  });

  it("fills the fraction and the offset of text and VARIANT columns converted in the call", async () => {
    await session.execute("CREATE OR REPLACE TABLE texts (s VARCHAR, t VARCHAR, z VARCHAR, v VARIANT)");
    await session.execute(
      `INSERT INTO texts SELECT '2024-03-12 01:02:03.123456789', '01:02:03.25', '2024-03-12 01:02:03.5 -08:00',
        TO_VARIANT('2024-03-12 01:02:03.75')`,
    );
    const r = await rows(
      session,
      `SELECT TO_CHAR(s::TIMESTAMP_NTZ, 'SS.FF9'), TO_CHAR(TO_TIMESTAMP_NTZ(s), 'SS.FF3'),
        TO_CHAR(TO_TIME(t), 'HH24:MI:SS.FF2'), TO_CHAR(TO_TIMESTAMP_TZ(z), 'HH24:MI:SS.FF1 TZH:TZM'),
        TO_VARCHAR(v::TIMESTAMP_NTZ, 'SS.FF2'), TO_CHAR(TRY_TO_TIMESTAMP_NTZ(s), 'FF6')
        FROM texts`,
    );
    expect(r).toEqual([["03.123456000", "03.123", "01:02:03.25", "01:02:03.5 -08:00", "03.75", "123456"]]);
  });

  it("fills the offset (TZH:TZM) of TIMESTAMP_TZ and TIMESTAMP_LTZ values", async () => {
    await session.execute("ALTER SESSION SET TIMEZONE = 'America/Los_Angeles'");
    await session.execute("CREATE OR REPLACE TABLE zoned (tz TIMESTAMP_TZ, ltz TIMESTAMP_LTZ)");
    await session.execute(
      "INSERT INTO zoned VALUES ('2024-03-12 01:02:03.5 +05:30', '2024-07-01 10:00:00 +00:00')",
    );
    const r = await rows(
      session,
      "SELECT TO_CHAR(tz, 'HH24:MI:SS.FF2 TZH:TZM'), TO_CHAR(ltz, 'YYYY-MM-DD HH24:MI TZHTZM') FROM zoned",
    );
    expect(r).toEqual([["01:02:03.50 +05:30", "2024-07-01 03:00 -0700"]]);
  });
});

describe("digits past the microsecond", () => {
  it("are cut alike in a stored value and in the text that finds it", async () => {
    const r = await rows(
      session,
      `SELECT note FROM nanos WHERE ts = '2024-03-12 01:02:03.123456789'::TIMESTAMP_NTZ
        UNION ALL SELECT note FROM nanos WHERE t = TO_TIME('01:02:03.123456789')
        UNION ALL SELECT note FROM nanos WHERE ts = TIMESTAMP_NTZ_FROM_PARTS(2024, 3, 12, 1, 2, 3, 123456789)`,
    );
    expect(r).toEqual([["a"], ["a"], ["a"]]);
  });

  it("leave years outside TIMESTAMP_NS's range (1677–2262) readable, storable and comparable", async () => {
    const r = await rows(
      session,
      `SELECT ts, t FROM nanos WHERE note IN ('far', 'early')
          AND ts <> '2024-03-12 01:02:03.123456789'::TIMESTAMP_NTZ ORDER BY ts`,
    );
    expect(r).toEqual([
      ["0001-01-01 00:00:00.000000000", "00:00:00.000000000"],
      ["9999-12-31 23:59:59.999999000", "23:59:59.999999000"],
    ]);
  });

  it("do not change arithmetic results past the microsecond, before 1970 too", async () => {
    const r = await rows(
      session,
      `SELECT DATEADD(hour, 1, ts), DATE_TRUNC('second', ts), TIMEADD(minute, 1, t)
        FROM nanos WHERE note = 'before epoch'
        UNION ALL SELECT DATEADD(hour, 1, ts), DATE_TRUNC('second', ts), TIMEADD(minute, 1, t)
        FROM nanos WHERE note = 'a'`,
    );
    expect(r).toEqual([
      ["1970-01-01 00:59:59.999999000", "1969-12-31 23:59:59.000000000", "12:01:00.000000000"],
      ["2024-03-12 02:02:03.123456000", "2024-03-12 01:02:03.000000000", "01:03:03.123456000"],
    ]);
  });
});
