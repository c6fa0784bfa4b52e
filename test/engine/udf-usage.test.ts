/**
 * Calling a UDF needs USAGE on it (Snowflake's rule for the caller): a role without it is refused
 * for scalar and table UDFs, by any name; a grant lets it call; a view calling the UDF runs with the
 * view owner's rights, so SELECT on the view is enough. SQL UDTFs (RETURNS TABLE) run with the
 * declared column names and types, also with a lateral argument.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, show } from "./helpers.js";

describe("UDF privileges and table UDFs", () => {
  let engine: Engine;
  let session: EngineSession;

  beforeAll(async () => {
    ({ engine, session } = await freshSession("D1"));
    await session.executeScript(`
      USE SCHEMA D1.PUBLIC;
      CREATE TABLE orders (id INT, amount NUMBER(10,2));
      INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30);
      CREATE FUNCTION add1(x NUMBER) RETURNS NUMBER AS 'x + 1';
      CREATE FUNCTION big_orders(min_amount NUMBER) RETURNS TABLE (id INT, amount NUMBER(10,2))
        AS 'SELECT id, amount FROM orders WHERE amount >= min_amount';
      CREATE VIEW plus_one AS SELECT add1(id) AS next_id FROM orders;
      CREATE ROLE caller;
      GRANT ROLE caller TO USER admin;
      GRANT USAGE ON DATABASE d1 TO ROLE caller;
      GRANT USAGE ON SCHEMA d1.public TO ROLE caller;
      GRANT SELECT ON VIEW plus_one TO ROLE caller;
    `);
  });
  afterAll(async () => {
    await engine.close();
  });

  it("a SQL UDTF returns its declared columns, with constant and lateral arguments", async () => {
    const direct = show(await session.execute("SELECT * FROM TABLE(big_orders(20)) ORDER BY id"));
    expect(direct.columns).toEqual(["ID", "AMOUNT"]);
    expect(direct.rows).toEqual([["2", "20.00"], ["3", "30.00"]]);
    await session.execute("CREATE TABLE limits (l INT)");
    await session.execute("INSERT INTO limits VALUES (15), (25)");
    const lateral = show(
      await session.execute("SELECT l, b.id FROM limits, TABLE(d1.public.big_orders(limits.l)) b ORDER BY l, b.id"),
    );
    expect(lateral.rows).toEqual([["15", "2"], ["15", "3"], ["25", "3"]]);
  });

  it("a scalar UDF is not a table function, nor a UDTF a scalar", async () => {
    expect((await failure(session, "SELECT * FROM TABLE(add1(1))")).code).toBe("002140");
    expect((await failure(session, "SELECT big_orders(1)")).code).toBe("002140");
  });

  it("without USAGE on the function, a role cannot call it by any name", async () => {
    await session.execute("USE ROLE caller");
    try {
      for (const sql of [
        "SELECT add1(1)",
        "SELECT d1.public.add1(1)",
        "SELECT * FROM TABLE(big_orders(0))",
        "SELECT COUNT(*) FROM orders WHERE add1(1) > 0",
      ]) {
        const e = await failure(session, sql);
        expect(e.code, sql).toBe("002003");
        expect(e.message, sql).toContain("does not exist or not authorized");
      }
      // A view calling it runs with the view owner's rights.
      expect(show(await session.execute("SELECT next_id FROM plus_one ORDER BY 1")).rows).toEqual([
        ["2"],
        ["3"],
        ["4"],
      ]);
    } finally {
      await session.execute("USE ROLE ACCOUNTADMIN");
    }
  });

  it("after GRANT USAGE ON FUNCTION, the role calls it", async () => {
    await session.execute("GRANT USAGE ON FUNCTION add1(NUMBER) TO ROLE caller");
    await session.execute("USE ROLE caller");
    try {
      expect(show(await session.execute("SELECT add1(41) AS answer")).rows).toEqual([["42"]]);
      expect((await failure(session, "SELECT * FROM TABLE(big_orders(0))")).code).toBe("002003");
    } finally {
      await session.execute("USE ROLE ACCOUNTADMIN");
    }
  });
});

describe("procedure privileges", () => {
  let engine: Engine;
  let session: EngineSession;

  beforeAll(async () => {
    ({ engine, session } = await freshSession("D2"));
    await session.executeScript(`
      USE SCHEMA D2.PUBLIC;
      CREATE PROCEDURE answer() RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN 42; END $$;
      CREATE ROLE runner;
      GRANT ROLE runner TO USER admin;
      GRANT USAGE ON DATABASE d2 TO ROLE runner;
      GRANT USAGE ON SCHEMA d2.public TO ROLE runner;
    `);
  });
  afterAll(async () => {
    await engine.close();
  });

  it("CALL needs USAGE on the procedure; GRANT USAGE ON PROCEDURE p() gives it", async () => {
    await session.execute("USE ROLE runner");
    const refused = await failure(session, "CALL answer()");
    expect(refused.code).toBe("002003");
    await session.execute("USE ROLE ACCOUNTADMIN");
    await session.execute("GRANT USAGE ON PROCEDURE answer() TO ROLE runner");
    await session.execute("USE ROLE runner");
    try {
      expect(show(await session.execute("CALL answer()")).rows).toEqual([["42"]]);
    } finally {
      await session.execute("USE ROLE ACCOUNTADMIN");
    }
  });
});
