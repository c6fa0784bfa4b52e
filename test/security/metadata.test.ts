/**
 * Metadata and DDL follow privileges, as in Snowflake: INFORMATION_SCHEMA lists only what the role
 * holds a privilege on, SNOWFLAKE.ACCOUNT_USAGE needs IMPORTED PRIVILEGES, CREATE needs CREATE
 * <kind> on the schema, COMMENT and ALTER need ownership, a copy (CREATE TABLE AS, CLONE) reads its
 * source as a SELECT would, and a view needs SELECT on what it reads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "../engine/account/helpers.js";

let account: Account;
let low: Session;

beforeAll(async () => {
  account = await openAccount();
  await account.run(
    "CREATE DATABASE D",
    "CREATE SCHEMA D.S",
    "CREATE SCHEMA D.HIDDEN",
    "CREATE TABLE D.S.SECRET_T (A INT)",
    "CREATE TABLE D.S.GRANTED_T (A INT, B VARCHAR)",
    "CREATE TABLE D.HIDDEN.H (A INT)",
    "CREATE VIEW D.S.SECRET_V AS SELECT A FROM D.S.SECRET_T",
    "CREATE SEQUENCE D.S.SECRET_SEQ",
    "CREATE SEQUENCE D.S.GRANTED_SEQ",
    "INSERT INTO D.S.GRANTED_T VALUES (1, 'x'), (2, 'y'), (3, 'y')",
    "CREATE ROLE LOW",
    "GRANT ROLE LOW TO USER ADMIN",
    "GRANT USAGE ON DATABASE D TO ROLE LOW",
    "GRANT USAGE ON SCHEMA D.S TO ROLE LOW",
    "GRANT SELECT ON TABLE D.S.GRANTED_T TO ROLE LOW",
    "GRANT USAGE ON SEQUENCE D.S.GRANTED_SEQ TO ROLE LOW",
    "GRANT CREATE TABLE ON SCHEMA D.S TO ROLE LOW",
    // Rows of GRANTED_T with B = 'y' only, for LOW.
    "CREATE ROW ACCESS POLICY D.S.ONLY_Y AS (B VARCHAR) RETURNS BOOLEAN -> CURRENT_ROLE() <> 'LOW' OR B = 'y'",
    "ALTER TABLE D.S.GRANTED_T ADD ROW ACCESS POLICY D.S.ONLY_Y ON (B)",
  );
  low = await account.open({ role: "LOW", database: "D", schema: "S" });
}, 180_000);

afterAll(async () => {
  await account?.close();
});

describe("INFORMATION_SCHEMA shows what the role holds a privilege on", () => {
  it("TABLES, VIEWS and COLUMNS: only the granted table", async () => {
    expect(
      (await low.run("SELECT TABLE_SCHEMA, TABLE_NAME FROM D.INFORMATION_SCHEMA.TABLES ORDER BY 1, 2")).rows,
    ).toEqual([["S", "GRANTED_T"]]);
    expect((await low.run("SELECT COUNT(*) FROM D.INFORMATION_SCHEMA.VIEWS")).rows).toEqual([["0"]]);
    expect(
      (await low.run("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS ORDER BY 1, 2")).rows,
    ).toEqual([
      ["GRANTED_T", "A"],
      ["GRANTED_T", "B"],
    ]);
  });

  it("SCHEMATA and SEQUENCES: the schema with USAGE, the sequence with USAGE", async () => {
    expect((await low.run("SELECT SCHEMA_NAME FROM D.INFORMATION_SCHEMA.SCHEMATA ORDER BY 1")).rows).toEqual([
      ["INFORMATION_SCHEMA"],
      ["S"],
    ]);
    expect((await low.run("SELECT SEQUENCE_NAME FROM D.INFORMATION_SCHEMA.SEQUENCES")).rows).toEqual([
      ["GRANTED_SEQ"],
    ]);
  });

  it("the owner sees everything", async () => {
    expect(
      (await account.run("SELECT TABLE_SCHEMA, TABLE_NAME FROM D.INFORMATION_SCHEMA.TABLES ORDER BY 1, 2"))
        .rows,
    ).toEqual([
      ["HIDDEN", "H"],
      ["S", "GRANTED_T"],
      ["S", "SECRET_T"],
      ["S", "SECRET_V"],
    ]);
  });
});

describe("SNOWFLAKE.ACCOUNT_USAGE needs IMPORTED PRIVILEGES", () => {
  it("refuses a role without them, serves ACCOUNTADMIN, and a role once granted", async () => {
    const error = await low.error("SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY");
    expect(error.code).toBe("002003");
    expect(error.message).toContain("Database 'SNOWFLAKE' does not exist or not authorized.");
    expect((await low.error("SELECT * FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY")).code).toBe(
      "002003",
    );
    expect(
      Number((await account.run("SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY")).rows[0]?.[0]),
    ).toBeGreaterThan(0);
    await account.run("GRANT IMPORTED PRIVILEGES ON DATABASE SNOWFLAKE TO ROLE LOW");
    try {
      expect(
        Number((await low.run("SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY")).rows[0]?.[0]),
      ).toBeGreaterThan(0);
    } finally {
      await account.run("REVOKE IMPORTED PRIVILEGES ON DATABASE SNOWFLAKE FROM ROLE LOW");
    }
  });
});

describe("DDL needs its privilege", () => {
  it("CREATE FUNCTION / PROCEDURE / SEQUENCE need CREATE <kind> on the schema", async () => {
    for (const sql of [
      "CREATE FUNCTION D.S.F() RETURNS INT AS '1'",
      "CREATE OR REPLACE PROCEDURE D.S.P() RETURNS INT LANGUAGE SQL AS 'BEGIN RETURN 1; END'",
      "CREATE SEQUENCE D.S.MINE",
      "CREATE STAGE D.S.ST",
      "CREATE FILE FORMAT D.S.FF TYPE = CSV",
    ]) {
      const error = await low.error(sql);
      expect(error.code, sql).toBe("003001");
    }
    await account.run("GRANT CREATE FUNCTION ON SCHEMA D.S TO ROLE LOW");
    expect((await low.run("CREATE FUNCTION D.S.F() RETURNS INT AS '1'", "SELECT F()")).rows).toEqual([["1"]]);
  });

  it("DROP and ALTER of a routine or sequence need ownership", async () => {
    expect((await low.error("DROP SEQUENCE D.S.GRANTED_SEQ")).code).toBe("003001");
    expect((await low.error("ALTER SEQUENCE D.S.GRANTED_SEQ SET COMMENT = 'x'")).code).toBe("003001");
  });

  it("COMMENT ON needs ownership: table, view, column, schema, database, sequence", async () => {
    const refused = [
      ["COMMENT ON TABLE D.S.GRANTED_T IS 'x'", "003001"],
      ["COMMENT ON COLUMN D.S.GRANTED_T.A IS 'x'", "003001"],
      ["COMMENT ON SCHEMA D.S IS 'x'", "003001"],
      ["COMMENT ON DATABASE D IS 'x'", "003001"],
      ["COMMENT ON SEQUENCE D.S.GRANTED_SEQ IS 'x'", "003001"],
      ["COMMENT ON VIEW D.S.SECRET_V IS 'x'", "002003"],
      ["COMMENT ON TABLE D.HIDDEN.H IS 'x'", "002003"],
    ];
    for (const [sql, code] of refused) expect((await low.error(sql as string)).code, sql).toBe(code);
    expect(
      (await account.run("SELECT COUNT(*) FROM D.INFORMATION_SCHEMA.TABLES WHERE COMMENT IS NOT NULL")).rows,
    ).toEqual([["0"]]);
    await account.run("COMMENT ON TABLE D.S.GRANTED_T IS 'owned'");
  });

  it("CREATE OR REPLACE of another role's table needs its ownership", async () => {
    expect((await low.error("CREATE OR REPLACE TABLE D.S.GRANTED_T (Z INT)")).code).toBe("003001");
  });

  it("a copy reads its source as SELECT does: authorised, and through the row access policy", async () => {
    expect((await low.error("CREATE TABLE D.S.COPY1 AS SELECT * FROM D.S.SECRET_T")).code).toBe("002003");
    expect((await low.error("CREATE TABLE D.S.COPY2 CLONE D.S.SECRET_T")).code).toBe("002003");
    // LOW sees the two rows with B = 'y' of three: its copy (which it owns, without the policy)
    // holds those two.
    await low.run("CREATE TABLE D.S.COPY3 AS SELECT * FROM D.S.GRANTED_T");
    expect((await low.run("SELECT A FROM D.S.COPY3 ORDER BY A")).rows).toEqual([["2"], ["3"]]);
    await low.run("CREATE TABLE D.S.COPY4 CLONE D.S.GRANTED_T");
    expect((await low.run("SELECT A FROM D.S.COPY4 ORDER BY A")).rows).toEqual([["2"], ["3"]]);
  });

  it("a view needs SELECT on what it reads", async () => {
    await account.run("GRANT CREATE VIEW ON SCHEMA D.S TO ROLE LOW");
    expect((await low.error("CREATE VIEW D.S.PEEK AS SELECT * FROM D.S.SECRET_T")).code).toBe("002003");
    await low.run("CREATE VIEW D.S.MINE_V AS SELECT A FROM D.S.GRANTED_T");
  });

  it("USE of a database or schema the role holds nothing on is refused", async () => {
    expect((await low.error("USE SCHEMA D.HIDDEN")).code).toBe("002043");
    await account.run("CREATE DATABASE OTHER");
    expect((await low.error("USE DATABASE OTHER")).code).toBe("002043");
  });
});
