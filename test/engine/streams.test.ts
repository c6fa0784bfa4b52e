import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./account/helpers.js";

// Expected rows are worked out from the statements each test runs, in the order it runs them.
const sorted = (rows: (string | null)[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("Streams on tables", () => {
  let a: Account;
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database st", "use schema st.public");
  });
  afterAll(() => a.close());

  const changes = async (stream: string) =>
    sorted(
      (await a.run(`select a, b, metadata$action, metadata$isupdate from ${stream}`)).rows.map((r) => [...r]),
    );

  it("a standard stream shows the net changes since its offset, with the METADATA$ columns", async () => {
    await a.run(
      "create table t (a int, b varchar)",
      "insert into t values (1, 'old')",
      "create stream s on table t",
      "insert into t values (2, 'new')",
      "update t set b = 'upd' where a = 1",
    );
    const columns = (await a.run("select * from s")).columns;
    expect(columns).toEqual(["A", "B", "METADATA$ACTION", "METADATA$ISUPDATE", "METADATA$ROW_ID"]);
    expect(await changes("s")).toEqual([
      ["1", "old", "DELETE", "true"],
      ["1", "upd", "INSERT", "true"],
      ["2", "new", "INSERT", "false"],
    ]);
    // CREATE STREAM turns change tracking on, as Snowflake does.
    expect(await a.column("show tables like 'T'", "change_tracking")).toEqual(["ON"]);
  });

  it("a plain SELECT does not advance the offset; a DML statement reading the stream does", async () => {
    await a.run("create table sink (a int, b varchar, action varchar)");
    expect((await changes("s")).length).toBe(3);
    await a.run("insert into sink select a, b, metadata$action from s");
    expect(await changes("s")).toEqual([]);
    expect((await a.run("select count(*) from sink")).rows).toEqual([["3"]]);
    await a.run("delete from t where a = 2");
    expect(await changes("s")).toEqual([["2", "new", "DELETE", "false"]]);
  });

  it("CTAS from a stream consumes it; a row inserted and deleted since the offset is not shown", async () => {
    await a.run("create table t2 as select * from s");
    expect(await changes("s")).toEqual([]);
    await a.run("insert into t values (9, 'x')", "delete from t where a = 9");
    expect(await changes("s")).toEqual([]);
  });

  it("inside an explicit transaction the offset advances only at COMMIT, and not after ROLLBACK", async () => {
    await a.run("insert into t values (3, 'c')");
    await a.run("begin", "insert into sink select a, b, metadata$action from s");
    expect((await changes("s")).length).toBe(1);
    await a.run("rollback");
    expect((await changes("s")).length).toBe(1);
    await a.run("begin", "insert into sink select a, b, metadata$action from s");
    await a.run("commit");
    expect(await changes("s")).toEqual([]);
  });

  it("SYSTEM$STREAM_HAS_DATA says whether there are changes past the offset", async () => {
    const has = async () => (await a.run("select system$stream_has_data('S')")).rows[0]?.[0];
    expect((await a.run("select system$stream_has_data('S')")).columns).toEqual([
      "SYSTEM$STREAM_HAS_DATA('S')",
    ]);
    expect(await has()).toBe("false");
    await a.run("insert into t values (4, 'd')");
    expect(await has()).toBe("true");
    // A table's name is not a stream's.
    expect((await a.error("select system$stream_has_data('T')")).code).toBe("002003");
  });

  it("APPEND_ONLY streams show inserted rows only; SHOW_INITIAL_ROWS starts with the table's rows", async () => {
    await a.run(
      "create table src (a int, b varchar)",
      "insert into src values (1, 'a'), (2, 'b')",
      "create stream ao on table src append_only = true",
      "create stream init on table src show_initial_rows = true",
      "insert into src values (3, 'c')",
      "delete from src where a = 1",
      "update src set b = 'B' where a = 2",
    );
    expect(await changes("ao")).toEqual([["3", "c", "INSERT", "false"]]);
    expect(await changes("init")).toEqual([
      ["2", "B", "INSERT", "false"],
      ["3", "c", "INSERT", "false"],
    ]);
    await a.run("create table drain as select * from init");
    await a.run("insert into src values (5, 'e')");
    expect(await changes("init")).toEqual([["5", "e", "INSERT", "false"]]);
  });

  it("AT(STREAM => …) reads the changes from a stream's offset without consuming it", async () => {
    await a.run("create table p (a int, b varchar)", "create stream ps on table p");
    await a.run("insert into p values (1, 'x')");
    const rows = await a.run("select a, b from p changes(information => append_only) at(stream => 'ps')");
    expect(rows.rows).toEqual([["1", "x"]]);
    await a.run("create table copy_p as select a from p changes(information => default) at(stream => 'ps')");
    expect((await changes("ps")).length).toBe(1);
    // A stream created at another's offset sees the same changes.
    await a.run("create stream ps2 on table p at(stream => 'ps')");
    expect(await changes("ps2")).toEqual(await changes("ps"));
    await a.run("create stream ps3 clone ps2");
    expect(await changes("ps3")).toEqual(await changes("ps"));
  });

  it("SHOW STREAMS and DESCRIBE STREAM print Snowflake's columns; ALTER STREAM sets the comment", async () => {
    await a.run("alter stream ao set comment = 'inserts only'");
    const shown = await a.run("show streams like 'AO'");
    expect(shown.columns).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "owner",
      "comment",
      "table_name",
      "source_type",
      "base_tables",
      "type",
      "stale",
      "mode",
      "stale_after",
      "invalid_reason",
      "owner_role_type",
    ]);
    const row = shown.rows[0] ?? [];
    expect(row.slice(1, 12)).toEqual([
      "AO",
      "ST",
      "PUBLIC",
      "ACCOUNTADMIN",
      "inserts only",
      "ST.PUBLIC.SRC",
      "Table",
      "",
      "DELTA",
      "false",
      "APPEND_ONLY",
    ]);
    const described = await a.run("describe stream ao");
    expect(described.columns).toEqual(shown.columns);
    await a.run("alter stream ao unset comment");
    expect(await a.column("show streams like 'AO'", "comment")).toEqual([""]);
    expect(await a.column("show streams in schema st.public", "name")).toContain("S");
    expect((await a.run("select get_ddl('stream', 'ao')")).rows[0]?.[0]).toBe(
      "create or replace stream AO on table ST.PUBLIC.SRC append_only = true;",
    );
  });

  it("a stream follows its table through ALTER TABLE RENAME", async () => {
    await a.run(
      "create table before_name (a int, b varchar)",
      "create stream follows on table before_name",
      "insert into before_name values (1, 'r')",
      "alter table before_name rename to after_name",
    );
    expect(await changes("follows")).toEqual([["1", "r", "INSERT", "false"]]);
    expect(await a.column("show streams like 'FOLLOWS'", "table_name")).toEqual(["ST.PUBLIC.AFTER_NAME"]);
  });

  it("DROP STREAM removes it; unknown streams and unsupported sources fail clearly", async () => {
    await a.run("create stream gone on table t", "drop stream gone");
    expect((await a.error("select * from gone")).code).toBe("002003");
    expect((await a.error("drop stream gone")).code).toBe("002003");
    expect((await a.run("drop stream if exists gone")).rows[0]?.[0]).toContain("already dropped");
    expect((await a.error("alter stream gone set comment = 'x'")).code).toBe("002003");
    expect((await a.run("alter stream if exists gone set comment = 'x'")).rows[0]?.[0]).toBe(
      "Statement executed successfully.",
    );
    await a.run("create view v as select * from t");
    const onView = await a.error("create stream sv on view v");
    expect(onView.code).toBe("002040");
    expect(onView.message).toMatch(/ON VIEW.*not emulated/i);
    const insertOnly = await a.error("create stream se on external table t insert_only = true");
    expect(insertOnly.message).toMatch(/not emulated/i);
    const onStage = await a.error("create stream sg on stage mystage");
    expect(onStage.message).toMatch(/ON STAGE.*not emulated/i);
    expect((await a.error("create stream s on table t")).code).toBe("002002");
    expect((await a.run("create stream if not exists s on table t")).rows[0]?.[0]).toContain(
      "already exists",
    );
    expect((await a.error("create stream nope on table missing_table")).code).toBe("002003");
    const view = await a.error("create view over_stream as select * from s");
    expect(view.code).toBe("002040");
    expect(view.message).toMatch(/view over a stream/);
  });
});

