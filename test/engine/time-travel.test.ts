import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./account/helpers.js";

// Expected rows are worked out from the statements each test runs, in the order it runs them.
const sorted = (rows: (string | null)[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("Time Travel: AT | BEFORE", () => {
  let a: Account;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database tt", "use schema tt.public", "create table t (a int, b varchar)");
    const step = async (name: string, sql: string) => {
      ids[name] = (await a.session.execute(sql)).queryId;
    };
    await step("insert", "insert into t values (1, 'a'), (2, 'b'), (2, 'b')");
    await a.run("set ts_after_insert = (select current_timestamp())");
    await step("update", "update t set b = 'B' where a = 2");
    await step("delete", "delete from t where a = 1");
    await step("insert2", "insert into t values (3, 'c')");
  });
  afterAll(() => a.close());

  const at = async (clause: string) => sorted((await a.run(`select a, b from t ${clause}`)).rows);

  it("AT and BEFORE a statement give the rows as that statement left them or found them", async () => {
    expect(await at(`before(statement => '${ids.insert}')`)).toEqual([]);
    expect(await at(`at(statement => '${ids.insert}')`)).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["2", "b"],
    ]);
    expect(await at(`at(statement => '${ids.update}')`)).toEqual([
      ["1", "a"],
      ["2", "B"],
      ["2", "B"],
    ]);
    expect(await at(`before(statement => '${ids.delete}')`)).toEqual([
      ["1", "a"],
      ["2", "B"],
      ["2", "B"],
    ]);
    expect(await at(`at(statement => '${ids.delete}')`)).toEqual([
      ["2", "B"],
      ["2", "B"],
    ]);
    expect(await at(`at(statement => '${ids.insert2}')`)).toEqual([
      ["2", "B"],
      ["2", "B"],
      ["3", "c"],
    ]);
    expect(await at("")).toEqual([
      ["2", "B"],
      ["2", "B"],
      ["3", "c"],
    ]);
  });

  it("AT a timestamp includes the statements up to it; OFFSET reads back from now", async () => {
    expect(await at("at(timestamp => $ts_after_insert)")).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["2", "b"],
    ]);
    expect(await at("at(offset => 0)")).toEqual([
      ["2", "B"],
      ["2", "B"],
      ["3", "c"],
    ]);
  });

  it("a time before the table was created is Snowflake's 000707", async () => {
    for (const clause of [
      "at(timestamp => '2024-06-05 15:29:00'::timestamp_ltz)",
      "at(timestamp => to_timestamp(1432669154242, 3))",
      "at(offset => -3600)",
    ]) {
      const e = await a.error(`select * from t ${clause}`);
      expect(e.code).toBe("000707");
      expect(e.message).toBe(
        "Time travel data is not available for table T. The requested time is either beyond the allowed time travel period or before the object creation time.",
      );
    }
  });

  it("works with an alias, in a join of two points of one table, in a CTE and in CREATE TABLE … AS", async () => {
    const diff = await a.run(
      `select oldt.a as old_a, newt.a as new_a from t before(statement => '${ids.delete}') as oldt
         full outer join t at(statement => '${ids.delete}') as newt on oldt.a = newt.a
       where oldt.a is null or newt.a is null`,
    );
    expect(diff.rows).toEqual([["1", null]]);
    const cte = await a.run(
      `with c as (select * from t at(statement => '${ids.insert}') x where x.a = 1) select b from c`,
    );
    expect(cte.rows).toEqual([["a"]]);
    await a.run(`create table copy as select * from t before(statement => '${ids.delete}')`);
    expect(sorted((await a.run("select a, b from copy")).rows)).toEqual([
      ["1", "a"],
      ["2", "B"],
      ["2", "B"],
    ]);
    await a.run(`create table cloned clone t at(statement => '${ids.insert}')`);
    expect(sorted((await a.run("select a, b from cloned")).rows)).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["2", "b"],
    ]);
  });

  it("refuses AT on a CTE's name, an unknown statement and a table with no retention", async () => {
    expect((await a.error("with c as (select * from t) select * from c at(offset => -1)")).code).toBe(
      "002003",
    );
    expect(
      (await a.error("select * from t before(statement => '01b2c3d4-0000-0000-0000-000000000001')")).code,
    ).toBe("000709");
    await a.run("create table brief (a int) data_retention_time_in_days = 0", "insert into brief values (1)");
    expect((await a.error("select * from brief at(offset => 0)")).code).toBe("000707");
  });

  it("a MERGE starts the history afresh: earlier points give 000707, never rows it did not keep", async () => {
    await a.run("create table m (k int, v int)");
    const first = (await a.session.execute("insert into m values (1, 10)")).queryId;
    await a.run("merge into m using (select 1 as k) s on m.k = s.k when matched then update set v = 11");
    expect((await a.error(`select * from m at(statement => '${first}')`)).code).toBe("000707");
    const after = (await a.session.execute("insert into m values (2, 20)")).queryId;
    expect(sorted((await a.run(`select * from m before(statement => '${after}')`)).rows)).toEqual([
      ["1", "11"],
    ]);
  });
});

