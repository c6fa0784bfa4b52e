/**
 * Date & time function families on the engine: conversions of text (AUTO formats, explicit formats,
 * errors and TRY_), values stored per column type, DATEADD / DATEDIFF / DATE_TRUNC / DATE_PART on
 * every part (weeks under WEEK_START and WEEK_OF_YEAR_POLICY), types kept through CTEs, interval
 * constants applied in order, and lateral column aliases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { failure, freshSession, rows, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;
beforeAll(async () => {
  ({ engine, session } = await freshSession("FUNCS"));
});
afterAll(async () => {
  await engine.close();
});

describe("conversions of text", () => {
  it("read the AUTO formats and explicit formats, offsets kept apart from the wall-clock time", async () => {
    expect(
      await rows(
        session,
        `SELECT '17-DEC-1980'::DATE, '12/17/1980'::DATE, '04:01 PM'::TIME,
                TO_TIMESTAMP('Thu, 21 Dec 2000 04:01:07 PM +0200'),
                TO_DATE('May 10, 2024', 'MON DD, YYYY'), TO_TIMESTAMP('10/05/2024 13.04', 'DD/MM/YYYY HH24.MI')`,
      ),
    ).toEqual([
      [
        "1980-12-17",
        "1980-12-17",
        "16:01:00",
        "2000-12-21 16:01:07.000",
        "2024-05-10",
        "2024-05-10 13:04:00.000",
      ],
    ]);
  });

  it("fail with Snowflake's errors, or give NULL with TRY_", async () => {
    expect(await failure(session, "SELECT TO_DATE('not a date')")).toMatchObject({
      code: "100040",
      sqlState: "22007",
      message: "Date 'not a date' is not recognized",
    });
    expect(
      await failure(session, "SELECT TO_TIMESTAMP('2019-02-2823:59:59', 'YYYY-MM-DD HH24:MI:SS')"),
    ).toMatchObject({
      code: "100096",
      message: "Can't parse '2019-02-2823:59:59' as timestamp with format 'YYYY-MM-DD HH24:MI:SS'",
    });
    expect(
      await rows(session, "SELECT TRY_TO_DATE('nope'), TRY_TO_TIMESTAMP('x', 'YYYY'), TRY_CAST('x' AS TIME)"),
    ).toEqual([[null, null, null]]);
  });

  it("store a string with an offset by the column's type: NTZ keeps the wall clock, LTZ the instant", async () => {
    await session.execute("CREATE TABLE stamps (ntz TIMESTAMP_NTZ, ltz TIMESTAMP_LTZ, d DATE)");
    await session.execute(
      "INSERT INTO stamps VALUES ('2024-05-09 08:50:57.891 -0700', '2024-05-09 08:50:57.891 -0700', '2024-05-09 23:00:00 +0200')",
    );
    await session.execute("UPDATE stamps SET ntz = '2024-05-10 01:00:00 +0900' WHERE d = '2024-05-09'");
    expect(await rows(session, "SELECT ntz, ltz, d FROM stamps")).toEqual([
      ["2024-05-10 01:00:00.000", "2024-05-09 08:50:57.891 -0700", "2024-05-09"],
    ]);
  });
});

describe("DATEADD, DATEDIFF, DATE_TRUNC and DATE_PART", () => {
  it("add every part, keeping a DATE a DATE for parts of a day or longer", async () => {
    const result = await session.execute(
      `SELECT DATEADD(quarter, 1, '2024-01-31'::DATE), DATEADD(week, -1, '2024-01-10'::DATE),
              DATEADD(hour, 2, '2024-01-10'::DATE), DATEADD(ns, 5000, '2024-01-10 00:00:00'::TIMESTAMP),
              TIMEADD(minute, 90, '23:00:00'::TIME), TIMESTAMPADD(ms, 1500, '2024-01-10 00:00:00'::TIMESTAMP)`,
    );
    expect(result.columns.map((c) => c.type)).toEqual([
      "date",
      "date",
      "timestamp_ntz",
      "timestamp_ntz",
      "time",
      "timestamp_ntz",
    ]);
    expect(show(result).rows).toEqual([
      [
        "2024-04-30",
        "2024-01-03",
        "2024-01-10 02:00:00.000",
        "2024-01-10 00:00:00.000",
        "00:30:00",
        "2024-01-10 00:00:01.500",
      ],
    ]);
  });

  it("count part boundaries crossed, weeks starting on WEEK_START", async () => {
    const sql = `SELECT DATEDIFF(quarter, '2023-12-31', '2024-01-01'), DATEDIFF(week, '2024-01-06', '2024-01-08'),
                        TIMESTAMPDIFF(nanosecond, '2024-01-01 00:00:00', '2024-01-01 00:00:00.000002'),
                        TIMEDIFF(hour, '10:59:59'::TIME, '11:00:00'::TIME)`;
    expect(await rows(session, sql)).toEqual([["1", "1", "2000", "1"]]);
    // With weeks starting on Sunday, Saturday 6 and Monday 8 January 2024 are one week apart too,
    // but Sunday 7 and Monday 8 are in the same week.
    await session.execute("ALTER SESSION SET WEEK_START = 7");
    expect(
      await rows(session, "SELECT DATEDIFF(week, '2024-01-07', '2024-01-08'), DAYOFWEEK('2024-01-07'::DATE)"),
    ).toEqual([["0", "1"]]);
    await session.execute("ALTER SESSION UNSET WEEK_START");
  });

  it("truncate TIME values and keep the input's type, DATE columns from a CTE included", async () => {
    const result = await session.execute(
      `WITH days AS (SELECT '2024-05-09'::DATE AS d, '08:50:48'::TIME AS t)
       SELECT DATE_TRUNC('minute', t), DATE_TRUNC('month', d), TRUNC(d, 'QUARTER'), DATEADD(day, 1, d) FROM days`,
    );
    expect(result.columns.map((c) => c.type)).toEqual(["time", "date", "date", "date"]);
    expect(show(result).rows).toEqual([["08:50:00", "2024-05-01", "2024-04-01", "2024-05-10"]]);
  });

  it("read every part, epoch and ISO parts included", async () => {
    expect(
      await rows(
        session,
        `SELECT DATE_PART(epoch_second, '2017-02-21 05:18:41'::TIMESTAMP), DATE_PART(dayofweekiso, '2024-01-07'::DATE),
                DATE_PART(yearofweekiso, '2021-01-01'::DATE), WEEKISO('2021-01-01'::DATE), DAYOFYEAR('2024-12-31'::DATE),
                EXTRACT(nanosecond FROM '2024-01-01 00:00:00.123456'::TIMESTAMP), LAST_DAY('2024-02-10'::DATE, 'quarter'),
                NEXT_DAY('2024-04-01'::DATE, 'fr'), PREVIOUS_DAY('2024-04-01'::DATE, 'Monday')`,
      ),
    ).toEqual([
      ["1487654321", "7", "2020", "53", "366", "123456000", "2024-03-31", "2024-04-05", "2024-03-25"],
    ]);
  });
});

describe("interval constants and lateral aliases", () => {
  it("add an interval constant's increments in the order written", async () => {
    expect(
      await rows(
        session,
        "SELECT TO_DATE('2019-02-28') + INTERVAL '1 day, 1 year', TO_DATE('2019-02-28') + INTERVAL '1 year, 1 day', '04:15:29'::TIME - INTERVAL '1 hour, 15 minutes'",
      ),
    ).toEqual([["2020-03-01", "2020-02-29", "03:00:29"]]);
  });

  it("let a later SELECT item use an earlier item's alias in a date function", async () => {
    expect(
      await rows(
        session,
        "SELECT TO_DATE('2024-05-08T23:39:20.123-07:00') AS d, LAST_DAY(d) AS l, DAYNAME(l) AS n",
      ),
    ).toEqual([["2024-05-08", "2024-05-31", "Fri"]]);
  });
});
