import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/index.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { failure, rows } from "./helpers.js";

/** The JOIN page: a table function joins only as an inner cross join, a SQL UDTF as any relation. */
describe("joins to a table function", () => {
  let fresh: FreshEngine;
  let session: EngineSession;
  beforeAll(async () => {
    fresh = await openFreshEngine();
    session = await fresh.engine.openSession();
    await session.executeScript(
      "create database tfj; create table t (a array); insert into t select [1, 2];" +
        "create function nums() returns table (n int) as 'select 1 union all select 2';",
    );
  });
  afterAll(() => fresh.dispose());

  it("refuses a join condition to a table function, inner or outer (000002)", async () => {
    for (const sql of [
      "select * from t left join table(flatten(input => t.a)) f on true",
      "select * from t join table(flatten(input => t.a)) f on f.value = 1",
      "select * from t natural join table(split_to_table('a b', ' '))",
      "select * from t full join table(generator(rowcount => 2)) g using (a)",
    ]) {
      const error = await failure(session, sql);
      expect(error.code, sql).toBe("000002");
      expect(error.message).toContain("lateral table function called with OUTER JOIN syntax");
    }
  });

  it("runs joins without a condition to a table function, and any join to a SQL UDTF", async () => {
    expect(
      await rows(session, "select s.value from t left join lateral strtok_split_to_table('x y', ' ') s order by 1"),
    ).toEqual([["x"], ["y"]]);
    expect(await rows(session, "select f.value from t join table(flatten(input => t.a)) f order by 1")).toEqual([
      ["1"],
      ["2"],
    ]);
    expect(await rows(session, "select f.value from t, lateral flatten(input => t.a) f order by 1")).toEqual([
      ["1"],
      ["2"],
    ]);
    expect(
      await rows(session, "select u.n from t left join table(nums()) u on u.n = 2"),
    ).toEqual([["2"]]);
  });
});
