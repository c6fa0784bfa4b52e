/**
 * SQL UDFs over policy-protected relations (issue 14, decision 010's former "known gap"): a UDF
 * runs as a DuckDB macro, out of reach of the row access and masking rewrite, so a tenant calling
 * one whose body reads a protected table would get every tenant's rows and raw values. Each call
 * that leads to a protected relation (directly, through a view, another UDF, or inside a view the
 * statement reads) must be refused and reveal nothing; a UDF over unprotected tables keeps working;
 * a policy attached after the UDF was created makes its calls refused. In-process and over
 * `local serve` with the real snowflake-sdk. The raw values are known here, so "not in the output"
 * is checked on every result.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import { type Account, openAccount } from "../engine/account/helpers.js";
import { connectSdk, destroy, execute } from "../server/sdk.js";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const PASSWORD = "udf-tenant-pass-1";
/** Tenant B's rows and every raw e-mail address: none may reach tenant A through a UDF. */
const FOREIGN = ["beta-secret-order", "anna@example.com", "bert@example.org", "carl@example.net"];

/** Each is a tenant A statement calling a UDF that leads to the protected ORDERS table. */
const ATTEMPTS = [
  "SELECT ORDER_COUNT()",
  "SELECT FIRST_EMAIL()",
  "SELECT ALL_ORDERS()",
  "SELECT * FROM TABLE(ALL_ORDERS())",
  "SELECT COUNT_VIA_VIEW()",
  "SELECT NESTED_COUNT()",
  "SELECT * FROM UDF_VIEW",
  "SELECT CODE FROM RATES WHERE RATE < ORDER_COUNT()",
  "SELECT (SELECT FIRST_EMAIL())",
  "WITH X AS (SELECT FIRST_EMAIL() AS E) SELECT * FROM X",
  "SELECT SHOP.CRM.FIRST_EMAIL()",
  "CREATE TABLE STOLEN AS SELECT FIRST_EMAIL() AS E",
  "INSERT INTO RATES SELECT FIRST_EMAIL(), 0",
  "UPDATE RATES SET CODE = FIRST_EMAIL()",
] as const;

let a: Account;
let server: RunningServer;

