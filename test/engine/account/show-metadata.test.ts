/**
 * Account-object metadata as Snowflake's SQL command reference documents it (issue 13 part 6):
 * SHOW PARAMETERS in every scope, SHOW USER FUNCTIONS / PROCEDURES, table properties in SHOW
 * TABLES, view column types in DESCRIBE VIEW, SHOW TASKS' column list, GET_DDL of a warehouse;
 * and what a fresh engine shows (part 4).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Engine, type EngineSession, openEngine } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeEach(async () => {
  ({ engine, session } = await freshSession("META"));
  await session.execute("use schema meta.public");
});
afterEach(async () => {
  await engine.close();
});

/** Runs statements in order and returns the last one's displayed result. */
async function run(...sql: string[]) {
  let last = await session.execute(sql[0] as string);
  for (const s of sql.slice(1)) last = await session.execute(s);
  return show(last);
}

/** Rows as objects keyed by column name. */
async function records(...sql: string[]): Promise<Record<string, string | null>[]> {
  const r = await run(...sql);
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] ?? null])));
}

describe("SHOW PARAMETERS in every scope", () => {
  it("session scope (the default): values, defaults and the SESSION level after ALTER SESSION", async () => {
    const before = await records("show parameters like 'TIMEZONE'");
    expect(before).toEqual([
      {
        key: "TIMEZONE",
        value: "America/Los_Angeles",
        default: "America/Los_Angeles",
        level: "",
        description: "time zone",
        type: "STRING",
      },
    ]);
    const after = await records(
      "alter session set timezone = 'UTC'",
      "show parameters like 'time%zone' in session",
    );
    expect(after.map((r) => [r.key, r.value, r.level])).toEqual([["TIMEZONE", "UTC", "SESSION"]]);
    const all = await records("show parameters");
    expect(all.map((r) => r.key)).toContain("QUOTED_IDENTIFIERS_IGNORE_CASE");
    expect(all.find((r) => r.key === "AUTOCOMMIT")).toMatchObject({ value: "true", type: "BOOLEAN" });
  });

  it("account scope: ALTER ACCOUNT SET shows ACCOUNT, and sessions inherit it", async () => {
    const acct = await records(
      "alter account set week_start = 1",
      "show parameters like 'WEEK_START' in account",
    );
    expect(acct.map((r) => [r.key, r.value, r.default, r.level])).toEqual([
      ["WEEK_START", "1", "0", "ACCOUNT"],
    ]);
    const sess = await records("show parameters like 'WEEK_START'");
    expect(sess.map((r) => [r.value, r.level])).toEqual([["1", "ACCOUNT"]]);
    const retention = await records("show parameters like 'DATA_RETENTION%' in account");
    expect(retention.map((r) => [r.key, r.value])).toEqual([["DATA_RETENTION_TIME_IN_DAYS", "1"]]);
  });

  it("database, schema and table scopes: DATA_RETENTION_TIME_IN_DAYS set where it was set", async () => {
    await run(
      "create database rdb data_retention_time_in_days = 5",
      "create schema rdb.s1",
      "create table rdb.s1.t1 (x int) data_retention_time_in_days = 9",
      "create table rdb.s1.t2 (x int)",
    );
    const db = await records("show parameters in database rdb");
    expect(db.map((r) => [r.key, r.value, r.default, r.level])).toEqual([
      ["DATA_RETENTION_TIME_IN_DAYS", "5", "1", "DATABASE"],
    ]);
    const schema = await records("show parameters in schema rdb.s1");
    expect(schema.map((r) => [r.value, r.level])).toEqual([["5", "DATABASE"]]);
    const own = await records("show parameters for table rdb.s1.t1");
    expect(own.map((r) => [r.value, r.level])).toEqual([["9", "TABLE"]]);
    const inherited = await records("show parameters in table rdb.s1.t2");
    expect(inherited.map((r) => [r.value, r.level])).toEqual([["5", "DATABASE"]]);
    const current = await records("use database rdb", "show parameters in database");
    expect(current.map((r) => r.value)).toEqual(["5"]);
  });

  it("user, warehouse and task scopes", async () => {
    const user = await records("show parameters like 'TIMEZONE' in user");
    expect(user.map((r) => [r.key, r.value])).toEqual([["TIMEZONE", "America/Los_Angeles"]]);
    const wh = await records("create warehouse pwh", "show parameters like 'MAX%' in warehouse pwh");
    expect(wh.map((r) => [r.key, r.value])).toEqual([["MAX_CONCURRENCY_LEVEL", "8"]]);
    const task = await records(
      "create task ptask warehouse = pwh schedule = '5 minute' user_task_timeout_ms = 1000 as select 1",
      "show parameters like 'USER_TASK%' in task ptask",
    );
    expect(task.map((r) => [r.key, r.value, r.default, r.level])).toEqual([
      ["USER_TASK_TIMEOUT_MS", "1000", "3600000", "TASK"],
    ]);
    await expect(session.execute("show parameters in task missing_task")).rejects.toThrow(/does not exist/);
  });
});

