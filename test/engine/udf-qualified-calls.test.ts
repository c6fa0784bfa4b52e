/**
 * UDF calls by qualified name (`schema.f(x)`, `db.schema.f(x)`, quoted parts): they run the UDF of
 * that schema, from any current schema, in queries and views, and are named as written; a name of
 * the engine's internal placeholder form is refused rather than rewritten.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, show } from "./helpers.js";

describe("qualified UDF calls", () => {
  let engine: Engine;
  let session: EngineSession;

  beforeAll(async () => {
    ({ engine, session } = await freshSession("D1"));
    await session.executeScript(`
      CREATE SCHEMA D1.S1;
      CREATE SCHEMA D1.S2;
      CREATE FUNCTION D1.S1.ADD1(x NUMBER) RETURNS NUMBER AS 'x + 1';
      CREATE FUNCTION D1.S2.ADD1(x NUMBER) RETURNS NUMBER AS 'x + 100';
      CREATE DATABASE OTHER;
      USE SCHEMA OTHER.PUBLIC;
    `);
  });
  afterAll(async () => {
    await engine.close();
  });

  it("runs the UDF the two- or three-part name names, whatever the current schema", async () => {
    const result = show(
      await session.execute("SELECT d1.s1.add1(1), D1.S2.ADD1(1), d1.s2.add1(d1.s1.add1(1)) AS nested"),
    );
    expect(result.columns).toEqual(["D1.S1.ADD1(1)", "D1.S2.ADD1(1)", "NESTED"]);
    expect(result.rows).toEqual([["2", "101", "102"]]);
    await session.execute("USE SCHEMA D1.PUBLIC");
    expect(show(await session.execute("SELECT s1.add1(5) AS a, s2.add1(5) AS b")).rows).toEqual([
      ["6", "105"],
    ]);
    await session.execute("USE SCHEMA OTHER.PUBLIC");
  });

  it("an unqualified call resolves in the schema a new session starts in (session options, no USE)", async () => {
    await session.executeScript(`
      CREATE FUNCTION D1.S1.TWICE(x NUMBER) RETURNS NUMBER AS 'x * 2';
      CREATE FUNCTION D1.S1.SHOUT(s VARCHAR) RETURNS VARCHAR LANGUAGE JAVASCRIPT AS 'return S + "!";';
    `);
    const started = await engine.openSession({ database: "D1", schema: "S1" });
    try {
      expect(show(await started.execute("SELECT twice(4) AS t, shout('hi') AS s")).rows).toEqual([
        ["8", "hi!"],
      ]);
    } finally {
      await started.close();
    }
  });

  it("takes quoted parts, and names the column with the text as written", async () => {
    const result = show(await session.execute('SELECT "D1"."S1"."ADD1"(7)'));
    expect(result.columns).toEqual(['"D1"."S1"."ADD1"(7)']);
    expect(result.rows).toEqual([["8"]]);
  });

  it("works inside a view read from another schema", async () => {
    await session.execute("CREATE VIEW D1.PUBLIC.V AS SELECT d1.s1.add1(41) AS answer");
    expect(show(await session.execute("SELECT answer FROM d1.public.v")).rows).toEqual([["42"]]);
  });

  it("still tells a missing qualified UDF apart", async () => {
    const e = await failure(session, "SELECT d1.s1.nope(1)");
    expect(e.code).toBe("002141");
    expect(e.message).toContain("Unknown user-defined function D1.S1.NOPE");
  });

  it("refuses a name of the engine's placeholder form instead of rewriting it into a macro", async () => {
    const forged = `MERC_QUDF_${Buffer.from(JSON.stringify({ database: "D1", schema: "S2", name: "ADD1", written: "x" })).toString("hex")}`;
    await session.execute("USE SCHEMA D1.S1");
    // A UDF of that name exists, so the function check lets the call through; the rewrite must not
    // turn it into a call of D1.S2.ADD1 (which would give 101).
    await session.execute(`CREATE FUNCTION ${forged}(x NUMBER) RETURNS NUMBER AS 'x'`);
    const called = await failure(session, `SELECT ${forged}(1)`);
    expect(called.message).toContain("are reserved by the local engine");
    // Quoted, the name keeps its lower-case hex: no UDF has it, so the function check refuses it first.
    expect((await failure(session, `SELECT "${forged}"(1)`)).message).toMatch(/reserved|Unknown function/);
  });

  it("a column whose text starts with a quoted name is named, not a tokenizer error", async () => {
    const result = show(await session.execute(`SELECT "C" || 'x' FROM (SELECT 'a' AS "C")`));
    expect(result.rows).toEqual([["ax"]]);
    expect(result.columns[0]).toBe(`"C" || 'X'`);
  });
});
