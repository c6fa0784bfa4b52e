/**
 * Join forms Snowflake accepts and DuckDB does not, through a real engine: an inner join without ON
 * or USING is a cross join filtered by WHERE (unconditioned-joins.ts), and a qualified positional
 * column `alias.$n` names the n-th column of that relation (qualified-positions.ts).
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
    expect(await rows(session, "select a.id, b.label from a inner join b where a.id = b.id")).toEqual([["1", "b1"]]);
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