describe("SHOW USER FUNCTIONS and SHOW [USER] PROCEDURES", () => {
  it("lists UDFs with their argument types, return type and Snowflake's columns", async () => {
    await run(
      "create function add_one(x number) returns number as 'x + 1'",
      "create function greeting() returns varchar comment = 'says hi' as $$ 'hi' $$",
    );
    const r = await run("show user functions like 'ADD%' in schema");
    expect(r.columns.slice(0, 14)).toEqual([
      "created_on",
      "name",
      "schema_name",
      "is_builtin",
      "is_aggregate",
      "is_ansi",
      "min_num_arguments",
      "max_num_arguments",
      "arguments",
      "description",
      "catalog_name",
      "is_table_function",
      "valid_for_clustering",
      "is_secure",
    ]);
    const [row] = await records("show user functions like 'ADD%' in schema");
    expect(row).toMatchObject({
      name: "ADD_ONE",
      schema_name: "PUBLIC",
      is_builtin: "N",
      min_num_arguments: "1",
      max_num_arguments: "1",
      arguments: "ADD_ONE(NUMBER) RETURN NUMBER",
      description: "user-defined function",
      catalog_name: "META",
      language: "SQL",
    });
    const all = await records("show user functions");
    expect(all.map((f) => [f.name, f.description])).toEqual([
      ["ADD_ONE", "user-defined function"],
      ["GREETING", "says hi"],
    ]);
  });

  it("lists procedures under SHOW PROCEDURES and SHOW USER PROCEDURES, not under functions", async () => {
    await run(
      "create procedure area_of_circle(radius float) returns float language javascript as $$ return 3.14 * RADIUS * RADIUS; $$",
    );
    const procs = await records("show procedures like 'area_of_%'");
    expect(procs.map((p) => [p.name, p.arguments, p.description, p.is_table_function])).toEqual([
      ["AREA_OF_CIRCLE", "AREA_OF_CIRCLE(FLOAT) RETURN FLOAT", "user-defined procedure", "N"],
    ]);
    expect((await run("show procedures")).columns).toHaveLength(14);
    expect(await records("show user procedures in database meta")).toHaveLength(1);
    expect(await records("show user functions")).toHaveLength(0);
  });
});

describe("table properties in SHOW TABLES", () => {
  it("shows TEMPORARY, CHANGE_TRACKING and DATA_RETENTION_TIME_IN_DAYS as created", async () => {
    await run(
      "create temporary table tmp1 (x int)",
      "create table tracked (x int) change_tracking = true data_retention_time_in_days = 7",
      "create transient table tr1 (x int)",
    );
    const rows = await records("show tables");
    expect(rows.map((r) => [r.name, r.kind, r.retention_time, r.change_tracking])).toEqual([
      ["TMP1", "TEMPORARY", "1", "OFF"],
      ["TR1", "TRANSIENT", "0", "OFF"],
      ["TRACKED", "TABLE", "7", "ON"],
    ]);
    const terse = await records("show terse tables like 'TMP%'");
    expect(terse.map((r) => r.kind)).toEqual(["TEMPORARY"]);
  });
});

