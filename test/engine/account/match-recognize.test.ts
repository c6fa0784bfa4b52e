import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

// MATCH_RECOGNIZE reads its input with a query of its own before matching: that read must be
// authorised and masked exactly like the statement.
const RAW = ["anna@example.com", "bert@example.org", "carl@example.net"];
const CLAUSE = `match_recognize (order by id
    measures first(email) as first_email, last(email) as last_email, count(*) as n
    all rows per match pattern (a b+) define b as email > prev(email))`;

let a: Account;
beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database shop",
    "create schema shop.crm",
    "use schema shop.crm",
    "create table customers (id int, email varchar)",
    `insert into customers values (1, '${RAW[0]}'), (2, '${RAW[1]}'), (3, '${RAW[2]}')`,
    `create masking policy email_mask as (val string) returns string ->
       case when current_role() = 'SUPPORT' then val else '*********' end`,
    "alter table customers modify column email set masking policy email_mask",
  );
  for (const role of ["SUPPORT", "TENANT", "OUTSIDER"]) {
    await a.run(
      `create role ${role}`,
      `grant role ${role} to user admin`,
      `grant usage on database shop to role ${role}`,
      `grant usage on schema shop.crm to role ${role}`,
    );
  }
  await a.run(
    "grant select on table shop.crm.customers to role support",
    "grant select on table shop.crm.customers to role tenant",
  );
});
afterEach(async () => {
  await a.close();
});

async function as(role: string): Promise<Session> {
  const s = await a.open({});
  await s.run(`use role ${role}`, "use schema shop.crm");
  return s;
}

describe("MATCH_RECOGNIZE and access control", () => {
  it("is refused to a role without SELECT on the input table", async () => {
    const e = await (await as("OUTSIDER")).error(`select * from customers ${CLAUSE}`);
    expect(e.message).toContain("does not exist or not authorized");
    expect(JSON.stringify(e)).not.toContain("example");
  });

  it("keeps a masked column masked in the rows, the measures and the DEFINE predicates", async () => {
    const q = `select id, email, first_email, last_email, n from customers ${CLAUSE} order by id`;
    // The raw addresses rise (a < b < c), so SUPPORT sees one match over all three rows.
    expect((await (await as("SUPPORT")).run(q)).rows).toEqual([
      ["1", RAW[0], RAW[0], RAW[0], "1"],
      ["2", RAW[1], RAW[0], RAW[1], "2"],
      ["3", RAW[2], RAW[0], RAW[2], "3"],
    ]);
    // TENANT reads the masked value: equal masks never rise, so nothing matches, and nothing raw leaks.
    const masked = await (await as("TENANT")).run(q);
    expect(masked.rows).toEqual([]);
    const everyRow = await (await as("TENANT")).run(
      `select email, first_email from customers match_recognize (order by id
         measures first(email) as first_email all rows per match pattern (a) define a as true) order by id`,
    );
    expect(everyRow.rows).toEqual(RAW.map(() => ["*********", "*********"]));
  });
});

describe("tables the engine fills for a statement (RESULT_SCAN, MATCH_RECOGNIZE) beside a masked table", () => {
  it("the mask stays on the masked table, never moves to the scanned one", async () => {
    const tenant = await as("TENANT");
    await tenant.run("select 1 as x");
    const r = await tenant.run(
      "select r.x, c.email from table(result_scan(last_query_id())) r, customers c order by c.id",
    );
    expect(r.rows).toEqual(RAW.map(() => ["1", "*********"]));
  });
});
