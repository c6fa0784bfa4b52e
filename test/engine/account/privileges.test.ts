import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

let a: Account;
let analyst: Session;

beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database d",
    "create schema d.s",
    "create table d.s.t (id int, tenant varchar)",
    "insert into d.s.t values (1, 'A'), (2, 'B')",
    "create view d.s.v as select id from d.s.t",
    "create secure view d.s.sv as select id from d.s.t where id > 1",
    "create role analyst",
    "create role child",
    "grant role analyst to user admin",
    "grant role child to user admin",
  );
  analyst = await a.open({});
  await analyst.run("use role analyst");
});
afterEach(async () => {
  await a.close();
});

const NOT_AUTHORIZED = (name: string) =>
  `SQL compilation error:\nObject '${name}' does not exist or not authorized.`;

describe("privilege matrix", () => {
  it("database and schema USAGE come first", async () => {
    expect((await analyst.error("select * from d.s.t")).message).toBe(
      "SQL compilation error:\nDatabase 'D' does not exist or not authorized.",
    );
    await a.run("grant usage on database d to role analyst");
    expect((await analyst.error("select * from d.s.t")).message).toBe(
      "SQL compilation error:\nSchema 'D.S' does not exist or not authorized.",
    );
  });

  it("a query needs USAGE on the session's warehouse for the current role", async () => {
    await a.run(
      "create warehouse query_wh",
      "grant usage on database d to role analyst",
      "grant usage on schema d.s to role analyst",
      "grant select on table d.s.t to role analyst",
    );
    // ADMIN's session picks the warehouse as ACCOUNTADMIN, then switches to a role without USAGE on it.
    const session = await a.open({});
    await session.run("use warehouse query_wh", "use role analyst");
    const denied = await session.error("select id from d.s.t order by id");
    expect([denied.code, denied.message]).toEqual([
      "000606",
      "No active warehouse selected in the current session. Select an active warehouse with the 'use warehouse' command.",
    ]);
    await a.run("grant usage on warehouse query_wh to role analyst");
    expect((await session.run("select id from d.s.t order by id")).rows).toEqual([["1"], ["2"]]);
  });

  for (const [kind, name, rows] of [
    ["table", "T", [["1"], ["2"]]],
    ["view", "V", [["1"], ["2"]]],
    ["secure view", "SV", [["2"]]],
  ] as const) {
    it(`${kind}: no grant fails, grant works, inherited role works, revoke stops it`, async () => {
      await a.run("grant usage on database d to role analyst", "grant usage on schema d.s to role analyst");
      const sql = `select id from d.s.${name} order by id`;
      const denied = await analyst.error(sql);
      expect([denied.code, denied.message]).toEqual(["002003", NOT_AUTHORIZED(`D.S.${name}`)]);
      const on = kind === "table" ? "table" : "view";
      await a.run(`grant select on ${on} d.s.${name} to role analyst`);
      expect((await analyst.run(sql)).rows).toEqual(rows);
      if (kind === "table") {
        const insert = await analyst.error("insert into d.s.t values (3, 'C')");
        expect([insert.code, insert.message]).toEqual([
          "003001",
          "SQL access control error:\nInsufficient privileges to operate on table 'T'",
        ]);
      }
      // Inherited: CHILD holds nothing; granting ANALYST to CHILD makes ANALYST's grants CHILD's.
      const child = await a.open({});
      await child.run("use role child");
      expect((await child.error(sql)).code).toBe("002003");
      await a.run("grant role analyst to role child");
      expect((await child.run(sql)).rows).toEqual(rows);
      await a.run(`revoke select on ${on} d.s.${name} from role analyst`);
      expect((await analyst.error(sql)).message).toBe(NOT_AUTHORIZED(`D.S.${name}`));
      expect((await child.error(sql)).code).toBe("002003");
    });
  }

  it("schema: CREATE TABLE needs the privilege; a FUTURE grant covers a table created later", async () => {
    await a.run("grant usage on database d to role analyst", "grant usage on schema d.s to role analyst");
    const create = await analyst.error("create table d.s.mine (x int)");
    expect([create.code, create.message]).toEqual([
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on schema 'S'",
    ]);
    await a.run("grant create table on schema d.s to role analyst");
    await analyst.run("create table d.s.mine (x int)", "insert into d.s.mine values (7)");
    expect((await analyst.run("select x from d.s.mine")).rows).toEqual([["7"]]);
    expect((await analyst.run("show grants on table d.s.mine")).rows.map((r) => [r[1], r[5]])).toEqual([
      ["OWNERSHIP", "ANALYST"],
    ]);

    await a.run("grant select on future tables in schema d.s to role analyst");
    const future = await a.run("show future grants in schema d.s");
    expect(future.columns).toEqual([
      "created_on",
      "privilege",
      "grant_on",
      "name",
      "grant_to",
      "grantee_name",
      "grant_option",
    ]);
    expect(future.rows.map((r) => r.slice(1))).toEqual([
      ["SELECT", "TABLE", "D.S.<TABLE>", "ROLE", "ANALYST", "false"],
    ]);
    expect((await analyst.error("select * from d.s.t")).code).toBe("002003");
    await a.run("create table d.s.later (y int)", "insert into d.s.later values (9)");
    expect((await analyst.run("select y from d.s.later")).rows).toEqual([["9"]]);
    await a.run("revoke select on future tables in schema d.s from role analyst");
    expect((await a.run("show future grants in schema d.s")).rows).toEqual([]);
    await a.run("create table d.s.after_revoke (z int)");
    expect((await analyst.error("select * from d.s.after_revoke")).code).toBe("002003");
  });

  it("DROP and ALTER need OWNERSHIP", async () => {
    await a.run(
      "grant usage on database d to role analyst",
      "grant usage on schema d.s to role analyst",
      "grant select on table d.s.t to role analyst",
    );
    const drop = await analyst.error("drop table d.s.t");
    expect([drop.code, drop.message]).toEqual([
      "003001",
      "SQL access control error:\nInsufficient privileges to operate on table 'T'",
    ]);
    expect((await analyst.error("drop view d.s.v")).message).toBe(NOT_AUTHORIZED("D.S.V"));
  });

  it("secure views hide their text from non-owners in SHOW VIEWS", async () => {
    await a.run(
      "grant usage on database d to role analyst",
      "grant usage on schema d.s to role analyst",
      "grant select on view d.s.sv to role analyst",
      "grant select on view d.s.v to role analyst",
    );
    const mine = await a.run("show views in schema d.s");
    const theirs = await analyst.run("show views in schema d.s");
    const text = mine.columns.indexOf("text");
    expect(mine.rows.map((r) => [r[1], r[text]])).toEqual([
      ["SV", "create secure view d.s.sv as select id from d.s.t where id > 1"],
      ["V", "create view d.s.v as select id from d.s.t"],
    ]);
    expect(theirs.rows.map((r) => [r[1], r[text]])).toEqual([
      ["SV", ""],
      ["V", "create view d.s.v as select id from d.s.t"],
    ]);
  });
});

