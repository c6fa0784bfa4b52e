/**
 * SHOW FUNCTIONS lists built-in functions (from the function inventory) and user functions, with
 * the 18 columns of Snowflake's SHOW FUNCTIONS page, and a user function's row agrees with SHOW USER
 * FUNCTIONS on every column the two commands share. SHOW USER PROCEDURES has its page's 16 columns,
 * SHOW PROCEDURES its page's 14.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { openFreshEngine } from "./fresh-engine.js";
import { show } from "./helpers.js";

const PAGE_COLUMNS = [
  "created_on",
  "name",
  "schema_name",
  "is_builtin",
  "is_aggregate",
  "is_ansi",
  "min_num_arguments",
  "max_num_arguments",
  "arguments",
  "description",
  "catalog_name",
  "is_table_function",
  "valid_for_clustering",
  "is_secure",
  "is_external_function",
  "language",
  "is_memoizable",
  "is_data_metric",
];

let engine: Engine;
let dispose: () => Promise<void>;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, dispose } = await openFreshEngine());
  session = await engine.openSession();
  await session.executeScript(`
    create database fn_db;
    create schema fn_db.lib;
    use schema fn_db.lib;
    create function multiply(a number, b number) returns number comment = 'multiply two numbers' as 'a * b';
    create procedure get_file(path varchar) returns varchar language sql as $$ begin return path; end $$;
  `);
});

afterAll(async () => {
  await dispose();
});

function byName(shown: ReturnType<typeof show>, name: string): Record<string, string | null> {
  const row = shown.rows.find((r) => r[shown.columns.indexOf("name")] === name);
  if (!row) throw new Error(`no row for ${name}`);
  return Object.fromEntries(shown.columns.map((c, i) => [c, row[i] ?? null]));
}

describe("SHOW FUNCTIONS", () => {
  it("has the page's 18 columns in order", async () => {
    const shown = show(await session.execute("show functions like 'ABS'"));
    expect(shown.columns).toEqual(PAGE_COLUMNS);
  });

  it("lists a built-in scalar, aggregate and table function as built-ins without a schema", async () => {
    const shown = show(await session.execute("show functions in account"));
    const square = byName(shown, "SQUARE");
    expect(square).toMatchObject({
      schema_name: "",
      catalog_name: "",
      is_builtin: "Y",
      is_aggregate: "N",
      is_table_function: "N",
      language: "SQL",
      is_memoizable: "N",
      is_data_metric: "N",
    });
    expect(byName(shown, "COUNT")).toMatchObject({ is_aggregate: "Y", is_table_function: "N" });
    expect(byName(shown, "FLATTEN")).toMatchObject({ is_aggregate: "N", is_table_function: "Y" });
    // Aliases are functions of their own name (POWER for POW); operators are not functions.
    expect(byName(shown, "POWER").is_builtin).toBe("Y");
    const names = shown.rows.map((r) => r[1]);
    expect(names).not.toContain("||");
    expect(names).toEqual([...names].sort());
  });

  it("filters by LIKE, case-insensitively", async () => {
    const shown = show(await session.execute("show functions like 'squar%'"));
    expect(shown.rows.map((r) => r[1])).toEqual(["SQUARE"]);
  });

  it("lists a user function with the values SHOW USER FUNCTIONS gives it", async () => {
    const all = show(await session.execute("show functions"));
    const user = show(await session.execute("show user functions"));
    const inAll = byName(all, "MULTIPLY");
    const inUser = byName(user, "MULTIPLY");
    expect(inAll).toMatchObject({
      schema_name: "LIB",
      catalog_name: "FN_DB",
      is_builtin: "N",
      min_num_arguments: "2",
      max_num_arguments: "2",
      description: "multiply two numbers",
      language: "SQL",
    });
    for (const column of PAGE_COLUMNS) expect(inAll[column], column).toEqual(inUser[column]);
  });

  it("refuses IN CLASS plainly: classes are not modelled", async () => {
    await expect(session.execute("show functions in class budget")).rejects.toThrow(
      /Unsupported feature 'SHOW FUNCTIONS IN CLASS'/,
    );
  });

  it("lists only user functions IN SCHEMA (built-ins have no schema)", async () => {
    const shown = show(await session.execute("show functions in schema fn_db.lib"));
    expect(shown.rows.map((r) => r[1])).toEqual(["MULTIPLY"]);
  });
});

describe("SHOW USER PROCEDURES and SHOW PROCEDURES", () => {
  const PROCEDURE_PAGE_COLUMNS = [...PAGE_COLUMNS.slice(0, 14)];

  it("SHOW USER PROCEDURES adds secrets and external_access_integrations (NULL without them)", async () => {
    const shown = show(await session.execute("show user procedures in schema"));
    expect(shown.columns).toEqual([...PROCEDURE_PAGE_COLUMNS, "secrets", "external_access_integrations"]);
    expect(shown.rows).toHaveLength(1);
    expect(byName(shown, "GET_FILE")).toMatchObject({
      arguments: "GET_FILE(VARCHAR) RETURN VARCHAR",
      secrets: null,
      external_access_integrations: null,
    });
  });

  it("SHOW PROCEDURES keeps its page's 14 columns", async () => {
    const shown = show(await session.execute("show procedures in schema"));
    expect(shown.columns).toEqual(PROCEDURE_PAGE_COLUMNS);
  });
});
