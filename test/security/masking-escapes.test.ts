/**
 * A hostile role against a masked column, in-process and over `local serve` with the real
 * snowflake-sdk: every way of reading a column in Snowflake SQL (projection, view, subquery, join,
 * aggregate, semi-structured constructors, a copy into a table it owns, RESULT_SCAN, UPDATE … FROM,
 * MERGE, a WHERE probe) either fails or returns the mask, never a raw e-mail address or a fact
 * about one. The raw values are known here, so "not in the output" is checked on every result.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import { type Account, openAccount } from "../engine/account/helpers.js";
import { connectSdk, destroy, execute, type SdkConnection } from "../server/sdk.js";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const RAW = ["anna@example.com", "bert@example.org", "carl@example.net"];
const PASSWORD = "hostile-pass-1";

/** Attempts run in order in one session (later ones read what earlier ones copied). */
const ATTEMPTS = [
  "SELECT * FROM CUSTOMERS",
  "SELECT EMAIL FROM CUSTOMER_LIST",
  "SELECT (SELECT MAX(EMAIL) FROM CUSTOMERS)",
  "WITH C AS (SELECT EMAIL FROM CUSTOMERS) SELECT * FROM C",
  "SELECT N.NOTE, C.EMAIL FROM NOTES N JOIN CUSTOMERS C ON C.ID = N.ID",
  "SELECT EMAIL FROM CUSTOMERS UNION SELECT NOTE FROM NOTES",
  "SELECT LISTAGG(EMAIL, ',') FROM CUSTOMERS",
  "SELECT ARRAY_AGG(EMAIL) FROM CUSTOMERS",
  "SELECT OBJECT_CONSTRUCT(*) FROM CUSTOMERS",
  "SELECT TO_JSON(OBJECT_CONSTRUCT('e', EMAIL)) FROM CUSTOMERS",
  "SELECT SPLIT_PART(EMAIL, '@', 2), LENGTH(EMAIL), HASH(EMAIL) FROM CUSTOMERS",
  "SELECT COUNT(*) FROM CUSTOMERS WHERE EMAIL LIKE 'anna%'",
  "SELECT COUNT(*) FROM CUSTOMERS WHERE CONTAINS(EMAIL, 'example')",
  "SELECT EMAIL FROM CUSTOMERS ORDER BY EMAIL",
  "SELECT MIN(EMAIL), MAX(EMAIL) FROM CUSTOMERS GROUP BY ID",
  "SELECT FIRST_VALUE(EMAIL) OVER (ORDER BY ID) FROM CUSTOMERS",
  "SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID(-2)))",
  "CREATE TABLE STOLEN AS SELECT * FROM CUSTOMERS",
  "SELECT * FROM STOLEN",
  "CREATE TABLE STOLEN2 CLONE CUSTOMERS",
  "SELECT * FROM STOLEN2",
  "CREATE VIEW STOLEN_V AS SELECT EMAIL AS E FROM CUSTOMERS",
  "SELECT * FROM STOLEN_V",
  "INSERT INTO NOTES SELECT ID, EMAIL FROM CUSTOMERS",
  "UPDATE NOTES SET NOTE = C.EMAIL FROM CUSTOMERS C WHERE C.ID = NOTES.ID",
  "MERGE INTO NOTES N USING CUSTOMERS C ON N.ID = C.ID WHEN MATCHED THEN UPDATE SET NOTE = C.EMAIL",
  "SELECT * FROM NOTES",
  "ALTER TABLE CUSTOMERS MODIFY COLUMN EMAIL UNSET MASKING POLICY",
  "ALTER MASKING POLICY EMAIL_MASK SET BODY -> VAL",
  "DROP MASKING POLICY EMAIL_MASK",
  "CREATE OR REPLACE MASKING POLICY EMAIL_MASK AS (VAL STRING) RETURNS STRING -> VAL",
  "SELECT GET_DDL('TABLE', 'CUSTOMERS')",
  "SELECT EMAIL FROM CUSTOMERS",
] as const;

