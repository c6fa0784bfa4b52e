/**
 * A positional column (`$1`) reached through a lateral alias inside a function call: the alias's
 * expression lands in parentheses inside the call (SYSTEM$TYPEOF(a) with `$1 AS a`), where DuckDB
 * refuses a bare positional reference as a macro argument. And a VALUES column mixing
 * TIMESTAMP_LTZ and TIMESTAMP_NTZ takes TIMESTAMP_LTZ, the NTZ value read in the session's zone
 * (docs: constructs/values). Expected values worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession, StatementResult } from "../../src/engine/types.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.execute("create database positional");
});
afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[][] =>
  r.rows.map((row) => row.map((cell, i) => displayValue(cell, r.columns[i]!)));

describe("positional columns through lateral aliases", () => {
  it("SYSTEM$TYPEOF of a lateral alias of $1 over VALUES", async () => {
    const r = await session.execute("SELECT $1 AS a, SYSTEM$TYPEOF(a) FROM VALUES (1), (2.5)");
    // 1 and 2.5 share NUMBER(2,1) at least; the column's values are 1.0 and 2.5.
    expect(shown(r).map((row) => row[0])).toEqual(["1.0", "2.5"]);
    expect(shown(r)[0]?.[1]).toMatch(/^NUMBER\(\d+,1\)\[SB\d+\]$/);
  });

  it("a lateral alias of $1 in an arithmetic argument of a function", async () => {
    const r = await session.execute("SELECT $1 AS a, ABS(a - 10) FROM VALUES (4), (12) ORDER BY 1");
    expect(shown(r)).toEqual([
      ["4", "6"],
      ["12", "2"],
    ]);
  });

  it("a VALUES column of TIMESTAMP_LTZ and TIMESTAMP_NTZ is TIMESTAMP_LTZ", async () => {
    await session.execute("ALTER SESSION SET TIMEZONE = 'America/Los_Angeles'");
    const r = await session.execute(`SELECT $1 AS a, SYSTEM$TYPEOF(a) FROM VALUES
      (TO_TIMESTAMP_LTZ('2025-03-24 01:37:00 -0700')),
      (TO_TIMESTAMP_NTZ('2025-03-24 08:37:00'))`);
    expect(r.columns[0]?.sqlType).toBe("TIMESTAMP_LTZ(9)");
    expect(shown(r)).toEqual([
      ["2025-03-24 01:37:00.000 -0700", "TIMESTAMP_LTZ(9)[SB8]"],
      ["2025-03-24 08:37:00.000 -0700", "TIMESTAMP_LTZ(9)[SB8]"],
    ]);
  });
});
