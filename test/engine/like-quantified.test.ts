/**
 * LIKE / ILIKE ANY | SOME | ALL (functions/like_any, ilike_any, like_all) in every position: the
 * select list with and without an alias, WHERE with AND / OR around it, a NOT before the subject (the
 * documented form: no pattern matches), an infix NOT (applied to each pattern), ESCAPE, a qualified
 * or called subject. Expected values follow from matching each pattern by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("quantified LIKE", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("LQ"));
    await session.executeScript(`
      CREATE TABLE names (name VARCHAR);
      INSERT INTO names VALUES ('John  Dddoe'), ('Joe   Doe'), ('John_down'), ('Joe down'), ('Tom   Doe'), ('Tim down'), (NULL);
    `);
  });
  afterAll(() => engine.close());

  const rows = async (sql: string) => show(await session.execute(sql)).rows;

  it("in the select list, aliased or not, named as written", async () => {
    const result = show(
      await session.execute(
        "SELECT 'x' LIKE ANY ('a', 'x'), 'x' ILIKE ALL ('X', '_') AS both_, 'x' LIKE SOME ('a') AS s",
      ),
    );
    expect(result.columns).toEqual(["'X' LIKE ANY ('A', 'X')", "BOTH_", "S"]);
    expect(result.rows).toEqual([["true", "true", "false"]]);
  });

  it("a NOT before the subject: no pattern matches", async () => {
    expect(
      await rows("SELECT name FROM names WHERE NOT name LIKE ANY ('%Jo%oe%', 'T%e') ORDER BY name"),
    ).toEqual([["Joe down"], ["John_down"], ["Tim down"]]);
  });

  it("an infix NOT applies to each pattern: NOT LIKE ALL excludes every pattern, NOT LIKE ANY misses one", async () => {
    expect(
      await rows("SELECT name FROM names WHERE name NOT LIKE ALL ('Jo%', '%Doe') ORDER BY name"),
    ).toEqual([["Tim down"]]);
    expect(
      await rows("SELECT name FROM names WHERE name NOT LIKE ANY ('Jo%', '%down') ORDER BY name"),
    ).toEqual([["Joe   Doe"], ["John  Dddoe"], ["Tim down"], ["Tom   Doe"]]);
  });

  it("keeps its precedence next to AND / OR, and takes ESCAPE and a qualified or called subject", async () => {
    expect(
      await rows(
        "SELECT name FROM names n WHERE n.name LIKE ANY ('T%', 'Joe%') AND 1 = 0 OR name = 'John_down'",
      ),
    ).toEqual([["John_down"]]);
    expect(
      await rows("SELECT name FROM names WHERE name LIKE ANY ('%J%h%^_do%', 'T%^%e') ESCAPE '^'"),
    ).toEqual([["John_down"]]);
    expect(await rows("SELECT count(*) FROM names WHERE UPPER(name) LIKE ANY ('%DOWN')")).toEqual([["3"]]);
  });
});
