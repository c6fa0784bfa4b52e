import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCollationSpec, icuCollator } from "../../src/engine/collation/spec.js";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * Collation (docs: sql-reference/collation): specifications, the COLLATE clause on columns, COLLATE()
 * and infix COLLATE, COLLATION(), precedence and its error. Expected values are the rules the
 * reference states (case / accent / punctuation sensitivity, Turkish dotted and dotless i, Spanish ñ
 * as a letter of its own, code-point order for utf8), not outputs of the engine.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE COLL; USE SCHEMA COLL.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<(string | null)[][]> {
  const result = await session.execute(sql);
  return result.rows.map((r) => r.map((cell, i) => displayValue(cell, result.columns[i]!)));
}

describe("collation specifications", () => {
  it("reads locale and specifiers in any case, the locale first", () => {
    const spec = parseCollationSpec("DE-CI-PI");
    expect(spec).toMatchObject({ locale: "de", caseInsensitive: true, punctuationInsensitive: true });
    expect(parseCollationSpec("fr_CA-ai")).toMatchObject({ locale: "fr_ca", accentInsensitive: true });
    expect(parseCollationSpec("en_US-trim")).toMatchObject({ locale: "en_us", trim: "trim" });
    expect(parseCollationSpec("upper")).toMatchObject({ locale: null, conversion: "upper" });
    expect(parseCollationSpec("")).toBeNull();
  });

  it("maps ci to ICU's secondary strength and ai to its primary one", () => {
    expect(icuCollator(parseCollationSpec("en-ci")!)).toBe("en@colStrength=secondary");
    expect(icuCollator(parseCollationSpec("es-ci-ai")!)).toBe("es@colStrength=primary");
    expect(icuCollator(parseCollationSpec("utf8")!)).toBeNull();
    expect(icuCollator(parseCollationSpec("lower")!)).toBeNull();
  });

  it("refuses unknown specifiers, a locale out of place and two of one kind", () => {
    expect(() => parseCollationSpec("en-xx")).toThrow(/Invalid collation specification 'en-xx'/);
    expect(() => parseCollationSpec("ci-en")).toThrow(/unknown specifier 'en'/);
    expect(() => parseCollationSpec("en-ci-cs")).toThrow(/conflicting specifiers/);
    expect(() => parseCollationSpec("utf8-ci")).toThrow(/takes no ci/);
  });
});

