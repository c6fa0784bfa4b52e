/**
 * Snowflake format strings and session output formats: the tokenizer, the text a value gets in a
 * format (display), the strftime/strptime patterns the SQL side uses, and the formats a session sets
 * with ALTER SESSION reaching both `mercurios sql`'s display and `::VARCHAR` inside queries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayDateTime } from "../../../src/engine/datetime/display.js";
import { renderFormat, tokenizeFormat, toStrptime } from "../../../src/engine/datetime/format-elements.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { failure, freshSession, rows } from "../helpers.js";

/** 2016-01-01 01:02:03.123456789, a Friday, as fields. */
const FRIDAY = {
  year: 2016,
  month: 1,
  day: 1,
  hour: 13,
  minute: 2,
  second: 3,
  nanos: 123_456_789,
  weekday: 5,
  offsetMinutes: -330,
};

describe("format elements", () => {
  it("render every element, case-insensitively, with literals in double quotes kept", () => {
    const text = (format: string) => renderFormat(tokenizeFormat(format), FRIDAY);
    expect(text("DY, DD MON YYYY HH24:MI:SS")).toBe("Fri, 01 Jan 2016 13:02:03");
    expect(text("mmmm d, yy")).toBe("January 1, 16");
    expect(text("HH12:MI AM")).toBe("01:02 PM");
    expect(text("FF FF0 FF3 FF6")).toBe("123456789  123 123456");
    expect(text("TZH:TZM TZHTZM TZH")).toBe("-05:30 -0530 -05");
    expect(text('YYYY"T"HH "of" MM')).toBe("2016T13 of 01");
    expect(text("MO/D H24:ME:S")).toBe("1/1 13:2:3");
  });

  it("print Z for the offset of a value without one (TIMESTAMP_NTZ)", () => {
    expect(renderFormat(tokenizeFormat("HH24:MI TZH:TZM"), { ...FRIDAY, offsetMinutes: null })).toBe(
      "13:02 Z",
    );
  });

  it("read every documented element, alone and in a word of elements", () => {
    const text = (format: string) => renderFormat(tokenizeFormat(format), FRIDAY);
    // The list of "Date and time formats in conversion functions", each element on its own.
    const each: [string, string][] = [
      ["YYYY", "2016"],
      ["YY", "16"],
      ["Y", "16"],
      ["MM", "01"],
      ["MO", "1"],
      ["MON", "Jan"],
      ["MMMM", "January"],
      ["DD", "01"],
      ["D", "1"],
      ["DY", "Fri"],
      ["HH24", "13"],
      ["HH12", "01"],
      ["H24", "13"],
      ["H12", "1"],
      ["AM", "PM"],
      ["PM", "PM"],
      ["HH", "13"],
      ["H", "13"],
      ["MI", "02"],
      ["ME", "2"],
      ["SS", "03"],
      ["S", "3"],
      ["FF", "123456789"],
      ["FF3", "123"],
      ["TZH:TZM", "-05:30"],
      ["TZHTZM", "-0530"],
      ["TZH", "-05"],
      ["UUUU", "2016"],
    ];
    for (const [format, expected] of each) expect([format, text(format)]).toEqual([format, expected]);
    // Words made of elements only: every letter is read.
    expect(text("YYYYMMDD HH24MISS yyy")).toBe("20160101 130203 1616");
  });

  it("keep a word with letters no element reads as text, one-letter elements included", () => {
    const text = (format: string) => renderFormat(tokenizeFormat(format), FRIDAY);
    // The to_char page: 'mm/dd/yyyy, hh24:mi hours' gives '… 13:02 hours' (h and s are not read).
    expect(text("mm/dd/yyyy, hh24:mi hours")).toBe("01/01/2016, 13:02 hours");
    expect(text("H:S days")).toBe("13:3 days");
    // Elements of two letters or more inside such a word are still read (an unquoted T).
    expect(text("YYYY-MM-DDTHH24:MI")).toBe("2016-01-01T13:02");
    // Quoted text is never read, and does not make the letters next to it text.
    expect(text('"hours"H')).toBe("hours13");
  });

  it("give strptime patterns that also accept whitespace between touching elements", () => {
    const parse = toStrptime(tokenizeFormat("YYYY-MM-DDHH24:MI:SS.FF TZH:TZM"));
    expect(parse).toMatchObject({ hasOffset: true, hasFraction: true });
    expect(parse?.patterns).toEqual(["%Y-%m-%d%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f"]);
  });

  it("display LTZ values in the column's time zone, with the offset the zone has at that instant", () => {
    const column = { type: "timestamp_ltz" as const, timeZone: "America/Los_Angeles" };
    // 2024-01-02 16:00 UTC is 08:00 in Los Angeles (winter), 2024-07-02 16:00 UTC is 09:00 (summer).
    expect(displayDateTime(1_704_211_200_000_000_000n, column)).toBe("2024-01-02 08:00:00.000 -0800");
    expect(displayDateTime(1_719_936_000_000_000_000n, column)).toBe("2024-07-02 09:00:00.000 -0700");
  });
});

describe("session output formats and TIMEZONE", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("FORMATS"));
  });
  afterAll(async () => {
    await engine.close();
  });

  it("apply to displayed values and to ::VARCHAR, and UNSET restores Snowflake's defaults", async () => {
    await session.execute(
      "ALTER SESSION SET DATE_OUTPUT_FORMAT = 'DD-MON-YYYY', TIMESTAMP_NTZ_OUTPUT_FORMAT = 'DY, DD MON YYYY HH24:MI:SS', TIME_OUTPUT_FORMAT = 'HH12:MI AM'",
    );
    const sql =
      "SELECT '2024-05-10'::DATE AS d, '2016-01-01 01:02:03'::TIMESTAMP_NTZ AS ts, '13:04:00'::TIME AS t, '2024-05-10'::DATE::VARCHAR AS v";
    expect(await rows(session, sql)).toEqual([
      ["10-May-2024", "Fri, 01 Jan 2016 01:02:03", "01:04 PM", "10-May-2024"],
    ]);
    await session.execute(
      "ALTER SESSION UNSET DATE_OUTPUT_FORMAT, TIMESTAMP_NTZ_OUTPUT_FORMAT, TIME_OUTPUT_FORMAT",
    );
    expect(await rows(session, sql)).toEqual([
      ["2024-05-10", "2016-01-01 01:02:03.000", "13:04:00", "2024-05-10"],
    ]);
  });

  it("reads and shows TIMESTAMP_LTZ in the session time zone, Los Angeles by default", async () => {
    const sql = "SELECT '2024-01-02 16:00:00 +00:00'::TIMESTAMP_LTZ AS ltz, HOUR(ltz) AS h";
    expect(await rows(session, sql)).toEqual([["2024-01-02 08:00:00.000 -0800", "8"]]);
    await session.execute("ALTER SESSION SET TIMEZONE = 'Asia/Kolkata'");
    expect(await rows(session, sql)).toEqual([["2024-01-02 21:30:00.000 +0530", "21"]]);
    await session.execute("ALTER SESSION UNSET TIMEZONE");
  });

  it("rejects a time zone the runtime does not know, keeping the previous one", async () => {
    const error = await failure(session, "ALTER SESSION SET TIMEZONE = 'Mars/Olympus_Mons'");
    expect(error.message).toContain("Invalid value [Mars/Olympus_Mons] for parameter 'TIMEZONE'");
    expect(await rows(session, "SELECT '2024-01-02 16:00:00 +00:00'::TIMESTAMP_LTZ")).toEqual([
      ["2024-01-02 08:00:00.000 -0800"],
    ]);
  });
});