beforeAll(async () => {
  a = await openAccount();
  await a.run(
    "create database shop",
    "create schema shop.crm",
    "use schema shop.crm",
    "create table orders (tenant varchar, note varchar, email varchar)",
    `insert into orders values ('ALPHA', 'alpha-order-1', '${FOREIGN[1]}'), ('ALPHA', 'alpha-order-2', '${FOREIGN[2]}'), ('BETA', '${FOREIGN[0]}', '${FOREIGN[3]}')`,
    "create row access policy tenant_rows as (t varchar) returns boolean -> is_role_in_session('UDF_OWNER') or (t = 'ALPHA' and is_role_in_session('TENANT_ALPHA'))",
    "alter table orders add row access policy tenant_rows on (tenant)",
    "create masking policy email_mask as (val string) returns string -> case when is_role_in_session('UDF_OWNER') then val else '*****' end",
    "alter table orders modify column email set masking policy email_mask",
    "create view order_view as select tenant, note from orders",
    "create table rates (code varchar, rate int)",
    "insert into rates values ('low', 3), ('high', 7)",
    "create table later (tenant varchar, secret varchar)",
    "insert into later values ('ALPHA', 'a1'), ('BETA', 'b1'), ('BETA', 'b2')",
    "create role udf_owner",
    "grant role udf_owner to user admin",
    "grant usage on database shop to role udf_owner",
    "grant usage on schema shop.crm to role udf_owner",
    "grant create function, create view on schema shop.crm to role udf_owner",
    "grant select on all tables in schema shop.crm to role udf_owner",
    "grant select on view order_view to role udf_owner",
    "create role tenant_alpha",
    `create user alice password = '${PASSWORD}' default_role = tenant_alpha`,
    "grant role tenant_alpha to user alice",
    "grant usage on database shop to role tenant_alpha",
    "grant usage on schema shop.crm to role tenant_alpha",
    "grant create table on schema shop.crm to role tenant_alpha",
    "grant select on table orders to role tenant_alpha",
    "grant select, insert, update on table rates to role tenant_alpha",
    "grant select on view order_view to role tenant_alpha",
  );
  // The owner role creates the functions (and a view calling one) and lets the tenant use them.
  const owner = await a.open({ role: "UDF_OWNER", database: "SHOP", schema: "CRM" });
  await owner.run(
    "create function crm.all_orders() returns table (note varchar) as 'select note from orders'",
    "create function crm.order_count() returns number as 'select count(*) from orders'",
    "create function crm.first_email() returns varchar as 'select min(email) from orders'",
    "create function crm.count_via_view() returns number as 'select count(*) from order_view'",
    "create function crm.nested_count() returns number as 'order_count() + 0'",
    "create function crm.max_rate() returns number as 'select max(rate) from rates'",
    "create function crm.later_count() returns number as 'select count(*) from later'",
    "create view udf_view as select order_count() as n",
  );
  for (const f of [
    "all_orders",
    "order_count",
    "first_email",
    "count_via_view",
    "nested_count",
    "max_rate",
    "later_count",
  ])
    await owner.run(`grant usage on function crm.${f} to role tenant_alpha`);
  await owner.run("grant select on view udf_view to role tenant_alpha");
  server = await startServer(a.engine, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await a?.close();
});

/** What one attempt did: an error (code and message), or its rows as JSON text. */
type Outcome = { error: string; message: string } | { rows: string };

function checkRefused(outcomes: Outcome[]) {
  expect(outcomes).toHaveLength(ATTEMPTS.length);
  outcomes.forEach((outcome, i) => {
    if ("rows" in outcome) for (const raw of FOREIGN) expect(outcome.rows, ATTEMPTS[i]).not.toContain(raw);
    // Every attempt is refused: a scalar count of 3 (all tenants) or 2 (tenant A's) would be a read
    // the engine cannot vouch for either way.
    expect(outcome, ATTEMPTS[i]).toHaveProperty("error");
    for (const raw of FOREIGN)
      expect((outcome as { message: string }).message ?? "", ATTEMPTS[i]).not.toContain(raw);
  });
}

describe("SQL UDFs over policy-protected relations", () => {
  it(`${ATTEMPTS.length} attempts in-process: each is refused, none reveals a row or raw value`, async () => {
    const s = await a.open({ user: "ALICE", role: "TENANT_ALPHA", database: "SHOP", schema: "CRM" });
    // The tenant reads its own rows, masked, when it reads the table in the query.
    expect((await s.run("select note, email from orders order by note")).rows).toEqual([
      ["alpha-order-1", "*****"],
      ["alpha-order-2", "*****"],
    ]);
    const outcomes: Outcome[] = [];
    for (const sql of ATTEMPTS) {
      try {
        outcomes.push({ rows: JSON.stringify((await s.run(sql)).rows) });
      } catch (e) {
        const error = e as { code?: string; message?: string };
        outcomes.push({ error: String(error.code ?? e), message: String(error.message ?? "") });
      }
    }
    checkRefused(outcomes);
    // The refusal says which function, which relation, and what to do instead.
    const refused = await s.error("select order_count()");
    expect(refused.code).toBe("002040");
    expect(refused.message).toContain("SHOP.CRM.ORDER_COUNT");
    expect(refused.message).toContain("SHOP.CRM.ORDERS");
    expect(refused.message).toMatch(/cannot apply row access or masking policies inside a UDF body/);
    expect(refused.message).toMatch(/in the query itself or through a view/);
    // Through a view in the body, and through another UDF: the protected table is still named.
    expect((await s.error("select count_via_view()")).message).toContain("SHOP.CRM.ORDERS");
    expect((await s.error("select nested_count()")).message).toContain("SHOP.CRM.ORDER_COUNT");
  });

  it("a UDF over unprotected tables keeps working; a policy attached later makes its calls refused", async () => {
    const s = await a.open({ user: "ALICE", role: "TENANT_ALPHA", database: "SHOP", schema: "CRM" });
    // rates holds 3 and 7; later holds 3 rows. (The first statement of a session opened with a
    // schema does not find UDFs yet, a separate engine bug: read the table first.)
    expect((await s.run("select rate from rates order by rate")).rows).toEqual([["3"], ["7"]]);
    expect((await s.run("select max_rate()")).rows).toEqual([["7"]]);
    expect((await s.run("select later_count()")).rows).toEqual([["3"]]);
    await a.run("alter table shop.crm.later add row access policy shop.crm.tenant_rows on (tenant)");
    const refused = await s.error("select later_count()");
    expect(refused.code).toBe("002040");
    expect(refused.message).toContain("SHOP.CRM.LATER");
    // The rate UDF is untouched by a policy on another table.
    expect((await s.run("select max_rate()")).rows).toEqual([["7"]]);
    // Detached again, the UDF runs again (the check is made at each call, not at creation).
    await a.run("alter table shop.crm.later drop row access policy shop.crm.tenant_rows");
    expect((await s.run("select later_count()")).rows).toEqual([["3"]]);
  });

  it(`${ATTEMPTS.length} attempts over local serve with the snowflake-sdk: each is refused`, async () => {
    const connection = await connectSdk(server.url, {
      username: "ALICE",
      password: PASSWORD,
      role: "TENANT_ALPHA",
      database: "SHOP",
      schema: "CRM",
    });
    const outcomes: Outcome[] = [];
    try {
      for (const sql of ATTEMPTS) {
        try {
          outcomes.push({ rows: JSON.stringify((await execute(connection, sql)).rows) });
        } catch (e) {
          const error = e as { code?: string; message?: string };
          outcomes.push({ error: String(error.code ?? e), message: String(error.message ?? "") });
        }
      }
    } finally {
      await destroy(connection);
    }
    checkRefused(outcomes);
  });
});
