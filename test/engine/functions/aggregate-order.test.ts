/**
 * ORDER BY around aggregates as Snowflake draws it (array_agg and listagg pages): a DISTINCT ordered
 * aggregate may be ordered only by its argument; a one-row aggregate query may carry an ORDER BY on a
 * column its aggregates read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { failure, freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(
    "create table t (k int, s varchar); insert into t values (1, 'b'), (2, 'a'), (3, 'b'), (4, 'c');",
  );
});

afterAll(async () => {
  await engine.close();
});

describe("DISTINCT ordered aggregates", () => {
  it("refuses an ORDER BY key other than the argument, naming it as Snowflake does", async () => {
    const array = await failure(session, "SELECT ARRAY_AGG(DISTINCT k) WITHIN GROUP (ORDER BY s) FROM t");
    expect(array.message).toBe("SQL compilation error:\n[T.S] is not a valid order by expression");
    const list = await failure(
      session,
      "SELECT LISTAGG(DISTINCT x.s, ',') WITHIN GROUP (ORDER BY x.k) FROM t x",
    );
    expect(list.message).toBe("SQL compilation error:\n[X.K] is not a valid order by expression");
  });

  it("orders by the argument itself", async () => {
    expect(
      await rows(session, "SELECT LISTAGG(DISTINCT s, '|') WITHIN GROUP (ORDER BY s DESC) FROM t"),
    ).toEqual([["c|b|a"]]);
  });
});

describe("ORDER BY of a one-row aggregate query", () => {
  it("accepts a key the aggregates read", async () => {
    expect(
      await rows(
        session,
        "SELECT ARRAY_AGG(DISTINCT s) WITHIN GROUP (ORDER BY s), COUNT(k) FROM t WHERE k > 1 ORDER BY s",
      ),
    ).toEqual([['["a","b","c"]', "3"]]);
  });

  it("keeps the ORDER BY of a grouped query", async () => {
    expect(await rows(session, "SELECT s, COUNT(k) FROM t GROUP BY s ORDER BY s DESC")).toEqual([
      ["c", "1"],
      ["b", "2"],
      ["a", "1"],
    ]);
  });
});
