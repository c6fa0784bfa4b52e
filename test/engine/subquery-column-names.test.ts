/**
 * Snowflake names an unaliased expression's column after its text (upper-cased) in every query, not
 * only the outermost, so `SELECT *` over a derived table or CTE shows those names and the outer
 * query can refer to them (seq1 page: `SELECT * FROM (SELECT seq2(0), seq1(1) FROM …)`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(
    "create table t (a int, s varchar); insert into t values (1, 'x'), (2, 'y'), (2, 'z');",
  );
});

afterAll(async () => {
  await engine.close();
});

describe("column names of parenthesised queries", () => {
  it("names a derived table's unaliased expressions after their text", async () => {
    const result = show(
      await session.execute("SELECT * FROM (SELECT a + 1, count(*) FROM t GROUP BY a) ORDER BY 1"),
    );
    expect(result.columns).toEqual(["A + 1", "COUNT(*)"]);
    expect(result.rows).toEqual([
      ["2", "1"],
      ["3", "2"],
    ]);
  });

  it("lets the outer query and a CTE's reader refer to those names", async () => {
    expect(
      show(await session.execute('SELECT "A + 1" * 10 AS n FROM (SELECT a + 1 FROM t) ORDER BY n')).rows,
    ).toEqual([["20"], ["30"], ["30"]]);
    const cte = show(
      await session.execute('WITH c AS (SELECT upper(s) FROM t) SELECT "UPPER(S)" FROM c ORDER BY 1'),
    );
    expect(cte.columns).toEqual(["UPPER(S)"]);
    expect(cte.rows).toEqual([["X"], ["Y"], ["Z"]]);
  });

  it("keeps a qualified name's dot and a literal's text in the name", async () => {
    const result = show(await session.execute("SELECT * FROM (SELECT t.a || 'k' FROM t WHERE a = 1)"));
    expect(result.columns).toEqual(["T.A || 'K'"]);
    expect(result.rows).toEqual([["1k"]]);
  });

  it("numbers an enclosing query's rows with SEQn, not the generator's column", async () => {
    const result = show(
      await session.execute(
        "SELECT * FROM (SELECT seq2(0), seq1(1) FROM table(generator(rowCount => 132))) ORDER BY seq2(0) LIMIT 3 OFFSET 127",
      ),
    );
    expect(result.columns).toEqual(["SEQ2(0)", "SEQ1(1)"]);
    expect(result.rows).toEqual([
      ["127", "127"],
      ["128", "-128"],
      ["129", "-127"],
    ]);
  });
});
