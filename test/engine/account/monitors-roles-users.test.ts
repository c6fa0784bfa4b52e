import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
});
afterEach(async () => {
  await a.close();
});

describe("resource monitors", () => {
  it("CREATE → SHOW with Snowflake's columns and formats; ALTER replaces triggers; attach sets the level; DROP", async () => {
    await a.run(
      "create resource monitor analytics_monitor with credit_quota = 10 frequency = monthly start_timestamp = immediately notify_users = (ADMIN) triggers on 75 percent do notify on 90 percent do notify on 100 percent do suspend on 110 percent do suspend_immediate",
    );
    const t = await a.run("show resource monitors");
    expect(t.columns).toEqual([
      "name",
      "credit_quota",
      "used_credits",
      "remaining_credits",
      "level",
      "frequency",
      "start_time",
      "end_time",
      "notify_at",
      "suspend_at",
      "suspend_immediately_at",
      "created_on",
      "owner",
      "comment",
      "notify_users",
    ]);
    expect(record(t)).toMatchObject({
      name: "ANALYTICS_MONITOR",
      credit_quota: "10.00",
      used_credits: "0.00",
      remaining_credits: "10.00",
      level: null,
      frequency: "MONTHLY",
      end_time: null,
      notify_at: "75%,90%",
      suspend_at: "100%",
      suspend_immediately_at: "110%",
      owner: "ACCOUNTADMIN",
      notify_users: "ADMIN",
    });
    expect(record(t).start_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0000$/);
    await a.run(
      "alter resource monitor analytics_monitor set credit_quota = 20 triggers on 50 percent do notify",
    );
    expect(record(await a.run("show resource monitors"))).toMatchObject({
      credit_quota: "20.00",
      notify_at: "50%",
      suspend_at: null,
      suspend_immediately_at: null,
    });
    await a.run("create warehouse wh", "alter warehouse wh set resource_monitor = analytics_monitor");
    expect(record(await a.run("show resource monitors")).level).toBe("WAREHOUSE");
    expect(record(await a.run("show warehouses")).resource_monitor).toBe("ANALYTICS_MONITOR");
    await a.run(
      "create resource monitor account_monitor with credit_quota = 100",
      "alter account set resource_monitor = account_monitor",
    );
    expect(await a.column("show resource monitors like 'account%'", "level")).toEqual(["ACCOUNT"]);
    await a.run("drop resource monitor analytics_monitor");
    expect(await a.column("show resource monitors", "name")).toEqual(["ACCOUNT_MONITOR"]);
    expect(record(await a.run("show warehouses")).resource_monitor).toBe("null");
  });

  it("a bare CREATE has no quota, MONTHLY frequency and a start time; triggers are validated", async () => {
    await a.run("create resource monitor bare");
    expect(record(await a.run("show resource monitors"))).toMatchObject({
      credit_quota: null,
      frequency: "MONTHLY",
      notify_at: null,
      level: null,
    });
    const two = await a.error(
      "create resource monitor m2 with credit_quota = 5 triggers on 90 percent do suspend on 100 percent do suspend",
    );
    expect(two.message).toBe("A resource monitor can have at most one suspend trigger.");
    const twoImmediate = await a.error(
      "create resource monitor m3 with credit_quota = 5 triggers on 90 percent do suspend_immediate on 100 percent do suspend_immediate",
    );
    expect(twoImmediate.message).toBe("A resource monitor can have at most one suspend_immediate trigger.");
    expect((await a.error("create resource monitor m4 with frequency = daily")).message).toContain(
      "FREQUENCY and START_TIMESTAMP must be specified together",
    );
    expect(
      (await a.error("create resource monitor m5 with credit_quota = 5 triggers on 90 percent do explode"))
        .code,
    ).toBe("001003");
  });

  it("only account administrators manage monitors", async () => {
    await a.run("create role ops", "grant role ops to user admin", "use role ops");
    const e = await a.error("create resource monitor nope with credit_quota = 1");
    expect(e.code).toBe("003001");
    expect(e.message).toContain("Insufficient privileges to operate on account");
  });
});

