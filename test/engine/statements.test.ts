import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, rows, show } from "./helpers.js";

describe("databases, schemas and USE", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("SALES"));
  });
  afterAll(async () => {
    await engine.close();
  });

  it("creates a database with PUBLIC and INFORMATION_SCHEMA and makes it current", async () => {
    expect(session.state().database).toBe("SALES");
    expect(session.state().schema).toBe("PUBLIC");
    const schemas = await rows(session, "show schemas in database sales");
    expect(schemas.map((r) => r[1]).sort()).toEqual(["INFORMATION_SCHEMA", "PUBLIC"]);
  });

  it("answers CREATE … IF NOT EXISTS and DROP … IF EXISTS with Snowflake's status lines", async () => {
    expect(await rows(session, "create database if not exists sales")).toEqual([
      ["SALES already exists, statement succeeded."],
    ]);
    expect(await rows(session, "create schema raw")).toEqual([["Schema RAW successfully created."]]);
    expect(session.state().schema).toBe("RAW");
    expect(await rows(session, "drop schema if exists nothing")).toEqual([
      ["Drop statement executed successfully (NOTHING already dropped)."],
    ]);
  });

  it("switches database and schema with USE and keeps several databases apart", async () => {
    await session.execute("create database other");
    await session.execute("create table t (v varchar)");
    await session.execute("insert into t values ('other')");
    await session.execute("use database sales");
    expect(session.state()).toMatchObject({ database: "SALES", schema: "PUBLIC" });
    await session.execute("create table t (v varchar)");
    await session.execute("insert into t values ('sales')");
    await session.execute("use schema other.public");
    expect(await rows(session, "select v from t")).toEqual([["other"]]);
    expect(await rows(session, "select v from sales.public.t")).toEqual([["sales"]]);
  });

  it("fails USE of a missing database with Snowflake's error", async () => {
    const error = await failure(session, "use database nowhere");
    expect(error.code).toBe("002043");
    expect(error.message).toBe(
      "SQL compilation error:\nObject does not exist, or operation cannot be performed.",
    );
  });

  it("drops a database with everything in it", async () => {
    await session.execute("drop database other");
    expect(session.state().database).toBeNull();
    const error = await failure(session, "select * from other.public.t");
    expect(error.code).toBe("002003");
    await session.execute("use database sales");
  });
});

