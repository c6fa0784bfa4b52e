/**
 * The security suite: the Mercurios platform built as `mercurios up` builds it, with the hand-made
 * POS rows of test/views/fixtures/retail.sql, attacked as each tenant role and as PUBLIC, in-process
 * (the local driver) and over the REST server with the real snowflake-sdk. Every escape attempt
 * must be refused; the analytics views must still give each tenant exactly its rows.
 *
 * The attempts are what a hostile user tries: DuckDB's own functions, relations and statements,
 * smuggled statements, reads of schemas the role holds nothing on (directly, next to a view it may
 * read, through a CTE name, a variable, EXECUTE IMMEDIATE), metadata it should not see, and DDL it
 * holds no privilege for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalDriver } from "../../src/driver/local.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import type { Driver } from "../../src/driver/types.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import { loadFixture, openPlatform, type Platform } from "../platform/harness.js";

const DB = "MERCURIOS_DATA";

/** The tenant roles, their users for this suite, and PUBLIC (a user granted no role). */
const PRINCIPALS = [
  { role: "MERCURIOS_TENANT_MODEHAUS_BERLIN", user: "SEC_MODEHAUS", tenant: "modehaus-berlin" },
  { role: "MERCURIOS_TENANT_SPORTWELT_MUENCHEN", user: "SEC_SPORTWELT", tenant: "sportwelt-muenchen" },
  { role: "MERCURIOS_TENANT_BUCHLADEN_HAMBURG", user: "SEC_BUCHLADEN", tenant: "buchladen-hamburg" },
  { role: "PUBLIC", user: "SEC_PUBLIC", tenant: null },
] as const;
const PASSWORD = "Sec-suite-pw-1";

/**
 * Rows per tenant and view, worked out by hand from retail.sql (not read from the engine):
 * BUSINESS_DASHBOARD one row per tenant with receipts; CUSTOMER_INSIGHTS identified customers with a
 * receipt (modehaus: K1, K2, K3; sportwelt: K9); DAILY_SALES_SUMMARY sales days (modehaus 08-15,
 * 09-10, 10-24, 10-31; sportwelt 10-30); INVENTORY_STATUS stock counts (4; 1); PRODUCT_PERFORMANCE
 * articles (A1-A4; B1); SHOP_PERFORMANCE shops (F001, F002; F001). buchladen-hamburg has no rows.
 */
const EXPECTED_ROWS: Record<string, Record<string, number>> = {
  "modehaus-berlin": {
    BUSINESS_DASHBOARD: 1,
    CUSTOMER_INSIGHTS: 3,
    DAILY_SALES_SUMMARY: 4,
    INVENTORY_STATUS: 4,
    PRODUCT_PERFORMANCE: 4,
    SHOP_PERFORMANCE: 2,
  },
  "sportwelt-muenchen": {
    BUSINESS_DASHBOARD: 1,
    CUSTOMER_INSIGHTS: 1,
    DAILY_SALES_SUMMARY: 1,
    INVENTORY_STATUS: 1,
    PRODUCT_PERFORMANCE: 1,
    SHOP_PERFORMANCE: 1,
  },
  "buchladen-hamburg": {
    BUSINESS_DASHBOARD: 0,
    CUSTOMER_INSIGHTS: 0,
    DAILY_SALES_SUMMARY: 0,
    INVENTORY_STATUS: 0,
    PRODUCT_PERFORMANCE: 0,
    SHOP_PERFORMANCE: 0,
  },
};

/** Snowflake's codes for a refusal: unknown function, syntax, object, privilege, statement count. */
const UNKNOWN_FUNCTION = ["002140"];
const SYNTAX = ["001003"];
const NO_OBJECT = ["002003", "002043"];
const NO_PRIVILEGE = ["002003", "003001", "002043"];
const ONE_STATEMENT = ["000008"];

interface Attempt {
  name: string;
  /** Run in order; the last must fail (the ones before it set the stage and may fail too). */
  sql: string[];
  codes: readonly string[];
}