describe("roles", () => {
  it("a fresh account has the system roles and hierarchy", async () => {
    const t = await a.run("show roles");
    expect(t.columns).toEqual([
      "created_on",
      "name",
      "is_default",
      "is_current",
      "is_inherited",
      "assigned_to_users",
      "granted_to_roles",
      "granted_roles",
      "owner",
      "comment",
    ]);
    expect(t.rows.map((r) => [r[1], r[2], r[3], r[4], r[5], r[6], r[7]])).toEqual([
      ["ACCOUNTADMIN", "Y", "Y", "N", "1", "0", "2"],
      ["PUBLIC", "N", "N", "Y", "0", "0", "0"],
      ["SECURITYADMIN", "N", "N", "Y", "0", "1", "1"],
      ["SYSADMIN", "N", "N", "Y", "0", "1", "0"],
      ["USERADMIN", "N", "N", "Y", "0", "1", "0"],
    ]);
    const of = await a.run("show grants of role sysadmin");
    expect(of.columns).toEqual(["created_on", "role", "granted_to", "grantee_name", "granted_by"]);
    expect(of.rows.map((r) => r.slice(1, 4))).toEqual([["SYSADMIN", "ROLE", "ACCOUNTADMIN"]]);
    expect((await a.error("drop role sysadmin")).message).toContain("system role 'SYSADMIN'");
  });

  it("CREATE / ALTER / GRANT TO ROLE / USE ROLE / DROP", async () => {
    await a.run(
      "create role analyst comment = 'reads analytics'",
      "create role developer",
      "grant role analyst to role developer",
    );
    await a.run("grant role developer to role sysadmin", "grant role developer to user admin");
    expect(record(await a.run("show roles like 'analyst'"))).toMatchObject({
      name: "ANALYST",
      owner: "ACCOUNTADMIN",
      comment: "reads analytics",
      granted_to_roles: "1",
    });
    expect((await a.run("show grants to role developer")).rows.map((r) => r.slice(1, 8))).toEqual([
      ["USAGE", "ROLE", "ANALYST", "ROLE", "DEVELOPER", "false", "ACCOUNTADMIN"],
    ]);
    const cycle = await a.error("grant role developer to role analyst");
    expect(cycle.message).toContain("cycle");
    await a.run("alter role analyst set comment = 'changed'");
    expect(record(await a.run("show roles like 'ANALYST'")).comment).toBe("changed");
    await a.run("use role developer");
    expect(
      (await a.run("select current_role(), is_role_in_session('ANALYST'), is_role_in_session('SYSADMIN')"))
        .rows,
    ).toEqual([["DEVELOPER", "true", "false"]]);
    await a.run("use role accountadmin", "drop role analyst");
    expect(await a.column("show roles like 'ANALYST'", "name")).toEqual([]);
    expect((await a.error("use role analyst")).message).toBe(
      "SQL compilation error:\nRole 'ANALYST' does not exist or not authorized.",
    );
  });

  it("USE ROLE only to roles the user holds", async () => {
    await a.run("create role outsider");
    expect((await a.error("use role outsider")).code).toBe("002003");
  });

  it("database roles", async () => {
    await a.run(
      "create database d",
      "create database role d.reader comment = 'read only'",
      "grant database role d.reader to role sysadmin",
    );
    const t = await a.run("show database roles in database d");
    expect(t.rows.map((r) => [r[1], r[5], r[8], r[9]])).toEqual([
      ["READER", "1", "ACCOUNTADMIN", "read only"],
    ]);
    await a.run("drop database role d.reader");
    expect((await a.run("show database roles in database d")).rows).toEqual([]);
  });
});

