import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeName, type Engine, type EngineSession, encodeName } from "../../src/engine/index.js";
import { parseQualifiedName } from "../../src/engine/identifiers.js";
import { failure, freshSession, rows, show } from "./helpers.js";

describe("identifier encoding", () => {
  it("keeps plain upper-case names and marks lower case, carets and dots", () => {
    expect(encodeName("ORDERS")).toBe("ORDERS");
    expect(encodeName("a")).toBe("^a");
    expect(encodeName("Mixed Case")).toBe("M^i^x^e^d C^a^s^e");
    expect(encodeName("x^y.z")).toBe("^x^^^y^,^z");
  });

  it("decodes what it encodes, also after DuckDB folds the case", () => {
    for (const name of ["a", "A", "Mixed", "^A", "a.b", "Ünïcode", 'quo"te']) {
      expect(decodeName(encodeName(name))).toBe(name);
      expect(decodeName(encodeName(name).toUpperCase())).toBe(name);
    }
  });

  it("never maps two names to case-insensitively equal DuckDB names", () => {
    const names = ["a", "A", "^A", "^a", "aa", "Aa", "aA", "AA", ".", "^,"];
    const folded = names.map((n) => encodeName(n).toUpperCase());
    expect(new Set(folded).size).toBe(names.length);
  });

  it("parses written qualified names with Snowflake's case rules", () => {
    expect(parseQualifiedName('db."My Schema".t')).toEqual([
      { name: "DB", quoted: false },
      { name: "My Schema", quoted: true },
      { name: "T", quoted: false },
    ]);
    expect(parseQualifiedName('"a""b"')).toEqual([{ name: 'a"b', quoted: true }]);
    expect(parseQualifiedName("a..b")).toBeNull();
  });
});

describe("identifiers in the engine", () => {
  let engine: Engine;
  let session: EngineSession;

  beforeAll(async () => {
    ({ engine, session } = await freshSession("IDS"));
  });
  afterAll(async () => {
    await engine.close();
  });

  it('treats "a" and A as two different tables', async () => {
    await session.execute("create table A (x int)");
    await session.execute('create table "a" (x int)');
    await session.execute("insert into a values (1)");
    await session.execute('insert into "a" values (2), (3)');
    expect(await rows(session, "select count(*) from A")).toEqual([["1"]]);
    expect(await rows(session, 'select count(*) from "a"')).toEqual([["2"]]);
    expect(await rows(session, 'select count(*) from "A"')).toEqual([["1"]]);
  });

  it('folds unquoted names to upper case, so mytable and "MYTABLE" collide', async () => {
    await session.execute("create table mytable (id int)");
    const error = await failure(session, 'create table "MYTABLE" (id int)');
    expect(error.code).toBe("002002");
    expect(error.sqlState).toBe("42710");
    expect(error.message).toBe("SQL compilation error:\nObject 'MYTABLE' already exists.");
  });

  it("keeps quoted column names' case and upper-cases unquoted ones", async () => {
    await session.execute('create table cols ("id" int, ID int, "Mixed Name" varchar)');
    await session.execute("insert into cols values (1, 2, 'x')");
    const result = show(await session.execute("select * from cols"));
    expect(result.columns).toEqual(["id", "ID", "Mixed Name"]);
    expect(result.rows).toEqual([["1", "2", "x"]]);
    expect(await rows(session, 'select "id", id, "Mixed Name" from cols')).toEqual([["1", "2", "x"]]);
  });

  it("names an unaliased expression's column after its upper-cased text", async () => {
    const result = show(await session.execute("select x + 1, 'abc', count(*) over () from A"));
    expect(result.columns).toEqual(["X + 1", "'ABC'", "COUNT(*) OVER ()"]);
    const aliased = show(await session.execute('select x as "lower", x as upper from A'));
    expect(aliased.columns).toEqual(["lower", "UPPER"]);
  });

  it("resolves IDENTIFIER() from a literal and from a variable", async () => {
    await session.execute("set tbl = 'IDS.PUBLIC.A'");
    expect(await rows(session, "select x from identifier($tbl)")).toEqual([["1"]]);
    expect(await rows(session, "select x from identifier('\"a\"') order by x")).toEqual([["2"], ["3"]]);
  });

  it("reports a missing quoted object with its quotes", async () => {
    const error = await failure(session, 'select * from "nothere"');
    expect(error.code).toBe("002003");
    expect(error.message).toBe(
      `SQL compilation error:\nObject 'IDS.PUBLIC."nothere"' does not exist or not authorized.`,
    );
  });
});
