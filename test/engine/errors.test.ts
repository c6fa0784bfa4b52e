import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession } from "./helpers.js";

describe("Snowflake error codes, SQLSTATEs and wording", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("ERRS"));
    await session.execute("create table t (id int, name varchar)");
  });
  afterAll(async () => {
    await engine.close();
  });

  it("002003 for a missing table, fully qualified", async () => {
    expect(await failure(session, "select * from missing_table")).toEqual({
      code: "002003",
      sqlState: "42S02",
      message: "SQL compilation error:\nObject 'ERRS.PUBLIC.MISSING_TABLE' does not exist or not authorized.",
    });
  });

  it("002002 when an object already exists", async () => {
    expect(await failure(session, "create table t (x int)")).toEqual({
      code: "002002",
      sqlState: "42710",
      message: "SQL compilation error:\nObject 'T' already exists.",
    });
  });

  it("001003 with line and position of the offending token", async () => {
    const error = await failure(session, "select id,\n  name\nfrom t where where");
    expect(error.code).toBe("001003");
    expect(error.sqlState).toBe("42000");
    expect(error.message).toMatch(
      /^SQL compilation error:\nsyntax error line 3 at position \d+ unexpected '[^']+'\.$/,
    );
  });

  it("100038 when a string is not a number", async () => {
    expect(await failure(session, "select 'abc'::number")).toEqual({
      code: "100038",
      sqlState: "22018",
      message: "Numeric value 'abc' is not recognized",
    });
  });

  it("000904 for an unknown column", async () => {
    const error = await failure(session, "select nope from t");
    expect(error.code).toBe("000904");
    expect(error.message).toContain("invalid identifier 'NOPE'");
  });

  it("002003 for a missing schema or database in DDL", async () => {
    expect((await failure(session, "create table nodb.s.t (a int)")).message).toBe(
      "SQL compilation error:\nDatabase 'NODB' does not exist or not authorized.",
    );
    expect((await failure(session, "create table errs.nos.t (a int)")).message).toBe(
      "SQL compilation error:\nSchema 'ERRS.NOS' does not exist or not authorized.",
    );
  });

  it("never lets a raw DuckDB message through alone", async () => {
    for (const sql of ["select 1 +", "select 1 + 'x'", "select to_date('not a date')"]) {
      const error = await failure(session, sql);
      expect(error.code).toMatch(/^\d{6}$/);
      expect(error.message).not.toMatch(/^(Binder|Catalog|Parser|Conversion) Error/);
    }
  });
});
