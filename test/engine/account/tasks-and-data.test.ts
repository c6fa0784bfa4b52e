import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create warehouse task_wh",
    "create database d",
    "use schema d.public",
    "create table log (n int)",
  );
});
afterEach(async () => {
  await a.close();
});

describe("tasks", () => {
  it("created suspended; SHOW columns; RESUME / SUSPEND; EXECUTE TASK runs the body and started children", async () => {
    await a.run(
      "create task root warehouse = task_wh schedule = 'USING CRON 0 3 * * * UTC' comment = 'nightly' as insert into log values (1)",
      "create task child warehouse = task_wh after root when 1 = 1 as insert into log values (2)",
    );
    const t = await a.run("show tasks");
    expect(t.columns).toEqual([
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
    expect(record(t, 0)).toMatchObject({
      name: "CHILD",
      database_name: "D",
      schema_name: "PUBLIC",
      warehouse: "TASK_WH",
      schedule: null,
      predecessors: '["\\"D\\".\\"PUBLIC\\".\\"ROOT\\""]',
      state: "suspended",
      definition: "insert into log values (2)",
      condition: "1 = 1",
      allow_overlapping_execution: "false",
      error_integration: "null",
    });
    expect(record(t, 1)).toMatchObject({
      name: "ROOT",
      schedule: "USING CRON 0 3 * * * UTC",
      comment: "nightly",
      predecessors: "[]",
    });
    await a.run("alter task child resume");
    expect(await a.column("show tasks like 'CHILD'", "state")).toEqual(["started"]);
    await a.run("execute task root");
    expect((await a.run("select n from log order by n")).rows).toEqual([["1"], ["2"]]);
    await a.run("alter task child suspend", "execute task root");
    expect((await a.run("select count(*) from log")).rows).toEqual([["3"]]);
    await a.run("alter task root set schedule = '60 MINUTE'");
    expect(await a.column("show tasks like 'ROOT'", "schedule")).toEqual(["60 MINUTE"]);
    expect((await a.error("create task bad schedule = 'whenever' as select 1")).message).toContain(
      "SCHEDULE",
    );
    expect((await a.error("create task orphan after nope as select 1")).code).toBe("002003");
    await a.run("drop task child");
    expect(await a.column("show tasks", "name")).toEqual(["ROOT"]);
  });
});

describe("SHOW over data objects", () => {
  it("DATABASES, SCHEMAS, TABLES, COLUMNS and DESCRIBE TABLE with Snowflake's columns", async () => {
    await a.run(
      "create schema d.analytics comment = 'served'",
      "create table d.analytics.facts (id number(38,0) not null, label varchar(20) default 'x')",
    );
    const dbs = await a.run("show databases like 'D'");
    expect(dbs.columns).toEqual([
      "created_on",
      "name",
      "is_default",
      "is_current",
      "origin",
      "owner",
      "comment",
      "options",
      "retention_time",
      "kind",
      "owner_role_type",
      "object_visibility",
      "data_quality_monitoring_settings",
    ]);
    expect(record(dbs)).toMatchObject({
      name: "D",
      is_current: "Y",
      owner: "ACCOUNTADMIN",
      kind: "STANDARD",
      retention_time: "1",
    });
    const schemas = await a.run("show schemas in database d");
    expect(schemas.columns).toEqual([
      "created_on",
      "name",
      "is_default",
      "is_current",
      "database_name",
      "owner",
      "comment",
      "options",
      "retention_time",
      "owner_role_type",
      "object_visibility",
    ]);
    expect(schemas.rows.map((r) => [r[1], r[3], r[5], r[6]])).toEqual([
      // CREATE SCHEMA made ANALYTICS the current schema, as in Snowflake.
      ["ANALYTICS", "Y", "ACCOUNTADMIN", "served"],
      ["INFORMATION_SCHEMA", "N", "", "Views describing the contents of schemas in this database"],
      ["PUBLIC", "N", "ACCOUNTADMIN", ""],
    ]);
    const tables = await a.run("show tables in schema d.analytics");
    expect(tables.columns.slice(0, 11)).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "kind",
      "comment",
      "cluster_by",
      "rows",
      "bytes",
      "owner",
      "retention_time",
    ]);
    expect(record(tables)).toMatchObject({
      name: "FACTS",
      database_name: "D",
      schema_name: "ANALYTICS",
      kind: "TABLE",
      owner: "ACCOUNTADMIN",
    });
    expect(await a.column("show terse tables in database d", "name")).toEqual(["FACTS", "LOG"]);
    const cols = await a.run("show columns in table d.analytics.facts");
    expect(cols.columns).toEqual([
      "table_name",
      "schema_name",
      "column_name",
      "data_type",
      "null?",
      "default",
      "kind",
      "expression",
      "comment",
      "database_name",
      "autoincrement",
      "schema_evolution_record",
    ]);
    expect(cols.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ["ID", '{"type":"FIXED","precision":38,"scale":0,"nullable":false}', "false"],
      ["LABEL", '{"type":"TEXT","length":20,"byteLength":80,"nullable":true,"fixed":false}', "true"],
    ]);
    const desc = await a.run("describe table d.analytics.facts");
    expect(desc.rows.map((r) => r.slice(0, 5))).toEqual([
      ["ID", "NUMBER(38,0)", "COLUMN", "N", null],
      ["LABEL", "VARCHAR(20)", "COLUMN", "Y", "'x'"],
    ]);
    expect((await a.error("show tables in schema d.nope")).code).toBe("002003");
  });
});