describe("grants", () => {
  it("SHOW GRANTS TO ROLE / ON object, WITH GRANT OPTION, ALL PRIVILEGES, ON ALL … IN SCHEMA", async () => {
    await a.run(
      "create warehouse wh",
      "grant usage, operate on warehouse wh to role analyst with grant option",
    );
    await a.run("grant all privileges on table d.s.t to role child");
    await a.run("grant select on all tables in schema d.s to role analyst");
    const to = await a.run("show grants to role analyst");
    expect(to.columns).toEqual([
      "created_on",
      "privilege",
      "granted_on",
      "name",
      "granted_to",
      "grantee_name",
      "grant_option",
      "granted_by",
    ]);
    expect(to.rows.map((r) => r.slice(1)).sort()).toEqual([
      ["OPERATE", "WAREHOUSE", "WH", "ROLE", "ANALYST", "true", "ACCOUNTADMIN"],
      ["SELECT", "TABLE", "D.S.T", "ROLE", "ANALYST", "false", "ACCOUNTADMIN"],
      ["USAGE", "WAREHOUSE", "WH", "ROLE", "ANALYST", "true", "ACCOUNTADMIN"],
    ]);
    expect((await a.run("show grants to role child")).rows.map((r) => r[1]).sort()).toEqual([
      "DELETE",
      "INSERT",
      "REFERENCES",
      "SELECT",
      "TRUNCATE",
      "UPDATE",
    ]);
    const bad = await a.error("grant select on warehouse wh to role analyst");
    expect(bad.message).toContain("Invalid privilege SELECT for object type WAREHOUSE");
    expect((await a.error("grant select on table d.s.nope to role analyst")).message).toBe(
      NOT_AUTHORIZED("D.S.NOPE"),
    );
    expect((await a.error("grant select on table d.s.t to role nobody")).message).toBe(
      "SQL compilation error:\nRole 'NOBODY' does not exist or not authorized.",
    );
  });

  it("OWNERSHIP moves with COPY or REVOKE CURRENT GRANTS, and refuses to orphan dependent grants", async () => {
    await a.run("grant select on table d.s.t to role child");
    const refused = await a.error("grant ownership on table d.s.t to role analyst");
    expect(refused.message).toContain(
      "Dependent grant of privilege 'SELECT' on securable 'D.S.T' to role 'CHILD' exists",
    );
    await a.run("grant ownership on table d.s.t to role analyst copy current grants");
    expect((await a.run("show grants on table d.s.t")).rows.map((r) => [r[1], r[5], r[7]])).toEqual([
      ["SELECT", "CHILD", "ANALYST"],
      ["OWNERSHIP", "ANALYST", "ACCOUNTADMIN"],
    ]);
    await a.run("grant ownership on table d.s.t to role child revoke current grants");
    expect((await a.run("show grants on table d.s.t")).rows.map((r) => [r[1], r[5]])).toEqual([
      ["OWNERSHIP", "CHILD"],
    ]);
    expect((await a.error("revoke ownership on table d.s.t from role child")).message).toContain(
      "OWNERSHIP cannot be revoked",
    );
  });
});

