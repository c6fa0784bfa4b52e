/**
 * The conformance runner's rule for pages that print an older SHOW / DESCRIBE column list: the
 * page's columns must all appear among the engine's, same names, same relative order, and their
 * values must match; the engine's other columns are reported as ones the page predates. Any other
 * statement still needs the exact column list.
 */
import { describe, expect, it } from "vitest";
import type { CellValue, ResultColumn, StatementResult } from "../../src/engine/types.js";
import type { ConformanceCase } from "./conformance/cases.js";
import { compareResult, pageColumnsIn } from "./conformance/runner.js";

const text = (name: string): ResultColumn =>
  ({ name, type: "text", nullable: true }) as unknown as ResultColumn;
const result = (names: string[], rows: CellValue[][]): StatementResult =>
  ({ kind: "rows", columns: names.map(text), rows }) as unknown as StatementResult;
const display = (value: CellValue): string | null => (value === null ? null : String(value));
const engineColumns = ["created_on", "name", "kind", "comment", "owner", "budget"];
const engineRows: CellValue[][] = [["2026-01-01", "T2", "TABLE", "", "ACCOUNTADMIN", null]];
const page = (query: string, columns: string[], rows: (string | null)[][]): ConformanceCase => ({
  id: "x",
  source: "https://docs.snowflake.com/x",
  query,
  columns,
  rows,
});

describe("conformance: a page's older SHOW column list", () => {
  it("finds the page's columns in order among the engine's, or says they are not there", () => {
    expect(pageColumnsIn(["name", "owner"], engineColumns)).toEqual([1, 4]);
    expect(pageColumnsIn(["owner", "name"], engineColumns)).toBeNull();
    expect(pageColumnsIn(["name", "retention_time"], engineColumns)).toBeNull();
  });

  it("compares the page's columns of a SHOW and names the ones it predates", () => {
    const predated: string[] = [];
    const c = page("SHOW TABLES LIKE 't2%';", ["name", "kind", "owner"], [["T2", "TABLE", "ACCOUNTADMIN"]]);
    expect(compareResult(c, result(engineColumns, engineRows), display, predated)).toBeNull();
    expect(predated).toEqual(["created_on", "comment", "budget"]);
  });

  it("still compares the values of the page's columns", () => {
    const c = page("SHOW TABLES", ["name", "kind", "owner"], [["T2", "TABLE", "PUBLIC"]]);
    expect(compareResult(c, result(engineColumns, engineRows), display)).toBe(
      'row 1 owner: expected "PUBLIC", got "ACCOUNTADMIN"',
    );
  });

  it("refuses a page list out of the engine's order, and any non-metadata statement", () => {
    const reordered = page("DESCRIBE TABLE t2", ["kind", "name"], [["TABLE", "T2"]]);
    expect(compareResult(reordered, result(engineColumns, engineRows), display)).toMatch(/^columns: /);
    const select = page("SELECT * FROM t2", ["name", "kind"], [["T2", "TABLE"]]);
    expect(compareResult(select, result(engineColumns, engineRows), display)).toMatch(/^columns: /);
  });
});
