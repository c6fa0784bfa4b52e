/**
 * Snowflake's positional columns (`$1`) as arguments of functions the engine writes as DuckDB macros:
 * DuckDB refuses a positional reference as a macro's argument ("Macro merc_variant() does not support
 * the supplied arguments"), which failed `PARSE_JSON($1::VARIANT)` over RESULT_SCAN (the RESULT_SCAN
 * documentation's procedure example).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

describe("positional columns as function arguments", () => {
  it("takes $n inside macro-backed functions (::VARIANT, PARSE_JSON, UPPER)", async () => {
    expect(
      await rows(
        session,
        `select parse_json($1::variant):k::varchar, upper($2), $2 from (select '{"k": "v"}', 'straße')`,
      ),
    ).toEqual([["v", "STRASSE", "straße"]]);
  });

  it("reads RESULT_SCAN's column by position through PARSE_JSON of a VARIANT", async () => {
    await session.execute(`select '{"keyA": "ValueA", "keyB": "ValueB"}'`);
    expect(
      await rows(
        session,
        "select json_col:keyB::varchar from (select parse_json($1::variant) as json_col from table(result_scan(last_query_id())))",
      ),
    ).toEqual([["ValueB"]]);
  });

  it("still orders by a select-list position and by the FROM source's column", async () => {
    expect(await rows(session, "select $1 from (select column1 from values (2), (1), (3)) order by $1")).toEqual([
      ["1"],
      ["2"],
      ["3"],
    ]);
  });
});
