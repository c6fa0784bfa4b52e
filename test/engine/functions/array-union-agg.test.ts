/**
 * ARRAY_UNION_AGG: the multiset union of a group's arrays. Each value appears as often as in the
 * array that holds it most often; NULL rows are skipped; JSON null elements and nested values are
 * values like any other. Element order is not fixed, so results are compared sorted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { failure, freshSession, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table arrays (g int, a array);
    insert into arrays select 1, parse_json('[1, 1, 2]');
    insert into arrays select 1, parse_json('[1, 2, 3, 2]');
    insert into arrays select 1, null;
    insert into arrays select 2, parse_json('["x", null, {"k": 1}]');
    insert into arrays select 2, parse_json('[{"k": 1}, {"k": 1}, "x"]');
    insert into arrays select 3, null;
  `);
});

afterAll(async () => {
  await engine.close();
});

const sortedJson = (text: string | null | undefined): string[] =>
  (JSON.parse(text ?? "null") as unknown[]).map((v) => JSON.stringify(v)).sort();

describe("ARRAY_UNION_AGG", () => {
  it("keeps each value as often as the array holding it most", async () => {
    const result = show(await session.execute("select g, array_union_agg(a) as u from arrays group by g order by g"));
    expect(result.types[1]).toBe("ARRAY");
    expect(sortedJson(result.rows[0]![1])).toEqual(["1", "1", "2", "2", "3"]);
    expect(sortedJson(result.rows[1]![1])).toEqual(['"x"', "null", '{"k":1}', '{"k":1}'].sort());
  });

  it("gives an empty array for a group of only NULLs, and works without GROUP BY", async () => {
    const grouped = show(await session.execute("select array_union_agg(a) from arrays where g = 3"));
    expect(grouped.rows).toEqual([["[]"]]);
    const whole = show(await session.execute("select array_union_agg(a) from arrays"));
    expect(sortedJson(whole.rows[0]![0])).toHaveLength(9);
  });

  it("works as a window function over a partition", async () => {
    const result = show(
      await session.execute("select g, array_union_agg(a) over (partition by g) from arrays where g = 1 order by g"),
    );
    expect(result.rows).toHaveLength(3);
    for (const row of result.rows) expect(sortedJson(row[1])).toEqual(["1", "1", "2", "2", "3"]);
  });

  it("refuses a value that is not an array", async () => {
    const error = await failure(session, "select array_union_agg(to_variant(g)) from arrays");
    expect(error.message).toMatch(/ARRAY_UNION_AGG/);
  });
});
