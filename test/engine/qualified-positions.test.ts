import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/index.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { show } from "./helpers.js";

/**
 * `alias.$n`: Snowflake reads the n-th column of whichever row source the alias names (table,
 * subquery, FLATTEN, RESULT_SCAN), and names the result column `$n` as it names `t.a` `A`.
 */
describe("positional columns qualified by an alias", () => {
  let fresh: FreshEngine;
  let session: EngineSession;
  beforeAll(async () => {
    fresh = await openFreshEngine();
    session = await fresh.engine.openSession();
    await session.executeScript(
      "create database qp; create table t (a int, b varchar); insert into t values (1, 'x'), (2, 'y');",
    );
  });
  afterAll(() => fresh.dispose());

  it("reads a base table's column by position, named $n", async () => {
    const shown = show(await session.execute("select t.$2 from t order by t.$1"));
    expect(shown.columns).toEqual(["$2"]);
    expect(shown.rows).toEqual([["x"], ["y"]]);
  });

  it("reads a subquery without a column list, a join of two of them", async () => {
    const shown = show(
      await session.execute(
        "select s.$1, u.$2 from (select a * 10, b from t) s join (select a, upper(b) from t) u on u.$1 = s.$1 / 10 order by 1",
      ),
    );
    expect(shown.columns).toEqual(["$1", "$2"]);
    expect(shown.rows).toEqual([
      ["10", "X"],
      ["20", "Y"],
    ]);
  });

  it("reads FLATTEN's columns by position (SEQ, KEY, PATH, INDEX, VALUE, THIS)", async () => {
    const shown = show(
      await session.execute(
        "select f.$4, f.$5 from table(flatten(input => parse_json('[7, 8]'))) f order by 1",
      ),
    );
    expect(shown.rows).toEqual([
      ["0", "7"],
      ["1", "8"],
    ]);
  });

  it("reads RESULT_SCAN's first column, also as a lateral FLATTEN's input", async () => {
    await session.execute('select parse_json(\'["p", "q"]\') as arr');
    const shown = show(
      await session.execute(
        "select index, value from table(result_scan(last_query_id())) as res, lateral flatten(input => res.$1) order by index",
      ),
    );
    expect(shown.rows).toEqual([
      ["0", '"p"'],
      ["1", '"q"'],
    ]);
  });
});
