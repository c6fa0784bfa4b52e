/**
 * SNOWFLAKE.ACCOUNT_USAGE.SCHEMATA and TABLES (their account-usage pages): the documented columns,
 * a row per version of each schema / table with DELETED set for dropped ones, ids that differ
 * between versions and stay the same from one query to the next.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Table } from "./helpers.js";

/** Rows as records keyed by column name. */
function records(t: Table): Record<string, string | null>[] {
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i] ?? null])));
}

let account: Account;
afterEach(async () => {
  await account.close();
});

describe("ACCOUNT_USAGE.SCHEMATA", () => {
  it("has the page's columns, in order", async () => {
    account = await openAccount();
    const t = await account.run("select * from snowflake.account_usage.schemata limit 0");
    expect(t.columns).toEqual([
      "SCHEMA_ID",
      "SCHEMA_NAME",
      "CATALOG_ID",
      "CATALOG_NAME",
      "SCHEMA_OWNER",
      "RETENTION_TIME",
      "IS_TRANSIENT",
      "IS_MANAGED_ACCESS",
      "DEFAULT_CHARACTER_SET_CATALOG",
      "DEFAULT_CHARACTER_SET_SCHEMA",
      "DEFAULT_CHARACTER_SET_NAME",
      "SQL_PATH",
      "COMMENT",
      "CREATED",
      "LAST_ALTERED",
      "DELETED",
      "SCHEMA_TYPE",
      "OWNER_ROLE_TYPE",
      "VERSION_NAME",
      "VERSIONED_SCHEMA_ID",
      "OBJECT_VISIBILITY",
    ]);
  });

  it("lists live and dropped versions, not INFORMATION_SCHEMA", async () => {
    account = await openAccount();
    const query =
      "select schema_id, schema_name, deleted is not null as gone, is_transient, schema_owner, owner_role_type from snowflake.account_usage.schemata where catalog_name = 'D1' order by created";
    const t = await account.run(
      "create database d1",
      "create schema d1.s1",
      "drop schema d1.s1",
      "create transient schema d1.s1",
      query,
    );
    const rows = records(t);
    expect(
      rows.map((r) => [r.SCHEMA_NAME, r.GONE, r.IS_TRANSIENT, r.SCHEMA_OWNER, r.OWNER_ROLE_TYPE]),
    ).toEqual([
      ["PUBLIC", "false", "NO", "ACCOUNTADMIN", "ROLE"],
      ["S1", "true", "NO", "ACCOUNTADMIN", null],
      ["S1", "false", "YES", "ACCOUNTADMIN", "ROLE"],
    ]);
    const ids = rows.map((r) => r.SCHEMA_ID);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^\d+$/);
    expect(records(await account.run(query)).map((r) => r.SCHEMA_ID)).toEqual(ids);
  });
});

describe("ACCOUNT_USAGE.TABLES", () => {
  it("lists tables and views, dropped versions with DELETED, and tables of a dropped schema", async () => {
    account = await openAccount();
    const t = await account.run(
      "create database d1",
      "create schema s1",
      "create table t (i int)",
      "drop table t",
      "create transient table t (i int)",
      "create view v as select i from t",
      "create schema s2",
      "create table d1.s2.inner_t (i int)",
      "drop schema d1.s2",
      "select table_name, table_schema, table_type, is_transient, deleted is not null as gone, (deleted is null or deleted >= created) as ordered from snowflake.account_usage.tables where table_catalog = 'D1' order by created",
    );
    expect(records(t).map((r) => Object.values(r))).toEqual([
      ["T", "S1", "BASE TABLE", "NO", "true", "true"],
      ["T", "S1", "BASE TABLE", "YES", "false", "true"],
      ["V", "S1", "VIEW", "NO", "false", "true"],
      ["INNER_T", "S2", "BASE TABLE", "NO", "true", "true"],
    ]);
    const columns = (await account.run("select * from snowflake.account_usage.tables limit 0")).columns;
    expect(columns.slice(0, 8)).toEqual([
      "TABLE_ID",
      "TABLE_NAME",
      "TABLE_SCHEMA_ID",
      "TABLE_SCHEMA",
      "TABLE_CATALOG_ID",
      "TABLE_CATALOG",
      "TABLE_OWNER",
      "TABLE_TYPE",
    ]);
    expect(columns).toHaveLength(37);
    expect(columns.indexOf("DELETED")).toBe(25);
  });
});
