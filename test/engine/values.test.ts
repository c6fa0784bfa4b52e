import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue, type Engine, type EngineSession, wireValue } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("display and wire formatting of cells", () => {
  it("displays values as Snowflake does", () => {
    expect(displayValue(20784, { type: "date", scale: null })).toBe("2026-11-27");
    expect(displayValue(1_795_773_600_000_000_000n, { type: "timestamp_ntz", scale: 9 })).toBe(
      "2026-11-27 10:00:00.000",
    );
    expect(displayValue(1_795_773_600_123_000_000n, { type: "timestamp_ltz", scale: 9 })).toBe(
      "2026-11-27 10:00:00.123 +0000",
    );
    expect(
      displayValue(
        { epochNanos: 1_795_773_600_000_000_000n, offsetMinutes: 60 },
        { type: "timestamp_tz", scale: 9 },
      ),
    ).toBe("2026-11-27 11:00:00.000 +0100");
    expect(displayValue(36_000_000_000_000n, { type: "time", scale: 9 })).toBe("10:00:00");
    expect(displayValue("1.50", { type: "fixed", scale: 2 })).toBe("1.50");
    expect(displayValue(true, { type: "boolean", scale: null })).toBe("true");
    expect(displayValue(new Uint8Array([0xab, 0x01]), { type: "binary", scale: null })).toBe("AB01");
    expect(displayValue(null, { type: "text", scale: null })).toBeNull();
    expect(displayValue(-1, { type: "date", scale: null })).toBe("1969-12-31");
  });

  it("encodes values for the REST protocol's JSON rowset", () => {
    expect(wireValue(20784, { type: "date", scale: null })).toBe("20784");
    expect(wireValue(1_795_773_600_000_000_000n, { type: "timestamp_ntz", scale: 9 })).toBe(
      "1795773600.000000000",
    );
    expect(wireValue(-1_500_000_000n, { type: "timestamp_ntz", scale: 3 })).toBe("-2.500");
    expect(
      wireValue(
        { epochNanos: 1_795_773_600_000_000_000n, offsetMinutes: 60 },
        { type: "timestamp_tz", scale: 9 },
      ),
    ).toBe("1795773600.000000000 1500");
    expect(wireValue(36_000_000_000_000n, { type: "time", scale: 9 })).toBe("36000.000000000");
    expect(wireValue(false, { type: "boolean", scale: null })).toBe("0");
    expect(wireValue(new Uint8Array([0xab]), { type: "binary", scale: null })).toBe("AB");
    expect(wireValue('{"a":1}', { type: "variant", scale: null })).toBe('{"a":1}');
  });
});

