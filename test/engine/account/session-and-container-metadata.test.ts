/**
 * DESCRIBE DATABASE / SCHEMA, SHOW VARIABLES, DESCRIBE RESULT, SHOW TRANSACTIONS and the IN clause
 * of SHOW … KEYS, as the command pages describe them (szeno/snowflake-docs b5c216b): one block per
 * family. Expected values are worked out from the pages, not read back from the code.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
});
afterEach(async () => {
  await a.close();
});

const pick = (t: { columns: string[]; rows: (string | null)[][] }, ...names: string[]) =>
  t.rows.map((r) => names.map((n) => r[t.columns.indexOf(n)]));

describe("DESCRIBE DATABASE / SCHEMA", () => {
  it("a database lists its schemas (INFORMATION_SCHEMA included) by name, a schema its relations oldest first", async () => {
    await a.run("create database d", "create schema zeta", "create schema alpha");
    const db = await a.run("describe database d");
    expect(db.columns).toEqual(["created_on", "name", "kind"]);
    expect(pick(db, "name", "kind")).toEqual([
      ["ALPHA", "SCHEMA"],
      ["INFORMATION_SCHEMA", "SCHEMA"],
      ["PUBLIC", "SCHEMA"],
      ["ZETA", "SCHEMA"],
    ]);
    await a.run(
      "use schema d.zeta",
      "create table t2 (i int)",
      "create view b_view as select i from t2",
      "create materialized view a_mview as select i from t2",
      "create table d.alpha.x (i int)",
    );
    // B_VIEW before A_MVIEW: creation order, not name order.
    const s = await a.run("desc schema d.zeta");
    expect(pick(s, "name", "kind")).toEqual([
      ["T2", "TABLE"],
      ["B_VIEW", "VIEW"],
      ["A_MVIEW", "MATERIALIZED_VIEW"],
    ]);
  });

  it("a missing database or schema is 002003", async () => {
    expect((await a.error("desc database nope")).code).toBe("002003");
    await a.run("create database d");
    expect((await a.error("desc schema d.nope")).code).toBe("002003");
  });
});

describe("SHOW VARIABLES", () => {
  it("lists the session's variables by name with value, type and times; LIKE filters case-insensitively", async () => {
    await a.run("set (min, max) = (40, 70)", "set label = 'x'");
    const t = await a.run("show variables");
    expect(t.columns).toEqual(["session_id", "created_on", "updated_on", "name", "value", "type", "comment"]);
    expect(pick(t, "name", "value", "type", "comment")).toEqual([
      ["LABEL", "x", "text", ""],
      ["MAX", "70", "fixed", ""],
      ["MIN", "40", "fixed", ""],
    ]);
    expect(pick(await a.run("show variables like 'm%'"), "name")).toEqual([["MAX"], ["MIN"]]);
  });

  it("SET again keeps created_on and moves updated_on; UNSET removes the row; another session sees none", async () => {
    await a.run("set v = 1");
    const created = pick(await a.run("show variables"), "created_on")[0]![0];
    await new Promise((r) => setTimeout(r, 5));
    await a.run("set v = 'now text'");
    const after = pick(await a.run("show variables"), "created_on", "updated_on", "value", "type");
    expect(after[0]![0]).toBe(created);
    expect(after[0]![1]).not.toBe(created);
    expect(after[0]!.slice(2)).toEqual(["now text", "text"]);
    const other = await a.open({});
    expect((await other.run("show variables")).rows).toEqual([]);
    await a.run("unset v");
    expect((await a.run("show variables")).rows).toEqual([]);
  });
});

describe("DESCRIBE RESULT", () => {
  it("describes the columns of an earlier query, by LAST_QUERY_ID() or by id", async () => {
    await a.run("create database d", "create table t (n number(10,2) not null, s varchar(5), d date)");
    await a.run("select n, s, d, n * 2 as twice from t");
    const t = await a.run("desc result last_query_id()");
    expect(t.columns).toEqual([
      "name",
      "type",
      "kind",
      "null?",
      "default",
      "primary key",
      "unique key",
      "check",
      "expression",
      "comment",
    ]);
    expect(pick(t, "name", "type", "kind", "primary key")).toEqual([
      ["N", "NUMBER(10,2)", "COLUMN", "N"],
      ["S", "VARCHAR(5)", "COLUMN", "N"],
      ["D", "DATE", "COLUMN", "N"],
      ["TWICE", "NUMBER(11,2)", "COLUMN", "N"],
    ]);
    const id = (await a.run("select last_query_id(-2)")).rows[0]![0];
    const byId = await a.run(`describe result '${id}'`);
    expect(pick(byId, "name")).toEqual([["N"], ["S"], ["D"], ["TWICE"]]);
  });

  it("an id that is not one of the session's statements is 000709", async () => {
    expect((await a.error("desc result 'f2f07bdb-6a08-4689-9ad8-a1ba968a44b6'")).code).toBe("000709");
  });
});

describe("SHOW TRANSACTIONS", () => {
  it("shows the open transaction while it runs, none before BEGIN or after COMMIT", async () => {
    const columns = ["id", "user", "session", "name", "started_on", "state", "scope"];
    const before = await a.run("show transactions");
    expect(before.columns).toEqual(columns);
    expect(before.rows).toEqual([]);
    await a.run("begin");
    const open = await a.run("show transactions");
    expect(open.rows).toHaveLength(1);
    const [id, state, scope, name] = pick(open, "id", "state", "scope", "name")[0]!;
    expect(id).toMatch(/^\d{13}000000$/);
    expect([state, scope]).toEqual(["running", "0"]);
    expect(name).toMatch(/^[0-9a-f-]{36}$/);
    await a.run("commit");
    expect((await a.run("show transactions in account")).rows).toEqual([]);
  });
});

describe("SHOW … KEYS IN [TABLE] <name>", () => {
  it("a bare or schema-qualified name is the table; IN TABLE alone is the current schema", async () => {
    await a.run(
      "create database d",
      "create schema d.s",
      "create table d.s.t (x int, y int, constraint pk primary key (x, y), u int unique)",
      "create table d.public.p (id int primary key)",
      "use schema d.s",
    );
    const keys = (sql: string) =>
      a.run(sql).then((t) => pick(t, "table_name", "column_name", "key_sequence"));
    const tKeys = [
      ["T", "X", "1"],
      ["T", "Y", "2"],
    ];
    expect(await keys("show primary keys in t")).toEqual(tKeys);
    expect(await keys("show primary keys in s.t")).toEqual(tKeys);
    expect(await keys("show primary keys in table t")).toEqual(tKeys);
    expect(await keys("show primary keys in table")).toEqual(tKeys);
    expect(await keys("show unique keys in t")).toEqual([["T", "U", "1"]]);
    expect(await keys("show primary keys in database")).toEqual([["P", "ID", "1"], ...tKeys]);
    expect((await a.error("show primary keys in nope")).code).toBe("002003");
  });
});

describe("INFORMATION_SCHEMA's created_on", () => {
  it("is the time of the SHOW, so it sorts after schemas made earlier (USE DATABASE page)", async () => {
    await a.run("create database d", "create schema later_one");
    const t = await a.run('show schemas ->> select "name" from $1 order by "created_on"');
    expect(t.rows.map(([n]) => n)).toEqual(["PUBLIC", "LATER_ONE", "INFORMATION_SCHEMA"]);
  });
});

describe("SHOW TABLES / VIEWS / OBJECTS without IN", () => {
  it("lists the schema in use (USE SCHEMA page); IN DATABASE lists the whole database", async () => {
    await a.run(
      "create database d",
      "create schema d.one",
      "create table d.one.abc (i int)",
      "create view d.one.v_one as select 1 as x",
      "create schema d.two",
      "create table d.two.xyz (i int)",
    );
    const names = async (sql: string) => pick(await a.run(sql), "name").map(([n]) => n);
    await a.run("use schema d.one");
    expect(await names("show tables")).toEqual(["ABC"]);
    expect(await names("show views")).toEqual(["V_ONE"]);
    expect(await names("show objects")).toEqual(["ABC", "V_ONE"]);
    await a.run("use schema d.two");
    expect(await names("show tables")).toEqual(["XYZ"]);
    expect(await names("show tables in database")).toEqual(["ABC", "XYZ"]);
  });
});

describe("ALTER SEQUENCE", () => {
  it("RENAME TO keeps the next value, the interval and the owner; the old name is gone", async () => {
    await a.run("create database d", "create sequence myseq start 5 increment 10", "select myseq.nextval");
    await a.run("alter sequence myseq rename to newseq");
    const t = await a.run("show sequences");
    expect(pick(t, "name", "next_value", "interval", "owner")).toEqual([
      ["NEWSEQ", "15", "10", "ACCOUNTADMIN"],
    ]);
    expect((await a.run("select newseq.nextval")).rows).toEqual([["15"]]);
    expect((await a.error("select myseq.nextval")).code).toBe("002043");
  });

  it("SET INCREMENT changes the step from the next value on; SET / UNSET COMMENT", async () => {
    await a.run("create database d", "create sequence s", "select s.nextval");
    await a.run("alter sequence s set increment by = 3", "alter sequence s set comment = 'ids'");
    expect((await a.run("select s.nextval")).rows).toEqual([["2"]]);
    expect((await a.run("select s.nextval")).rows).toEqual([["5"]]);
    expect(pick(await a.run("show sequences"), "next_value", "interval", "comment")).toEqual([
      ["8", "3", "ids"],
    ]);
    await a.run("alter sequence s unset comment");
    expect(pick(await a.run("show sequences"), "comment")).toEqual([[""]]);
  });
});
