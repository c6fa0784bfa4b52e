import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

// Snowflake: CREATE OR REPLACE … COPY GRANTS keeps every privilege of the replaced object except
// OWNERSHIP (the creating role owns the new one) and applies no FUTURE grants; without COPY GRANTS
// the replaced object's privileges are gone and FUTURE grants apply as for any new object.

let a: Account;
let analyst: Session;

beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database d",
    "create schema d.s",
    "create table d.s.t (id int)",
    "insert into d.s.t values (1), (2)",
    "create view d.s.v as select id from d.s.t",
    "create role analyst",
    "create role auditor",
    "grant role analyst to user admin",
    "grant usage on database d to role analyst",
    "grant usage on schema d.s to role analyst",
    "grant select on view d.s.v to role analyst",
  );
  analyst = await a.open({});
  await analyst.run("use role analyst");
});
afterEach(async () => {
  await a.close();
});

async function grantsOn(object: string): Promise<string[]> {
  const t = await a.run(`show grants on ${object}`);
  const privilege = t.columns.indexOf("privilege");
  const grantee = t.columns.indexOf("grantee_name");
  return t.rows.map((r) => `${r[privilege]} ${r[grantee]}`).sort();
}

describe("CREATE OR REPLACE … COPY GRANTS", () => {
  it("a replaced view keeps its privileges with COPY GRANTS", async () => {
    await a.run("create or replace view d.s.v copy grants as select id * 10 as id from d.s.t");
    expect(await grantsOn("view d.s.v")).toEqual(["OWNERSHIP ACCOUNTADMIN", "SELECT ANALYST"]);
    expect((await analyst.run("select id from d.s.v order by id")).rows).toEqual([["10"], ["20"]]);
  });

  it("without COPY GRANTS the replaced view's privileges are dropped", async () => {
    await a.run("create or replace view d.s.v as select id from d.s.t");
    expect(await grantsOn("view d.s.v")).toEqual(["OWNERSHIP ACCOUNTADMIN"]);
    const denied = await analyst.error("select id from d.s.v");
    expect([denied.code, denied.message]).toEqual([
      "002003",
      "SQL compilation error:\nObject 'D.S.V' does not exist or not authorized.",
    ]);
  });

  it("the creating role owns the new view; FUTURE grants are not applied with COPY GRANTS", async () => {
    await a.run(
      "grant select on future views in schema d.s to role auditor",
      "grant create view on schema d.s to role analyst",
      "grant select on table d.s.t to role analyst",
    );
    await a.run("grant ownership on view d.s.v to role analyst copy current grants");
    await analyst.run("create or replace view d.s.v copy grants as select id from d.s.t where id > 1");
    expect(await grantsOn("view d.s.v")).toEqual(["OWNERSHIP ANALYST", "SELECT ANALYST"]);
    await analyst.run("create or replace view d.s.v as select id from d.s.t");
    expect(await grantsOn("view d.s.v")).toEqual(["OWNERSHIP ANALYST", "SELECT AUDITOR"]);
  });

  it("a replaced table keeps its privileges with COPY GRANTS", async () => {
    await a.run("grant select, insert on table d.s.t to role analyst");
    await a.run("create or replace table d.s.t (id int, name varchar) copy grants");
    expect(await grantsOn("table d.s.t")).toEqual([
      "INSERT ANALYST",
      "OWNERSHIP ACCOUNTADMIN",
      "SELECT ANALYST",
    ]);
    await a.run("create or replace table d.s.t (id int)");
    expect(await grantsOn("table d.s.t")).toEqual(["OWNERSHIP ACCOUNTADMIN"]);
  });

  it("COPY GRANTS on a view that did not exist creates it with fresh privileges", async () => {
    await a.run("create or replace view d.s.w copy grants as select id from d.s.t");
    expect(await grantsOn("view d.s.w")).toEqual(["OWNERSHIP ACCOUNTADMIN"]);
  });

  it("the replaced view's row access policy is detached either way (the plan re-attaches it)", async () => {
    await a.run(
      "create row access policy d.s.only_one as (id int) returns boolean -> id = 1",
      "alter view d.s.v add row access policy d.s.only_one on (id)",
    );
    expect((await analyst.run("select id from d.s.v order by id")).rows).toEqual([["1"]]);
    await a.run("create or replace view d.s.v copy grants as select id from d.s.t");
    expect((await analyst.run("select id from d.s.v order by id")).rows).toEqual([["1"], ["2"]]);
  });
});