describe("tables, views and DML", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("SHOP"));
    await session.execute(
      "create or replace table orders (id number autoincrement, store varchar(20) not null, amount number(10,2) default 0, note string comment 'free text') cluster by (store) comment = 'orders'",
    );
  });
  afterAll(async () => {
    await engine.close();
  });

  it("inserts several rows and reports the count column Snowflake reports", async () => {
    const result = show(
      await session.execute(
        "insert into orders (store, amount) values ('berlin', 10.5), ('hamburg', 3), ('berlin', 1.25)",
      ),
    );
    expect(result).toEqual({ columns: ["number of rows inserted"], types: ["NUMBER(38,0)"], rows: [["3"]] });
    expect(await rows(session, "select id, store, amount from orders order by id")).toEqual([
      ["1", "berlin", "10.50"],
      ["2", "hamburg", "3.00"],
      ["3", "berlin", "1.25"],
    ]);
  });

  it("fills defaults and rejects NULL in a NOT NULL column", async () => {
    await session.execute("insert into orders (store) values ('munich')");
    expect(await rows(session, "select amount from orders where store = 'munich'")).toEqual([["0.00"]]);
    const error = await failure(session, "insert into orders (store) values (null)");
    expect(error.code).toBe("100072");
    expect(error.message).toBe("NULL result in a non-nullable column 'STORE'");
  });

  it("updates, deletes and merges with Snowflake's count columns", async () => {
    expect(show(await session.execute("update orders set note = 'big' where amount > 5"))).toEqual({
      columns: ["number of rows updated", "number of multi-joined rows updated"],
      types: ["NUMBER(38,0)", "NUMBER(38,0)"],
      rows: [["1", "0"]],
    });
    await session.execute("create table targets (store varchar, goal number(10,2))");
    await session.execute("insert into targets values ('berlin', 5)");
    const merged = show(
      await session.execute(
        "merge into targets t using (select store, sum(amount) total from orders group by store) s on t.store = s.store when matched then update set goal = s.total when not matched then insert (store, goal) values (s.store, s.total)",
      ),
    );
    expect(merged.columns).toEqual(["number of rows inserted", "number of rows updated"]);
    expect(merged.rows).toEqual([["2", "1"]]);
    expect(await rows(session, "select store, goal from targets order by store")).toEqual([
      ["berlin", "11.75"],
      ["hamburg", "3.00"],
      ["munich", "0.00"],
    ]);
    expect(show(await session.execute("delete from targets where goal = 0")).rows).toEqual([["1"]]);
  });

  it("creates tables from a query, like another and as a clone", async () => {
    await session.execute("create table berlin as select id, amount from orders where store = 'berlin'");
    expect(await rows(session, "select count(*), sum(amount) from berlin")).toEqual([["2", "11.75"]]);
    expect(show(await session.execute("select * from berlin")).types).toEqual([
      "NUMBER(38,0)",
      "NUMBER(10,2)",
    ]);
    await session.execute("create view store_notes as select store, note from orders");
    expect(
      await rows(
        session,
        "select column_name, data_type, character_maximum_length from information_schema.columns where table_name = 'STORE_NOTES' order by ordinal_position",
      ),
    ).toEqual([
      ["STORE", "TEXT", "20"],
      ["NOTE", "TEXT", "16777216"],
    ]);
    await session.execute("create table empty_copy like orders");
    expect(await rows(session, "select count(*) from empty_copy")).toEqual([["0"]]);
    await session.execute("create table full_copy clone orders");
    expect(await rows(session, "select count(*) from full_copy")).toEqual([["4"]]);
  });

  it("keeps a view's original text and answers queries through it", async () => {
    const text =
      "create or replace secure view big_orders (order_id comment 'the id', store) as select id, store from orders where amount > 2";
    expect(await rows(session, text)).toEqual([["View BIG_ORDERS successfully created."]]);
    expect(await rows(session, "select * from big_orders order by order_id")).toEqual([
      ["1", "berlin"],
      ["2", "hamburg"],
    ]);
    const views = show(await session.execute("show views like 'BIG%'"));
    const textColumn = views.columns.indexOf("text");
    expect(views.rows[0]?.[textColumn]).toBe(text);
  });

  it("alters tables: add, rename and drop columns, rename the table, set a comment", async () => {
    await session.execute("create table evolving (a int)");
    await session.execute("insert into evolving values (1)");
    await session.execute("alter table evolving add column b varchar(5) default 'x'");
    await session.execute("alter table evolving rename column a to a2");
    await session.execute("alter table evolving rename to evolved");
    await session.execute("alter table evolved set comment = 'renamed'");
    expect(show(await session.execute("select * from evolved"))).toEqual({
      columns: ["A2", "B"],
      types: ["NUMBER(38,0)", "VARCHAR(5)"],
      rows: [["1", "x"]],
    });
    await session.execute("alter table evolved drop column b");
    expect(show(await session.execute("select * from evolved")).columns).toEqual(["A2"]);
    expect((await failure(session, "select * from evolving")).code).toBe("002003");
  });

  it("keeps a dropped table for UNDROP", async () => {
    await session.execute("create table keep_me (v varchar(3))");
    await session.execute("insert into keep_me values ('abc')");
    await session.execute("drop table keep_me");
    expect((await failure(session, "select * from keep_me")).code).toBe("002003");
    await session.execute("create table keep_me (other int)");
    expect((await failure(session, "undrop table keep_me")).code).toBe("002002");
    await session.execute("drop table keep_me");
    expect(await rows(session, "undrop table keep_me")).toEqual([["Table KEEP_ME successfully restored."]]);
    expect(show(await session.execute("select * from keep_me"))).toEqual({
      columns: ["OTHER"],
      types: ["NUMBER(38,0)"],
      rows: [],
    });
    await session.execute("drop table keep_me");
    await session.execute("undrop table keep_me");
    expect((await failure(session, "undrop table keep_me")).code).toBe("002002");
  });

  it("truncates and drops tables", async () => {
    expect(await rows(session, "truncate table full_copy")).toEqual([["Statement executed successfully."]]);
    expect(await rows(session, "select count(*) from full_copy")).toEqual([["0"]]);
    expect(await rows(session, "drop table full_copy")).toEqual([["FULL_COPY successfully dropped."]]);
    const error = await failure(session, "drop table full_copy");
    expect(error.message).toBe(
      "SQL compilation error:\nTable 'SHOP.PUBLIC.FULL_COPY' does not exist or not authorized.",
    );
  });

  it("runs Snowflake query syntax: QUALIFY, GROUP BY ALL, EXCLUDE, semi-structured paths", async () => {
    expect(
      await rows(
        session,
        "select store, amount from orders qualify row_number() over (partition by store order by amount desc) = 1 order by store",
      ),
    ).toEqual([
      ["berlin", "10.50"],
      ["hamburg", "3.00"],
      ["munich", "0.00"],
    ]);
    expect(await rows(session, "select store, count(*) from orders group by all order by 1")).toEqual([
      ["berlin", "2"],
      ["hamburg", "1"],
      ["munich", "1"],
    ]);
    expect(
      show(await session.execute("select * exclude (note, amount) from orders where id = 1")).columns,
    ).toEqual(["ID", "STORE"]);
    expect(await rows(session, `select parse_json('{"a":{"b":[10,20]}}'):a.b[1]::int as v`)).toEqual([
      ["20"],
    ]);
  });
});

