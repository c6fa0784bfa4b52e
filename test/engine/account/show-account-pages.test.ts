/**
 * SHOW / DESCRIBE of account objects as the command pages print them (szeno/snowflake-docs b5c216b):
 * one test per family the sweep fixed. Expected values come from the pages, not from the code.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
});
afterEach(async () => {
  await a.close();
});

describe("SHOW WAREHOUSES generation and resource_constraint", () => {
  it("a standard warehouse has no constraint and generation 1 or 2; Snowpark-optimized a memory constraint", async () => {
    await a.run(
      "create warehouse g1 initially_suspended = true",
      "create warehouse g2 resource_constraint = standard_gen_2 initially_suspended = true",
      "create warehouse sp warehouse_type = 'SNOWPARK-OPTIMIZED' resource_constraint = memory_16x_x86 initially_suspended = true",
    );
    const t = await a.run("show warehouses");
    expect(t.columns.slice(-3)).toEqual(["owner_role_type", "resource_constraint", "generation"]);
    expect(t.columns).not.toContain("budget");
    expect(t.columns.indexOf("is_interactive")).toBe(t.columns.indexOf("is_current") + 1);
    const pick = (name: string) => {
      const row = record({ columns: t.columns, rows: t.rows.filter((r) => r[0] === name) });
      return [row.resource_constraint, row.generation, row.is_interactive];
    };
    expect(pick("G1")).toEqual([null, "1", "N"]);
    expect(pick("G2")).toEqual([null, "2", "N"]);
    expect(pick("SP")).toEqual(["MEMORY_16X_X86", null, "N"]);
  });
});

describe("SHOW WAREHOUSES visibility", () => {
  it("MANAGE GRANTS (ACCOUNTADMIN) sees a warehouse another role owns; a role without privileges does not", async () => {
    await a.run(
      "create role my_role",
      "create warehouse test1 initially_suspended = true",
      "grant ownership on warehouse test1 to role my_role",
      "create role nobody",
      "grant role nobody to user admin",
    );
    expect(await a.column("show warehouses", "name")).toEqual(["TEST1"]);
    expect(await a.column("show warehouses", "owner")).toEqual(["MY_ROLE"]);
    await a.run("use role nobody");
    expect(await a.column("show warehouses", "name")).toEqual([]);
  });
});

describe("SHOW GRANTS forms", () => {
  it("ON <object> adds granted_by_role_type after granted_by", async () => {
    const t = await a.run("create database sales", "show grants on database sales");
    expect(t.columns).toEqual([
      "created_on",
      "privilege",
      "granted_on",
      "name",
      "granted_to",
      "grantee_name",
      "grant_option",
      "granted_by",
      "granted_by_role_type",
    ]);
    expect(record(t)).toMatchObject({ privilege: "OWNERSHIP", granted_by: "ACCOUNTADMIN", granted_by_role_type: "ROLE" });
  });

  it("TO USER lists privileges (role 'null') and roles granted to the user in nine columns", async () => {
    const t = await a.run(
      "create user user1",
      "create role analyst",
      "create database test_db",
      "grant usage on database test_db to user user1",
      "grant role analyst to user user1",
      "show grants to user user1",
    );
    expect(t.columns).toEqual([
      "created_on",
      "privilege",
      "granted_on",
      "name",
      "role",
      "granted_to",
      "grantee_name",
      "grant_option",
      "granted_by",
    ]);
    expect(t.rows.map((r) => r.slice(1, 8))).toEqual([
      ["USAGE", "DATABASE", "TEST_DB", "null", "USER", "USER1", "false"],
      ["USAGE", "ROLE", "ANALYST", "ANALYST", "USER", "USER1", "false"],
    ]);
  });

  it("LIMIT applies to every form", async () => {
    await a.run(
      "create role analyst",
      "grant create warehouse on account to role analyst",
      "grant create database on account to role analyst",
    );
    expect((await a.run("show grants to role analyst limit 1")).rows).toHaveLength(1);
    expect((await a.run("show grants on account limit 2")).rows).toHaveLength(2);
    expect((await a.run("show grants of role analyst limit 1")).rows).toHaveLength(0);
  });

  it("TO ROLE PUBLIC lists the SNOWFLAKE database roles every account grants it", async () => {
    const names = (await a.run("show grants to role public")).rows
      .filter((r) => r[2] === "DATABASE_ROLE")
      .map((r) => [r[1], r[3], r[7]]);
    expect(names).toContainEqual(["USAGE", "CORE_VIEWER", ""]);
    expect(names).toHaveLength(9);
  });

  it("grantee kinds the engine does not model are a clear 002040", async () => {
    const e = await a.error("show grants to snowflake.core.budget role cost.budgets.my_budget!ADMIN");
    expect(e.code).toBe("002040");
    expect(e.message).toContain("SHOW GRANTS TO SNOWFLAKE.CORE.BUDGET ROLE");
  });
});

describe("SHOW USERS and DESCRIBE USER", () => {
  it("SHOW USERS ends with has_pat, has_workload_identity, is_from_organization_user; unset text is NULL", async () => {
    const t = await a.run("create user u1", "show users like 'U1'");
    expect(t.columns).toHaveLength(31);
    expect(t.columns.slice(-4)).toEqual(["has_mfa", "has_pat", "has_workload_identity", "is_from_organization_user"]);
    expect(record(t)).toMatchObject({ comment: null, ext_authn_uid: null, has_pat: "false" });
  });

  it("SHOW TERSE USERS prints the TERSE column list", async () => {
    const t = await a.run("create user u1 comment = 'c'", "show terse users like 'U1'");
    expect(t.columns).toEqual([
      "name",
      "created_on",
      "display_name",
      "first_name",
      "last_name",
      "email",
      "org_identity",
      "comment",
      "has_password",
      "has_rsa_public_key",
      "type",
      "has_mfa",
      "has_pat",
      "has_workload_identity",
      "is_from_organization_user",
    ]);
    expect(record(t)).toMatchObject({ name: "U1", comment: "c", has_password: "false" });
  });

  it("DESCRIBE USER prints the page's properties with their defaults, the password masked", async () => {
    const t = await a.run("create user u1 password = 'Abc12345!' type = person", "describe user u1");
    const props = t.rows.map((r) => r[0]);
    expect(props.slice(0, 10)).toEqual([
      "NAME",
      "COMMENT",
      "DISPLAY_NAME",
      "TYPE",
      "LOGIN_NAME",
      "FIRST_NAME",
      "MIDDLE_NAME",
      "LAST_NAME",
      "EMAIL",
      "PASSWORD",
    ]);
    expect(props).toHaveLength(38);
    const byProp = new Map(t.rows.map((r) => [r[0], r]));
    expect(byProp.get("PASSWORD")?.slice(1, 3)).toEqual(["********", "null"]);
    expect(byProp.get("DEFAULT_SECONDARY_ROLES")?.[2]).toBe("[ALL]");
    expect(byProp.get("TYPE")?.[1]).toBe("PERSON");
    expect(byProp.get("PASSWORD_LAST_SET_TIME")?.[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?$/);
  });
});

describe("SHOW SEQUENCES and DESCRIBE SEQUENCE", () => {
  it("lists a sequence with the value NEXTVAL returns next and its interval", async () => {
    await a.run("create database d", "use database d", "create sequence s start = 5 increment = 10 comment = 'ids'");
    const before = record(await a.run("show sequences like 'S'"));
    expect(before).toMatchObject({ name: "S", schema_name: "PUBLIC", database_name: "D", next_value: "5", interval: "10", comment: "ids", ordered: "N" });
    await a.run("select s.nextval");
    expect(record(await a.run("describe sequence s"))).toMatchObject({ next_value: "15" });
    expect((await a.error("desc sequence nope")).code).toBe("002003");
  });
});

describe("DESCRIBE FUNCTION / PROCEDURE", () => {
  it("a SQL UDF: signature, returns, language, body; the overload is picked by argument types", async () => {
    await a.run("create database d", "use database d", "create function multiply(a number, b number) returns number as 'a * b'");
    const t = await a.run("desc function multiply(number, int)");
    expect(t.columns).toEqual(["property", "value"]);
    expect(t.rows).toEqual([
      ["signature", "(a NUMBER(38,0), b NUMBER(38,0))"],
      ["returns", "NUMBER(38,0)"],
      ["language", "SQL"],
      ["body", "a * b"],
    ]);
    expect((await a.error("desc function multiply(varchar)")).code).toBe("002003");
  });

  it("a procedure adds null handling, volatility and execute as (OWNER by default)", async () => {
    await a.run(
      "create database d",
      "use database d",
      "create procedure area(radius float) returns float language javascript as $$ return 1; $$",
    );
    const t = await a.run("desc procedure area(float)");
    expect(t.rows).toEqual([
      ["signature", "(RADIUS FLOAT)"],
      ["returns", "FLOAT"],
      ["language", "JAVASCRIPT"],
      ["null handling", "CALLED ON NULL INPUT"],
      ["volatility", "VOLATILE"],
      ["execute as", "OWNER"],
      ["body", " return 1; "],
    ]);
  });
});

describe("SHOW COLUMNS identity order and SHOW OBJECTS", () => {
  it("identity columns print NOORDER unless ORDER was written", async () => {
    await a.run("create database d", "use database d", "create table t (a int autoincrement, b int identity(1,10), c int autoincrement start 1 increment 1 order)");
    expect(await a.column("show columns in table t", "autoincrement")).toEqual([
      "IDENTITY START 1 INCREMENT 1 NOORDER",
      "IDENTITY START 1 INCREMENT 10 NOORDER",
      "IDENTITY START 1 INCREMENT 1 ORDER",
    ]);
  });

  it("SHOW OBJECTS prints budget after owner_role_type and a materialized view as VIEW", async () => {
    await a.run("create database d", "use database d", "create table t (a int)", "create materialized view mv as select a from t");
    const t = await a.run("show objects in schema d.public");
    expect(t.columns.slice(10, 16)).toEqual(["retention_time", "owner_role_type", "budget", "is_hybrid", "is_dynamic", "is_iceberg"]);
    expect(t.rows.map((r) => [r[1], r[4]])).toEqual([
      ["MV", "VIEW"],
      ["T", "TABLE"],
    ]);
    expect(await a.column("show terse objects in schema d.public", "kind")).toEqual(["VIEW", "TABLE"]);
  });

  it("SHOW ROW ACCESS POLICIES takes LIMIT … FROM before IN", async () => {
    await a.run(
      "create database d",
      "use database d",
      "create row access policy pa as (x int) returns boolean -> true",
      "create row access policy pb as (x int) returns boolean -> true",
    );
    expect(await a.column("show row access policies limit 1 from 'PA' in schema d.public", "name")).toEqual(["PB"]);
  });
});
