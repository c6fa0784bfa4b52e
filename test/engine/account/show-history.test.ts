/**
 * SHOW DATABASES / SCHEMAS / TABLES HISTORY (dropped objects within their Time Travel retention,
 * with `dropped_on`), SHOW DATABASES / SCHEMAS WITH PRIVILEGES, and SHOW TABLES' rows / bytes,
 * as the SHOW DATABASES, SHOW SCHEMAS and SHOW TABLES pages describe them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Table } from "./helpers.js";

let account: Account;
afterEach(async () => {
  await account.close();
});

/** Rows as records keyed by column name. */
function records(t: Table): Record<string, string | null>[] {
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i] ?? null])));
}

describe("SHOW … HISTORY", () => {
  it("lists a dropped database after the live ones, with dropped_on after retention_time", async () => {
    account = await openAccount();
    const t = await account.run(
      "create database keep_db",
      "create database gone_db comment = 'old'",
      "drop database gone_db",
      "show databases history",
    );
    expect(t.columns.slice(8, 11)).toEqual(["retention_time", "dropped_on", "kind"]);
    const rows = records(t).filter((r) => r.name?.endsWith("_DB"));
    expect(rows.map((r) => [r.name, r.dropped_on === null, r.comment, r.owner])).toEqual([
      ["KEEP_DB", true, "", "ACCOUNTADMIN"],
      ["GONE_DB", false, "old", "ACCOUNTADMIN"],
    ]);
    expect(rows[1]!.dropped_on).toMatch(/^\d{4}-\d\d-\d\d /);
  });

  it("has no dropped_on column and no dropped rows without HISTORY", async () => {
    account = await openAccount();
    const t = await account.run("create database gone_db", "drop database gone_db", "show databases");
    expect(t.columns).not.toContain("dropped_on");
    expect(records(t).map((r) => r.name)).not.toContain("GONE_DB");
  });

  it("lists dropped schemas of the scope, not those of a dropped database", async () => {
    account = await openAccount();
    const t = await account.run(
      "create database d1",
      "create schema d1.s_gone",
      "drop schema d1.s_gone",
      "create database d2",
      "create schema d2.s_other",
      "drop database d2",
      // A database of the same name again: the old one's schemas went with the old version.
      "create database d2",
      "show schemas history in account",
    );
    const dropped = records(t).filter((r) => r.dropped_on !== null);
    expect(dropped.map((r) => [r.database_name, r.name])).toEqual([["D1", "S_GONE"]]);
    expect(t.columns.slice(8, 11)).toEqual(["retention_time", "dropped_on", "owner_role_type"]);
  });

  it("lists a dropped table until UNDROP brings it back", async () => {
    account = await openAccount();
    await account.run("create database d", "create table t1 (x int)", "drop table t1");
    const t = await account.run("show tables history like 'T1'");
    expect(t.columns.slice(10, 13)).toEqual(["retention_time", "dropped_on", "automatic_clustering"]);
    expect(records(t).map((r) => [r.name, r.dropped_on === null])).toEqual([["T1", false]]);
    await account.run("undrop table t1");
    const after = records(await account.run("show tables history like 'T1'"));
    expect(after.map((r) => [r.name, r.dropped_on])).toEqual([["T1", null]]);
  });

  it("forgets dropped objects once their retention has passed, and at once with retention 0", async () => {
    account = await openAccount();
    await account.run(
      "create database d",
      "create schema s_zero data_retention_time_in_days = 0",
      "create schema s_one",
      "drop schema s_zero",
      "drop schema s_one",
    );
    const names = async () =>
      records(await account.run("show schemas history in database d"))
        .filter((r) => r.dropped_on !== null)
        .map((r) => r.name);
    expect(await names()).toEqual(["S_ONE"]);
    const later = Date.now() + 2 * 86_400_000;
    account.catalog.setClock(() => later);
    expect(await names()).toEqual([]);
  });

  it("shows a dropped object only to a role that owned it", async () => {
    account = await openAccount();
    await account.run(
      "create role analyst",
      "grant role analyst to user admin",
      "create database d",
      "grant usage, create schema on database d to role analyst",
    );
    const analyst = await account.open({ role: "ANALYST" });
    await analyst.run("create schema d.mine", "drop schema d.mine");
    const seen = await analyst.run("show schemas history in database d");
    expect(records(seen).some((r) => r.name === "MINE")).toBe(true);
    await account.run(
      "create role other",
      "grant role other to user admin",
      "grant usage on database d to role other",
    );
    const other = await account.open({ role: "OTHER" });
    expect(records(await other.run("show schemas history in database d")).map((r) => r.name)).not.toContain(
      "MINE",
    );
  });

  it("refuses HISTORY together with WITH PRIVILEGES", async () => {
    account = await openAccount();
    const e = await account.error("show databases history with privileges usage");
    expect(e.message).toMatch(/syntax error/i);
  });
});