describe("Time Travel across the table's life", () => {
  let a: Account;
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database life", "use schema life.public");
  });
  afterAll(() => a.close());

  it("TRUNCATE keeps the rows it removes; RENAME and SWAP keep the history with the table", async () => {
    await a.run("create table t (a int)", "insert into t values (1), (2)");
    const truncate = (await a.session.execute("truncate table t")).queryId;
    expect((await a.run(`select a from t before(statement => '${truncate}') order by a`)).rows).toEqual([
      ["1"],
      ["2"],
    ]);
    await a.run("alter table t rename to t2", "create table other (a int)", "alter table t2 swap with other");
    expect((await a.run(`select a from other before(statement => '${truncate}') order by a`)).rows).toEqual([
      ["1"],
      ["2"],
    ]);
  });

  it("a replaced table or a changed column list starts afresh instead of mixing shapes", async () => {
    await a.run("create table r (a int)");
    const first = (await a.session.execute("insert into r values (1)")).queryId;
    await a.run("create or replace table r (a int, b varchar)", "insert into r values (2, 'x')");
    expect((await a.error(`select * from r at(statement => '${first}')`)).code).toBe("000707");
    const second = (await a.session.execute("insert into r values (3, 'y')")).queryId;
    await a.run("alter table r add column c int", "insert into r values (4, 'z', 4)");
    expect((await a.error(`select * from r at(statement => '${second}')`)).code).toBe("000707");
    const last = (await a.session.execute("delete from r where a = 4")).queryId;
    expect((await a.run(`select a, c from r before(statement => '${last}') order by a`)).rows).toEqual([
      ["2", null],
      ["3", null],
      ["4", "4"],
    ]);
  });

  it("a rolled-back transaction takes its statements and images with it", async () => {
    await a.run("create table tx (a int)", "begin", "insert into tx values (1)", "rollback");
    const kept = (await a.session.execute("insert into tx values (2)")).queryId;
    await a.run("begin", "insert into tx values (3)", "delete from tx where a = 2", "commit");
    expect((await a.run(`select a from tx at(statement => '${kept}')`)).rows).toEqual([["2"]]);
    expect((await a.run("select a from tx")).rows).toEqual([["3"]]);
  });

  it("purges statements and row images once they are older than the retention period", async () => {
    await a.run("create table p (a int) data_retention_time_in_days = 1", "insert into p values (1)");
    const old = (await a.session.execute("update p set a = 2")).queryId;
    const connection = (
      a.engine as unknown as {
        connection: { runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> };
      }
    ).connection;
    const images = async () =>
      Number(
        (
          await connection.runAndReadAll(`SELECT count(*) FROM _mercurios_history."LIFE.PUBLIC.P"`)
        ).getRows()[0]?.[0],
      );
    expect(await images()).toBe(3);
    const start = Date.now();
    a.catalog.setClock(() => start + 2 * 86_400_000);
    await a.run("insert into p values (3)");
    expect(await images()).toBe(1);
    expect((await a.error(`select * from p at(statement => '${old}')`)).code).toBe("000707");
    expect((await a.run("select a from p order by a")).rows).toEqual([["2"], ["3"]]);
  });
});

