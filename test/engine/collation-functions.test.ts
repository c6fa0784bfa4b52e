import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * The functions of Snowflake's collation list beyond plain comparison (docs: sql-reference/collation,
 * "Functions that support collation", and each function's "Collation details"): the searches
 * (CONTAINS, STARTSWITH, ENDSWITH, POSITION / CHARINDEX, REPLACE, SPLIT, SPLIT_PART), LIKE and its
 * forms, EQUAL_NULL, NULLIF, DECODE, GREATEST / LEAST, and the `upper` / `lower` conversions with
 * Unicode's full case mapping. Expected values follow the rules the reference states, not outputs
 * of the engine.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE COLLFN; USE SCHEMA COLLFN.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<(string | null)[][]> {
  const result = await session.execute(sql);
  return result.rows.map((r) => r.map((cell, i) => displayValue(cell, result.columns[i]!)));
}

describe("upper / lower conversion", () => {
  it("converts with Unicode's full case mapping, so a precomposed letter equals its decomposed upper case", async () => {
    expect(
      await rows(
        "SELECT '\\u03b9\\u0308\\u0301' = '\\u0390' COLLATE 'upper', 'ß' = 'SS' COLLATE 'upper', 'ß' = 'ss' COLLATE 'lower', 'ﬁ' = 'FI' COLLATE 'upper'",
      ),
    ).toEqual([["true", "true", "false", "true"]]);
  });

  it("matches a sequence one conversion produced whole or not at all", async () => {
    expect(
      await rows(
        "SELECT CONTAINS('ß', 's' COLLATE 'upper'), CONTAINS('ß', 'ss' COLLATE 'upper'), CONTAINS('ss', 's' COLLATE 'upper'), STARTSWITH('Straße' COLLATE 'upper', 'strass'), ENDSWITH('Straße' COLLATE 'upper', 'SE'), ENDSWITH('Straße' COLLATE 'upper', 'SSE')",
      ),
    ).toEqual([["false", "true", "true", "true", "false", "true"]]);
  });

  it("searches code point by code point: a base letter is found before its combining mark", async () => {
    expect(
      await rows(
        "SELECT CONTAINS('\\u03b9\\u0308', '\\u03b9' COLLATE 'upper'), POSITION('\\u0308' IN '\\u03b9\\u0308' COLLATE 'lower')",
      ),
    ).toEqual([["true", "2"]]);
  });
});

describe("searches under a collation", () => {
  it("REPLACE finds its pattern by the collation and keeps the rest of the subject as written", async () => {
    expect(
      await rows(
        "SELECT REPLACE('Hello HELLO hello' COLLATE 'en-ci', 'hello', 'bye'), REPLACE('Straße' COLLATE 'upper', 'SS', 'ss'), REPLACE('año' COLLATE 'es-ci-ai', 'n'), REPLACE('año' COLLATE 'en-ci-ai', 'N', 'm'), REPLACE('  ab  ' COLLATE 'trim', 'b', 'c')",
      ),
    ).toEqual([["bye bye bye", "Strasse", "año", "amo", "  ac  "]]);
  });

  it("under ICU, a match starts and ends on a character boundary, never inside a letter and its marks", async () => {
    expect(
      await rows(
        "SELECT STARTSWITH('\u03b9\u0308x' COLLATE 'en-ci', '\u03b9'), ENDSWITH('a\u03b9\u0308' COLLATE 'en-ci', '\u0308'), ENDSWITH('a\u03ca' COLLATE 'en-ci', '\u03b9\u0308'), REPLACE('\u03b9\u0308\u03b9' COLLATE 'en-ci', '\u03b9', 'i')",
      ),
    ).toEqual([["false", "false", "true", "\u03b9\u0308i"]]);
  });

  it("REPLACE leaves a pattern the collation ignores (U+0001 under en-ci) alone, removes it under upper", async () => {
    expect(
      await rows(
        "SELECT LEN(REPLACE('abc\\u0001' COLLATE 'en-ci', '\\u0001')), LEN(REPLACE('abc\\u0001' COLLATE 'upper', '\\u0001'))",
      ),
    ).toEqual([["4", "3"]]);
  });

  it("POSITION and CHARINDEX count code points to the first match at or after the start", async () => {
    expect(
      await rows(
        "SELECT POSITION('B' IN 'abcb' COLLATE 'lower'), POSITION('B', 'abcb' COLLATE 'en-ci', 3), CHARINDEX('Ñ', 'pina piña' COLLATE 'es-ci'), CHARINDEX('x', 'abc' COLLATE 'upper'), POSITION('' IN 'abc' COLLATE 'upper')",
      ),
    ).toEqual([["2", "4", "8", "0", "1"]]);
  });

  it("SPLIT and SPLIT_PART split at separators the collation matches", async () => {
    expect(
      await rows(
        "SELECT SPLIT('aXbxc' COLLATE 'upper', 'x'), SPLIT_PART('oneANDtwoandthree' COLLATE 'en-ci', 'and', 2), SPLIT_PART('oneANDtwoandthree' COLLATE 'en-ci', 'And', -1), SPLIT_PART('a-b' COLLATE 'lower', 'x', 2)",
      ),
    ).toEqual([['["a","b","c"]', "two", "three", ""]]);
  });

  it("follows a collated column's collation", async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE names (n VARCHAR COLLATE 'en-ci');
      INSERT INTO names VALUES ('Anna-Maria'), ('JOHN');`);
    expect(
      await rows(
        "SELECT REPLACE(n, 'a', '_'), POSITION('maria' IN n), SPLIT_PART(n, 'N', 2) FROM names ORDER BY n",
      ),
    ).toEqual([
      ["_nn_-M_ri_", "6", ""],
      ["JOHN", "0", ""],
    ]);
  });

  it("refuses pi and cs-ai, which the search functions do not support", async () => {
    for (const sql of [
      "SELECT CONTAINS('año' COLLATE 'en-ai', 'n')",
      "SELECT REPLACE('a-b' COLLATE 'en-pi', 'ab', 'x')",
      "SELECT POSITION('a' IN 'abc' COLLATE 'fr-ai')",
      "SELECT SPLIT('a,b' COLLATE 'en-ci-pi', ',')",
    ])
      await expect(session.execute(sql)).rejects.toThrow(/does not support collation/);
  });
});

describe("LIKE under a collation", () => {
  beforeAll(async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE collated_like (plain VARCHAR, low VARCHAR COLLATE 'lower', spaced VARCHAR COLLATE 'upper-trim', english VARCHAR COLLATE 'en-ci');
      INSERT INTO collated_like VALUES ('Abc', 'Abc', '  Abc ', 'Abc'), ('xyz', 'XYZ', 'xyz', 'xyz');`);
  });

  it("converts subject and pattern with upper / lower / trim before matching", async () => {
    expect(await rows("SELECT plain FROM collated_like WHERE low LIKE 'a%'")).toEqual([["Abc"]]);
    expect(await rows("SELECT plain FROM collated_like WHERE plain LIKE 'a%'")).toEqual([]);
    expect(await rows("SELECT plain FROM collated_like WHERE spaced LIKE 'abc'")).toEqual([["Abc"]]);
    expect(await rows("SELECT plain FROM collated_like WHERE low LIKE ANY ('q%', '%Y%')")).toEqual([["xyz"]]);
    expect(await rows("SELECT plain FROM collated_like WHERE low LIKE ALL ('x%', '%Z')")).toEqual([["xyz"]]);
    expect(await rows("SELECT plain FROM collated_like WHERE plain LIKE 'ABC' COLLATE 'upper'")).toEqual([
      ["Abc"],
    ]);
  });

  it("refuses a locale or ci / ai / pi, which LIKE does not support", async () => {
    await expect(session.execute("SELECT plain FROM collated_like WHERE english LIKE 'a%'")).rejects.toThrow(
      /Function LIKE does not support collation/,
    );
    await expect(session.execute("SELECT 'a' ILIKE 'A' COLLATE 'en-upper'")).rejects.toThrow(
      /Function ILIKE does not support collation/,
    );
  });
});

