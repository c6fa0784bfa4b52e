import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * CREATE TABLE t (col TYPE, …) AS SELECT …: the declared types are the columns' types, the query's
 * values converted to them (docs: operators-flow's dept_pipe_demo / emp_pipe_demo setup, where
 * 2850 inserted into NUMBER(7,2) reads back as 2850.00).
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE CTAS; USE SCHEMA CTAS.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

describe("CTAS with a typed column list", () => {
  it("stores and shows the declared types", async () => {
    await session.execute(
      "CREATE TABLE emp (empno NUMBER(4), sal NUMBER(7,2), name VARCHAR(10)) AS SELECT * FROM VALUES (7369, 800, 'SMITH')",
    );
    const result = await session.execute("SELECT empno, sal, name FROM emp");
    expect(result.columns.map((c) => c.sqlType)).toEqual(["NUMBER(4,0)", "NUMBER(7,2)", "VARCHAR(10)"]);
    expect(result.rows.map((r) => r.map((cell, i) => displayValue(cell, result.columns[i]!)))).toEqual([
      ["7369", "800.00", "SMITH"],
    ]);
  });
});