describe("Snowflake types and values in results", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("TYPES"));
    await session.execute(
      "create table typed (n number(10,2), i int, f float, s varchar(16), t text, b boolean, d date, tm time, ntz timestamp_ntz, ltz timestamp_ltz, v variant, o object, a array, bin binary)",
    );
    await session.execute(
      `insert into typed select 1.5, 42, 0.25, 'abc', 'long', true, '2026-11-27', '10:00:00', '2026-11-27 10:00:00', '2026-11-27 10:00:00', parse_json('{"k":[1,2]}'), parse_json('{"x":1}'), parse_json('[1,2]'), to_binary('AB01', 'HEX')`,
    );
  });
  afterAll(async () => {
    await engine.close();
  });

  it("reports declared types and displays each value", async () => {
    const result = show(await session.execute("select * from typed"));
    expect(result.types).toEqual([
      "NUMBER(10,2)",
      "NUMBER(38,0)",
      "FLOAT",
      "VARCHAR(16)",
      "VARCHAR(16777216)",
      "BOOLEAN",
      "DATE",
      "TIME(9)",
      "TIMESTAMP_NTZ(9)",
      "TIMESTAMP_LTZ(9)",
      "VARIANT",
      "OBJECT",
      "ARRAY",
      "BINARY(8388608)",
    ]);
    expect(result.rows).toEqual([
      [
        "1.50",
        "42",
        "0.25",
        "abc",
        "long",
        "true",
        "2026-11-27",
        "10:00:00",
        "2026-11-27 10:00:00.000",
        // A TIMESTAMP_LTZ is read and shown in the session's TIMEZONE: Snowflake's default,
        // America/Los_Angeles, is eight hours behind UTC in November.
        "2026-11-27 10:00:00.000 -0800",
        '{"k":[1,2]}',
        '{"x":1}',
        "[1,2]",
        "AB01",
      ],
    ]);
  });

  it("uses Snowflake's arithmetic scales", async () => {
    const result = show(await session.execute("select 10/4, 1/3, n/3, i/n, n*n, n+i, 1.5e0/2 from typed"));
    // Snowflake's operators-arithmetic rules (n is NUMBER(10,2), i NUMBER(38,0)): a / b has
    // L1 + S2 leading digits and scale max(S1, min(S1 + 6, 12)); a * b has L1 + L2 and
    // min(S1 + S2, max(S1, S2, 12)); a + b has max(L1, L2) + 1 and max(S1, S2); at most 38 digits.
    expect(result.types).toEqual([
      "NUMBER(8,6)",
      "NUMBER(7,6)",
      "NUMBER(16,8)",
      "NUMBER(38,6)",
      "NUMBER(20,4)",
      "NUMBER(38,2)",
      "FLOAT",
    ]);
    expect(result.rows).toEqual([
      ["2.500000", "0.333333", "0.50000000", "28.000000", "2.2500", "43.50", "0.75"],
    ]);
  });

  it("keeps AVG of exact numbers exact, at the division scale, windowed or not", async () => {
    await session.execute("create table avgs (g varchar, q number(9,0), p number(12,2))");
    await session.execute("insert into avgs values ('a', 1, 1.50), ('a', 2, 2.25), ('a', 2, null)");
    // Snowflake: AVG(1, 2, 2) = 1.666667 (scale 0 + 6); AVG(1.50, 2.25) = 1.87500000 (scale 2 + 6).
    const totals = show(await session.execute("select avg(q), avg(p), round(avg(p), 1) from avgs"));
    expect(totals.types).toEqual(["NUMBER(38,6)", "NUMBER(38,8)", "NUMBER(38,1)"]);
    expect(totals.rows).toEqual([["1.666667", "1.87500000", "1.9"]]);
    // Windowed over a whole partition Snowflake answers at scale + 3, cut, not rounded (avg page:
    // AVG(int_col) OVER (PARTITION BY int_col) shows 1.000; window syntax page: 3.16666 at scale 2).
    const windowed = show(await session.execute("select avg(q) over (partition by g) from avgs limit 1"));
    expect(windowed.types).toEqual(["NUMBER(38,3)"]);
    expect(windowed.rows).toEqual([["1.666"]]);
  });

  it("divides exactly through NULLIF, COALESCE, IFF, CASE, ABS and ROUND", async () => {
    const result = show(
      await session.execute(
        `select round(100 * n / nullif(i, 0), 2), n / coalesce(i, 1), iff(n > 0, n, 0) / 4,
                case when n > 0 then n else null end / 4, abs(n) / 4, round(n, 1) / 4 from typed`,
      ),
    );
    expect(result.types).toEqual([
      "NUMBER(38,2)",
      "NUMBER(38,8)",
      "NUMBER(38,8)",
      "NUMBER(38,8)",
      "NUMBER(38,8)",
      "NUMBER(38,7)",
    ]);
  });

  it("keeps DATEADD by days or longer and DATE_TRUNC of a DATE column a DATE", async () => {
    await session.execute("create table days (d date, ts timestamp_ntz)");
    await session.execute("insert into days values ('2026-02-10', '2026-02-10 10:11:12')");
    const result = show(
      await session.execute(
        `select dateadd(day, 1, d), dateadd(month, -1, d), date_trunc('month', d), dateadd(hour, 1, d),
                date_trunc('day', ts), dateadd(day, 1, dateadd(week, 1, d)) from days`,
      ),
    );
    expect(result.types).toEqual(["DATE", "DATE", "DATE", "TIMESTAMP_NTZ(9)", "TIMESTAMP_NTZ(9)", "DATE"]);
    expect(result.rows).toEqual([
      [
        "2026-02-11",
        "2026-01-10",
        "2026-02-01",
        "2026-02-10 01:00:00.000",
        "2026-02-10 00:00:00.000",
        "2026-02-18",
      ],
    ]);
  });

  it("drops the offset of a timestamp string stored as TIMESTAMP_NTZ, as Snowflake does", async () => {
    await session.execute("create table stamps (ts timestamp)");
    await session.execute("insert into stamps values ('2024-05-09 08:50:57.891 -0700')");
    expect(show(await session.execute("select ts from stamps")).rows).toEqual([["2024-05-09 08:50:57.891"]]);
  });

  it("gives canonical cells: days for dates, epoch nanoseconds for timestamps", async () => {
    const result = await session.execute("select d, ntz, b, n from typed");
    expect(result.rows).toEqual([[20784, 1_795_773_600_000_000_000n, true, "1.50"]]);
    expect(result.columns.map((c) => c.type)).toEqual(["date", "timestamp_ntz", "boolean", "fixed"]);
    expect(result.columns[3]).toMatchObject({ precision: 10, scale: 2 });
  });
});
