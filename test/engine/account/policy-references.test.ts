import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./helpers.js";

let a: Account;
beforeAll(async () => {
  a = await openAccount();
  await a.run(
    "create database retail",
    "create schema retail.raw",
    "use schema retail.raw",
    "create table sales (id int, tenant_id varchar, shop_id int)",
    "create table shops (shop_id int, tenant_id varchar)",
    "create view v_sales as select id, tenant_id from sales",
    "create row access policy tenant_isolation as (tenant varchar) returns boolean -> tenant = 'ACME'",
    "alter table sales add row access policy tenant_isolation on (tenant_id)",
    "alter view v_sales add row access policy tenant_isolation on (tenant_id)",
  );
});
afterAll(async () => {
  await a.close();
});

const query = (args: string) =>
  `select ref_database_name, ref_schema_name, ref_entity_name, ref_entity_domain, ref_arg_column_names, policy_kind, policy_name
   from table(retail.information_schema.policy_references(${args})) order by ref_entity_name`;

describe("INFORMATION_SCHEMA.POLICY_REFERENCES", () => {
  it("lists every table and view a policy is attached to, with its columns", async () => {
    const result = await a.run(query("policy_name => 'retail.raw.tenant_isolation'"));
    expect(result.rows).toEqual([
      ["RETAIL", "RAW", "SALES", "TABLE", '["TENANT_ID"]', "ROW_ACCESS_POLICY", "TENANT_ISOLATION"],
      ["RETAIL", "RAW", "V_SALES", "VIEW", '["TENANT_ID"]', "ROW_ACCESS_POLICY", "TENANT_ISOLATION"],
    ]);
  });

  it("answers per table, and nothing for a table with no policy", async () => {
    const sales = await a.run(query("ref_entity_name => 'retail.raw.sales', ref_entity_domain => 'table'"));
    expect(sales.rows.map((r) => r[2])).toEqual(["SALES"]);
    const shops = await a.run(query("ref_entity_name => 'retail.raw.shops', ref_entity_domain => 'table'"));
    expect(shops.rows).toEqual([]);
  });

  it("forgets an attachment once it is dropped", async () => {
    await a.run("alter table retail.raw.sales drop row access policy retail.raw.tenant_isolation");
    const result = await a.run(query("policy_name => 'retail.raw.tenant_isolation'"));
    expect(result.rows.map((r) => r[2])).toEqual(["V_SALES"]);
  });

  it("names an unknown policy", async () => {
    const error = await a.error(query("policy_name => 'retail.raw.nope'"));
    expect(error.message).toMatch(/NOPE/);
  });
});