describe("SHOW … WITH PRIVILEGES", () => {
  it("keeps the databases the role holds every listed privilege on (ownership implies them)", async () => {
    account = await openAccount();
    await account.run(
      "create role reader",
      "grant role reader to user admin",
      "create database both_db",
      "create database usage_db",
      "create database none_db",
      "grant usage, modify on database both_db to role reader",
      "grant usage on database usage_db to role reader",
    );
    const reader = await account.open({ role: "READER" });
    const names = async (sql: string) =>
      records(await reader.run(sql))
        .map((r) => r.name)
        .filter((n) => n !== "SNOWFLAKE");
    expect(await names("show databases with privileges usage, modify")).toEqual(["BOTH_DB"]);
    expect(await names("show databases with privileges usage")).toEqual(["BOTH_DB", "USAGE_DB"]);
    // The owner holds every privilege.
    const owned = records(await account.run("show databases with privileges usage, modify")).map(
      (r) => r.name,
    );
    expect(owned).toEqual(expect.arrayContaining(["BOTH_DB", "USAGE_DB", "NONE_DB"]));
  });

  it("filters schemas and never lists INFORMATION_SCHEMA (it takes no grants)", async () => {
    account = await openAccount();
    await account.run(
      "create role reader",
      "grant role reader to user admin",
      "create database d",
      "create schema d.s2",
      "grant usage on database d to role reader",
      "grant usage on schema d.public to role reader",
      "grant usage, create table on schema d.s2 to role reader",
    );
    const reader = await account.open({ role: "READER" });
    const names = async (sql: string) => records(await reader.run(sql)).map((r) => r.name);
    expect(await names("show schemas in database d with privileges usage")).toEqual(["PUBLIC", "S2"]);
    expect(await names("show schemas in database d with privileges usage, create table")).toEqual(["S2"]);
    expect(await names("show schemas in database d")).toContain("INFORMATION_SCHEMA");
  });
});

describe("SHOW TABLES rows and bytes", () => {
  it("counts a table's rows and estimates its bytes; an empty table has 0 of both", async () => {
    account = await openAccount();
    await account.run(
      "create database d",
      "create table empty_t (x int)",
      "create table nums (x int, s varchar)",
      "insert into nums values (1, 'abc'), (2, 'de'), (3, null)",
      "create view v as select * from nums",
    );
    const t = records(await account.run("show tables"));
    const byName = Object.fromEntries(t.map((r) => [r.name, r]));
    expect([byName.EMPTY_T!.rows, byName.EMPTY_T!.bytes]).toEqual(["0", "0"]);
    // NUMBER(38,0) is a 16-byte decimal per row; the text column adds its 5 bytes of values.
    expect([byName.NUMS!.rows, byName.NUMS!.bytes]).toEqual(["3", String(3 * 16 + 5)]);
    const objects = Object.fromEntries(records(await account.run("show objects")).map((r) => [r.name, r]));
    expect([objects.NUMS!.rows, objects.V!.rows, objects.V!.bytes]).toEqual(["3", "0", "0"]);
  });
});
