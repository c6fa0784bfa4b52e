/**
 * COUNT's Snowflake forms (count page): COUNT(t.*) and COUNT(* ILIKE / EXCLUDE …) count the rows where
 * none of the columns the star stands for is NULL; COUNT of a VARIANT does not count a JSON null.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { failure, freshSession, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table pairs (a_one int, a_two int, b int);
    insert into pairs values (1, 1, 1), (1, null, 1), (null, 2, null), (3, 3, null);
    create table other (k int, note varchar);
    insert into other values (1, 'x'), (2, null);
    create table docs (id int, v variant);
    insert into docs select 1, parse_json('{"k": null, "a": [null, 1]}');
    insert into docs select 2, parse_json('{"k": 7, "a": [2]}');
    insert into docs select 3, parse_json('null');
    insert into docs select 4, null;
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("COUNT over a star", () => {
  it("counts the rows of t.* with no NULL column, named as written", async () => {
    const result = show(await session.execute("SELECT COUNT(p.*), COUNT(*) FROM pairs AS p"));
    expect(result.columns).toEqual(["COUNT(P.*)", "COUNT(*)"]);
    // Only (1, 1, 1) has no NULL.
    expect(result.rows).toEqual([["1", "4"]]);
  });

  it("reads only the qualified relation's columns in a join", async () => {
    const result = show(
      await session.execute("SELECT COUNT(o.*), COUNT(p.*) FROM pairs p JOIN other o ON o.k = p.a_one"),
    );
    // Rows joined: (1,1,1,k1,'x') and (1,null,1,k1,'x'): other's columns are complete in both.
    expect(result.rows).toEqual([["2", "1"]]);
  });

  it("counts the columns a star ILIKE or EXCLUDE keeps", async () => {
    const result = show(
      await session.execute(
        "SELECT COUNT(* ILIKE 'a%') AS i, COUNT(* EXCLUDE b) AS e, COUNT(* EXCLUDE (a_two, b)) AS e2, COUNT(DISTINCT * EXCLUDE (a_two, b)) AS d FROM pairs",
      ),
    );
    // a_one and a_two both set: rows 1 and 4; a_one set: rows 1, 2, 4 (values 1, 1, 3: two distinct).
    expect(result.rows).toEqual([["2", "2", "3", "2"]]);
  });

  it("refuses a star it cannot expand with a clear error", async () => {
    const error = await failure(session, "SELECT COUNT(s.*) FROM (SELECT 1 AS x) s");
    expect(error.message).toMatch(/COUNT\(t\.\*\).*cannot expand/s);
  });
});

describe("COUNT of a VARIANT", () => {
  it("does not count a JSON null, by path, by subscript or as a whole value", async () => {
    const result = show(
      await session.execute(
        "SELECT COUNT(v:k), COUNT(v['k']), COUNT(v:a[0]), COUNT(v), COUNT(DISTINCT v:k) FROM docs",
      ),
    );
    // v:k: null (JSON), 7, missing, missing; v:a[0]: null (JSON), 2; v: two objects, a JSON null, NULL.
    expect(result.rows).toEqual([["1", "1", "1", "2", "1"]]);
  });
});
