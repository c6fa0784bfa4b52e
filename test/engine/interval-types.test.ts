import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import {
  formatDayTime,
  formatYearMonth,
  intervalTypeText,
  parseDayTime,
  parseIntervalQualifier,
  parseYearMonth,
} from "../../src/engine/interval-types.js";
import type { Engine, EngineSession, StatementResult } from "../../src/engine/types.js";

/**
 * The interval data types family (data-types-datetime page, "Interval data types"): qualifiers with
 * their defaults (precision 9, fractional seconds 9), the interval format (`'+<Y>-<MM>'`,
 * `'+[D] HH:MI:SS.F'`, leading field without zeros, the others on two digits), interval columns
 * and casts (the parser rejects `INTERVAL YEAR(2) TO MONTH`, type-syntax.ts hides it), TIMESTAMP -
 * TIMESTAMP typed INTERVAL DAY(9) TO SECOND(9), and a variable refused after INTERVAL.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE IV; USE SCHEMA IV.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[][] =>
  r.rows.map((row) => row.map((cell, i) => displayValue(cell, r.columns[i]!)));

describe("interval qualifiers and the interval format", () => {
  it("reads qualifiers with Snowflake's defaults and refuses mixed or reversed fields", () => {
    expect(intervalTypeText(parseIntervalQualifier("DAY TO SECOND")!)).toBe("INTERVAL DAY(9) TO SECOND(9)");
    expect(intervalTypeText(parseIntervalQualifier("INTERVAL YEAR(2) TO MONTH")!)).toBe(
      "INTERVAL YEAR(2) TO MONTH",
    );
    expect(intervalTypeText(parseIntervalQualifier("hours(3) to minute")!)).toBe(
      "INTERVAL HOUR(3) TO MINUTE",
    );
    expect(intervalTypeText(parseIntervalQualifier("SECOND(5, 6)")!)).toBe("INTERVAL SECOND(5,6)");
    for (const bad of ["YEAR TO DAY", "SECOND TO MINUTE", "DAY(10)", "MONTH TO MONTH", "HOUR TO SECOND(10)"])
      expect(parseIntervalQualifier(bad), bad).toBeNull();
  });

  it("reads and writes year-month values: leading field without zeros, months on two digits", () => {
    const ym = parseIntervalQualifier("YEAR(2) TO MONTH")!;
    expect(parseYearMonth("14-4", ym)).toBe(172n);
    expect(parseYearMonth("-3-2", ym)).toBe(-38n);
    expect(formatYearMonth(172n, ym)).toBe("+14-04");
    expect(formatYearMonth(-38n, ym)).toBe("-3-02");
    expect(formatYearMonth(-5n, parseIntervalQualifier("MONTH(2)")!)).toBe("-5");
    expect(() => parseYearMonth("123-1", ym)).toThrow(/not recognized/);
    expect(() => parseYearMonth("1-12", ym)).toThrow(/not recognized/);
  });

  it("reads and writes day-time values with the type's fields and fraction digits", () => {
    const ds = parseIntervalQualifier("DAY(2) TO SECOND(3)")!;
    const micros = parseDayTime("02 23:08:23.275", ds);
    expect(micros).toBe(((2n * 24n + 23n) * 3600n + 8n * 60n + 23n) * 1_000_000n + 275_000n);
    expect(formatDayTime(micros, ds)).toBe("+2 23:08:23.275");
    expect(formatDayTime(-micros, ds)).toBe("-2 23:08:23.275");
    const hs = parseIntervalQualifier("HOUR(2) TO SECOND(0)")!;
    expect(formatDayTime(parseDayTime("00:10:00", hs), hs)).toBe("+0:10:00");
    expect(
      formatDayTime(
        parseDayTime("11 10:09", parseIntervalQualifier("DAY TO MINUTE")!),
        parseIntervalQualifier("DAY TO MINUTE")!,
      ),
    ).toBe("+11 10:09");
    expect(formatDayTime(4_300_000n, parseIntervalQualifier("SECOND(5, 6)")!)).toBe("+4.300000");
    expect(() => parseDayTime("1 25:00:00", ds)).toThrow(/not recognized/);
    expect(() => parseDayTime("10:00", ds)).toThrow(/not recognized/);
  });
});

describe("interval columns and casts in the engine", () => {
  it("creates interval columns, keeps their declared types and converts inserted text by them", async () => {
    await session.executeScript(`
      CREATE TABLE spans (ym INTERVAL YEAR(2) TO MONTH, ds INTERVAL DAY(3) TO SECOND(1), m INTERVAL MINUTE);
      INSERT INTO spans VALUES ('2-6', '100 01:02:03.45', '90'), ('-0-1', '-0 00:00:00.5', '-7');
    `);
    const described = shown(await session.execute("DESCRIBE TABLE spans")).map((row) => row.slice(0, 2));
    expect(described).toEqual([
      ["YM", "INTERVAL YEAR(2) TO MONTH"],
      ["DS", "INTERVAL DAY(3) TO SECOND(1)"],
      ["M", "INTERVAL MINUTE(9)"],
    ]);
    const r = await session.execute("SELECT ym, ym::VARCHAR, ds::VARCHAR, TO_VARCHAR(m) FROM spans");
    expect(shown(r)).toEqual([
      ["30", "+2-06", "+100 01:02:03.4", "+90"],
      ["-1", "-0-01", "-0 00:00:00.5", "-7"],
    ]);
  });

  it("refuses text that is not in the column type's interval format", async () => {
    await expect(session.execute("INSERT INTO spans (ym) VALUES ('2 years')")).rejects.toThrow(
      /not recognized/,
    );
  });

  it("types TIMESTAMP - TIMESTAMP as INTERVAL DAY(9) TO SECOND(9) and casts it to a narrower interval", async () => {
    const difference = "TO_TIMESTAMP('2024-03-02 00:00:01.5') - TO_TIMESTAMP('2024-02-28 12:00:00')";
    const r = await session.execute(
      `SELECT SYSTEM$TYPEOF(${difference}), (${difference})::INTERVAL DAY(2) TO SECOND(1)::VARCHAR, (${difference})::INTERVAL HOUR TO MINUTE::VARCHAR`,
    );
    // 2024 is a leap year: 2 days 12:00:01.5 from Feb 28 noon to Mar 2.
    expect(shown(r)).toEqual([["INTERVAL DAY(9) TO SECOND(9)[SB16]", "+2 12:00:01.5", "+60:00"]]);
  });

  it("adds an interval column's values to dates", async () => {
    const r = await session.execute("SELECT TO_DATE('2024-01-31') + ym FROM spans ORDER BY 1");
    expect(shown(r)).toEqual([["2023-12-31"], ["2026-07-31"]]);
  });

  it("refuses a session variable after INTERVAL, as Snowflake's parser does", async () => {
    await session.execute("SET span = '1 year'");
    await expect(session.execute("SELECT TO_DATE('2023-04-15') + INTERVAL $span")).rejects.toMatchObject({
      code: "001003",
    });
  });
});
