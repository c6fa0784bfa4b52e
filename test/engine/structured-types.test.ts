import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import { openEngine } from "../../src/engine/index.js";
import { parseStructuredType, structuredTypeText } from "../../src/engine/structured-types.js";
import type { Engine, EngineSession, StatementResult } from "../../src/engine/types.js";
import { parseSnowflakeType } from "../../src/engine/types-map.js";

/**
 * The structured-types family (data-types-structured page): OBJECT(…) / ARRAY(…) / MAP(…) in casts
 * and column definitions (the parser rejects `OBJECT(name TYPE)`, type-syntax.ts hides it), their
 * canonical text, the cast's key checks and value conversion, and OBJECT_DELETE / OBJECT_INSERT /
 * OBJECT_PICK on structured OBJECTs. Expected values follow the page's rules, not the engine.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE ST; USE SCHEMA ST.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

const shown = (r: StatementResult): (string | null)[][] =>
  r.rows.map((row) => row.map((cell, i) => displayValue(cell, r.columns[i]!)));
const one = async (sql: string): Promise<(string | null)[]> => shown(await session.execute(sql))[0]!;
const failure = async (sql: string): Promise<{ code?: string; message: string }> => {
  try {
    await session.execute(sql);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error(`expected ${sql} to fail`);
};

describe("structured type text", () => {
  it("canonicalises member types: NUMBER with its precision, an unsized VARCHAR stays VARCHAR, DOUBLE is FLOAT", () => {
    expect(parseSnowflakeType("object(str varchar not null, num number, f double)")?.sqlType).toBe(
      "OBJECT(str VARCHAR NOT NULL, num NUMBER(38,0), f FLOAT)",
    );
    expect(parseSnowflakeType("ARRAY(NUMBER(2, 1))")?.sqlType).toBe("ARRAY(NUMBER(2,1))");
    expect(parseSnowflakeType("MAP(VARCHAR, ARRAY(VARCHAR(10) NOT NULL))")?.sqlType).toBe(
      "MAP(VARCHAR, ARRAY(VARCHAR(10) NOT NULL))",
    );
    expect(parseSnowflakeType("OBJECT()")?.sqlType).toBe("OBJECT()");
  });

  it("refuses duplicate keys and unknown member types", () => {
    const canonical = (t: string): string => t;
    expect(parseStructuredType("OBJECT(a VARCHAR, a NUMBER)", canonical)).toBeNull();
    expect(parseSnowflakeType("ARRAY(NOT_A_TYPE)")).toBeNull();
    const nested = parseStructuredType("OBJECT(a ARRAY(x), b MAP(k, v NOT NULL))", canonical);
    expect(nested && structuredTypeText(nested)).toBe("OBJECT(a ARRAY(x), b MAP(k, v NOT NULL))");
  });
});

describe("casting to structured types", () => {
  it("types the cast as the page prints it, and a semi-structured constant as ARRAY / OBJECT", async () => {
    expect(
      await one(
        "SELECT SYSTEM$TYPEOF([1]::ARRAY(INT)), SYSTEM$TYPEOF({'a':1}::MAP(VARCHAR, DOUBLE)), SYSTEM$TYPEOF([1])",
      ),
    ).toEqual(["ARRAY(NUMBER(38,0))[LOB]", "MAP(VARCHAR, FLOAT)[LOB]", "ARRAY[LOB]"]);
  });

  it("converts each value to its declared type and keeps the type's key order", async () => {
    expect(
      await one("SELECT {'n': '12.345', 's': 7, 'b': 'yes'}::OBJECT(s VARCHAR, n NUMBER(5,2), b BOOLEAN)"),
    ).toEqual(['{"s":"7","n":12.35,"b":true}']);
    expect(await one("SELECT [1, 2]::ARRAY(VARCHAR)")).toEqual(['["1","2"]']);
  });

  it("fails on a missing key, an extra key, an element it cannot convert and a NULL for NOT NULL", async () => {
    for (const sql of [
      "SELECT {'a': 1}::OBJECT(a NUMBER, b NUMBER)",
      "SELECT {'a': 1, 'c': 2}::OBJECT(a NUMBER)",
      "SELECT ['x']::ARRAY(NUMBER)",
      "SELECT [1, NULL]::ARRAY(NUMBER NOT NULL)",
    ])
      expect((await failure(sql)).code, sql).toMatch(/^\d{6}$/);
  });

  it("maps keys by position with RENAME FIELDS and adds missing ones as null with ADD FIELDS", async () => {
    const source = "{'x': 1, 'y': 2}::OBJECT(x NUMBER, y NUMBER)";
    expect(await one(`SELECT CAST(${source} AS OBJECT(p NUMBER, q NUMBER) RENAME FIELDS)`)).toEqual([
      '{"p":1,"q":2}',
    ]);
    expect(await one(`SELECT CAST(${source} AS OBJECT(y NUMBER, x NUMBER, z VARCHAR) ADD FIELDS)`)).toEqual([
      '{"y":2,"x":1,"z":null}',
    ]);
  });

  it("refuses TRY_CAST to a structured type", async () => {
    expect((await failure("SELECT TRY_CAST([1] AS ARRAY(NUMBER))")).message).toMatch(/TRY_CAST/);
  });

  it("keeps the declared type of a column for DESCRIBE and the column's values", async () => {
    await session.executeScript(`
      CREATE TABLE addr (a OBJECT(city VARCHAR, zip NUMBER), tags ARRAY(VARCHAR));
      INSERT INTO addr SELECT {'zip': 94402, 'city': 'San Mateo'}::OBJECT(city VARCHAR, zip NUMBER), ['x']::ARRAY(VARCHAR);
    `);
    const described = shown(await session.execute("DESCRIBE TABLE addr")).map((row) => row.slice(0, 2));
    expect(described).toEqual([
      ["A", "OBJECT(city VARCHAR, zip NUMBER(38,0))"],
      ["TAGS", "ARRAY(VARCHAR)"],
    ]);
    expect(await one("SELECT a, SYSTEM$TYPEOF(a), a:city::VARCHAR FROM addr")).toEqual([
      '{"city":"San Mateo","zip":94402}',
      "OBJECT(city VARCHAR, zip NUMBER(38,0))[LOB]",
      "San Mateo",
    ]);
  });
});

describe("OBJECT_DELETE / OBJECT_INSERT / OBJECT_PICK on a structured OBJECT", () => {
  const source = "{'a': 1, 'b': 'x', 'c': 2}::OBJECT(a NUMBER, b VARCHAR, c NUMBER)";

  it("checks the keys against the type when the statement compiles", async () => {
    expect((await failure(`SELECT OBJECT_DELETE(${source}, 'z')`)).code).toBe("093201");
    expect((await failure(`SELECT OBJECT_PICK(${source}, 'a', 'z')`)).code).toBe("093201");
    expect((await failure(`SELECT OBJECT_INSERT(${source}, 'a', 5)`)).code).toBe("093202");
    expect((await failure(`SELECT OBJECT_INSERT(${source}, 'z', 5, TRUE)`)).code).toBe("093201");
  });

  it("gives a structured result whose type drops, adds or picks the keys", async () => {
    expect(await one(`SELECT OBJECT_DELETE(${source}, 'a', 'c') AS o, SYSTEM$TYPEOF(o)`)).toEqual([
      '{"b":"x"}',
      "OBJECT(b VARCHAR)[LOB]",
    ]);
    expect(await one(`SELECT OBJECT_PICK(${source}, 'c', 'a') AS o, SYSTEM$TYPEOF(o)`)).toEqual([
      '{"c":2,"a":1}',
      "OBJECT(c NUMBER(38,0), a NUMBER(38,0))[LOB]",
    ]);
    expect(await one(`SELECT OBJECT_INSERT(${source}, 'd', TRUE) AS o, SYSTEM$TYPEOF(o)`)).toEqual([
      '{"a":1,"b":"x","c":2,"d":true}',
      "OBJECT(a NUMBER(38,0), b VARCHAR, c NUMBER(38,0), d BOOLEAN NOT NULL)[LOB]",
    ]);
    expect(await one(`SELECT SYSTEM$TYPEOF(OBJECT_INSERT(${source}, 'b', 'y', TRUE))`)).toEqual([
      "OBJECT(a NUMBER(38,0), b VARCHAR, c NUMBER(38,0))[LOB]",
    ]);
  });
});
