import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database retail",
    "create schema retail.raw",
    "use schema retail.raw",
    "create table sales (id int, tenant_id varchar, shop_id int, amount number(10,2))",
    "insert into sales values (1, 'ACME', 10, 5.00), (2, 'GLOBEX', 20, 7.50), (3, 'ACME', 11, 2.25), (4, 'INITECH', 30, 1.00)",
    "create table shops (shop_id int, shop_name varchar)",
    "insert into shops values (10, 'Acme Berlin'), (11, 'Acme Hamburg'), (20, 'Globex Wien'), (30, 'Initech Graz')",
    "create table tenant_roles (role_name varchar, tenant_id varchar)",
    "insert into tenant_roles values ('TENANT_ACME', 'ACME'), ('TENANT_GLOBEX', 'GLOBEX')",
    `create row access policy tenant_isolation as (tenant varchar) returns boolean ->
       is_role_in_session('PLATFORM_ADMIN')
       or exists (select 1 from tenant_roles m where m.role_name = current_role() and m.tenant_id = tenant)
       comment = 'one tenant per role'`,
    "alter table sales add row access policy tenant_isolation on (tenant_id)",
    "create view sales_by_shop as select sh.shop_name, s.tenant_id, sum(s.amount) as total from sales s join shops sh on sh.shop_id = s.shop_id group by sh.shop_name, s.tenant_id",
  );
  for (const role of ["TENANT_ACME", "TENANT_GLOBEX", "PLATFORM_ADMIN"]) {
    await a.run(
      `create role ${role}`,
      `grant role ${role} to user admin`,
      `grant usage on database retail to role ${role}`,
      `grant usage on schema retail.raw to role ${role}`,
      `grant select on view retail.raw.sales_by_shop to role ${role}`,
    );
  }
});
afterEach(async () => {
  await a.close();
});

describe("row access policies", () => {
  it("two tenant roles see only their rows through a view over a join; the admin role sees all", async () => {
    const query = "select shop_name, tenant_id, total from retail.raw.sales_by_shop order by shop_name";
    const as = async (role: string) => {
      const s = await a.open({});
      await s.run(`use role ${role}`);
      return (await s.run(query)).rows;
    };
    expect(await as("TENANT_ACME")).toEqual([
      ["Acme Berlin", "ACME", "5.00"],
      ["Acme Hamburg", "ACME", "2.25"],
    ]);
    expect(await as("TENANT_GLOBEX")).toEqual([["Globex Wien", "GLOBEX", "7.50"]]);
    expect(await as("PLATFORM_ADMIN")).toEqual([
      ["Acme Berlin", "ACME", "5.00"],
      ["Acme Hamburg", "ACME", "2.25"],
      ["Globex Wien", "GLOBEX", "7.50"],
      ["Initech Graz", "INITECH", "1.00"],
    ]);
    // The tenant role reads through the view only: the base table stays out of reach.
    const s = await a.open({});
    await s.run("use role tenant_acme");
    expect((await s.error("select * from retail.raw.sales")).code).toBe("002003");
  });

  it("applies to direct reads of the table, with CURRENT_ROLE() evaluated per session", async () => {
    await a.run("grant select on table retail.raw.sales to role tenant_globex");
    const s = await a.open({});
    await s.run("use role tenant_globex");
    expect((await s.run("select id from retail.raw.sales order by id")).rows).toEqual([["2"]]);
    // ACCOUNTADMIN is neither a tenant nor PLATFORM_ADMIN: the policy hides every row.
    expect((await a.run("select count(*) from retail.raw.sales")).rows).toEqual([["0"]]);
  });

  it("SHOW / DESCRIBE / GET_DDL, and a policy in use cannot be dropped", async () => {
    const t = await a.run("show row access policies");
    expect(t.columns).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "kind",
      "owner",
      "comment",
      "options",
      "owner_role_type",
    ]);
    expect(record(t)).toMatchObject({
      name: "TENANT_ISOLATION",
      database_name: "RETAIL",
      schema_name: "RAW",
      kind: "ROW_ACCESS_POLICY",
      owner: "ACCOUNTADMIN",
      comment: "one tenant per role",
      owner_role_type: "ROLE",
    });
    const d = await a.run("describe row access policy tenant_isolation");
    expect(d.columns).toEqual(["name", "signature", "return_type", "body"]);
    expect(d.rows[0]?.slice(0, 3)).toEqual(["TENANT_ISOLATION", "(TENANT VARCHAR)", "BOOLEAN"]);
    expect(d.rows[0]?.[3]).toContain("is_role_in_session('PLATFORM_ADMIN')");
    const ddl = (await a.run("select get_ddl('ROW_ACCESS_POLICY', 'tenant_isolation')")).rows[0]?.[0];
    expect(ddl).toMatch(
      /^create or replace row access policy TENANT_ISOLATION as \(TENANT VARCHAR\) returns BOOLEAN -> is_role_in_session/,
    );
    expect((await a.error("drop row access policy tenant_isolation")).message).toContain(
      "cannot be dropped/replaced as it is associated with one or more entities",
    );
    expect(
      (await a.error("alter table sales add row access policy tenant_isolation on (tenant_id)")).message,
    ).toContain("already has a ROW_ACCESS_POLICY");
    await a.run("alter table sales drop row access policy tenant_isolation");
    expect((await a.run("select count(*) from sales")).rows).toEqual([["4"]]);
    await a.run("alter row access policy tenant_isolation set comment = 'changed'");
    expect(record(await a.run("show row access policies like 'TENANT%' in schema retail.raw")).comment).toBe(
      "changed",
    );
    await a.run("drop row access policy tenant_isolation");
    expect((await a.run("show row access policies")).rows).toEqual([]);
  });
});