describe("persistence", () => {
  it("the account survives closing and reopening the engine file", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "mercurios-account-"));
    try {
      const path = join(dir, "local.duckdb");
      const first = await openAccount({}, path);
      await first.run(
        "create role keeper",
        "create warehouse kept_wh warehouse_size = small",
        "grant usage on warehouse kept_wh to role keeper",
      );
      await first.run("select 42");
      await first.close();
      const second = await openAccount({}, path);
      expect(await second.column("show roles like 'KEEPER'", "name")).toEqual(["KEEPER"]);
      expect(record(await second.run("show warehouses like 'KEPT_WH'")).size).toBe("Small");
      expect((await second.run("show grants to role keeper")).rows.map((r) => r.slice(1, 4))).toEqual([
        ["USAGE", "WAREHOUSE", "KEPT_WH"],
      ]);
      expect(await second.catalog.checkPassword("ADMIN", "admin")).toBe(true);
      // The query log is buffered and written when the engine closes.
      expect(
        (
          await second.run(
            "select count(*) from snowflake.account_usage.query_history where query_text = 'select 42'",
          )
        ).rows,
      ).toEqual([["1"]]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("GET_DDL and quoted names", () => {
  it("GET_DDL for views, tables and schemas; quoted names keep their case and are quoted when qualified", async () => {
    await a.run("create view v1 as select n from log", 'create table "Mixed Case" ("id" int)');
    expect((await a.run("select get_ddl('VIEW', 'v1')")).rows).toEqual([
      ["create or replace view v1(\n\tN\n) as select n from log;"],
    ]);
    expect((await a.run("select get_ddl('TABLE', '\"Mixed Case\"')")).rows).toEqual([
      ['create or replace TABLE "Mixed Case" (\n\t"id" NUMBER(38,0)\n);'],
    ]);
    // Recursive: the schema, then its tables, then its views, each one's own name qualified with TRUE
    // (the names a view reads stay as written, as the GET_DDL page notes).
    const schemaDdl = String((await a.run("select get_ddl('SCHEMA', 'd.public', true)")).rows[0]?.[0]);
    expect(schemaDdl.startsWith("create or replace schema D.PUBLIC;\n\n")).toBe(true);
    expect(schemaDdl).toContain(
      '\n\ncreate or replace TABLE D.PUBLIC."Mixed Case" (\n\t"id" NUMBER(38,0)\n);\n',
    );
    expect(schemaDdl).toContain("\n\ncreate or replace view D.PUBLIC.V1(\n\tN\n) as select n from log;\n");
    await a.run('create role "Readers"', 'grant select on table "Mixed Case" to role "Readers"');
    expect(await a.column("show roles like 'readers'", "name")).toEqual(["Readers"]);
    expect((await a.run('show grants to role "Readers"')).rows.map((r) => [r[1], r[3], r[5]])).toEqual([
      ["SELECT", 'D.PUBLIC."Mixed Case"', "Readers"],
    ]);
    expect((await a.error("grant select on table d.public.t to role readers")).message).toBe(
      "SQL compilation error:\nRole 'READERS' does not exist or not authorized.",
    );
  });
});
