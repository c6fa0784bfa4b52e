/**
 * Multi-table INSERT (handlers/insert-multi-table.ts), through a real engine: ALL runs every
 * matching WHEN, FIRST only the first, ELSE where none matched (a NULL condition is not a match),
 * VALUES see only the subquery's select list, OVERWRITE empties the targets, and a failing clause
 * leaves no target changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, rows, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("use database TEST_DB");
  await session.executeScript(`
    create table src (n integer, s varchar);
    insert into src values (1, 'a'), (50, 'b'), (500, 'c'), (null, 'd');
    create table lo (n integer, s varchar);
    create table hi (n integer, s varchar);
  `);
});
afterAll(() => engine.close());

const contents = async (): Promise<(string | null)[][]> =>
  rows(session, "select 'LO', n, s from lo union all select 'HI', n, s from hi order by 1, 2 nulls last, 3");

describe("multi-table INSERT", () => {
  it("ALL runs every matching WHEN; ELSE takes rows no WHEN matched, NULL conditions included", async () => {
    const out = show(
      await session.execute(
        "insert all when n > 10 then into hi when n > 100 then into hi values (n * 2, s) else into lo select n, s from src",
      ),
    );
    expect(out.rows).toEqual([["2", "1", "2"]]);
    expect(await contents()).toEqual([
      ["HI", "50", "b"],
      ["HI", "500", "c"],
      ["HI", "1000", "c"],
      ["LO", "1", "a"],
      ["LO", null, "d"],
    ]);
  });

  it("FIRST runs only the first matching WHEN; OVERWRITE empties the targets first", async () => {
    await session.execute(
      "insert overwrite first when n > 100 then into hi (s, n) values (s, n) when n > 10 then into hi into lo else into lo select * from src",
    );
    expect(await contents()).toEqual([
      ["HI", "50", "b"],
      ["HI", "500", "c"],
      ["LO", "1", "a"],
      ["LO", "50", "b"],
      ["LO", null, "d"],
    ]);
  });

  it("reads the subquery's select list only, and changes nothing when a clause fails", async () => {
    const before = await contents();
    const e = await failure(session, "insert all into lo (n) into hi values (n, s) select n from src");
    expect(e.code).toBe("000904");
    expect(await contents()).toEqual(before);
  });

  it("refuses INSERT FIRST without WHEN", async () => {
    const e = await failure(session, "insert first into lo select * from src");
    expect(e.message).toMatch(/INSERT FIRST needs WHEN/);
  });
});