describe("CHANGES", () => {
  let a: Account;
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database ct", "use schema ct.public");
  });
  afterAll(() => a.close());

  it("DEFAULT gives the net changes, APPEND_ONLY every inserted row, with the METADATA$ columns", async () => {
    await a.run(
      "create table t1 (id number(8) not null, c1 varchar(255))",
      "alter table t1 set change_tracking = true",
      "insert into t1 values (9, 'before')",
      "set ts1 = (select current_timestamp())",
      "insert into t1 values (1, 'red'), (2, 'blue'), (3, 'green')",
      "delete from t1 where id = 1",
      "update t1 set c1 = 'purple' where id = 2",
      "update t1 set c1 = 'after' where id = 9",
    );
    const net = await a.run(
      "select id, c1, metadata$action, metadata$isupdate, metadata$row_id from t1 changes(information => default) at(timestamp => $ts1) order by id, metadata$action",
    );
    expect(net.columns).toEqual(["ID", "C1", "METADATA$ACTION", "METADATA$ISUPDATE", "METADATA$ROW_ID"]);
    expect(net.rows.map((r) => r.slice(0, 4))).toEqual([
      ["2", "purple", "INSERT", "false"],
      ["3", "green", "INSERT", "false"],
      ["9", "before", "DELETE", "true"],
      ["9", "after", "INSERT", "true"],
    ]);
    for (const r of net.rows) expect(r[4]).toMatch(/^[0-9a-f]{40}$/);
    // An update's two rows share the row's id.
    expect(net.rows[2]?.[4]).toBe(net.rows[3]?.[4]);
    const appended = await a.run(
      "select id, c1, metadata$action, metadata$isupdate from t1 changes(information => append_only) at(timestamp => $ts1) order by id",
    );
    expect(appended.rows).toEqual([
      ["1", "red", "INSERT", "false"],
      ["2", "blue", "INSERT", "false"],
      ["3", "green", "INSERT", "false"],
    ]);
  });

  it("END bounds the range, inclusive of an END statement", async () => {
    await a.run(
      "create table t2 (id int, c1 varchar)",
      "alter table t2 set change_tracking = true",
      "set s = (select current_timestamp())",
      "insert into t2 values (1, 'red'), (2, 'blue'), (3, 'green')",
    );
    const del = (await a.session.execute("delete from t2 where id = 3")).queryId;
    await a.run("insert into t2 values (4, 'later')");
    const r = await a.run(
      `select c1 from t2 changes(information => default) at(timestamp => $s) end(statement => '${del}') order by c1`,
    );
    expect(r.rows).toEqual([["blue"], ["red"]]);
  });

  it("needs CHANGE_TRACKING = TRUE on the table", async () => {
    await a.run("create table plain (id int)", "insert into plain values (1)");
    const e = await a.error("select * from plain changes(information => default) at(offset => 0)");
    expect(e.message).toContain("Change tracking is not enabled");
  });
});

describe("Time Travel and access control", () => {
  let a: Account;
  let first: string;
  beforeAll(async () => {
    a = await openAccount();
    await a.run(
      "create database sec",
      "use schema sec.public",
      "create table secrets (id int, tenant varchar, email varchar)",
    );
    first = (
      await a.session.execute(
        "insert into secrets values (1, 'A', 'anna@example.com'), (2, 'B', 'bert@example.org')",
      )
    ).queryId;
    await a.run(
      "delete from secrets",
      "create row access policy tenant_a as (tenant varchar) returns boolean -> current_role() <> 'READER' or tenant = 'A'",
      "alter table secrets add row access policy tenant_a on (tenant)",
      "create masking policy hide as (val string) returns string -> case when current_role() = 'READER' then '***' else val end",
      "alter table secrets modify column email set masking policy hide",
      "create role reader",
      "create role outsider",
      "grant role reader to user admin",
      "grant role outsider to user admin",
      "grant usage on database sec to role reader",
      "grant usage on schema sec.public to role reader",
      "grant select on table sec.public.secrets to role reader",
      "grant usage on database sec to role outsider",
      "grant usage on schema sec.public to role outsider",
    );
  });
  afterAll(() => a.close());

  it("a role without SELECT on the table cannot read its history either", async () => {
    const s = await a.open({});
    await s.run("use role outsider", "use schema sec.public");
    const now = await s.error("select * from secrets");
    const past = await s.error(`select * from secrets at(statement => '${first}')`);
    expect(past.code).toBe(now.code);
    expect(past.message).toBe(now.message);
    const changes = await s.error(
      `select * from secrets changes(information => append_only) at(statement => '${first}')`,
    );
    expect(changes.code).toBe(now.code);
  });

  it("row access and masking policies apply to historical rows", async () => {
    const s = await a.open({});
    await s.run("use role reader", "use schema sec.public");
    expect((await s.run("select * from secrets")).rows).toEqual([]);
    expect((await s.run(`select id, tenant, email from secrets at(statement => '${first}')`)).rows).toEqual([
      ["1", "A", "***"],
    ]);
    expect(sorted((await a.run(`select id, email from secrets at(statement => '${first}')`)).rows)).toEqual([
      ["1", "anna@example.com"],
      ["2", "bert@example.org"],
    ]);
  });
});
