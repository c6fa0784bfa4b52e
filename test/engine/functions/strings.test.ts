import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBinaryInserts } from "../../../src/engine/binary-input.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

describe("BINARY input for INSERT", () => {
  const typeOf = (c: string): string | undefined => ({ ID: "NUMBER(38,0)", B: "BINARY(8388608)" })[c];

  it("decodes the BINARY columns of an INSERT's rows, leaving other statements alone", () => {
    expect(
      decodeBinaryInserts('INSERT INTO "S"."T" ("B", "ID") VALUES (\'4869\', 1)', ["ID", "B"], typeOf),
    ).toBe(
      'INSERT INTO "S"."T" ("B", "ID") SELECT MERC_BINARY_INPUT("B"), "ID" FROM (VALUES (\'4869\', 1)) AS merc_insert("B", "ID")',
    );
    expect(decodeBinaryInserts('INSERT INTO "T" SELECT 1, x FROM u', ["ID", "B"], typeOf)).toBe(
      'INSERT INTO "T" ("ID", "B") SELECT "ID", MERC_BINARY_INPUT("B") FROM (SELECT 1, x FROM u) AS merc_insert("ID", "B")',
    );
    const plain = 'INSERT INTO "T" VALUES (1)';
    expect(decodeBinaryInserts(plain, ["ID"], typeOf)).toBe(plain);
  });
});

describe("string functions through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("stores a hex string in a BINARY column as the bytes it spells, and a BINARY value as it is", async () => {
    await session.execute("CREATE TABLE bin (id INT, b BINARY)");
    await session.execute("INSERT INTO bin (id, b) VALUES (1, 'CAFE'), (2, NULL)");
    await session.execute("INSERT INTO bin SELECT 3, TO_BINARY('ABC', 'UTF-8')");
    expect(await rows(session, "SELECT id, b, LENGTH(b) FROM bin ORDER BY id")).toEqual([
      ["1", "CAFE", "2"],
      ["2", null, null],
      ["3", "414243", "3"],
    ]);
  });

  it("pads and cuts characters, bytes and numbers", async () => {
    expect(
      await rows(
        session,
        "SELECT LPAD('ab', 5, 'xy'), RPAD('abcdef', 3, '*'), LPAD('é', 3, 'ü'), RPAD('x', 3, ''), LPAD(7, 3, '0'), LPAD(TO_BINARY('01', 'HEX'), 3, TO_BINARY('FF', 'HEX')), RPAD('a', 0, 'b')",
      ),
    ).toEqual([["xyxab", "abc", "üüé", "x", "007", "FFFF01", ""]]);
  });

  it("capitalises after each delimiter and leaves the delimiters themselves alone", async () => {
    expect(
      await rows(
        session,
        "SELECT INITCAP('x-ray vision'), INITCAP('ab ab', 'a'), INITCAP('HELLO WORLD', ''), INITCAP(NULL)",
      ),
    ).toEqual([["X-Ray Vision", "aB aB", "Hello world", null]]);
  });
});

describe("SUBSTR, CONCAT_WS and BINARY text formats through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("SUBSTR takes start 0 as 1, counts a negative start from the end, and gives NULL for a NULL argument", async () => {
    expect(
      await rows(
        session,
        "SELECT SUBSTR('abcdef', 0, 2), SUBSTRING('abcdef', -2), SUBSTR('abcdef', 2, -1), SUBSTR('abcdef', 2, NULL), SUBSTR('abcdef', NULL, 2), SUBSTR('abcdef', 3)",
      ),
    ).toEqual([["ab", "ef", "", null, null, "cdef"]]);
  });

  it("CONCAT_WS puts the separator between values and is NULL when any argument is NULL", async () => {
    expect(
      await rows(session, "SELECT CONCAT_WS('-', 'a', 'b', 'c'), CONCAT_WS('-', 'a', NULL), CONCAT_WS(NULL, 'a', 'b'), CONCAT_WS(',', 'x')"),
    ).toEqual([["a-b-c", null, null, "x"]]);
  });

  it("BASE64_ENCODE encodes a string's UTF-8 bytes, and TO_VARCHAR renders a BINARY in the format asked", async () => {
    expect(
      await rows(
        session,
        "SELECT BASE64_ENCODE('é!'), TO_VARCHAR(TO_BINARY('hé', 'UTF-8'), 'HEX'), TO_VARCHAR(TO_BINARY('AB', 'UTF-8'), 'BASE64'), TO_CHAR(TO_BINARY('6869', 'HEX'), 'UTF-8')",
      ),
    ).toEqual([["w6kh", "68C3A9", "QUI=", "hi"]]);
  });
});