describe("Streams and privileges", () => {
  let a: Account;
  beforeAll(async () => {
    a = await openAccount();
    await a.run(
      "create database sec",
      "use schema sec.public",
      "create table secrets (id int, email varchar)",
      "create stream leak on table secrets",
      "insert into secrets values (1, 'anna@example.com')",
      "create role stream_only",
      "create role table_only",
      "create role both_roles",
      "grant role stream_only to user admin",
      "grant role table_only to user admin",
      "grant role both_roles to user admin",
      "grant usage on database sec to role stream_only",
      "grant usage on schema sec.public to role stream_only",
      "grant select on stream sec.public.leak to role stream_only",
      "grant usage on database sec to role table_only",
      "grant usage on schema sec.public to role table_only",
      "grant select on table sec.public.secrets to role table_only",
      "grant usage on database sec to role both_roles",
      "grant usage on schema sec.public to role both_roles",
      "grant select on table sec.public.secrets to role both_roles",
      "grant select on stream sec.public.leak to role both_roles",
    );
  });
  afterAll(() => a.close());

  it("SELECT on the stream without SELECT on its table reads nothing", async () => {
    const s = await a.open({});
    await s.run("use role stream_only", "use schema sec.public");
    const error = await s.error("select * from leak");
    expect(error.message).toMatch(/Insufficient privileges|does not exist/);
  });

  it("SELECT on the table without SELECT on the stream reads nothing either", async () => {
    const s = await a.open({});
    await s.run("use role table_only", "use schema sec.public");
    const error = await s.error("select * from leak");
    expect(error.message).toMatch(/Insufficient privileges|does not exist/);
    expect((await s.error("select system$stream_has_data('LEAK')")).message).toMatch(
      /Insufficient privileges|does not exist/,
    );
  });

  it("both privileges read the stream", async () => {
    const s = await a.open({});
    await s.run("use role both_roles", "use schema sec.public");
    expect((await s.run("select id, email from leak")).rows).toEqual([["1", "anna@example.com"]]);
  });
});
