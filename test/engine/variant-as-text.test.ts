/**
 * A VARIANT given to a string function or to `||` is read as text, as Snowflake casts it implicitly
 * (data-type-conversion: VARIANT coercible to VARCHAR): a string without quotes, a typed value as
 * the text it shows, an array as JSON. Expected values are the strings worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("VARIANT read as text by string functions", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("VT"));
    await session.executeScript(`
      CREATE TABLE docs (v VARIANT);
      INSERT INTO docs SELECT PARSE_JSON('{"name": " Ann ", "tags": ["a", "b"]}');
    `);
  });
  afterAll(() => engine.close());

  const row = async (sql: string) => show(await session.execute(sql)).rows[0];

  it("a VARIANT string loses its quotes in LENGTH, UPPER, TRIM, SUBSTR, CONCAT and ||", async () => {
    expect(
      await row(
        "SELECT LENGTH(v:name), UPPER(v:name), TRIM(v:name), SUBSTR(TRIM(v:name), 1, 2), CONCAT(TRIM(v:name), '!'), v:name || '|' FROM docs",
      ),
    ).toEqual(["5", " ANN ", "Ann", "An", "Ann!", " Ann |"]);
  });

  it("a typed VARIANT reads as the text it shows; an array as its JSON", async () => {
    expect(
      await row(
        "SELECT LENGTH(TO_VARIANT('2024-01-01'::DATE)), CONTAINS(PARSE_JSON('[\"a\", \"b\"]'), '\"b\"'), REPLACE(v:tags, '\"', '') FROM docs",
      ),
    ).toEqual(["10", "true", "[a,b]"]);
  });

  it("a VARCHAR argument is untouched", async () => {
    expect(await row("SELECT LENGTH('\"q\"'), '\"q\"' || 'x'")).toEqual(["3", '"q"x']);
  });
});
