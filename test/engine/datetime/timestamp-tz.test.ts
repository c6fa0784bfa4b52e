/**
 * TIMESTAMP_TZ keeps its offset end to end (docs/decisions/007-timestamp-tz-storage.md): literals,
 * table storage, the result type, display, arithmetic that keeps the offset, parts read in the value's
 * own offset, comparisons by instant, and the canonical cell the REST wire encodes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { wireCell } from "../../../src/engine/server/wire.js";
import { freshSession, rows, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;
beforeAll(async () => {
  ({ engine, session } = await freshSession("TZ"));
});
afterAll(async () => {
  await engine.close();
});

describe("TIMESTAMP_TZ", () => {
  it("keeps the offset of a literal and reports the type TIMESTAMP_TZ", async () => {
    const result = await session.execute(
      "SELECT '2024-02-29 12:34:56 +05:30'::TIMESTAMP_TZ AS a, TO_TIMESTAMP_TZ('2024-02-29T12:34:56-07:00') AS b",
    );
    expect(result.columns.map((c) => c.sqlType)).toEqual(["TIMESTAMP_TZ(9)", "TIMESTAMP_TZ(9)"]);
    // 12:34:56 at +05:30 is 07:04:56 UTC.
    expect(result.rows[0]?.[0]).toEqual({ epochNanos: 1_709_190_296_000_000_000n, offsetMinutes: 330 });
    expect(show(result).rows).toEqual([["2024-02-29 12:34:56.000 +0530", "2024-02-29 12:34:56.000 -0700"]]);
  });

  it("stores each row's offset in a table column; a string without one takes the session's", async () => {
    await session.execute("CREATE TABLE events (id INT, at TIMESTAMP_TZ)");
    await session.execute(
      "INSERT INTO events VALUES (1, '2024-01-01 16:00:00'), (2, '2024-01-02 16:00:00 +00:00'), (3, '2024-07-01 09:30:00 +09:00')",
    );
    const result = await session.execute(
      "SELECT id, at, HOUR(at), EXTRACT(timezone_hour FROM at) FROM events ORDER BY id",
    );
    expect(result.columns[1]?.sqlType).toBe("TIMESTAMP_TZ(9)");
    expect(show(result).rows).toEqual([
      ["1", "2024-01-01 16:00:00.000 -0800", "16", "-8"],
      ["2", "2024-01-02 16:00:00.000 +0000", "16", "0"],
      ["3", "2024-07-01 09:30:00.000 +0900", "9", "9"],
    ]);
  });

  it("keeps the offset through DATEADD and DATE_TRUNC, and converts to NTZ / LTZ / DATE / VARCHAR", async () => {
    expect(
      await rows(
        session,
        `SELECT DATEADD(MONTH, 6, at), DATE_TRUNC('hour', at), at::TIMESTAMP_NTZ, at::DATE, at::VARCHAR,
                TO_CHAR(at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
           FROM events WHERE id = 3`,
      ),
    ).toEqual([
      [
        "2025-01-01 09:30:00.000 +0900",
        "2024-07-01 09:00:00.000 +0900",
        "2024-07-01 09:30:00.000",
        "2024-07-01",
        "2024-07-01 09:30:00.000 +0900",
        "2024-07-01T09:30:00+09:00",
      ],
    ]);
  });

  it("compares by instant: equal instants at different offsets are equal, order follows time", async () => {
    expect(
      await rows(
        session,
        `SELECT '2024-01-01 00:00:00 +0000'::TIMESTAMP_TZ = '2024-01-01 01:00:00 +0100'::TIMESTAMP_TZ,
                '2024-01-01 00:30:00 +0100'::TIMESTAMP_TZ < '2024-01-01 00:00:00 +0000'::TIMESTAMP_TZ`,
      ),
    ).toEqual([["true", "true"]]);
    expect(
      await rows(session, "SELECT id FROM events WHERE at > '2024-01-02 08:30:00 -08:00' ORDER BY at"),
    ).toEqual([["3"]]);
  });

  it("is assigned, not compared, in MERGE's UPDATE SET and matched by instant in its ON", async () => {
    await session.execute("CREATE TABLE tz_target (k INT, at TIMESTAMP_TZ, seen TIMESTAMP_TZ)");
    await session.execute("CREATE TABLE tz_source (k INT, at TIMESTAMP_TZ)");
    await session.execute("INSERT INTO tz_target VALUES (1, '2024-01-01 00:00:00 +0000', NULL)");
    await session.execute(
      "INSERT INTO tz_source VALUES (1, '2024-03-01 10:00:00 +0200'), (2, '2024-03-02 10:00:00 -0500')",
    );
    const merged = await session.execute(
      `MERGE INTO tz_target t USING tz_source s ON t.k = s.k
         WHEN MATCHED AND t.at < s.at THEN UPDATE SET at = s.at, t.seen = s.at
         WHEN NOT MATCHED THEN INSERT (k, at, seen) VALUES (s.k, s.at, s.at)`,
    );
    expect(show(merged).rows).toEqual([["1", "1"]]);
    expect(await rows(session, "SELECT k, at, seen = at FROM tz_target ORDER BY k")).toEqual([
      ["1", "2024-03-01 10:00:00.000 +0200", "true"],
      ["2", "2024-03-02 10:00:00.000 -0500", "true"],
    ]);
  });

  it("goes on the REST wire as epoch seconds and the offset in minutes + 1440", async () => {
    const result = await session.execute("SELECT '2024-02-29 12:34:56.5 +05:30'::TIMESTAMP_TZ AS tz");
    const column = result.columns[0]!;
    expect(wireCell(result.rows[0]![0]!, column)).toBe("1709190296.500000000 1770");
  });
});