/** `(admin query id)` in an attempt is replaced by a query id of the administrator's session. */
const ATTEMPTS: Attempt[] = [
  // DuckDB's table functions and functions: not Snowflake, refused for every role.
  {
    name: "query() over STANDARD",
    sql: [`SELECT * FROM query('SELECT * FROM "${DB}.STANDARD".CUSTOMERS')`],
    codes: UNKNOWN_FUNCTION,
  },
  {
    name: "query_table()",
    sql: [`SELECT * FROM query_table('"${DB}.STANDARD".CUSTOMERS')`],
    codes: UNKNOWN_FUNCTION,
  },
  { name: "TABLE(query())", sql: ["SELECT * FROM TABLE(query('SELECT 1'))"], codes: UNKNOWN_FUNCTION },
  {
    name: "read_csv of /etc/passwd",
    sql: ["SELECT * FROM read_csv('/etc/passwd')"],
    codes: UNKNOWN_FUNCTION,
  },
  { name: "read_text", sql: ["SELECT * FROM read_text('/etc/hostname')"], codes: UNKNOWN_FUNCTION },
  { name: "read_blob", sql: ["SELECT * FROM read_blob('/etc/passwd')"], codes: UNKNOWN_FUNCTION },
  { name: "read_json_auto", sql: ["SELECT * FROM read_json_auto('/etc/passwd')"], codes: UNKNOWN_FUNCTION },
  { name: "read_parquet", sql: ["SELECT * FROM read_parquet('/tmp/x.parquet')"], codes: UNKNOWN_FUNCTION },
  { name: "glob", sql: ["SELECT * FROM glob('/tmp/*')"], codes: UNKNOWN_FUNCTION },
  { name: "duckdb_tables()", sql: ["SELECT * FROM duckdb_tables()"], codes: UNKNOWN_FUNCTION },
  {
    name: "duckdb_columns() in a scalar subquery",
    sql: ["SELECT (SELECT COUNT(*) FROM duckdb_columns())"],
    codes: UNKNOWN_FUNCTION,
  },
  { name: "duckdb_settings()", sql: ["SELECT * FROM duckdb_settings()"], codes: UNKNOWN_FUNCTION },
  {
    name: "qualified system.main.duckdb_tables()",
    sql: ["SELECT * FROM system.main.duckdb_tables()"],
    codes: [...UNKNOWN_FUNCTION, "002141", ...NO_OBJECT],
  },
  {
    name: "pragma_table_info()",
    sql: [`SELECT * FROM pragma_table_info('"${DB}.STANDARD".CUSTOMERS')`],
    codes: UNKNOWN_FUNCTION,
  },
  {
    name: "current_setting()",
    sql: ["SELECT current_setting('enable_external_access')"],
    codes: UNKNOWN_FUNCTION,
  },
  { name: "getenv()", sql: ["SELECT getenv('HOME')"], codes: UNKNOWN_FUNCTION },
  {
    name: "query() in a CTE",
    sql: ["WITH X AS (SELECT * FROM query('SELECT 1')) SELECT * FROM X"],
    codes: UNKNOWN_FUNCTION,
  },
  {
    name: "query() through EXECUTE IMMEDIATE",
    sql: ["EXECUTE IMMEDIATE $$SELECT * FROM query('SELECT 1')$$"],
    codes: UNKNOWN_FUNCTION,
  },
  // DuckDB's relations: unknown objects.
  { name: "sqlite_master", sql: ["SELECT * FROM sqlite_master"], codes: NO_OBJECT },
  { name: "pg_catalog.pg_class", sql: ["SELECT * FROM pg_catalog.pg_class"], codes: NO_OBJECT },
  { name: "the engine's metadata schema", sql: ['SELECT * FROM "_mercurios".objects'], codes: NO_OBJECT },
  { name: "the catalog's schema", sql: ['SELECT * FROM "_mercurios_account".objects'], codes: NO_OBJECT },
  {
    name: "a replacement scan of a file",
    sql: ["SELECT * FROM '/etc/passwd'"],
    codes: [...NO_OBJECT, ...SYNTAX],
  },
  {
    name: "DuckDB's name of a STANDARD table",
    sql: [`SELECT * FROM "${DB}.STANDARD"."CUSTOMERS"`],
    codes: NO_OBJECT,
  },
  {
    name: "DuckDB's catalog name",
    sql: [`SELECT * FROM "memory"."${DB}.STANDARD"."CUSTOMERS"`],
    codes: NO_OBJECT,
  },
  // DuckDB's statements: unknown syntax.
  { name: "PRAGMA", sql: ["PRAGMA database_list"], codes: SYNTAX },
  { name: "ATTACH", sql: ["ATTACH '/tmp/mercurios-sec-attach.db' AS X"], codes: SYNTAX },
  {
    name: "COPY TO a file",
    sql: [`COPY (SELECT * FROM ${DB}.ANALYTICS.BUSINESS_DASHBOARD) TO '/tmp/mercurios-sec.csv'`],
    codes: SYNTAX,
  },
  { name: "INSTALL", sql: ["INSTALL httpfs"], codes: SYNTAX },
  { name: "LOAD", sql: ["LOAD httpfs"], codes: SYNTAX },
  { name: "SET GLOBAL of a DuckDB option", sql: ["SET GLOBAL enable_external_access = true"], codes: SYNTAX },
  { name: "EXPORT DATABASE", sql: ["EXPORT DATABASE '/tmp/mercurios-sec-export'"], codes: SYNTAX },
  { name: "CHECKPOINT", sql: ["CHECKPOINT"], codes: SYNTAX },
  { name: "CREATE MACRO", sql: ["CREATE MACRO M() AS 1"], codes: SYNTAX },
  {
    name: "a second statement after a semicolon",
    sql: ["SELECT 1; ATTACH '/tmp/mercurios-sec-attach.db' AS X"],
    codes: ONE_STATEMENT,
  },
  // Data the role holds nothing on.
  { name: "STANDARD directly", sql: [`SELECT * FROM ${DB}.STANDARD.CUSTOMERS`], codes: NO_PRIVILEGE },
  { name: "RAW directly", sql: [`SELECT * FROM ${DB}.RAW.RECEIPTS`], codes: NO_PRIVILEGE },
  { name: "the tenant mapping", sql: [`SELECT * FROM ${DB}.ADMIN.TENANT_ROLE_MAPPING`], codes: NO_PRIVILEGE },
  {
    name: "STANDARD next to a view the role may read",
    sql: [`SELECT * FROM ${DB}.ANALYTICS.CUSTOMER_INSIGHTS, ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD in a subquery beside a view",
    sql: [`SELECT (SELECT COUNT(*) FROM ${DB}.STANDARD.RECEIPTS) FROM ${DB}.ANALYTICS.DAILY_SALES_SUMMARY`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "the mapping in EXISTS beside a view",
    sql: [
      `SELECT * FROM ${DB}.ANALYTICS.SHOP_PERFORMANCE WHERE EXISTS (SELECT 1 FROM ${DB}.ADMIN.TENANT_ROLE_MAPPING)`,
    ],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD through a CTE name out of scope",
    sql: [
      `USE SCHEMA ${DB}.STANDARD`,
      "SELECT * FROM (WITH X AS (SELECT 1) SELECT * FROM X) A, (WITH CUSTOMERS AS (SELECT 1) SELECT 1) B, CUSTOMERS",
    ],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD through IDENTIFIER()",
    sql: [`SELECT * FROM IDENTIFIER('${DB}.STANDARD.CUSTOMERS')`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD through a session variable",
    sql: [`SET T = '${DB}.STANDARD.CUSTOMERS'`, "SELECT * FROM IDENTIFIER($T)"],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD through EXECUTE IMMEDIATE",
    sql: [`EXECUTE IMMEDIATE 'SELECT * FROM ${DB}.STANDARD.CUSTOMERS'`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD in SET … = (subquery)",
    sql: [`SET N = (SELECT COUNT(*) FROM ${DB}.STANDARD.CUSTOMERS)`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD with time travel",
    sql: [`SELECT * FROM ${DB}.STANDARD.CUSTOMERS AT(OFFSET => 0)`],
    // History is authorised like the table itself (time-travel/clauses.ts).
    codes: NO_PRIVILEGE,
  },
  {
    name: "STANDARD's changes",
    sql: [`SELECT * FROM ${DB}.STANDARD.CUSTOMERS CHANGES(INFORMATION => DEFAULT) AT(OFFSET => 0)`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "INSERT into STANDARD",
    sql: [`INSERT INTO ${DB}.STANDARD.CUSTOMERS (TENANT_ID) VALUES ('x')`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "a copy of STANDARD",
    sql: [`CREATE TABLE ${DB}.ANALYTICS.STOLEN AS SELECT * FROM ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "a clone of STANDARD",
    sql: [`CREATE TABLE ${DB}.ANALYTICS.STOLEN CLONE ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "EXPLAIN of STANDARD",
    sql: [`EXPLAIN SELECT * FROM ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "DESCRIBE of a STANDARD table",
    sql: [`DESCRIBE TABLE ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "GET_DDL of a STANDARD table",
    sql: [`SELECT GET_DDL('TABLE', '${DB}.STANDARD.CUSTOMERS')`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "SHOW GRANTS on a STANDARD table",
    sql: [`SHOW GRANTS ON TABLE ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  { name: "USE of STANDARD", sql: [`USE SCHEMA ${DB}.STANDARD`], codes: NO_PRIVILEGE },
  {
    name: "another session's result",
    sql: ["SELECT * FROM TABLE(RESULT_SCAN('(admin query id)'))"],
    codes: ["000709"],
  },
  {
    name: "QUOTED_IDENTIFIERS_IGNORE_CASE, then the metadata schema",
    sql: ["ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = TRUE", 'SELECT * FROM "_mercurios".objects'],
    codes: NO_OBJECT,
  },
  {
    name: "a sample of STANDARD",
    sql: [`SELECT * FROM ${DB}.STANDARD.CUSTOMERS SAMPLE (50)`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "UPDATE of STANDARD",
    sql: [`UPDATE ${DB}.STANDARD.CUSTOMERS SET LOYALTY_TIER = 'x'`],
    codes: NO_PRIVILEGE,
  },
  { name: "DELETE from STANDARD", sql: [`DELETE FROM ${DB}.STANDARD.CUSTOMERS`], codes: NO_PRIVILEGE },
  {
    name: "MERGE into STANDARD",
    sql: [
      `MERGE INTO ${DB}.STANDARD.CUSTOMERS C USING (SELECT 1 AS X) S ON FALSE WHEN NOT MATCHED THEN INSERT (TENANT_ID) VALUES ('x')`,
    ],
    codes: NO_PRIVILEGE,
  },
  { name: "TRUNCATE of RAW", sql: [`TRUNCATE TABLE ${DB}.RAW.RECEIPTS`], codes: NO_PRIVILEGE },
  { name: "DROP TABLE in RAW", sql: [`DROP TABLE ${DB}.RAW.RECEIPTS`], codes: NO_PRIVILEGE },
  {
    name: "INSERT into an analytics view",
    sql: [`INSERT INTO ${DB}.ANALYTICS.DAILY_SALES_SUMMARY (TENANT_ID) VALUES ('x')`],
    codes: [...NO_PRIVILEGE, "002040", "002043"],
  },
  {
    name: "CREATE TEMPORARY TABLE of a view's rows",
    sql: [`CREATE TEMPORARY TABLE ${DB}.ANALYTICS.MINE AS SELECT * FROM ${DB}.ANALYTICS.DAILY_SALES_SUMMARY`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "EXECUTE TASK of the platform",
    sql: [`EXECUTE TASK ${DB}.STANDARD.REFRESH_SHOPS`],
    codes: NO_PRIVILEGE,
  },
  // The account's history and metering.
  {
    name: "ACCOUNT_USAGE.QUERY_HISTORY",
    sql: ["SELECT * FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY"],
    codes: NO_PRIVILEGE,
  },
  {
    name: "ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY",
    sql: ["SELECT * FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY"],
    codes: NO_PRIVILEGE,
  },
  // Escalation and DDL without privilege.
  { name: "USE ROLE ACCOUNTADMIN", sql: ["USE ROLE ACCOUNTADMIN"], codes: [...NO_PRIVILEGE, "003013"] },
  { name: "USE ROLE MERCURIOS_ADMIN", sql: ["USE ROLE MERCURIOS_ADMIN"], codes: [...NO_PRIVILEGE, "003013"] },
  {
    name: "USE SECONDARY ROLES ALL, then STANDARD",
    sql: ["USE SECONDARY ROLES ALL", `SELECT * FROM ${DB}.STANDARD.CUSTOMERS`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "GRANT to itself",
    sql: [`GRANT SELECT ON ALL TABLES IN SCHEMA ${DB}.STANDARD TO ROLE PUBLIC`],
    codes: NO_PRIVILEGE,
  },
  { name: "GRANT ROLE ACCOUNTADMIN", sql: ["GRANT ROLE ACCOUNTADMIN TO ROLE PUBLIC"], codes: NO_PRIVILEGE },
  {
    name: "detach the isolation policy",
    sql: [`ALTER TABLE ${DB}.STANDARD.CUSTOMERS DROP ALL ROW ACCESS POLICIES`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "replace the isolation policy's body",
    sql: [`ALTER ROW ACCESS POLICY ${DB}.ADMIN.TENANT_ISOLATION SET BODY -> TRUE`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "CREATE FUNCTION in ANALYTICS",
    sql: [`CREATE FUNCTION ${DB}.ANALYTICS.F() RETURNS INT AS '1'`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "CREATE PROCEDURE in ANALYTICS",
    sql: [`CREATE PROCEDURE ${DB}.ANALYTICS.P() RETURNS INT LANGUAGE SQL AS 'BEGIN RETURN 1; END'`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "CREATE VIEW in ANALYTICS",
    sql: [`CREATE VIEW ${DB}.ANALYTICS.V AS SELECT 1 AS A`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "CREATE OR REPLACE of an analytics view",
    sql: [`CREATE OR REPLACE VIEW ${DB}.ANALYTICS.DAILY_SALES_SUMMARY AS SELECT 1 AS A`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "COMMENT ON a view it does not own",
    sql: [`COMMENT ON VIEW ${DB}.ANALYTICS.DAILY_SALES_SUMMARY IS 'x'`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "ALTER VIEW it does not own",
    sql: [`ALTER VIEW ${DB}.ANALYTICS.DAILY_SALES_SUMMARY SET COMMENT = 'x'`],
    codes: NO_PRIVILEGE,
  },
  {
    name: "DROP VIEW it does not own",
    sql: [`DROP VIEW ${DB}.ANALYTICS.DAILY_SALES_SUMMARY`],
    codes: NO_PRIVILEGE,
  },
  { name: "COMMENT ON the schema", sql: [`COMMENT ON SCHEMA ${DB}.ANALYTICS IS 'x'`], codes: NO_PRIVILEGE },
  {
    name: "ALTER WAREHOUSE",
    sql: ["ALTER WAREHOUSE MERCURIOS_ANALYTICS_WH SET WAREHOUSE_SIZE = XLARGE"],
    codes: NO_PRIVILEGE,
  },
  { name: "CREATE USER", sql: ["CREATE USER SEC_INTRUDER PASSWORD = 'x'"], codes: NO_PRIVILEGE },
  // A JavaScript procedure's body runs in QuickJS (WebAssembly): Node's globals are not there. Each
  // body returns what it reached if the escape worked, so a CALL that runs is a hole; a refused
  // CREATE (no schema to create in) leaves the CALL naming an unknown procedure.
  ...javascriptEscape("require('fs')", "return require('fs').readFileSync('/etc/passwd', 'utf8');"),
  ...javascriptEscape("process.env", "return process.env.PATH;"),
  ...javascriptEscape(
    "Function constructor to process",
    "return (function () {}).constructor('return process')().env.PATH;",
  ),
  ...javascriptEscape("globalThis.process", "return globalThis.process.env.PATH;"),
  ...javascriptEscape(
    "dynamic import('fs')",
    "var m; import('fs').then(function (x) { m = x; }); return m.readFileSync('/etc/passwd', 'utf8');",
  ),
  ...javascriptEscape("the host's hook", "return __merc_execute(JSON.stringify({sqlText: 'SELECT 1', binds: []}));"),
];

/** An attempt to reach the host from a JavaScript procedure's body. */
function javascriptEscape(name: string, body: string): Attempt[] {
  const procedure = `SEC_JS_${name.replace(/[^A-Za-z]+/g, "_").toUpperCase()}`;
  return [
    {
      name: `JavaScript procedure: ${name}`,
      sql: [
        `CREATE OR REPLACE PROCEDURE ${DB}.ANALYTICS.${procedure}() RETURNS VARCHAR LANGUAGE JAVASCRIPT AS $$ ${body} $$`,
        `CALL ${DB}.ANALYTICS.${procedure}()`,
      ],
      codes: ["100132", "002141"],
    },
  ];
}

let platform: Platform;
let server: RunningServer;
let adminQueryId = "";
const sessions: { label: string; principal: (typeof PRINCIPALS)[number]; open: () => Promise<Driver> }[] = [];

beforeAll(async () => {
  platform = await openPlatform();
  await loadFixture(platform, "retail.sql");
  for (const p of PRINCIPALS) {
    await platform.driver.execute(`CREATE USER ${p.user} PASSWORD = '${PASSWORD}' DEFAULT_ROLE = ${p.role}`);
    if (p.role !== "PUBLIC") await platform.driver.execute(`GRANT ROLE ${p.role} TO USER ${p.user}`);
  }
  adminQueryId = (await platform.driver.execute("SHOW USERS")).queryId ?? "";
  server = await startServer(platform.engine, { port: 0 });
  for (const p of PRINCIPALS) {
    sessions.push({
      label: `${p.role} in-process`,
      principal: p,
      open: () => openLocalDriver(platform.engine, { session: { user: p.user, role: p.role, database: DB } }),
    });
    sessions.push({
      label: `${p.role} over local serve`,
      principal: p,
      open: () =>
        connectSnowflake({
          account: "local",
          user: p.user,
          password: PASSWORD,
          authenticator: "SNOWFLAKE",
          accessUrl: server.url,
          database: DB,
          ...(p.role === "PUBLIC" ? {} : { role: p.role }),
          sources: {},
          secrets: [PASSWORD],
        }),
    });
  }
}, 600_000);

afterAll(async () => {
  await server?.close();
  await platform?.close();
});

/** The Snowflake error code a driver error carries. */
function codeOf(error: unknown): string {
  const e = error as { sqlCode?: string; code?: string };
  return e.sqlCode ?? e.code ?? String(error);
}

describe("escape attempts", () => {
  it(`has at least 40 of them (${ATTEMPTS.length})`, () => {
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(40);
  });

  for (const index of [0, 1, 2, 3, 4, 5, 6, 7]) {
    it(`every attempt is refused: session ${index + 1} of 8 (4 principals x in-process / local serve)`, async () => {
      const { label, open } = sessions[index] as (typeof sessions)[number];
      const failures: string[] = [];
      for (const attempt of ATTEMPTS) {
        // A fresh session per attempt: one attempt's USE or SET must not help the next.
        const driver = await open();
        try {
          let outcome = "ran";
          for (const [i, raw] of attempt.sql.entries()) {
            const sql = raw.replace("(admin query id)", adminQueryId);
            try {
              await driver.execute(sql);
              if (i === attempt.sql.length - 1) outcome = "ran";
            } catch (error) {
              outcome = codeOf(error);
            }
          }
          if (!attempt.codes.includes(outcome)) failures.push(`${attempt.name}: ${outcome}`);
        } finally {
          await driver.close();
        }
      }
      expect(failures, label).toEqual([]);
    }, 600_000);
  }
});

describe("the analytics views still give each tenant exactly its rows", () => {
  for (const index of [0, 1, 2, 3, 4, 5]) {
    it(`tenant session ${index + 1} of 6`, async () => {
      const { principal, label, open } = sessions[index] as (typeof sessions)[number];
      const expected = EXPECTED_ROWS[principal.tenant as string] as Record<string, number>;
      const driver = await open();
      try {
        for (const [view, count] of Object.entries(expected)) {
          const result = await driver.execute(`SELECT TENANT_ID FROM ${DB}.ANALYTICS.${view}`);
          expect(result.rows.length, `${label} ${view}`).toBe(count);
          for (const row of result.rows) expect(row[0], `${label} ${view}`).toBe(principal.tenant);
        }
      } finally {
        await driver.close();
      }
    }, 300_000);
  }

  it("PUBLIC reads none of them", async () => {
    for (const index of [6, 7]) {
      const driver = await (sessions[index] as (typeof sessions)[number]).open();
      try {
        for (const view of Object.keys(EXPECTED_ROWS["modehaus-berlin"] as object)) {
          await expect(driver.execute(`SELECT * FROM ${DB}.ANALYTICS.${view}`)).rejects.toMatchObject({
            sqlCode: "002003",
          });
        }
      } finally {
        await driver.close();
      }
    }
  }, 300_000);
});

describe("metadata a tenant may see", () => {
  it("INFORMATION_SCHEMA lists only the analytics views, for each tenant, in-process and served", async () => {
    for (const index of [0, 1]) {
      const driver = await (sessions[index] as (typeof sessions)[number]).open();
      try {
        const tables = await driver.execute(
          `SELECT TABLE_SCHEMA, TABLE_NAME FROM ${DB}.INFORMATION_SCHEMA.TABLES ORDER BY 1, 2`,
        );
        expect(tables.rows).toEqual(
          Object.keys(EXPECTED_ROWS["modehaus-berlin"] as object).map((v) => ["ANALYTICS", v]),
        );
        const columns = await driver.execute(
          `SELECT COUNT(*) FROM ${DB}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA <> 'ANALYTICS'`,
        );
        expect(columns.rows).toEqual([["0"]]);
        const schemata = await driver.execute(
          `SELECT SCHEMA_NAME FROM ${DB}.INFORMATION_SCHEMA.SCHEMATA ORDER BY 1`,
        );
        expect(schemata.rows).toEqual([["ANALYTICS"], ["INFORMATION_SCHEMA"]]);
      } finally {
        await driver.close();
      }
    }
  }, 300_000);
});