let a: Account;
let server: RunningServer;

beforeAll(async () => {
  a = await openAccount();
  await a.run(
    "create database shop",
    "create schema shop.crm",
    "use schema shop.crm",
    "create table customers (id int, email varchar)",
    `insert into customers values (1, '${RAW[0]}'), (2, '${RAW[1]}'), (3, '${RAW[2]}')`,
    "create masking policy email_mask as (val string) returns string -> case when is_role_in_session('SUPPORT') then val else '*********' end",
    "alter table customers modify column email set masking policy email_mask",
    "create view customer_list as select id, email from customers",
    "create table notes (id int, note varchar)",
    "create role hostile",
    `create user mallory password = '${PASSWORD}' default_role = hostile`,
    "grant role hostile to user mallory",
    "grant usage on database shop to role hostile",
    "grant usage on schema shop.crm to role hostile",
    "grant create table, create view on schema shop.crm to role hostile",
    "grant select on table customers to role hostile",
    "grant select on view customer_list to role hostile",
    "grant select, insert, update on table notes to role hostile",
  );
  server = await startServer(a.engine, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await a?.close();
});

/** What one attempt did: an error code, or its rows as JSON text. */
type Outcome = { error: string } | { rows: string };

function checkNoRaw(outcomes: Outcome[]) {
  expect(outcomes).toHaveLength(ATTEMPTS.length);
  outcomes.forEach((outcome, i) => {
    if ("rows" in outcome) for (const raw of RAW) expect(outcome.rows, ATTEMPTS[i]).not.toContain(raw);
  });
  // The policy statements are refused (the hostile role owns neither policy nor table).
  for (const i of [27, 28, 29, 30]) expect("error" in outcomes[i]!, ATTEMPTS[i]).toBe(true);
  // The last read still returns the mask: nothing above loosened the policy.
  expect(outcomes.at(-1)).toEqual({ rows: expect.stringContaining("*********") });
}

describe("masking escapes", () => {
  it(`${ATTEMPTS.length} attempts in-process: none reveals a raw value`, async () => {
    const s = await a.open({ user: "MALLORY", role: "HOSTILE", database: "SHOP", schema: "CRM" });
    const outcomes: Outcome[] = [];
    for (const sql of ATTEMPTS) {
      try {
        outcomes.push({ rows: JSON.stringify((await s.run(sql)).rows) });
      } catch (e) {
        outcomes.push({ error: String((e as { code?: string }).code ?? e) });
      }
    }
    checkNoRaw(outcomes);
    // The copies hold the mask: read by a role that may see raw values, they are still masked.
    await a.run(
      "create role support",
      "grant role support to user admin",
      "grant role hostile to role support",
    );
    const support = await a.open({ role: "SUPPORT", database: "SHOP", schema: "CRM" });
    for (const q of ["select * from stolen", "select * from stolen2", "select note from notes"])
      for (const raw of RAW) expect(JSON.stringify((await support.run(q)).rows)).not.toContain(raw);
    expect((await support.run("select email from customers order by id")).rows).toEqual(RAW.map((r) => [r]));
    await s.run("drop table stolen", "drop table stolen2", "drop view stolen_v");
    await a.run("delete from shop.crm.notes");
  });

  it(`${ATTEMPTS.length} attempts over local serve with the snowflake-sdk: none reveals a raw value`, async () => {
    const connection: SdkConnection = await connectSdk(server.url, {
      username: "MALLORY",
      password: PASSWORD,
      role: "HOSTILE",
      database: "SHOP",
      schema: "CRM",
    });
    const outcomes: Outcome[] = [];
    try {
      for (const sql of ATTEMPTS) {
        try {
          outcomes.push({ rows: JSON.stringify((await execute(connection, sql)).rows) });
        } catch (e) {
          outcomes.push({ error: String((e as { code?: string }).code ?? e) });
        }
      }
    } finally {
      await destroy(connection);
    }
    checkNoRaw(outcomes);
  });
});
