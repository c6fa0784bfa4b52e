/**
 * Column DEFAULT expressions with operators (CREATE TABLE page: DEFAULT takes an expression), which
 * the transpiler's parser took only in parentheses: the wrapping, and the default as a table has it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parenthesiseDefaults } from "../../src/engine/default-expressions.js";
import type { EngineSession } from "../../src/engine/types.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";

describe("parenthesiseDefaults", () => {
  it("wraps a multi-token default up to the next constraint, comma or the end", () => {
    expect(parenthesiseDefaults("a INT DEFAULT 1 + 5, b INT").text).toBe("a INT DEFAULT (1 + 5), b INT");
    expect(parenthesiseDefaults("a INT DEFAULT 1+5 NOT NULL").text).toBe("a INT DEFAULT (1+5) NOT NULL");
    expect(parenthesiseDefaults("s VARCHAR DEFAULT 'a' || 'b' COMMENT 'c'").text).toBe(
      "s VARCHAR DEFAULT ('a' || 'b') COMMENT 'c'",
    );
    expect(parenthesiseDefaults("b BOOLEAN DEFAULT x IS NOT NULL NULL").text).toBe(
      "b BOOLEAN DEFAULT (x IS NOT NULL) NULL",
    );
  });

  it("leaves single primaries and parenthesised defaults alone", () => {
    for (const defs of [
      "a INT DEFAULT 5",
      "a INT DEFAULT (1 + 5)",
      "a INT DEFAULT NULL, b INT DEFAULT f(1, 2)",
    ])
      expect(parenthesiseDefaults(defs).text).toBe(defs.replace("f(1, 2)", "(f(1, 2))"));
    expect(parenthesiseDefaults("a INT DEFAULT (1) + (2)").text).toBe("a INT DEFAULT ((1) + (2))");
    expect(parenthesiseDefaults("a INT DEFAULT 5, b INT DEFAULT 1 - 2").wrapped).toEqual([false, true]);
  });
});

describe("CREATE TABLE with an operator in a DEFAULT", () => {
  let fresh: FreshEngine;
  let session: EngineSession;
  beforeAll(async () => {
    fresh = await openFreshEngine();
    session = await fresh.engine.openSession();
    await session.executeScript("create database defaults_db;");
  });
  afterAll(async () => {
    await session.close();
    await fresh.dispose();
  });

  it("applies the default on INSERT and shows it as written", async () => {
    await session.execute(
      "create table t (id int, n int default 1+5 not null, s varchar default 'a' || 'b' comment 'joined')",
    );
    await session.execute("insert into t (id) values (1)");
    expect((await session.execute("select n, s from t")).rows).toEqual([["6", "ab"]]);
    await session.execute("show columns in table t");
    const cols = await session.execute(
      `select "column_name", "default", "null?" from table(result_scan(last_query_id())) order by "column_name"`,
    );
    expect(cols.rows).toEqual([
      ["ID", "", "true"],
      ["N", "1 + 5", "false"],
      ["S", "'a' || 'b'", "true"],
    ]);
  });

  // Such a default is applied at INSERT (row-defaults.ts; test/engine/row-defaults.test.ts).
  it("takes a default that reads another column of the row", async () => {
    await session.execute("create table t2 (n1 int default 5, n2 int default n1 + 5)");
    await session.execute("insert into t2 (n1) values (2)");
    expect((await session.execute("select n1, n2 from t2")).rows.map((r) => r.map(String))).toEqual([
      ["2", "7"],
    ]);
  });
});