describe("users", () => {
  it("the fresh engine has ADMIN (password admin) holding ACCOUNTADMIN", async () => {
    expect(await a.catalog.checkPassword("ADMIN", "admin")).toBe(true);
    expect(await a.catalog.checkPassword("ADMIN", "wrong")).toBe(false);
    const t = await a.run("show users");
    expect(t.columns.slice(0, 4)).toEqual(["name", "created_on", "login_name", "display_name"]);
    expect(record(t)).toMatchObject({
      name: "ADMIN",
      default_role: "ACCOUNTADMIN",
      has_password: "true",
      disabled: "false",
    });
    // SHOW GRANTS TO USER's current form: the role grant as USAGE on ROLE, `role` naming it.
    expect((await a.run("show grants to user admin")).rows.map((r) => r.slice(1))).toEqual([
      ["USAGE", "ROLE", "ACCOUNTADMIN", "ACCOUNTADMIN", "USER", "ADMIN", "false", ""],
    ]);
  });

  it("CREATE USER with defaults, TYPE = SERVICE and RSA_PUBLIC_KEY; ALTER; DROP; passwords hashed, never shown", async () => {
    await a.run("create role loader", "create warehouse loading_wh");
    await a.run(
      "create user fivetran_user type = service default_role = loader default_warehouse = loading_wh rsa_public_key = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' comment = 'Fivetran'",
    );
    await a.run(
      "create user analyst_user password = 'S3cret!pass' login_name = 'ana' display_name = 'Ana' email = 'ana@example.com'",
    );
    const t = await a.run("show users like '%_user'");
    expect(t.rows.map((r) => record(t, t.rows.indexOf(r)))).toMatchObject([
      {
        name: "ANALYST_USER",
        login_name: "ANA",
        display_name: "Ana",
        email: "ana@example.com",
        has_password: "true",
        type: null,
      },
      {
        name: "FIVETRAN_USER",
        type: "SERVICE",
        default_role: "LOADER",
        default_warehouse: "LOADING_WH",
        has_password: "false",
        has_rsa_public_key: "true",
        comment: "Fivetran",
      },
    ]);
    expect(JSON.stringify(t.rows)).not.toContain("S3cret");
    expect(await a.catalog.checkPassword("ANALYST_USER", "S3cret!pass")).toBe(true);
    expect(await a.catalog.publicKeys("FIVETRAN_USER")).toEqual([
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
    ]);
    const service = await a.error("alter user fivetran_user set password = 'x'");
    expect(service.message).toContain("TYPE = SERVICE");
    await a.run("alter user analyst_user set disabled = true");
    expect(await a.catalog.checkPassword("ANALYST_USER", "S3cret!pass")).toBe(false);
    const desc = await a.run("describe user fivetran_user");
    expect(desc.columns).toEqual(["property", "value", "default", "description"]);
    expect(desc.rows.find((r) => r[0] === "DEFAULT_ROLE")?.[1]).toBe("LOADER");
    await a.run("drop user analyst_user");
    expect(await a.column("show users", "name")).toEqual(["ADMIN", "FIVETRAN_USER"]);
    expect((await a.error("create user admin")).message).toBe(
      "SQL compilation error:\nUser 'ADMIN' already exists.",
    );
  });
});

describe("sessions", () => {
  it("start with the user's DEFAULT_ROLE and DEFAULT_WAREHOUSE, and only with roles the user holds", async () => {
    await a.run(
      "create role reader",
      "create warehouse reading_wh",
      "create user ria default_role = reader default_warehouse = reading_wh",
      "grant role reader to user ria",
      "create user bob default_role = reader",
    );
    const ria = await a.open({ user: "RIA" });
    expect((await ria.run("select current_user(), current_role(), current_warehouse()")).rows).toEqual([
      ["RIA", "READER", "READING_WH"],
    ]);
    // BOB's default role is not granted to him: he starts as PUBLIC.
    const bob = await a.open({ user: "BOB" });
    expect((await bob.run("select current_role()")).rows).toEqual([["PUBLIC"]]);
    await expect(a.open({ user: "BOB", role: "READER" })).rejects.toThrow("is not granted to this user");
    // An in-process session for a user the account does not know yet: the configured local user.
    const ci = await a.open({ user: "CI" });
    expect((await ci.run("select current_user(), current_role()")).rows).toEqual([["CI", "ACCOUNTADMIN"]]);
  });
});