describe("session state", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("STATE"));
  });
  afterAll(async () => {
    await engine.close();
  });

  it("sets, uses and unsets variables", async () => {
    await session.execute("set (lo, hi) = (2, 'x')");
    await session.execute("set today = '2026-11-27'::date");
    expect(await rows(session, "select $lo * 10, $hi, $today")).toEqual([["20", "x", "2026-11-27"]]);
    await session.execute("unset lo");
    const error = await failure(session, "select $lo");
    expect(error.code).toBe("002211");
    expect(error.message).toBe("SQL compilation error:\nSession variable '$LO' does not exist");
  });

  it("answers CURRENT_DATABASE() and CURRENT_SCHEMA() with the session's Snowflake names", async () => {
    expect(await rows(session, "select current_database(), current_schema()")).toEqual([["STATE", "PUBLIC"]]);
    await session.execute('create schema "lower"');
    expect(await rows(session, "select current_database(), current_schema()")).toEqual([["STATE", "lower"]]);
    await session.execute("use schema public");
  });

  it("keeps MOD() as one operand inside arithmetic", async () => {
    // Snowflake: 10 * MOD(17, 10) = 10 * 7 = 70; MOD(17, 10) * 2 = 14; 100 - MOD(-7, 3) = 100 - (-1) = 101.
    expect(await rows(session, "select 10 * MOD(17, 10), MOD(17, 10) * 2, 100 - MOD(-7, 3)")).toEqual([
      ["70", "14", "101"],
    ]);
  });

  it("keeps ALTER SESSION parameters such as QUERY_TAG", async () => {
    await session.execute("alter session set query_tag = 'mercurios/test', timezone = 'UTC'");
    expect(session.state().parameters).toMatchObject({ QUERY_TAG: "mercurios/test", TIMEZONE: "UTC" });
    await session.execute("alter session unset query_tag");
    expect(session.state().parameters.QUERY_TAG).toBeUndefined();
  });

  it("commits and rolls back transactions", async () => {
    await session.execute("create table ledger (n int)");
    await session.execute("begin");
    await session.execute("insert into ledger values (1)");
    await session.execute("rollback");
    expect(await rows(session, "select count(*) from ledger")).toEqual([["0"]]);
    await session.execute("begin transaction");
    await session.execute("insert into ledger values (2)");
    await session.execute("commit");
    expect(await rows(session, "select n from ledger")).toEqual([["2"]]);
  });

  it("runs a script in order and stops at the first failure with the results so far", async () => {
    const results = await session.executeScript(
      "create table s1 (a int); insert into s1 values (1); select a from s1;",
    );
    expect(results.map((r) => r.kind)).toEqual(["DDL", "INSERT", "SELECT"]);
    await expect(
      session.executeScript(
        "insert into s1 values (2);\n-- a comment\nselect * from missing;\ninsert into s1 values (3);",
      ),
    ).rejects.toMatchObject({
      name: "ScriptError",
      failedIndex: 1,
      statementLine: 3,
      error: { code: "002003" },
    });
    expect(await rows(session, "select a from s1 order by a")).toEqual([["1"], ["2"]]);
  });

  it("substitutes binds as literals", async () => {
    const result = await session.execute("select ? + 1 as n, ? as s, :3 as b", {
      binds: [
        { type: "FIXED", value: "41" },
        { type: "TEXT", value: "it's" },
        { type: "BOOLEAN", value: "true" },
      ],
    });
    expect(show(result).rows).toEqual([["42", "it's", "true"]]);
  });
});