describe("DESCRIBE VIEW keeps declared column types", () => {
  it("keeps VARCHAR lengths through aliases and expressions", async () => {
    const r = await run(
      "create table emp (id int, lname varchar(50), location varchar(100))",
      `create view emp_view as select id "Employee Number", lname "Last Name", location "Home Base", lname || '!' as shout from emp`,
      "desc view emp_view",
    );
    expect(r.rows.map((row) => [row[0], row[1]])).toEqual([
      ["Employee Number", "NUMBER(38,0)"],
      ["Last Name", "VARCHAR(50)"],
      ["Home Base", "VARCHAR(100)"],
      ["SHOUT", "VARCHAR(51)"],
    ]);
  });
});

describe("DESCRIBE TABLE key flags", () => {
  it("marks PRIMARY KEY and UNIQUE columns, inline and out of line", async () => {
    const r = await run(
      "create table keyed (a int primary key, b int unique, c int, d int, constraint uq unique (c))",
      "describe table keyed",
    );
    expect(r.rows.map((row) => [row[0], row[3], row[5], row[6]])).toEqual([
      ["A", "N", "Y", "N"],
      ["B", "Y", "N", "Y"],
      ["C", "Y", "N", "Y"],
      ["D", "Y", "N", "N"],
    ]);
  });
});

describe("SHOW TASKS", () => {
  it("has the documented column list, and TERSE the documented subset with kind NULL", async () => {
    await run("create warehouse twh", "create task t1 warehouse = twh schedule = '5 minute' as select 1");
    const full = await run("show tasks");
    expect(full.columns).toEqual([
      "created_on",
      "name",
      "id",
      "database_name",
      "schema_name",
      "owner",
      "comment",
      "warehouse",
      "schedule",
      "scheduling_mode",
      "target_completion_interval",
      "predecessors",
      "state",
      "definition",
      "condition",
      "allow_overlapping_execution",
      "error_integration",
      "success_integration",
      "last_committed_on",
      "last_suspended_on",
      "owner_role_type",
      "config",
      "last_suspended_reason",
      "task_relations",
      "execute_as_user",
    ]);
    const terse = await records("show terse tasks");
    expect(terse.map((t) => [t.name, t.kind, t.database_name, t.schema_name, t.schedule])).toEqual([
      ["T1", null, "META", "PUBLIC", "5 minute"],
    ]);
    expect(Object.keys(terse[0] ?? {})).toEqual([
      "created_on",
      "name",
      "kind",
      "database_name",
      "schema_name",
      "schedule",
    ]);
  });
});

describe("GET_DDL of a warehouse", () => {
  it("lists the warehouse parameters after its properties and ends with ';' on its own line", async () => {
    const r = await run(
      "create warehouse ddl_wh warehouse_size = small initially_suspended = true",
      "alter warehouse ddl_wh set statement_timeout_in_seconds = 600",
      "select get_ddl('warehouse', 'ddl_wh')",
    );
    const ddl = r.rows[0]?.[0] ?? "";
    expect(ddl.split("\n").slice(-4)).toEqual([
      "\tmax_concurrency_level=8",
      "\tstatement_queued_timeout_in_seconds=0",
      "\tstatement_timeout_in_seconds=600",
      ";",
    ]);
  });
});

