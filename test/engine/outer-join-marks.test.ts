/**
 * The `(+)` outer-join notation in WHERE (outer-join-marks.ts): the marked table becomes the inner
 * side of a LEFT OUTER JOIN (the transpiler alone would drop the mark and join inner), through a
 * real engine; Snowflake's two restrictions fail with its messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("use database TEST_DB");
  await session.executeScript(`
    create table a (id integer, k integer);
    insert into a values (1, 10), (2, 20), (3, 30);
    create table b (id integer, k integer, label varchar);
    insert into b values (1, 10, 'b1'), (3, 99, 'b3');
    create table c (id integer, note varchar);
    insert into c values (1, 'c1');
  `);
});
afterAll(() => engine.close());

describe("outer joins written with (+)", () => {
  it("keeps every row of the unmarked table, with or without a space before the mark", async () => {
    const expected = [
      ["1", "b1"],
      ["2", null],
      ["3", "b3"],
    ];
    expect(await rows(session, "select a.id, b.label from a, b where a.id = b.id(+) order by 1")).toEqual(
      expected,
    );
    expect(
      await rows(session, "select x.id, y.label from a x, b y where y.id (+) = x.id order by 1"),
    ).toEqual(expected);
  });

  it("puts every marked predicate of a table in its join condition and leaves the others in WHERE", async () => {
    expect(
      await rows(
        session,
        "select a.id, b.label from a, b where a.id = b.id(+) and a.k = b.k(+) and a.id > 1 order by 1",
      ),
    ).toEqual([
      ["2", null],
      ["3", null],
    ]);
  });

  it("chains outer joins and mixes them with inner joins in any FROM order", async () => {
    expect(
      await rows(
        session,
        "select a.id, b.label, c.note from c, b, a where a.id = b.id(+) and b.id = c.id(+) order by 1",
      ),
    ).toEqual([
      ["1", "b1", "c1"],
      ["2", null, null],
      ["3", "b3", null],
    ]);
    expect(
      await rows(session, "select a.id, c.note from a, b, c where a.id = b.id and b.id = c.id(+) order by 1"),
    ).toEqual([
      ["1", "c1"],
      ["3", null],
    ]);
  });

  it("rewrites a subquery's block too", async () => {
    expect(await rows(session, "select count(*) from (select a.id from a, b where a.id = b.id(+))")).toEqual([
      ["3"],
    ]);
  });

  it("refuses a cycle and a table outer joined to two tables, as Snowflake does", async () => {
    const cycle = await failure(session, "select a.id from a, b where a.id (+) = b.id (+)");
    expect(cycle.message).toContain("Outer join predicates form a cycle between 'A' and 'B'.");
    const two = await failure(session, "select a.id from a, b, c where a.id (+) = b.id and a.id (+) = c.id");
    expect(two.message).toContain("Table 'A' is outer joined to multiple tables: 'C' and 'B'.");
  });

  it("does not read a column's mark as a function call", async () => {
    expect(await rows(session, "select a.id from a, b where a.id = b.id(+) and a.id = 2")).toEqual([["2"]]);
  });
});
