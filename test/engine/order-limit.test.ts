/**
 * ORDER BY ALL, DEFAULT_NULL_ORDERING and the empty LIMIT / OFFSET values (order-limit.ts), through
 * a real engine: the placeholder text passes, a column called ALL still works, and the session
 * parameter changes only sort keys that do not name their NULL order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { orderLimitPrepass } from "../../src/engine/order-limit.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("use database TEST_DB");
  await session.executeScript(`
    create table t (a number, s varchar);
    insert into t values (2, 'x'), (1, 'y'), (1, null), (null, 'z');
  `);
});
afterAll(() => engine.close());

describe("ORDER BY ALL", () => {
  it("sorts by every select item in order, with the direction and NULL order given", async () => {
    expect(await rows(session, "select a, s from t order by all")).toEqual([
      ["1", "y"],
      ["1", null],
      ["2", "x"],
      [null, "z"],
    ]);
    expect(await rows(session, "select s, a from t order by all desc nulls last")).toEqual([
      ["z", null],
      ["y", "1"],
      ["x", "2"],
      [null, "1"],
    ]);
    expect(
      await rows(
        session,
        "select * from (select a from t order by all nulls first limit 2) order by a nulls first",
      ),
    ).toEqual([[null], ["1"]]);
  });

  it("leaves a quoted column named ALL, and ALL in other positions, alone", () => {
    expect(orderLimitPrepass('select "ALL" from t order by "ALL"')).toBe(
      'select "ALL" from t order by "ALL"',
    );
    expect(orderLimitPrepass("select a from t union all select b from u order by a")).toBe(
      "select a from t union all select b from u order by a",
    );
    expect(orderLimitPrepass("select a from t order by all_x")).toBe("select a from t order by all_x");
  });

  it("sorts by a quoted column named ALL", async () => {
    await session.execute('create table q ("ALL" number, b number)');
    await session.execute("insert into q values (2, 1), (1, 2)");
    expect(await rows(session, 'select b from q order by "ALL"')).toEqual([["2"], ["1"]]);
  });
});

describe("DEFAULT_NULL_ORDERING", () => {
  it("FIRST puts NULLs first ascending and last descending, unless a key says otherwise", async () => {
    const s = await engine.openSession({ database: "TEST_DB", schema: "PUBLIC" });
    try {
      const q = "select a from t order by a";
      expect(await rows(s, q)).toEqual([["1"], ["1"], ["2"], [null]]);
      await s.execute("alter session set default_null_ordering = 'FIRST'");
      expect(await rows(s, q)).toEqual([[null], ["1"], ["1"], ["2"]]);
      expect(await rows(s, "select a from t order by a desc")).toEqual([["2"], ["1"], ["1"], [null]]);
      expect(await rows(s, "select a from t order by a nulls last")).toEqual([["1"], ["1"], ["2"], [null]]);
      expect(await rows(s, "select a, row_number() over (order by a) as n from t order by n")).toEqual([
        [null, "1"],
        ["1", "2"],
        ["1", "3"],
        ["2", "4"],
      ]);
      await s.execute("alter session set default_null_ordering = 'LAST'");
      expect(await rows(s, q)).toEqual([["1"], ["1"], ["2"], [null]]);
      expect(await rows(s, "select a from t order by a desc")).toEqual([[null], ["2"], ["1"], ["1"]]);
    } finally {
      await s.close();
    }
  });
});

describe("LIMIT and OFFSET with an empty value", () => {
  it("reads NULL, '' and $$$$ as no limit and no offset", async () => {
    const all = [["1"], ["1"], ["2"], [null]];
    expect(await rows(session, "select a from t order by a limit null offset null")).toEqual(all);
    expect(await rows(session, "select a from t order by a limit '' offset ''")).toEqual(all);
    expect(await rows(session, "select a from t order by a limit $$$$ offset $$$$")).toEqual(all);
    expect(await rows(session, "select a from t order by a limit 1 offset ''")).toEqual([["1"]]);
  });

  it("keeps a non-empty string where it was", () => {
    expect(orderLimitPrepass("select 'limit ''' from t limit 3")).toBe("select 'limit ''' from t limit 3");
  });
});
