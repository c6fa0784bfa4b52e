import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonText, parseJson } from "../../../src/engine/functions/json.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

const canonical = (text: string, duplicates = false): string | null => {
  const parsed = parseJson(text, duplicates);
  return parsed === null ? null : canonicalJson(parsed.value);
};

describe("Snowflake JSON text", () => {
  it("sorts object keys at every level and keeps numbers as written", () => {
    expect(canonical('{"b": [1.50, {"z": 1, "y": 2}], "a": 12345678901234567890}')).toBe(
      '{"a":12345678901234567890,"b":[1.50,{"y":2,"z":1}]}',
    );
  });

  it("reads Snowflake's lenient forms", () => {
    expect(canonical("{ key: 1, other_key: NULL }")).toBe('{"key":1,"other_key":null}');
    expect(canonical("  ")).toBeNull();
    expect(canonical("null")).toBe("null");
    expect(canonical("TRUE")).toBe("true");
    expect(canonical('"text"  ')).toBe('"text"');
  });

  it("refuses duplicate keys unless allowed, then keeps the last", () => {
    expect(() => canonical('{"a": 1, "a": 2}')).toThrow(
      'Error parsing JSON: duplicate object attribute "a", pos 12',
    );
    expect(canonical('{"a": 1, "b": 0, "a": 2}', true)).toBe('{"a":2,"b":0}');
  });

  it("writes a number with an exponent as Snowflake writes a DOUBLE", () => {
    expect(canonical("[1.912e2, -5E-3, 12.50]")).toBe("[1.912000000000000e+02,-5.000000000000000e-03,12.50]");
  });

  it("names the position of malformed input", () => {
    expect(() => canonical('{"a": }')).toThrow(/misplaced }, pos 7/);
    expect(() => canonical('{"a" 1}')).toThrow(/missing colon, pos 5/);
    expect(() => canonical("[1, 2")).toThrow(/Error parsing JSON/);
    expect(() => canonical("tru")).toThrow(/unknown keyword "tru"/);
  });

  it("leaves text that is not JSON alone when canonicalising stored values", () => {
    expect(canonicalJsonText('{"b":1,"a":2}')).toBe('{"a":2,"b":1}');
    expect(canonicalJsonText("not json")).toBe("not json");
  });
});

describe("PARSE_JSON, TO_JSON and VARIANT casts through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("gives TO_JSON Snowflake's canonical text and a VARIANT string its quotes", async () => {
    expect(
      await rows(
        session,
        `SELECT TO_JSON(PARSE_JSON('{"z": {"b": 1, "a": 2}, "y": [ 1 , 2 ]}')), TO_JSON('txt'::VARIANT), TO_JSON(PARSE_JSON('')), TRY_PARSE_JSON('{bad')`,
      ),
    ).toEqual([['{"y":[1,2],"z":{"a":2,"b":1}}', '"txt"', null, null]]);
  });

  it("raises Snowflake's error 100069 for malformed JSON", async () => {
    await expect(session.execute("SELECT PARSE_JSON('{\"a\": 1,, }')")).rejects.toMatchObject({
      code: "100069",
      sqlState: "22P02",
    });
  });
});