describe("comparing functions under a collation", () => {
  it("EQUAL_NULL, NULLIF and DECODE compare by the collation", async () => {
    expect(
      await rows(
        "SELECT EQUAL_NULL('a' COLLATE 'upper', 'A'), EQUAL_NULL(NULL, 'A' COLLATE 'en-ci'), NULLIF('a' COLLATE 'en-ci', 'A'), NULLIF('a' COLLATE 'en-ci', 'b'), DECODE('é' COLLATE 'fr-ci-ai', 'x', 'no', 'E', 'yes', 'other')",
      ),
    ).toEqual([["true", "false", null, "a", "yes"]]);
  });

  it("GREATEST and LEAST order by the collation and return the argument as written", async () => {
    expect(
      await rows(
        "SELECT GREATEST('a', 'B'), GREATEST('a' COLLATE 'en', 'B'), LEAST('b' COLLATE 'upper', 'A'), GREATEST('piña' COLLATE 'es', 'pinza'), GREATEST('x' COLLATE 'en', NULL)",
      ),
    ).toEqual([["a", "B", "A", "piña", null]]);
  });

  it("a simple CASE compares its operand with the WHEN values by the collation", async () => {
    expect(
      await rows(
        "SELECT CASE 'B' COLLATE 'en-ci' WHEN 'a' THEN 'first' WHEN 'b' THEN 'second' ELSE 'none' END, CASE 'straße' COLLATE 'upper' WHEN 'STRASSE' THEN 'same' ELSE 'different' END",
      ),
    ).toEqual([["second", "same"]]);
  });

  it("IS [NOT] DISTINCT FROM compares by the collation", async () => {
    expect(
      await rows(
        "SELECT 'a' COLLATE 'en-ci' IS DISTINCT FROM 'A', 'a' COLLATE 'upper' IS NOT DISTINCT FROM 'A'",
      ),
    ).toEqual([["false", "true"]]);
  });
});

describe("collation of a function's result", () => {
  it("LISTAGG keeps its input's collation", async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE fruit (f VARCHAR COLLATE 'en-ci', n INT);
      INSERT INTO fruit VALUES ('Apple', 1), ('PEAR', 2);`);
    expect(
      await rows(
        "SELECT COLLATION(LISTAGG(f, ',')), LISTAGG(f, ',') WITHIN GROUP (ORDER BY n) = 'apple,pear' FROM fruit",
      ),
    ).toEqual([["en-ci", "true"]]);
  });
});

describe("functions that do not support collation", () => {
  it("refuses a collated argument to the regular expression functions; COLLATE '' removes the collation", async () => {
    for (const sql of [
      "SELECT REGEXP_LIKE(COLLATE('foo', 'en-ci'), 'f.*')",
      "SELECT REGEXP_LIKE('foo', COLLATE('f.*', 'upper'))",
      "SELECT 'foo' COLLATE 'utf8' RLIKE 'f.*'",
      "SELECT REGEXP_REPLACE('foo' COLLATE 'en', 'o', 'a')",
      "SELECT REGEXP_COUNT('foo' COLLATE 'lower', 'o')",
    ])
      await expect(session.execute(sql), sql).rejects.toThrow(
        /Function REGEXP_\w+ does not support collation/,
      );
    expect(await rows("SELECT REGEXP_LIKE(COLLATE(COLLATE('foo', 'en-ci'), ''), 'f.*')")).toEqual([["true"]]);
  });
});
