/**
 * A VARIANT compared with a VARCHAR: Snowflake compares them as VARIANTs (the string becomes a VARIANT
 * string), so `v:kind = 'click'` is true for {"kind": "click"}. The engine keeps VARIANT values as
 * DuckDB JSON, where a plain string read as JSON is malformed: the text side must become a VARIANT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table events (v variant, label varchar);
    insert into events select parse_json('{"kind": "click", "n": 4}'), 'click';
    insert into events select parse_json('{"kind": "view", "n": 5}'), 'none';
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("VARIANT compared with VARCHAR", () => {
  it("compares a path's string with a string literal on either side", async () => {
    const result = show(
      await session.execute(
        "select v:kind = 'click' as a, 'click' = v:kind as b, v:kind <> 'click' as c from events order by v:n",
      ),
    );
    expect(result.rows).toEqual([
      ["true", "true", "false"],
      ["false", "false", "true"],
    ]);
  });

  it("filters rows on a path equal to a literal or to a VARCHAR column", async () => {
    const literal = show(await session.execute("select count(*) from events where v:kind = 'view'"));
    expect(literal.rows).toEqual([["1"]]);
    const column = show(await session.execute("select v:n from events where v:kind = label"));
    expect(column.rows).toEqual([["4"]]);
  });

  it("still compares a path's number with a number", async () => {
    const result = show(await session.execute("select count(*) from events where v:n = 4"));
    expect(result.rows).toEqual([["1"]]);
  });

  it("compares the VARIANT a function returns (PARSE_JSON, TRY_PARSE_JSON, TO_VARIANT, GET) with text", async () => {
    const result = show(
      await session.execute(
        `select parse_json('"a"') = 'a', try_parse_json(column1) = 'a', to_variant('a') = 'a',
                get(parse_json('["a"]'), 0) = 'b', x = 'a'
           from (select column1, to_variant('a') as x from values ('"a"'))`,
      ),
    );
    expect(result.rows).toEqual([["true", "true", "true", "false", "true"]]);
  });
});
