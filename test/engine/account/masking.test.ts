import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

// Three customers; the e-mail addresses are the raw values no unprivileged role may read.
const RAW = ["anna@example.com", "bert@example.org", "carl@example.net"];

let a: Account;
beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database shop",
    "create schema shop.crm",
    "use schema shop.crm",
    "create table customers (id int, tenant varchar, email varchar, phone varchar)",
    `insert into customers values (1, 'A', '${RAW[0]}', '+49 30 1111'), (2, 'A', '${RAW[1]}', '+49 30 2222'), (3, 'B', '${RAW[2]}', '+43 1 3333')`,
    `create masking policy email_mask as (val string) returns string ->
       case when is_role_in_session('SUPPORT') then val
            when current_role() = 'ANALYST' then regexp_replace(val, '.+@', '*****@')
            else '*********' end
       comment = 'e-mail for support only'`,
    "alter table customers modify column email set masking policy email_mask",
    "create view customer_list as select id, email from customers",
    "create table notes (id int, note varchar)",
    "insert into notes values (1, 'x'), (2, 'y'), (3, 'z')",
  );
  for (const role of ["SUPPORT", "ANALYST", "TENANT_A"]) {
    await a.run(
      `create role ${role}`,
      `grant role ${role} to user admin`,
      `grant usage on database shop to role ${role}`,
      `grant usage on schema shop.crm to role ${role}`,
      `grant select on table shop.crm.customers to role ${role}`,
      `grant select on view shop.crm.customer_list to role ${role}`,
    );
  }
});
afterEach(async () => {
  await a.close();
});

async function as(role: string): Promise<Session> {
  const s = await a.open({});
  await s.run(`use role ${role}`, "use schema shop.crm");
  return s;
}

describe("masking policies: what each role reads", () => {
  it("SUPPORT reads the raw value, ANALYST the partial mask, any other role the full mask", async () => {
    const q = "select id, email from customers order by id";
    expect((await (await as("SUPPORT")).run(q)).rows).toEqual(RAW.map((e, i) => [String(i + 1), e]));
    expect((await (await as("ANALYST")).run(q)).rows).toEqual([
      ["1", "*****@example.com"],
      ["2", "*****@example.org"],
      ["3", "*****@example.net"],
    ]);
    expect((await (await as("TENANT_A")).run(q)).rows).toEqual([
      ["1", "*********"],
      ["2", "*********"],
      ["3", "*********"],
    ]);
  });
});
