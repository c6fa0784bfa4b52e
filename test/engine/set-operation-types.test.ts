/**
 * A set operation over a text column and a number column is a number column in Snowflake
 * (operators-query page): text that is a number converts, other text fails with 100038.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table words (w varchar, k int);
    create table amounts (a number(10, 2), k int);
    insert into words values ('7', 1), ('Smith, Jane', 2);
    insert into amounts values (1.50, 1);
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("set operations over text and numbers", () => {
  it("converts the text branch to the number's type, keeping the first branch's name", async () => {
    const result = show(
      await session.execute("SELECT w FROM words WHERE k = 1 UNION ALL SELECT a FROM amounts ORDER BY 1"),
    );
    expect(result.columns).toEqual(["W"]);
    expect(result.rows).toEqual([["1.50"], ["7.00"]]);
  });

  it("fails with 100038 on text that is not a number, in any branch position", async () => {
    for (const sql of [
      "SELECT w FROM words UNION SELECT a FROM amounts",
      "SELECT a FROM amounts EXCEPT SELECT w FROM words",
    ]) {
      const error = await failure(session, sql);
      expect(error.code).toBe("100038");
      expect(error.message).toBe("Numeric value 'Smith, Jane' is not recognized");
    }
  });

  it("leaves text on both sides as text", async () => {
    expect(
      show(await session.execute("SELECT w FROM words UNION SELECT a::VARCHAR FROM amounts ORDER BY 1")).rows,
    ).toEqual([["1.50"], ["7"], ["Smith, Jane"]]);
  });
});
