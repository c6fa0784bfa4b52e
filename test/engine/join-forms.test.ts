/**
 * Join forms Snowflake accepts and DuckDB does not, through a real engine: an inner join without ON
 * or USING is a cross join filtered by WHERE (unconditioned-joins.ts), and a qualified positional
 * column `alias.$n` names the n-th column of that relation (qualified-positions.ts), and DIRECTED
 * with its read-order clause changes only the scan order (directed-joins.ts).
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
    create table a (id integer, "lower" varchar);
    insert into a values (1, 'a1'), (2, 'a2');
    create table b (id integer, label varchar);
    insert into b values (1, 'b1'), (3, 'b3');
  `);
});
afterAll(() => engine.close());

describe("inner joins without a condition", () => {
  it("are cross joins, filtered by WHERE, with or without INNER", async () => {
    expect(await rows(session, "select a.id, b.label from a inner join b where a.id = b.id")).toEqual([
      ["1", "b1"],
    ]);
    expect(await rows(session, "select count(*) from a join b")).toEqual([["4"]]);
    expect(
      await rows(session, "select count(*) from a join b join a a2 where a2.id = a.id and b.id = 3"),
    ).toEqual([["2"]]);
  });

  it("keep their condition when they have one", async () => {
    expect(await rows(session, "select a.id from a join b on a.id = b.id")).toEqual([["1"]]);
    expect(await rows(session, "select id from a join b using (id)")).toEqual([["1"]]);
  });
});

describe("qualified positional columns", () => {
  it("name a VALUES list's columns by position", async () => {
    expect(
      await rows(
        session,
        "select v1.$2, v2.$2 from (values (1, 'one'), (2, 'two')) as v1 join (values (1, 'One')) as v2 on v2.$1 = v1.$1",
      ),
    ).toEqual([["one", "One"]]);
  });

  it("name a table's columns by position, by alias or by table name, quoted names included", async () => {
    expect(await rows(session, "select t.$2 from a t where t.$1 = 2")).toEqual([["a2"]]);
    expect(await rows(session, "select a.$2, b.$2 from a, b where a.$1 = b.$1")).toEqual([["a1", "b1"]]);
  });

  it("past the last column is an error", async () => {
    const e = await failure(session, "select a.$9 from a");
    expect(e.code).toBe("000904");
  });
});

describe("directed joins", () => {
  it("give the result of the same join undirected, with or without a read-order clause", async () => {
    const expected = [["1", "b1"]];
    expect(await rows(session, "select a.id, b.label from a inner directed join b on b.id = a.id")).toEqual(
      expected,
    );
    expect(
      await rows(
        session,
        "select a.id, b.label from a inner directed join b on b.id = a.id first(b) order by 1",
      ),
    ).toEqual(expected);
    expect(
      await rows(
        session,
        "select a.id, b.label from a left directed join b using (id) last(a) where a.id = 1",
      ),
    ).toEqual(expected);
  });

  it("refuse a read-order clause on a join that is not directed (001867)", async () => {
    const e = await failure(session, "select a.id from a inner join b on b.id = a.id first(b)");
    expect(e.code).toBe("001867");
    expect(e.message).toContain("FIRST or LAST is only valid on a DIRECTED JOIN.");
  });

  it("leave FIRST and LAST as names elsewhere", async () => {
    await session.execute('create table "FIRST" (last integer)');
    await session.execute('insert into "FIRST" values (7)');
    expect(await rows(session, 'select f.last from a join "FIRST" f on true where a.id = 1')).toEqual([
      ["7"],
    ]);
  });
});

describe("LATERAL over UNPIVOT", () => {
  it("is refused when the inline view reads the UNPIVOT alias, and runs over a table", async () => {
    await session.execute("create table wide (id integer, jan integer, feb integer)");
    await session.execute("insert into wide values (1, 10, 20)");
    const e = await failure(
      session,
      "select * from wide unpivot (v for m in (jan, feb)) u join lateral (select u.v as w) l",
    );
    expect(e.message).toContain("cannot be referenced in a LATERAL join");
    expect(
      await rows(session, "select w.id, l.x from wide w join lateral (select w.jan + w.feb as x) l"),
    ).toEqual([["1", "30"]]);
  });
});
