import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayValue } from "../../src/engine/format.js";
import type { EngineSession } from "../../src/engine/types.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";

/**
 * DEFAULT_DDL_COLLATION (docs: sql-reference/parameters, collation "Collation specification
 * precedence" and create-hybrid-table): the parameter is kept on databases, schemas and tables,
 * a schema's own value wins over its database's, a table's over its schema's, and a text column
 * declared without COLLATE gets the effective value as if it had been written with it. '' means no
 * collation. Hybrid tables refuse a collation on a primary key or INDEX column (391464).
 */
let fresh: FreshEngine;
let session: EngineSession;

beforeAll(async () => {
  fresh = await openFreshEngine();
  session = await fresh.engine.openSession();
  await session.executeScript("CREATE DATABASE DDLCOLL; USE SCHEMA DDLCOLL.PUBLIC;");
});

afterAll(async () => {
  await fresh.dispose();
});

async function rows(sql: string): Promise<(string | null)[][]> {
  const result = await session.execute(sql);
  return result.rows.map((r) => r.map((cell, i) => displayValue(cell, result.columns[i]!)));
}

/** COLLATION() of a column of a one-row table; one table per query, each read on its own. */
async function collationOf(table: string, column = "a"): Promise<string | null> {
  const result = await rows(`SELECT COLLATION(${column}) FROM ${table}`);
  return result[0]![0]!;
}

describe("DEFAULT_DDL_COLLATION on a schema", () => {
  it("collates a text column declared without COLLATE, and only text columns", async () => {
    await session.executeScript(`
      CREATE SCHEMA s_ci DEFAULT_DDL_COLLATION = 'en-ci';
      CREATE TABLE t (a VARCHAR(10), n INT);
      INSERT INTO t VALUES ('Abc', 1);
    `);
    expect(await rows("SELECT COLLATION(a), a = 'ABC' FROM t")).toEqual([["en-ci", "true"]]);
    const described = await rows("DESCRIBE TABLE t");
    expect(described.map((r) => [r[0], r[1]])).toEqual([
      ["A", "VARCHAR(10) COLLATE 'en-ci'"],
      ["N", "NUMBER(38,0)"],
    ]);
  });

  it("leaves a column written with COLLATE as written", async () => {
    await session.executeScript(`
      USE SCHEMA DDLCOLL.s_ci;
      CREATE TABLE t2 (a VARCHAR COLLATE 'en-cs', b VARCHAR COLLATE '');
      INSERT INTO t2 VALUES ('Abc', 'Abc');
    `);
    expect(await rows("SELECT COLLATION(a), a = 'ABC', COLLATION(b), b = 'ABC' FROM t2")).toEqual([
      ["en-cs", "false", null, "false"],
    ]);
  });

  it("is set and unset with ALTER SCHEMA", async () => {
    await session.executeScript(`
      CREATE SCHEMA s_alter;
      CREATE TABLE before_set (a VARCHAR);
      ALTER SCHEMA s_alter SET DEFAULT_DDL_COLLATION = 'de';
      CREATE TABLE after_set (a VARCHAR);
      ALTER SCHEMA s_alter UNSET DEFAULT_DDL_COLLATION;
      CREATE TABLE after_unset (a VARCHAR);
      INSERT INTO before_set VALUES ('x');
      INSERT INTO after_set VALUES ('x');
      INSERT INTO after_unset VALUES ('x');
    `);
    expect([
      await collationOf("before_set"),
      await collationOf("after_set"),
      await collationOf("after_unset"),
    ]).toEqual([null, "de", null]);
  });

  it("applies to a column added with ALTER TABLE ADD COLUMN", async () => {
    await session.executeScript(`
      USE SCHEMA DDLCOLL.s_ci;
      CREATE TABLE grow (n INT);
      ALTER TABLE grow ADD COLUMN label VARCHAR(5);
      INSERT INTO grow VALUES (1, 'Abc');
    `);
    expect(await rows("SELECT COLLATION(label), label = 'aBC' FROM grow")).toEqual([["en-ci", "true"]]);
  });
});

describe("CREATE TABLE … AS SELECT", () => {
  it("a column list that renames the query's columns keeps the query's types", async () => {
    await session.executeScript(`
      USE SCHEMA DDLCOLL.s_ci;
      CREATE TABLE renamed (x, y) AS SELECT 1, 'a';
    `);
    expect(await rows("SELECT x + 1, y FROM renamed")).toEqual([["2", "a"]]);
    const described = await rows("DESCRIBE TABLE renamed");
    // A number stays a number; the list's untyped names are no text columns declared to collate.
    expect(described[0]![1]).toMatch(/^NUMBER\(\d+,0\)$/);
    expect(described[1]![1]).toMatch(/^VARCHAR\(\d+\)$/);
  });
});

