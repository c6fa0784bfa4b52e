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
