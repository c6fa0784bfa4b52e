import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession, StatementResult } from "../../src/engine/types.js";

/**
 * What clients see of the session: CURRENT_VERSION() in Snowflake's `major.minor.patch` form (the
 * SQLAlchemy dialect parses it), the context keywords written without parentheses, and the names
 * Snowflake gives columns that read session variables (the text written, not the value).
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE CTX; USE SCHEMA CTX.PUBLIC; SET (v1, v2) = ('one', 2);");
});

afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[] =>
  r.rows[0]!.map((cell, i) => displayValue(cell, r.columns[i]!));
const names = (r: StatementResult): string[] => r.columns.map((c) => c.name);

describe("context functions", () => {
  it("CURRENT_VERSION() is three dot-separated numbers, as SQLAlchemy's dialect expects", async () => {
    const [version] = shown(await session.execute("SELECT CURRENT_VERSION()"));
    // Snowflake's current releases are 9.x.y (issue 13); DuckDB's own `v1.x.y` must not leak.
    expect(version).toMatch(/^9\.\d+\.\d+$/);
    // snowflake-sqlalchemy: `version = [int(x) for x in result.split(".")]` needs at least major and minor.
    const [major] = (version as string).split(".").map(Number);
    expect(major).toBe(9);
  });

  it("CURRENT_DATE, CURRENT_TIMESTAMP and LOCALTIME without parentheses are the functions", async () => {
    const r = await session.execute("SELECT CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIME, CURRENT_DATE()");
    expect(names(r)).toEqual(["CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIME", "CURRENT_DATE()"]);
    const [date, stamp, time, called] = shown(r);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(called).toBe(date);
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(time).toMatch(/^\d{2}:\d{2}:\d{2}/);
  });

  it("a column CURRENT_DATE - 1 is yesterday's date, not a reference to the column's own name", async () => {
    const r = await session.execute("SELECT CURRENT_DATE - 1 AS yesterday, CURRENT_DATE AS today");
    const [yesterday, today] = shown(r) as string[];
    expect(Date.parse(today as string) - Date.parse(yesterday as string)).toBe(86_400_000);
  });

  it("CURRENT_TRANSACTION() is one id for every statement of a transaction, and a new one after", async () => {
    await session.execute("BEGIN");
    const [first] = shown(await session.execute("SELECT CURRENT_TRANSACTION()"));
    const [second] = shown(await session.execute("SELECT CURRENT_TRANSACTION()"));
    await session.execute("COMMIT");
    await session.execute("BEGIN");
    const [next] = shown(await session.execute("SELECT CURRENT_TRANSACTION()"));
    await session.execute("COMMIT");
    expect(first).toMatch(/^\d+$/);
    expect(second).toBe(first);
    expect(next).not.toBe(first);
  });
});

describe("session variables in the select list", () => {
  it("an unaliased $name or GETVARIABLE('NAME') column is named after the text written", async () => {
    const r = await session.execute(
      "SELECT $v1, $v2 + 1, getvariable('V1'), session_context('V2'), getvariable('v1')",
    );
    expect(names(r)).toEqual([
      "$V1",
      "$V2 + 1",
      "GETVARIABLE('V1')",
      "SESSION_CONTEXT('V2')",
      "GETVARIABLE('V1')",
    ]);
    // GETVARIABLE matches the name exactly: 'v1' is not V1.
    expect(shown(r)).toEqual(["one", "3", "one", "2", null]);
  });

  it("keeps an alias the statement gives, and CASE … END is not mistaken for one", async () => {
    const r = await session.execute(
      "SELECT $v1 AS a, $v2 b, CASE WHEN $v2 > 1 THEN 'big' END FROM (SELECT 1)",
    );
    expect(names(r)).toEqual(["A", "B", "CASE WHEN $V2 > 1 THEN 'BIG' END"]);
    expect(shown(r)).toEqual(["one", "2", "big"]);
  });
});

describe("CURRENT_STATEMENT()", () => {
  it("is the statement as the client sent it, its `;` and variable references included", async () => {
    expect(shown(await session.execute("SELECT 2.71, CURRENT_STATEMENT();"))).toEqual([
      "2.71",
      "SELECT 2.71, CURRENT_STATEMENT();",
    ]);
    expect(shown(await session.execute("select $v1, current_statement()"))).toEqual([
      "one",
      "select $v1, current_statement()",
    ]);
  });

  it("a script's statement keeps its own `;`, not the rest of the script", async () => {
    const results = await session.executeScript("SELECT 1;\nSELECT CURRENT_STATEMENT();\nSELECT 3");
    expect(shown(results[1]!)).toEqual(["SELECT CURRENT_STATEMENT();"]);
    const last = await session.executeScript("SELECT 1; SELECT CURRENT_STATEMENT()");
    expect(shown(last[1]!)).toEqual(["SELECT CURRENT_STATEMENT()"]);
  });
});