describe("GET_DDL of schemas, functions and procedures", () => {
  it("a schema's DDL is recursive: the schema, its tables, then its views", async () => {
    const r = await run(
      "create schema books_schema",
      "create table books_table (id number, title varchar(255))",
      "create view books_view as select title from books_table",
      "select get_ddl('schema', 'books_schema')",
    );
    expect(r.rows[0]?.[0]).toBe(
      [
        "create or replace schema BOOKS_SCHEMA;",
        "",
        "create or replace TABLE BOOKS_TABLE (\n\tID NUMBER(38,0),\n\tTITLE VARCHAR(255)\n);",
        "",
        "create or replace view books_view(\n\tTITLE\n) as select title from books_table;",
        "",
      ].join("\n"),
    );
  });

  it("a UDF or procedure by name and argument types, with defaults written out", async () => {
    const fn = await run(
      "create function twice(n number) returns number memoizable comment = 'doubles' as 'n * 2'",
      "select get_ddl('function', 'twice(number)')",
    );
    expect(fn.rows[0]?.[0]).toBe(
      // Types in standard spelling: GET_DDL replaces type aliases with standard names (GET_DDL page).
      "CREATE OR REPLACE FUNCTION \"TWICE\"(\"N\" NUMBER(38,0))\nRETURNS NUMBER(38,0)\nLANGUAGE SQL\nCOMMENT='doubles'\nAS 'n * 2';",
    );
    const proc = await run(
      "create procedure echo(f float) returns float language javascript as $$ return F; $$",
      "select get_ddl('procedure', 'echo(float)')",
    );
    expect(proc.rows[0]?.[0]).toBe(
      'CREATE OR REPLACE PROCEDURE "ECHO"("F" FLOAT)\nRETURNS FLOAT\nLANGUAGE JAVASCRIPT\nEXECUTE AS OWNER\nAS \' return F; \';',
    );
    await expect(session.execute("select get_ddl('function', 'twice(varchar)')")).rejects.toThrow(
      /does not exist/,
    );
    const [listed] = await records("show user functions like 'TWICE'");
    expect(listed).toMatchObject({ arguments: "TWICE(NUMBER) RETURN NUMBER", is_memoizable: "Y" });
  });
});

describe("a fresh engine looks like a new account (catalog README, 'A fresh account')", () => {
  it("has the system roles with Snowflake's comments, no owner shown, and their hierarchy", async () => {
    const fresh = await openEngine({ path: ":memory:" });
    try {
      const s = await fresh.openSession();
      const roles = show(await s.execute("show roles"));
      const at = (c: string) => roles.columns.indexOf(c);
      expect(
        roles.rows.map((r) => [r[at("name")], r[at("owner")], r[at("comment")], r[at("granted_roles")]]),
      ).toEqual([
        ["ACCOUNTADMIN", "", "Account administrator can manage all aspects of the account.", "2"],
        ["PUBLIC", "", "Public role is automatically available to every user in the account.", "0"],
        ["SECURITYADMIN", "", "Security administrator can manage security aspects of the account.", "1"],
        ["SYSADMIN", "", "System administrator can create and manage databases and warehouses.", "0"],
        ["USERADMIN", "", "User administrator can create and manage users and roles", "0"],
      ]);
      const dbs = show(await s.execute("show databases"));
      const col = (name: string) => dbs.columns.indexOf(name);
      expect(
        dbs.rows.map((r) => [r[col("name")], r[col("origin")], r[col("owner")], r[col("retention_time")], r[col("kind")]]),
      ).toEqual([["SNOWFLAKE", "SNOWFLAKE.ACCOUNT_USAGE", "", "0", "APPLICATION"]]);
      expect(show(await s.execute("show warehouses")).rows).toEqual([]);
      // A custom role still shows the role that created it as owner.
      await s.execute("create role analyst");
      const [analyst] = show(await s.execute("show roles like 'ANALYST'")).rows;
      expect(analyst?.[at("owner")]).toBe("ACCOUNTADMIN");
    } finally {
      await fresh.close();
    }
  });
});

describe("RESULT_SCAN over a SHOW", () => {
  it("keeps created_on a TIMESTAMP_LTZ shown with its offset, also through SELECT *", async () => {
    await run("show schemas");
    const picked = await run("select * from table(result_scan(last_query_id())) where \"name\" = 'PUBLIC'");
    expect(picked.types[0]).toBe("TIMESTAMP_LTZ(9)");
    expect(picked.rows[0]?.[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [-+]\d{4}$/);
  });
});
