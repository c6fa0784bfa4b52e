/**
 * The *_FROM_PARTS family (every documented form, parts outside their ranges added as offsets, the
 * TIMESTAMP_TZ forms keeping the offset of the zone they are read in) and VARIANT values converted
 * to date/time types (a JSON number is an instant, seconds since the epoch; JSON text is parsed).
 * Expected values are worked out by hand from the documented rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;
beforeAll(async () => {
  ({ engine, session } = await freshSession("PARTS"));
  await session.execute("ALTER SESSION SET TIMEZONE = 'America/New_York'");
  await session.execute("ALTER SESSION SET TIMESTAMP_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM'");
  await session.execute("ALTER SESSION SET TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6'");
  await session.execute("ALTER SESSION SET TIME_OUTPUT_FORMAT = 'HH24:MI:SS.FF6'");
});
afterAll(async () => {
  await engine.close();
});

describe("TIMESTAMP_*_FROM_PARTS", () => {
  it("build each kind from year … second, with and without nanoseconds, under every name", async () => {
    const result = show(
      await session.execute(
        `SELECT TIMESTAMP_NTZ_FROM_PARTS(2013, 4, 5, 12, 0, 0, 987654321) AS ntz,
                TIMESTAMPNTZFROMPARTS(2013, 4, 5, 12, 0, 0) AS ntz_alias,
                TIMESTAMP_LTZ_FROM_PARTS(2013, 4, 5, 12, 0, 0) AS ltz,
                TIMESTAMP_TZ_FROM_PARTS(2013, 4, 5, 12, 0, 0) AS tz_session,
                TIMESTAMP_TZ_FROM_PARTS(2013, 4, 5, 12, 0, 0, 0, 'America/Los_Angeles') AS tz_zone,
                TIMESTAMPTZFROMPARTS(2013, 1, 5, 12, 0, 0, 'Asia/Kolkata') AS tz_zone_no_nanos,
                TIMESTAMP_FROM_PARTS(2013, 4, 5, 12, 0, 0) AS mapped`,
      ),
    );
    expect(result.types).toEqual([
      "TIMESTAMP_NTZ(9)",
      "TIMESTAMP_NTZ(9)",
      "TIMESTAMP_LTZ(9)",
      "TIMESTAMP_TZ(9)",
      "TIMESTAMP_TZ(9)",
      "TIMESTAMP_TZ(9)",
      "TIMESTAMP_NTZ(9)",
    ]);
    expect(result.rows).toEqual([
      [
        // Nanoseconds below a microsecond are not kept (the engine's timestamps hold microseconds).
        "2013-04-05 12:00:00.987654",
        "2013-04-05 12:00:00.000000",
        // New York is on daylight time (-04:00) in April, Los Angeles -07:00, Kolkata +05:30.
        "2013-04-05 12:00:00.000000 -04:00",
        "2013-04-05 12:00:00.000000 -04:00",
        "2013-04-05 12:00:00.000000 -07:00",
        "2013-01-05 12:00:00.000000 +05:30",
        "2013-04-05 12:00:00.000000",
      ],
    ]);
  });

  it("add parts outside their ranges as offsets (month 14, day 0, -3600 seconds, 90 minutes)", async () => {
    expect(
      await rows(
        session,
        `SELECT TIMESTAMP_FROM_PARTS(2013, 4, 5, 12, 0, -3600), TIMESTAMP_NTZ_FROM_PARTS(2013, 14, 0, 0, 90, 0),
                TIMESTAMP_NTZ_FROM_PARTS(2013, 1, 1, -1, 0, 0, -1000)`,
      ),
    ).toEqual([["2013-04-05 11:00:00.000000", "2014-01-31 01:30:00.000000", "2012-12-31 22:59:59.999999"]]);
  });

  it("join a date and a time (the two-argument form) and follow TIMESTAMP_TYPE_MAPPING", async () => {
    expect(
      await rows(
        session,
        `SELECT TIMESTAMP_NTZ_FROM_PARTS(TO_DATE('2013-04-05'), TO_TIME('12:34:56')),
                TIMESTAMP_FROM_PARTS(TO_DATE('2013-04-05'), TO_TIME('01:02:03'))`,
      ),
    ).toEqual([["2013-04-05 12:34:56.000000", "2013-04-05 01:02:03.000000"]]);
    await session.execute("ALTER SESSION SET TIMESTAMP_TYPE_MAPPING = 'TIMESTAMP_TZ'");
    try {
      const result = show(
        await session.execute(
          "SELECT TIMESTAMP_FROM_PARTS(2013, 4, 5, 12, 0, 0, 0, 'Europe/London') AS tz, '2020-01-01'::TIMESTAMP AS cast",
        ),
      );
      // The mapping reaches casts to TIMESTAMP as well (the rewrites were once handed no mapping).
      expect(result.types).toEqual(["TIMESTAMP_TZ(9)", "TIMESTAMP_TZ(9)"]);
      expect(result.rows).toEqual([
        ["2013-04-05 12:00:00.000000 +01:00", "2020-01-01 00:00:00.000000 -05:00"],
      ]);
    } finally {
      await session.execute("ALTER SESSION UNSET TIMESTAMP_TYPE_MAPPING");
    }
  });

  it("give NULL for a NULL part", async () => {
    expect(
      await rows(
        session,
        `SELECT TIMESTAMP_NTZ_FROM_PARTS(NULL, 4, 5, 12, 0, 0), TIMESTAMP_TZ_FROM_PARTS(2013, 4, 5, 12, 0, 0, 0, NULL),
                TIME_FROM_PARTS(NULL, 1, 2), DATE_FROM_PARTS(2013, NULL, 1)`,
      ),
    ).toEqual([[null, null, null, null]]);
  });
});

describe("DATE_FROM_PARTS and TIME_FROM_PARTS", () => {
  it("count months and days on from January 1 (DATEFROMPARTS too)", async () => {
    expect(
      await rows(
        session,
        `SELECT DATE_FROM_PARTS(2010, 1, 100), DATE_FROM_PARTS(2004, 1, 0), DATE_FROM_PARTS(2010, -1, 1),
                DATEFROMPARTS(2013, 14, 5)`,
      ),
    ).toEqual([["2010-04-10", "2003-12-31", "2009-11-01", "2014-02-05"]]);
  });

  it("wrap a time around midnight and take nanoseconds (TIMEFROMPARTS too)", async () => {
    expect(
      await rows(
        session,
        `SELECT TIME_FROM_PARTS(0, 100, 0), TIME_FROM_PARTS(12, 0, 12345), TIME_FROM_PARTS(25, 2, 3),
                TIME_FROM_PARTS(0, 0, -1), TIMEFROMPARTS(12, 34, 56, 987654321)`,
      ),
    ).toEqual([
      ["01:40:00.000000", "15:25:45.000000", "01:02:03.000000", "23:59:59.000000", "12:34:56.987654"],
    ]);
  });
});

describe("VARIANT values converted to dates and times", () => {
  it("read a JSON number as an instant shown in the session time zone, unlike an integer", async () => {
    // 0 seconds is 1970-01-01 00:00 UTC, 1969-12-31 19:00 in New York (EST, -05:00).
    expect(
      await rows(
        session,
        `SELECT 0::TIMESTAMP_NTZ, PARSE_JSON(0)::TIMESTAMP_NTZ, PARSE_JSON(0)::INT::TIMESTAMP_NTZ,
                TO_TIMESTAMP_NTZ(PARSE_JSON(0)), PARSE_JSON(0)::TIMESTAMP_LTZ, PARSE_JSON(0)::TIMESTAMP_TZ,
                TO_DATE(PARSE_JSON(0)), PARSE_JSON('1.5')::TIME`,
      ),
    ).toEqual([
      [
        "1970-01-01 00:00:00.000000",
        "1969-12-31 19:00:00.000000",
        "1970-01-01 00:00:00.000000",
        "1969-12-31 19:00:00.000000",
        "1969-12-31 19:00:00.000000 -05:00",
        "1969-12-31 19:00:00.000000 -05:00",
        "1969-12-31",
        "19:00:01.500000",
      ],
    ]);
  });

  it("convert a converted VARIANT again as the date/time value it became (nested casts)", async () => {
    expect(
      await rows(
        session,
        `SELECT PARSE_JSON(0)::TIMESTAMP_NTZ::DATE::TIMESTAMP_NTZ, PARSE_JSON('"2021-05-06 07:08:09"')::DATE::TIMESTAMP_LTZ,
                PARSE_JSON(0)::VARIANT::TIMESTAMP_NTZ`,
      ),
    ).toEqual([
      ["1969-12-31 00:00:00.000000", "2021-05-06 00:00:00.000000 -04:00", "1969-12-31 19:00:00.000000"],
    ]);
  });

  it("parse a JSON string as text, JSON null as NULL, also from a VARIANT column", async () => {
    await session.execute("CREATE OR REPLACE TABLE variants (v VARIANT, n INT)");
    await session.execute(
      `INSERT INTO variants SELECT PARSE_JSON('"2021-05-06 07:08:09"'), 1
       UNION ALL SELECT PARSE_JSON('1700000000'), 2 UNION ALL SELECT PARSE_JSON('null'), 3`,
    );
    // 1,700,000,000 s is 2023-11-14 22:13:20 UTC, 17:13:20 in New York (EST).
    expect(
      await rows(
        session,
        "SELECT v::TIMESTAMP_NTZ, TO_DATE(v), TRY_TO_TIMESTAMP_NTZ(v), TO_TIME(PARSE_JSON('\"12:34\"')) FROM variants ORDER BY n",
      ),
    ).toEqual([
      ["2021-05-06 07:08:09.000000", "2021-05-06", "2021-05-06 07:08:09.000000", "12:34:00.000000"],
      ["2023-11-14 17:13:20.000000", "2023-11-14", "2023-11-14 17:13:20.000000", "12:34:00.000000"],
      [null, null, null, "12:34:00.000000"],
    ]);
  });
});
