/**
 * Fractional-second precision: CURRENT_TIMESTAMP(p) / CURRENT_TIME(p) and casts to TIME(p) /
 * TIMESTAMP_*(p) keep p in the result type, and FF (without digits) in an output format shows p
 * digits, as Snowflake's current_timestamp page prints (`… 12:34:56.78` for precision 2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("ALTER SESSION SET TIMESTAMP_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF'");
  await session.execute("ALTER SESSION SET TIME_OUTPUT_FORMAT = 'HH24:MI:SS.FF'");
  // Unlike LTZ and TZ, TIMESTAMP_NTZ has a format of its own by default (FF3).
  await session.execute("ALTER SESSION SET TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF'");
});

afterAll(async () => {
  await engine.close();
});

describe("precision of times and timestamps", () => {
  it("CURRENT_TIMESTAMP(p) and CURRENT_TIME(p) are typed with p and show p digits under FF", async () => {
    const r = show(
      await session.execute("SELECT CURRENT_TIMESTAMP(2), CURRENT_TIME(4), CURRENT_TIMESTAMP, LOCALTIME(0)"),
    );
    expect(r.types).toEqual(["TIMESTAMP_LTZ(2)", "TIME(4)", "TIMESTAMP_LTZ(9)", "TIME(0)"]);
    const [ts2, t4, ts9, t0] = r.rows[0] as string[];
    expect(ts2).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}$/);
    expect(t4).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{4}$/);
    expect(ts9).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{9}$/);
    expect(t0).toMatch(/^\d{2}:\d{2}:\d{2}\.$/);
  });

  it("SYSTEM$TYPEOF sees the precision", async () => {
    const r = show(
      await session.execute("SELECT SYSTEM$TYPEOF(CURRENT_TIME(2)), SYSTEM$TYPEOF(CURRENT_TIMESTAMP(3))"),
    );
    expect(r.rows).toEqual([["TIME(2)[SB8]", "TIMESTAMP_LTZ(3)[SB8]"]]);
  });

  it("a cast to TIME(p) is a type, not a call of TIME(), and cuts the value to p digits", async () => {
    const r = show(
      await session.execute(
        "SELECT CAST('10:00:00.123456' AS TIME(2)) AS a, '10:00:00.987654'::TIME(3) AS b, '2024-01-01 10:00:00.123456'::TIMESTAMP_NTZ(4) AS c",
      ),
    );
    expect(r.types).toEqual(["TIME(2)", "TIME(3)", "TIMESTAMP_NTZ(4)"]);
    expect(r.rows).toEqual([["10:00:00.12", "10:00:00.987", "2024-01-01 10:00:00.1234"]]);
  });

  it("FFn shows n digits: a value of scale 1 shows zeros past its one digit", async () => {
    await session.execute("ALTER SESSION SET TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF3'");
    const cut = show(await session.execute("SELECT '2024-01-01 10:00:00.123456'::TIMESTAMP_NTZ(1) AS b"));
    expect(cut.rows).toEqual([["2024-01-01 10:00:00.100"]]);
  });
});