describe("future grants in a database", () => {
  it("cover later schemas and tables; schema-level future grants take precedence over database-level ones", async () => {
    await a.run(
      "grant usage on future schemas in database d to role analyst",
      "grant select on future tables in database d to role analyst",
      "grant insert on future tables in schema d.s to role child",
    );
    expect((await a.run("show future grants in database d")).rows.map((r) => r.slice(1))).toEqual([
      ["USAGE", "SCHEMA", "D.<SCHEMA>", "ROLE", "ANALYST", "false"],
      ["SELECT", "TABLE", "D.<TABLE>", "ROLE", "ANALYST", "false"],
    ]);
    await a.run(
      "grant usage on database d to role analyst",
      "create schema d.fresh",
      "create table d.fresh.t1 (x int)",
    );
    // D.S has its own future grants, so the database-level ones do not apply there.
    await a.run("create table d.s.t2 (x int)");
    expect((await a.run("show grants on table d.fresh.t1")).rows.map((r) => [r[1], r[5]])).toEqual([
      ["OWNERSHIP", "ACCOUNTADMIN"],
      ["SELECT", "ANALYST"],
    ]);
    expect((await a.run("show grants on table d.s.t2")).rows.map((r) => [r[1], r[5]])).toEqual([
      ["OWNERSHIP", "ACCOUNTADMIN"],
      ["INSERT", "CHILD"],
    ]);
    expect((await analyst.run("select count(*) from d.fresh.t1")).rows).toEqual([["0"]]);
    expect((await a.run("show future grants to role analyst")).rows.length).toBe(2);
  });
});

describe("database roles in the hierarchy", () => {
  it("privileges granted to a database role reach the account roles it is granted to", async () => {
    await a.run(
      "create database role d.reader",
      "grant usage on database d to database role d.reader",
      "grant usage on schema d.s to database role d.reader",
      "grant select on table d.s.t to database role d.reader",
    );
    expect(
      (await a.run("show grants to database role d.reader")).rows.map((r) => [r[1], r[2], r[3], r[4], r[5]]),
    ).toEqual([
      ["USAGE", "DATABASE", "D", "DATABASE_ROLE", "D.READER"],
      ["USAGE", "SCHEMA", "D.S", "DATABASE_ROLE", "D.READER"],
      ["SELECT", "TABLE", "D.S.T", "DATABASE_ROLE", "D.READER"],
    ]);
    expect((await analyst.error("select id from d.s.t")).code).toBe("002003");
    await a.run("grant database role d.reader to role analyst");
    expect((await analyst.run("select id from d.s.t order by id")).rows).toEqual([["1"], ["2"]]);
    await a.run("revoke database role d.reader from role analyst");
    expect((await analyst.error("select id from d.s.t")).code).toBe("002003");
  });
});
