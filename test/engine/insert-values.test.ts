import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/index.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { failure, rows, show } from "./helpers.js";

/**
 * VALUES typing and checks: the INSERT page's usage notes (expressions a VALUES clause refuses; a
 * multi-row VALUES typed by its first row) and the VALUES page's common type of a numeric column.
 */
describe("VALUES in INSERT and FROM", () => {
  let fresh: FreshEngine;
  let session: EngineSession;
  beforeAll(async () => {
    fresh = await openFreshEngine();
    session = await fresh.engine.openSession();
    await session.executeScript(
      "create database iv; create table v (s varchar); create table j (id int, x variant, a array);",
    );
  });
  afterAll(() => fresh.dispose());

  it("refuses subqueries, aggregates, windows and semi-structured values in an INSERT's VALUES (002014)", async () => {
    for (const value of [
      "(select 1)",
      "max(1)",
      "rank() over (order by 1)",
      "to_variant(1)",
      "'{}'::object",
      "cast('[1]' as array)",
      "[1, 2]",
      "object_construct('k', 1)",
    ]) {
      const error = await failure(session, `insert into j (x) values (${value})`);
      expect(error.code, value).toBe("002014");
      expect(error.message).toBe(`SQL compilation error:\nInvalid expression [${value}] in VALUES clause`);
    }
    // The same expressions are fine in INSERT … SELECT, and plain scalar calls in VALUES.
    await session.execute("insert into j (id, x, a) select 1, to_variant(1), array_construct(1, 2)");
    await session.execute("insert into j (id) values (abs(-2) + length('abc'))");
    expect(await rows(session, "select id from j order by id")).toEqual([["1"], ["5"]]);
  });

  it("converts later rows to the type of the first row's literal (100038 when they do not convert)", async () => {
    const error = await failure(session, "insert into v (s) values (7), ('seven')");
    expect(error.code).toBe("100038");
    expect(error.message).toBe(
      "DML operation to table V failed on column S with error: Numeric value 'seven' is not recognized",
    );
    // A numeric string converts; a string first makes the column text, so a later number is fine.
    await session.execute("insert into v values (7), ('8.5')");
    await session.execute("insert into v (s) values ('nine'), (10)");
    expect(await rows(session, "select s from v order by s")).toEqual([["10"], ["7"], ["8.5"], ["nine"]]);
  });

  it("gives a FROM VALUES number column with an exponent literal a fixed-point common type", async () => {
    const shown = show(
      await session.execute("select column1 from values (2), (.5000), (null), (.25), (1e1) order by column1"),
    );
    // Scale 4 (.5000 as written), integer digits 2 (1e1 is 10): NUMBER(6, 4), not DuckDB's FLOAT.
    expect(shown.rows).toEqual([["0.2500"], ["0.5000"], ["2.0000"], ["10.0000"], [null]]);
    const outOfRange = await failure(session, "select column1 from values (1.5e-36), (1234.5)");
    expect(outOfRange.code).toBe("100039");
    expect(outOfRange.message).toBe("Numeric value '1234.5' is out of range");
  });
});
