/**
 * UNDROP SCHEMA (the UNDROP SCHEMA page): a schema dropped on its own comes back with its tables,
 * their rows and views; a re-created schema of that name blocks it; a schema dropped with its
 * database does not come back on its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./helpers.js";

let account: Account;
afterEach(async () => {
  await account.close();
});

describe("UNDROP SCHEMA", () => {
  it("restores the schema with its tables' rows and its views", async () => {
    account = await openAccount();
    const status = await account.run(
      "create database d1",
      "create schema d1.s1 comment = 'kept'",
      "create table d1.s1.t (i int)",
      "insert into d1.s1.t values (1), (2), (3)",
      "create view d1.s1.v as select i * 10 as j from d1.s1.t",
      "drop schema d1.s1",
      "undrop schema d1.s1",
    );
    expect(status.rows).toEqual([["Schema S1 successfully restored."]]);
    const rows = await account.run("select sum(j) from d1.s1.v");
    expect(rows.rows).toEqual([["60"]]);
    const shown = await account.run("show schemas like 'S1' in database d1");
    expect(shown.rows.length).toBe(1);
    expect(shown.rows[0]![shown.columns.indexOf("comment")]).toBe("kept");
    const history = await account.run("show schemas history like 'S1' in database d1");
    expect(history.rows.map((r) => r[history.columns.indexOf("dropped_on")])).toEqual([null]);
  });

  it("restores the latest version, not one that a re-created schema replaced", async () => {
    account = await openAccount();
    await account.run(
      "create database d1",
      "create schema d1.s1",
      "create table d1.s1.old_t (i int)",
      "drop schema d1.s1",
      "create schema d1.s1",
      "create table d1.s1.new_t (i int)",
      "insert into d1.s1.new_t values (7)",
      "drop schema d1.s1",
      "undrop schema d1.s1",
    );
    const tables = await account.run("show terse tables in schema d1.s1");
    expect(tables.rows.map((r) => r[tables.columns.indexOf("name")])).toEqual(["NEW_T"]);
    expect((await account.run("select i from d1.s1.new_t")).rows).toEqual([["7"]]);
  });

  it("refuses while a schema of that name exists, and when nothing was dropped", async () => {
    account = await openAccount();
    await account.run(
      "create database d1",
      "create schema d1.s1",
      "drop schema d1.s1",
      "create schema d1.s1",
    );
    await expect(account.run("undrop schema d1.s1")).rejects.toThrow(/Object 'D1.S1' already exists/);
    await expect(account.run("undrop schema d1.never")).rejects.toThrow(
      /Schema 'D1.NEVER' does not exist or not authorized/,
    );
  });

  it("does not bring back a schema whose database was dropped and re-created", async () => {
    account = await openAccount();
    await account.run(
      "create database d1",
      "create schema d1.s1",
      "create table d1.s1.t (i int)",
      "drop schema d1.s1",
      "drop database d1",
      "create database d1",
    );
    await expect(account.run("undrop schema d1.s1")).rejects.toThrow(/does not exist or not authorized/);
  });
});

/**
 * UNDROP needs OWNERSHIP of the dropped object (as in Snowflake), and what comes back belongs to its
 * old owners: before this, a role holding only CREATE SCHEMA (or CREATE TABLE) could undrop another
 * role's schema (table), become its owner and read its rows, and an undropped schema's tables had no
 * owner at all, which the catalog treats as open to every role.
 */
describe("UNDROP and ownership", () => {
  const setup = [
    "create database d1",
    "create schema d1.secret",
    "create table d1.secret.t (i int)",
    "insert into d1.secret.t values (42)",
    "create table d1.public.t2 (i int)",
    "insert into d1.public.t2 values (7)",
    "create role r",
    "create user u default_role = r",
    "grant role r to user u",
    "grant usage on database d1 to role r",
    "grant create schema on database d1 to role r",
    "grant usage on schema d1.public to role r",
    "grant create table on schema d1.public to role r",
  ];

  it("refuses UNDROP SCHEMA and UNDROP TABLE to a role that did not own what was dropped, changing nothing", async () => {
    account = await openAccount();
    await account.run(...setup, "drop schema d1.secret", "drop table d1.public.t2");
    const r = await account.open({ user: "U", role: "R" });
    expect((await r.error("undrop schema d1.secret")).message).toMatch(
      /Insufficient privileges to operate on schema 'SECRET'/,
    );
    expect((await r.error("undrop table d1.public.t2")).message).toMatch(
      /Insufficient privileges to operate on table 'T2'/,
    );
    expect((await account.run("show schemas like 'SECRET' in database d1")).rows).toEqual([]);
    expect((await account.run("show tables like 'T2' in schema d1.public")).rows).toEqual([]);
    // The owner can still undrop both.
    await account.run("undrop schema d1.secret", "undrop table d1.public.t2");
    expect((await account.run("select i from d1.secret.t")).rows).toEqual([["42"]]);
  });

  it("gives what it restores back to its owners, so other roles still cannot read it", async () => {
    account = await openAccount();
    await account.run(...setup, "drop schema d1.secret", "drop table d1.public.t2");
    await account.run("undrop schema d1.secret", "undrop table d1.public.t2");
    // USAGE on the restored schema: a table the catalog records no owner for would now be readable.
    await account.run("grant usage on schema d1.secret to role r");
    const r = await account.open({ user: "U", role: "R" });
    expect((await r.error("select * from d1.secret.t")).message).toMatch(/does not exist or not authorized/);
    expect((await r.error("select * from d1.public.t2")).message).toMatch(/does not exist or not authorized/);
  });
});