describe("SQL functions and temporary tables", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("ROUTINES"));
  });
  afterAll(async () => {
    await engine.close();
  });

  it("creates SQL UDFs that queries call unqualified, with the declared return type", async () => {
    await session.execute("create function speed_of_light() returns integer as $$ 299792458 $$");
    await session.execute(
      "create function add_tax(amount number(10,2), rate float) returns float as 'amount * (1 + rate)'",
    );
    const result = show(await session.execute("select speed_of_light(), add_tax(100, 0.19) as gross"));
    expect(result).toEqual({
      columns: ["SPEED_OF_LIGHT()", "GROSS"],
      types: ["NUMBER(38,0)", "FLOAT"],
      rows: [["299792458", "119"]],
    });
    await session.execute("drop function add_tax(number, float)");
    expect((await failure(session, "select add_tax(1, 1)")).code).toBe("002140");
  });

  it("CALLs a SQL procedure: statements with :arg binds, then RETURN", async () => {
    await session.execute("create table events (msg varchar, n int)");
    await session.execute(`create or replace procedure record_event(msg varchar, n number) returns varchar language sql as $$
      begin
        insert into events values (:msg, :n);
        update events set n = n + 1 where msg = :msg;
        return 'recorded ' || msg;
      end;
    $$`);
    const result = show(await session.execute("call record_event('hello', 41)"));
    expect(result).toEqual({
      columns: ["RECORD_EVENT"],
      types: ["VARCHAR(16777216)"],
      rows: [["recorded hello"]],
    });
    expect(await rows(session, "select msg, n from events")).toEqual([["hello", "42"]]);
    expect((await failure(session, "call no_such_procedure()")).message).toBe(
      "SQL compilation error:\nUnknown user-defined procedure ROUTINES.PUBLIC.NO_SUCH_PROCEDURE.",
    );
  });

  it("draws from sequences with NEXTVAL, also as a column default", async () => {
    await session.execute("create sequence order_seq start = 100 increment = 10");
    await session.execute("create table numbered (id number default order_seq.nextval, label varchar)");
    await session.execute("insert into numbered (label) values ('a'), ('b')");
    await session.execute("insert into numbered (id, label) select routines.public.order_seq.nextval, 'c'");
    expect(await rows(session, "select id, label from numbered order by id")).toEqual([
      ["100", "a"],
      ["110", "b"],
      ["120", "c"],
    ]);
  });

  it("runs anonymous blocks and EXECUTE IMMEDIATE", async () => {
    const results = await session.executeScript(`
      create table blocks (n int);
      begin
        insert into blocks values (1);
        insert into blocks values (2);
        return 'done';
      end;
      execute immediate $$ insert into blocks values (3) $$;
    `);
    expect(show(results[1] as NonNullable<(typeof results)[number]>)).toEqual({
      columns: ["anonymous block"],
      types: ["VARCHAR(16777216)"],
      rows: [["done"]],
    });
    expect(show(results[2] as NonNullable<(typeof results)[number]>).rows).toEqual([["1"]]);
    expect(await rows(session, "select count(*) from blocks")).toEqual([["3"]]);
  });

  it("drops a session's temporary tables when it closes", async () => {
    const other = await engine.openSession({ database: "ROUTINES" });
    await other.execute("create temporary table scratch (x int)");
    await other.execute("insert into scratch values (5)");
    expect(await rows(other, "select x from scratch")).toEqual([["5"]]);
    await other.close();
    expect((await failure(session, "select x from scratch")).code).toBe("002003");
  });
});

describe("INFORMATION_SCHEMA", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("INFO"));
    await session.execute(
      "create transient table facts (id number(10,0) not null, label varchar(30) comment 'name')",
    );
    await session.execute("create view v_facts as select id from facts");
  });
  afterAll(async () => {
    await engine.close();
  });

  it("lists tables and views of the database", async () => {
    expect(
      await rows(
        session,
        "select table_schema, table_name, table_type, is_transient from info.information_schema.tables order by table_name",
      ),
    ).toEqual([
      ["PUBLIC", "FACTS", "BASE TABLE", "YES"],
      ["PUBLIC", "V_FACTS", "VIEW", "NO"],
    ]);
  });

  it("describes columns with Snowflake's data types", async () => {
    expect(
      await rows(
        session,
        "select column_name, ordinal_position, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale, comment from information_schema.columns where table_name = 'FACTS' order by ordinal_position",
      ),
    ).toEqual([
      ["ID", "1", "NO", "NUMBER", null, "10", "0", null],
      ["LABEL", "2", "YES", "TEXT", "30", null, null, "name"],
    ]);
  });

  it("lists schemas", async () => {
    expect(await rows(session, "select schema_name from information_schema.schemata order by 1")).toEqual([
      ["INFORMATION_SCHEMA"],
      ["PUBLIC"],
    ]);
  });
});

describe("several sessions on one engine", () => {
  it("keep their own state and see each other's committed DDL while running at once", async () => {
    const { engine, session } = await freshSession("MANY");
    try {
      const sessions = await Promise.all([0, 1, 2, 3].map(() => engine.openSession({ database: "MANY" })));
      await Promise.all(sessions.map((s, i) => s.execute(`create table t${i} (a int)`)));
      await Promise.all(sessions.map((s, i) => s.execute(`insert into t${i} values (${i})`)));
      expect(
        await rows(session, "select count(*) from information_schema.tables where table_schema = 'PUBLIC'"),
      ).toEqual([["4"]]);
      await (sessions[0] as EngineSession).execute("create schema other");
      expect((sessions[0] as EngineSession).state().schema).toBe("OTHER");
      expect((sessions[1] as EngineSession).state().schema).toBe("PUBLIC");
      expect(await rows(sessions[1] as EngineSession, "select a from t3")).toEqual([["3"]]);
    } finally {
      await engine.close();
    }
  });
});