describe("inheritance database → schema → table", () => {
  it("a schema without its own value takes its database's; its own value wins", async () => {
    await session.executeScript(`
      CREATE DATABASE DDLCOLL_DB DEFAULT_DDL_COLLATION = 'en-ci';
      CREATE SCHEMA inherits;
      CREATE TABLE t (a VARCHAR);
      CREATE SCHEMA own DEFAULT_DDL_COLLATION = 'fr';
      CREATE TABLE t (a VARCHAR);
      CREATE SCHEMA none DEFAULT_DDL_COLLATION = '';
      CREATE TABLE t (a VARCHAR);
      INSERT INTO DDLCOLL_DB.inherits.t VALUES ('x');
      INSERT INTO DDLCOLL_DB.own.t VALUES ('x');
      INSERT INTO DDLCOLL_DB.none.t VALUES ('x');
    `);
    expect([
      await collationOf("DDLCOLL_DB.inherits.t"),
      await collationOf("DDLCOLL_DB.own.t"),
      await collationOf("DDLCOLL_DB.none.t"),
    ]).toEqual(["en-ci", "fr", null]);
  });

  it("ALTER DATABASE SET / UNSET changes what its schemas inherit", async () => {
    await session.executeScript(`
      CREATE DATABASE DDLCOLL_DB2;
      ALTER DATABASE DDLCOLL_DB2 SET DEFAULT_DDL_COLLATION = 'es';
      CREATE TABLE DDLCOLL_DB2.PUBLIC.set_t (a VARCHAR);
      ALTER DATABASE DDLCOLL_DB2 UNSET DEFAULT_DDL_COLLATION;
      CREATE TABLE DDLCOLL_DB2.PUBLIC.unset_t (a VARCHAR);
      INSERT INTO DDLCOLL_DB2.PUBLIC.set_t VALUES ('x');
      INSERT INTO DDLCOLL_DB2.PUBLIC.unset_t VALUES ('x');
    `);
    expect([
      await collationOf("DDLCOLL_DB2.PUBLIC.set_t"),
      await collationOf("DDLCOLL_DB2.PUBLIC.unset_t"),
    ]).toEqual(["es", null]);
  });

  it("a table's own value wins over its schema's and is kept for columns added later", async () => {
    await session.executeScript(`
      USE SCHEMA DDLCOLL.s_ci;
      CREATE TABLE plain (a VARCHAR) DEFAULT_DDL_COLLATION = '';
      CREATE TABLE upper_t (a VARCHAR) DEFAULT_DDL_COLLATION = 'upper';
      ALTER TABLE plain ADD COLUMN b VARCHAR;
      ALTER TABLE upper_t ADD COLUMN b VARCHAR;
      INSERT INTO plain VALUES ('x', 'y');
      INSERT INTO upper_t VALUES ('x', 'y');
    `);
    expect(
      await rows(
        "SELECT p.a = 'X', COLLATION(p.a), COLLATION(p.b), COLLATION(u.a), COLLATION(u.b) FROM plain p, upper_t u",
      ),
    ).toEqual([["false", null, null, "upper", "upper"]]);
  });
});

describe("invalid specifications", () => {
  it("are refused where the parameter is set, as a column COLLATE is", async () => {
    await expect(
      session.execute("ALTER SCHEMA DDLCOLL.PUBLIC SET DEFAULT_DDL_COLLATION = 'en-xx'"),
    ).rejects.toThrow(/Invalid collation specification 'en-xx'/);
    await expect(
      session.execute("CREATE SCHEMA DDLCOLL.bad DEFAULT_DDL_COLLATION = 'ci-en'"),
    ).rejects.toThrow(/unknown specifier 'en'/);
    await expect(
      session.execute("CREATE TABLE DDLCOLL.PUBLIC.bad (a VARCHAR) DEFAULT_DDL_COLLATION = 'en-ci-cs'"),
    ).rejects.toThrow(/conflicting specifiers/);
    expect(await rows("SHOW SCHEMAS LIKE 'BAD' IN DATABASE DDLCOLL")).toEqual([]);
    expect(await rows("SHOW TABLES LIKE 'BAD' IN SCHEMA DDLCOLL.PUBLIC")).toEqual([]);
  });
});

describe("hybrid tables", () => {
  const refused = {
    code: "391464",
    message: "SQL compilation error: Collations are not supported on primary keys or indexed columns.",
  };

  it("refuse an inherited collation on a primary key or INDEX column", async () => {
    await session.executeScript("CREATE SCHEMA DDLCOLL.ht DEFAULT_DDL_COLLATION = 'de';");
    await expect(
      session.execute("CREATE HYBRID TABLE hk (k VARCHAR PRIMARY KEY, v INT)"),
    ).rejects.toMatchObject(refused);
    await expect(
      session.execute("CREATE HYBRID TABLE hi (k INT PRIMARY KEY, v VARCHAR(10), INDEX idx_v (v))"),
    ).rejects.toMatchObject(refused);
  });

  it("refuse an explicit COLLATE on a key column, with or without a schema default", async () => {
    await session.executeScript("CREATE SCHEMA DDLCOLL.ht_plain;");
    await expect(
      session.execute("CREATE HYBRID TABLE hx (k VARCHAR COLLATE 'en-ci' PRIMARY KEY, v INT)"),
    ).rejects.toMatchObject(refused);
  });

  it("accept a collated column that is neither key nor indexed, and a table default of ''", async () => {
    await session.executeScript(`
      USE SCHEMA DDLCOLL.ht;
      CREATE HYBRID TABLE free_text (k INT PRIMARY KEY, note VARCHAR);
      CREATE HYBRID TABLE off (k VARCHAR PRIMARY KEY, v VARCHAR, INDEX idx_v (v)) DEFAULT_DDL_COLLATION = '';
      INSERT INTO free_text VALUES (1, 'Abc');
      INSERT INTO off VALUES ('a', 'b');
    `);
    expect(await rows("SELECT COLLATION(note) FROM free_text")).toEqual([["de"]]);
    expect(await rows("SELECT COLLATION(k), COLLATION(v) FROM off")).toEqual([[null, null]]);
  });
});