describe("COLLATE on expressions", () => {
  it("parses infix COLLATE and the COLLATE function", async () => {
    expect(await rows("SELECT 'Abc' = 'abc' COLLATE 'en-ci', COLLATE('Abc', 'en-cs') = 'abc'")).toEqual([
      ["true", "false"],
    ]);
  });

  it("compares case-, accent- and punctuation-insensitively as the specification says", async () => {
    expect(
      await rows(
        "SELECT 'E' = 'É' COLLATE 'fr-ai', 'E' = 'É' COLLATE 'fr', 'a' = 'ą' COLLATE 'en-ai', 'a' = 'ą' COLLATE 'pl-ai', 'A-B-C' = 'ABC' COLLATE 'en-pi', 'A-B-C' = 'ABC' COLLATE 'en-ps'",
      ),
    ).toEqual([["true", "false", "true", "false", "true", "false"]]);
  });

  it("trims spaces before comparing with trim, and only one side with ltrim / rtrim", async () => {
    expect(
      await rows(
        "SELECT '  ABC ' = 'ABC' COLLATE 'en-trim', '  ABC ' = 'ABC' COLLATE 'en-ltrim', '  ABC ' = 'ABC' COLLATE 'en-rtrim'",
      ),
    ).toEqual([["true", "false", "false"]]);
  });

  it("converts with upper / lower: dotless ı equals i only after upper-casing", async () => {
    expect(
      await rows(
        "SELECT 'ı' = 'i', COLLATE('ı', 'lower') = COLLATE('i', 'lower'), COLLATE('ı', 'upper') = COLLATE('i', 'upper')",
      ),
    ).toEqual([["false", "false", "true"]]);
  });

  it("applies a Turkish locale's case mapping in UPPER and LOWER", async () => {
    expect(
      await rows(
        "SELECT UPPER('i' COLLATE 'tr'), LOWER('I' COLLATE 'tr'), UPPER('i' COLLATE 'en'), LOWER('İ' COLLATE 'az')",
      ),
    ).toEqual([["İ", "ı", "I", "i"]]);
  });

  // Accent-insensitive with ci: CONTAINS takes no cs-ai (its page's "Collation details").
  it("searches substrings by collation: ñ is an accented n in English, a letter in Spanish", async () => {
    expect(
      await rows(
        "SELECT CONTAINS(COLLATE('año', 'en-ci-ai'), 'n'), CONTAINS(COLLATE('año', 'es-ci-ai'), 'n'), STARTSWITH(COLLATE('Ñu', 'en-ci-ai'), 'n'), ENDSWITH(COLLATE('xÑ', 'es-ci'), 'ñ'), CONTAINS(COLLATE('ABC', 'lower'), 'b')",
      ),
    ).toEqual([["true", "false", "true", "true", "true"]]);
  });

  it("gives NULL for a NULL operand of a collated substring search", async () => {
    expect(
      await rows("SELECT CONTAINS(COLLATE(NULL, 'en-ci'), 'a'), ENDSWITH('a' COLLATE 'en-ci', NULL)"),
    ).toEqual([[null, null]]);
  });

  it("orders by collation: en sorts alphabetically, utf8 by code point", async () => {
    const values = "FROM (SELECT column1 AS s FROM VALUES ('b'), ('B'), ('a'), ('A'))";
    expect(await rows(`SELECT LISTAGG(s, ',') WITHIN GROUP (ORDER BY s COLLATE 'en') ${values}`)).toEqual([
      ["a,A,b,B"],
    ]);
    expect(await rows(`SELECT LISTAGG(s, ',') WITHIN GROUP (ORDER BY s COLLATE 'utf8') ${values}`)).toEqual([
      ["A,B,a,b"],
    ]);
    expect(await rows(`SELECT s ${values} ORDER BY s COLLATE 'en' DESC`)).toEqual([
      ["B"],
      ["b"],
      ["A"],
      ["a"],
    ]);
  });

  it("returns the specification from COLLATION, NULL without one", async () => {
    expect(
      await rows("SELECT COLLATION('a' COLLATE 'de-ci'), COLLATION('a'), COLLATION(COLLATE('a', ''))"),
    ).toEqual([["de-ci", null, null]]);
  });
});