describe("string functions Snowflake defines differently from DuckDB", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("UPPER maps ß to SS (full case mapping) and leaves a capital ẞ alone", async () => {
    expect(await rows(session, "SELECT UPPER('straße'), UPPER('ẞ'), UPPER(NULL), LOWER('ÄÖ')")).toEqual([
      ["STRASSE", "ẞ", null, "äö"],
    ]);
  });

  it("POSITION and CHARINDEX count characters in strings and whole bytes in BINARY values", async () => {
    expect(
      await rows(
        session,
        "SELECT POSITION('☃c', '☃a☃b☃c'), CHARINDEX('b', 'abcb', 3), POSITION('x', 'abc', 9), POSITION('', 'abc'), POSITION(X'EF', X'ABCDEF'), CHARINDEX(X'BC', X'ABCD'), POSITION(X'CD', X'ABCDCD', 3)",
      ),
    ).toEqual([["5", "4", "0", "1", "3", "0", "3"]]);
  });

  it("CHR refuses a code point outside Unicode with Snowflake's message", async () => {
    expect(await rows(session, "SELECT CHR(83), CHR(8364), CHR(NULL)")).toEqual([["S", "€", null]]);
    await expect(session.execute("SELECT CHR(-1)")).rejects.toThrow("Invalid character code -1 in the CHR input");
    await expect(session.execute("SELECT CHR(column1) FROM (VALUES (1114112))")).rejects.toThrow(
      "Invalid character code 1114112 in the CHR input",
    );
  });

  it("INSERT replaces len characters at pos, appends at length + 1, and is NULL for any NULL argument", async () => {
    expect(
      await rows(
        session,
        "SELECT INSERT('abc', 1, 2, 'Z'), INSERT('héllo', 2, 1, 'e'), INSERT('abc', 4, 0, 'Z'), INSERT('abc', 2, 1, ''), INSERT('abc', NULL, 1, 'Z')",
      ),
    ).toEqual([["Zc", "hello", "abcZ", "ac", null]]);
  });

  it("EDITDISTANCE counts characters (not bytes) and caps at max_distance, a negative cap giving 0", async () => {
    expect(
      await rows(
        session,
        "SELECT EDITDISTANCE('święta', 'swieta'), EDITDISTANCE('kitten', 'sitting'), EDITDISTANCE('kitten', 'sitting', 2), EDITDISTANCE('a', 'bcd', -1), EDITDISTANCE('a', NULL)",
      ),
    ).toEqual([["2", "3", "2", "0", null]]);
  });

  it("REVERSE reverses characters of a string or of a value's text, and bytes of a BINARY", async () => {
    expect(
      await rows(session, "SELECT REVERSE('a☃b'), REVERSE('2019-05-22'::DATE), REVERSE(X'0102FF'), REVERSE(NULL)"),
    ).toEqual([["b☃a", "22-50-9102", "FF0201", null]]);
  });

  it("SPLIT returns an ARRAY (indexed from 0) with empty strings for adjacent separators", async () => {
    expect(
      await rows(
        session,
        "SELECT SPLIT('|a||', '|'), SPLIT('127.0.0.1', '.')[0], ARRAY_SIZE(SPLIT('a,b', ',')), SPLIT('abc', ''), SPLIT(NULL, ',')",
      ),
    ).toEqual([['["","a","",""]', '"127"', "2", '["abc"]', null]]);
  });

  it("UNICODE of an empty string is 0, OCTET_LENGTH counts UTF-8 bytes of a string literal", async () => {
    expect(await rows(session, "SELECT UNICODE(''), UNICODE('❄x'), OCTET_LENGTH('é'), OCTET_LENGTH(X'A1B2'), OCTET_LENGTH(NULL)")).toEqual([
      ["0", "10052", "2", "2", null],
    ]);
  });

  it("STRTOK_TO_ARRAY splits on any character of the delimiter set and drops empty tokens", async () => {
    expect(
      await rows(session, "SELECT STRTOK_TO_ARRAY('a..b@c', '.@'), STRTOK_TO_ARRAY(' x  y '), STRTOK_TO_ARRAY('..', '.'), STRTOK_TO_ARRAY(NULL, '.')"),
    ).toEqual([['["a","b","c"]', '["x","y"]', "[]", null]]);
  });

  it("BASE64_ENCODE breaks lines at max_line_length and uses the given alphabet for +, / and =", async () => {
    expect(
      await rows(session, "SELECT BASE64_ENCODE('??>', 0, '-_'), BASE64_ENCODE('abcdefgh', 4), BASE64_ENCODE('a', 0, '+/%'), BASE64_ENCODE(X'FBFF', 0, '-_')"),
    ).toEqual([["Pz8-", "YWJj\nZGVm\nZ2g=", "YQ%%", "-_8="]]);
  });
});
