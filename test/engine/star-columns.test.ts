import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { starPlaceholders } from "../../src/engine/star-columns.js";
import { freshSession, show } from "./helpers.js";

describe("SELECT * with combined ILIKE / EXCLUDE / REPLACE / RENAME", () => {
  it("leaves single modifiers to the transpiler and marks combinations", () => {
    expect(starPlaceholders("SELECT * EXCLUDE a FROM t")).toBe("SELECT * EXCLUDE a FROM t");
    expect(starPlaceholders("SELECT * EXCLUDE a RENAME b AS c FROM t")).toBe(
      "SELECT * EXCLUDE a RENAME b AS c FROM t",
    );
    expect(starPlaceholders("SELECT t.* ILIKE '%x%' RENAME (a AS b, c AS d) FROM t")).toBe(
      "SELECT MERC_STAR('T', 'ILIKE', '%x%', 'RENAME', a, b, c, d) FROM t",
    );
    // A star inside a function call is not a select-list star.
    expect(starPlaceholders("SELECT OBJECT_CONSTRUCT(* ILIKE 'a%') FROM t")).toBe(
      "SELECT OBJECT_CONSTRUCT(* ILIKE 'a%') FROM t",
    );
  });

  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
    await session.execute('CREATE TABLE emp (id INT, name VARCHAR, dept_id INT, "note" VARCHAR)');
    await session.execute("INSERT INTO emp VALUES (1, 'Ann', 10, 'x'), (2, 'Bo', 20, 'y')");
    await session.execute("CREATE TABLE dept (dept_id INT, title VARCHAR)");
    await session.execute("INSERT INTO dept VALUES (10, 'Eng'), (20, 'Ops')");
  });
  afterAll(async () => {
    await engine.close();
  });

  it("expands every documented combination in the relation's column order", async () => {
    const result = show(
      await session.execute(
        'SELECT * EXCLUDE name REPLACE (dept_id * 2 AS dept_id) RENAME (dept_id AS d, "note" AS n) FROM emp ORDER BY id',
      ),
    );
    expect(result.columns).toEqual(["ID", "D", "N"]);
    expect(result.rows).toEqual([
      ["1", "20", "x"],
      ["2", "40", "y"],
    ]);
    const ilike = show(
      await session.execute("SELECT * ILIKE '%I%' REPLACE (-id AS id) RENAME id AS neg FROM emp ORDER BY 1"),
    );
    expect(ilike.columns).toEqual(["NEG", "DEPT_ID"]);
    expect(ilike.rows).toEqual([
      ["-2", "20"],
      ["-1", "10"],
    ]);
  });

  it("qualifies each relation's star in a join, by alias", async () => {
    const result = show(
      await session.execute(
        "SELECT e.* ILIKE '%id' RENAME dept_id AS dept, d.* REPLACE (upper(title) AS title) RENAME title AS t FROM emp e JOIN dept d ON e.dept_id = d.dept_id ORDER BY e.id",
      ),
    );
    expect(result.columns).toEqual(["ID", "DEPT", "DEPT_ID", "T"]);
    expect(result.rows).toEqual([
      ["1", "10", "10", "ENG"],
      ["2", "20", "20", "OPS"],
    ]);
  });

  it("refuses a pattern that matches no column, and a source without known columns, clearly", async () => {
    await expect(session.execute("SELECT * ILIKE 'zz%' RENAME id AS x FROM emp")).rejects.toMatchObject({
      code: "001080",
    });
    await expect(
      session.execute("WITH c AS (SELECT 1 AS a, 2 AS b) SELECT * ILIKE 'a' RENAME a AS z FROM c"),
    ).rejects.toThrow(/cannot expand it over a subquery, CTE or table function/);
  });
});
