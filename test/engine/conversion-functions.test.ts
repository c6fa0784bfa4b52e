import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * Conversion functions DuckDB has no counterpart for (TO_ARRAY, TO_OBJECT, TO_UUID, TRY_TO_UUID,
 * TRY_TO_BINARY, TO_XML), TO_VARCHAR of a FLOAT, and HAVERSINE. Expected values follow the rules on
 * Snowflake's pages (functions/to_array, to_object, to_uuid, try_to_binary, to_xml, to_char,
 * haversine), worked out by hand for inputs other than the pages' examples.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE CONV; USE SCHEMA CONV.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

async function row(sql: string): Promise<(string | null)[]> {
  const result = await session.execute(sql);
  return result.rows[0]!.map((cell, i) => displayValue(cell, result.columns[i]!));
}

async function types(sql: string): Promise<string[]> {
  return (await session.execute(sql)).columns.map((c) => c.sqlType);
}

describe("TO_ARRAY and TO_OBJECT", () => {
  it("wraps a scalar in a one-element array and keeps an array as it is", async () => {
    expect(
      await row("SELECT TO_ARRAY(7), TO_ARRAY('a,b'), TO_ARRAY(ARRAY_CONSTRUCT(1, 2)), TO_ARRAY(NULL)"),
    ).toEqual(["[7]", '["a,b"]', "[1,2]", null]);
    expect(await row("SELECT TO_ARRAY(PARSE_JSON('[true]')), TO_ARRAY(PARSE_JSON('null'))")).toEqual([
      "[true]",
      null,
    ]);
    expect(await types("SELECT TO_ARRAY(7)")).toEqual(["ARRAY"]);
  });

  it("keeps an object, gives NULL for JSON null and refuses other values", async () => {
    expect(await row(`SELECT TO_OBJECT(PARSE_JSON('{"k":[1]}')), TO_OBJECT(PARSE_JSON('null'))`)).toEqual([
      '{"k":[1]}',
      null,
    ]);
    expect(await types(`SELECT TO_OBJECT(PARSE_JSON('{"k":1}'))`)).toEqual(["OBJECT"]);
    // Refused; the page does not print Snowflake's wording for a VARIANT holding an array.
    await expect(session.execute("SELECT TO_OBJECT(PARSE_JSON('[1]'))")).rejects.toThrow(/TO_OBJECT/);
  });
});

describe("UUIDs and binary", () => {
  it("TO_UUID gives the canonical lower-case text; TRY_TO_UUID gives NULL for anything else", async () => {
    expect(
      await row(
        "SELECT TO_UUID('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), TRY_TO_UUID('a0ee'), TRY_TO_UUID(NULL)",
      ),
    ).toEqual(["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null, null]);
  });

  it("TRY_TO_BINARY decodes HEX, BASE64 and UTF-8, and gives NULL where the text does not decode", async () => {
    expect(
      await row(
        "SELECT TRY_TO_BINARY('4869'), TRY_TO_BINARY('SGk=', 'BASE64'), TRY_TO_BINARY('Hi', 'UTF-8'), TRY_TO_BINARY('4G'), TRY_TO_BINARY('SGk', 'BASE64'), TRY_TO_BINARY('4869', 'ROT13')",
      ),
    ).toEqual(["4869", "4869", "4869", null, null, null]);
  });
});

describe("TO_XML", () => {
  it("tags every value with its type, array elements as <e>", async () => {
    expect(await row(`SELECT TO_XML(PARSE_JSON('{"n":[1,"x<y"],"b":true}'))`)).toEqual([
      '<SnowflakeData type="OBJECT"><b type="BOOLEAN">true</b><n type="ARRAY"><e type="INTEGER">1</e><e type="VARCHAR">x&lt;y</e></n></SnowflakeData>',
    ]);
    expect(await row("SELECT TO_XML('plain'), TO_XML(NULL)")).toEqual([
      '<SnowflakeData type="VARCHAR">plain</SnowflakeData>',
      null,
    ]);
  });
});

describe("TO_VARCHAR of a FLOAT and HAVERSINE", () => {
  it("TO_VARCHAR shows a FLOAT with the display digits", async () => {
    expect(await row("SELECT TO_VARCHAR(1/3::FLOAT), TO_CHAR(SQRT(2)), TO_VARCHAR(2.5::FLOAT)")).toEqual([
      "0.3333333333",
      "1.414213562",
      "2.5",
    ]);
  });

  it("HAVERSINE is the great-circle distance on a 6371 km sphere", async () => {
    // A quarter of the equator: 6371 * pi / 2 km; one degree of a meridian: 6371 * pi / 180 km.
    expect(
      await row("SELECT HAVERSINE(0, 0, 0, 90), HAVERSINE(10, 20, 11, 20), HAVERSINE(NULL, 0, 0, 0)"),
    ).toEqual(["10007.54339801", "111.194926645", null]);
  });
});
