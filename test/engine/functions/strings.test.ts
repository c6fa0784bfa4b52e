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
