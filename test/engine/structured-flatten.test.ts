/**
 * FLATTEN over a structured ARRAY or MAP keeps the element and key types (docs:
 * data-types-structured, "Flattening"): VALUE of an ARRAY(DOUBLE) is a FLOAT, a MAP(VARCHAR,
 * VARCHAR)'s KEY and VALUE are VARCHARs (printed without JSON quotes), also for a table's column read
 * through a correlated FLATTEN; FLATTEN over a VARIANT still yields VARIANT values. Expected values
 * worked out by hand.
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
  await session.execute("create database flat");
});
afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[][] =>
  r.rows.map((row) => row.map((cell, i) => displayValue(cell, r.columns[i]!)));

describe("FLATTEN over structured types", () => {
  it("an ARRAY(DOUBLE)'s VALUE is a FLOAT", async () => {
    const r = await session.execute(
      "SELECT value, SYSTEM$TYPEOF(value) FROM TABLE(FLATTEN(INPUT => [1.5, 2.25]::ARRAY(DOUBLE)))",
    );
    expect(r.columns[0]?.sqlType).toBe("FLOAT");
    expect(shown(r)).toEqual([
      ["1.5", "FLOAT[DOUBLE]"],
      ["2.25", "FLOAT[DOUBLE]"],
    ]);
  });

  it("a MAP(VARCHAR, VARCHAR)'s KEY and VALUE are VARCHARs, unquoted", async () => {
    const r = await session.execute(
      "SELECT key, SYSTEM$TYPEOF(key), value, SYSTEM$TYPEOF(value) FROM TABLE(FLATTEN(INPUT => {'k': 'v'}::MAP(VARCHAR, VARCHAR)))",
    );
    expect(shown(r)).toEqual([["k", "VARCHAR[LOB]", "v", "VARCHAR[LOB]"]]);
  });

  it("a table's ARRAY(NUMBER) column, flattened per row, gives numbers to arithmetic", async () => {
    await session.execute("CREATE TABLE st (id INT, a ARRAY(NUMBER))");
    await session.execute("INSERT INTO st SELECT 1, [10, 20]::ARRAY(NUMBER)");
    const r = await session.execute(
      "SELECT st.id, f.index, f.value * 2 FROM st, TABLE(FLATTEN(INPUT => st.a)) f ORDER BY f.index",
    );
    expect(shown(r)).toEqual([
      ["1", "0", "20"],
      ["1", "1", "40"],
    ]);
  });

  it("LATERAL FLATTEN over a table's ARRAY(VARCHAR) column gives unquoted VARCHARs", async () => {
    await session.execute("CREATE TABLE tags (id INT, t ARRAY(VARCHAR))");
    await session.execute("INSERT INTO tags SELECT 7, ['x', 'y']::ARRAY(VARCHAR)");
    const r = await session.execute(
      "SELECT tags.id, f.value, SYSTEM$TYPEOF(f.value) FROM tags, LATERAL FLATTEN(input => tags.t) f ORDER BY f.index",
    );
    expect(shown(r)).toEqual([
      ["7", "x", "VARCHAR[LOB]"],
      ["7", "y", "VARCHAR[LOB]"],
    ]);
  });

  it("FLATTEN over a VARIANT keeps VARIANT values", async () => {
    const r = await session.execute(
      `SELECT value, SYSTEM$TYPEOF(value) FROM TABLE(FLATTEN(INPUT => PARSE_JSON('["a"]')))`,
    );
    expect(shown(r)).toEqual([['"a"', "VARIANT[LOB]"]]);
  });
});