describe("collated columns", () => {
  beforeAll(async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE phrases (plain VARCHAR, es VARCHAR COLLATE 'es', fr VARCHAR(20) COLLATE 'fr', ci VARCHAR COLLATE 'en-ci', u8 STRING COLLATE 'utf8', nocoll STRING COLLATE '');
      INSERT INTO phrases VALUES
        ('pint', 'pint', 'pint', 'Tango', 'pint', 'x'),
        ('Pinta', 'Pinta', 'Pinta', 'tango', 'Pinta', 'y'),
        ('piña', 'piña', 'piña', 'TANGO', 'piña', 'z'),
        ('Pinatubo', 'Pinatubo', 'Pinatubo', 'other', 'Pinatubo', 'w');`);
  });

  it("keeps the collation in the catalog: DESCRIBE, GET_DDL, COLLATION", async () => {
    const described = await rows("DESC TABLE phrases");
    expect(described.map((r) => r[1])).toEqual([
      "VARCHAR(16777216)",
      "VARCHAR(16777216) COLLATE 'es'",
      "VARCHAR(20) COLLATE 'fr'",
      "VARCHAR(16777216) COLLATE 'en-ci'",
      "VARCHAR(16777216) COLLATE 'utf8'",
      "VARCHAR(16777216)",
    ]);
    const [[ddl]] = (await rows("SELECT GET_DDL('TABLE', 'phrases')")) as [[string]];
    expect(ddl).toContain("ES VARCHAR(16777216) COLLATE 'es'");
    expect(
      await rows(
        "SELECT DISTINCT COLLATION(es), COLLATION(ci), COLLATION(plain), COLLATION(nocoll) FROM phrases",
      ),
    ).toEqual([["es", "en-ci", null, null]]);
  });

  it("compares and filters by the column's collation", async () => {
    expect(await rows("SELECT COUNT(*) FROM phrases WHERE ci = 'tango'")).toEqual([["3"]]);
    expect(await rows("SELECT COUNT(DISTINCT ci) FROM phrases")).toEqual([["2"]]);
  });

  it("orders and takes MIN / MAX by the column's collation", async () => {
    expect(await rows("SELECT es FROM phrases ORDER BY es")).toEqual([
      ["Pinatubo"],
      ["pint"],
      ["Pinta"],
      ["piña"],
    ]);
    expect(await rows("SELECT u8 FROM phrases ORDER BY u8")).toEqual([
      ["Pinatubo"],
      ["Pinta"],
      ["pint"],
      ["piña"],
    ]);
    expect(await rows("SELECT MIN(es), MAX(es), MIN(u8), MAX(u8) FROM phrases")).toEqual([
      ["Pinatubo", "piña", "Pinatubo", "piña"],
    ]);
  });

  it("joins on a collated column, also when it is qualified by an alias", async () => {
    await session.executeScript(
      "CREATE OR REPLACE TABLE others (ci VARCHAR); INSERT INTO others VALUES ('TANGO');",
    );
    expect(await rows("SELECT COUNT(*) FROM phrases JOIN others ON phrases.ci = others.ci")).toEqual([["3"]]);
    expect(await rows("SELECT COUNT(*) FROM phrases p JOIN others o ON o.ci = p.ci")).toEqual([["3"]]);
  });

  it("keeps a column's collation in a table created from it (CTAS)", async () => {
    await session.execute("CREATE OR REPLACE TABLE copied AS SELECT ci FROM phrases");
    expect((await rows("DESC TABLE copied"))[0]?.[1]).toBe("VARCHAR(16777216) COLLATE 'en-ci'");
    expect(await rows("SELECT COUNT(*) FROM copied WHERE ci = 'tango'")).toEqual([["3"]]);
  });

  it("lets an explicit COLLATE override a column's, and COLLATE '' remove it", async () => {
    expect(await rows("SELECT COUNT(*) FROM phrases WHERE ci COLLATE 'en' = 'tango'")).toEqual([["1"]]);
    expect(await rows("SELECT COUNT(*) FROM phrases WHERE es COLLATE '' = fr")).toEqual([["4"]]);
    expect(await rows("SELECT COUNT(*) FROM phrases WHERE plain = es")).toEqual([["4"]]);
  });

  it("refuses two different collations at the same precedence level (002322)", async () => {
    await expect(session.execute("SELECT COUNT(*) FROM phrases WHERE es = fr")).rejects.toMatchObject({
      code: "002322",
      sqlState: "42846",
      message: "SQL compilation error:\nIncompatible collations: 'es' and 'fr'",
    });
    await expect(session.execute("SELECT 'abc' COLLATE 'bin' = 'abc' COLLATE 'utf8'")).rejects.toMatchObject({
      code: "002322",
    });
  });

  it("refuses an invalid specification in a column definition", async () => {
    await expect(session.execute("CREATE TABLE bad (s VARCHAR COLLATE 'en-nope')")).rejects.toThrow(
      /Invalid collation specification 'en-nope'/,
    );
  });
});

describe("grouping by collation", () => {
  beforeAll(async () => {
    await session.executeScript(`
      CREATE OR REPLACE TABLE words (w VARCHAR COLLATE 'en-ci', n INT);
      INSERT INTO words VALUES ('Apple', 1), ('apple', 2), ('APPLE', 3), ('pear', 4), ('Pear', 5);`);
  });

  it("groups a collated column by its key, showing one stored value per group", async () => {
    expect(await rows("SELECT w, SUM(n) FROM words GROUP BY w ORDER BY w")).toEqual([
      ["APPLE", "6"],
      ["Pear", "9"],
    ]);
    expect(await rows("SELECT w AS word, COUNT(*) FROM words GROUP BY 1 HAVING COUNT(*) > 2")).toEqual([
      ["APPLE", "3"],
    ]);
  });

  it("reads SELECT DISTINCT on a collated value as one row per key", async () => {
    expect(await rows("SELECT DISTINCT w FROM words ORDER BY w")).toEqual([["APPLE"], ["Pear"]]);
    expect(await rows("SELECT DISTINCT w COLLATE 'en' FROM words")).toHaveLength(5);
  });

  it("partitions windows by collation", async () => {
    expect(await rows("SELECT COUNT(*) OVER (PARTITION BY w) FROM words ORDER BY n")).toEqual([
      ["3"],
      ["3"],
      ["3"],
      ["2"],
      ["2"],
    ]);
  });
});
