/**
 * What migration scripts leave behind, read from their tokens: creates, drops and renames in run
 * order, `USE` changing where unqualified names land, and names inside strings, comments and `$$`
 * bodies not taken for statements.
 */
import { describe, expect, it } from "vitest";
import { relationsCreatedByScripts } from "../../src/model/index.js";

const script = (sql: string, schema: string | null = "RAW", file = `migrations/${schema}/V1__x.sql`) => ({
  sql,
  file,
  database: "SHOP",
  schema,
});
const names = (scripts: Parameters<typeof relationsCreatedByScripts>[0]) =>
  [...relationsCreatedByScripts(scripts).keys()].sort();

describe("relationsCreatedByScripts", () => {
  it("qualifies unqualified and schema-qualified names with the script's schema and database", () => {
    expect(
      names([
        script(
          "CREATE TABLE ORDERS (A INT);\ncreate or replace transient table if not exists staging.lines (b int);\nCREATE SECURE VIEW OTHER_DB.S.V AS SELECT 1 AS A;",
        ),
      ]),
    ).toEqual(["OTHER_DB.S.V", "SHOP.RAW.ORDERS", "SHOP.STAGING.LINES"]);
  });

  it("forgets a relation a later script drops, and follows a rename", () => {
    expect(
      names([
        script(
          "CREATE TABLE ORDERS (A INT); CREATE TABLE OLD_NAME (A INT); CREATE VIEW GONE AS SELECT 1 AS A;",
        ),
        script(
          "DROP TABLE IF EXISTS RAW.ORDERS; ALTER TABLE OLD_NAME RENAME TO NEW_NAME; DROP VIEW GONE;",
          "RAW",
          "migrations/RAW/V2__y.sql",
        ),
      ]),
    ).toEqual(["SHOP.RAW.NEW_NAME"]);
  });

  it("follows USE SCHEMA and USE DATABASE; a root script starts in PUBLIC", () => {
    expect(
      names([
        script(
          "CREATE TABLE A1 (X INT); USE SCHEMA STANDARD; CREATE TABLE A2 (X INT); USE DATABASE OTHER; CREATE TABLE A3 (X INT);",
          null,
        ),
      ]),
    ).toEqual(["OTHER.PUBLIC.A3", "SHOP.PUBLIC.A1", "SHOP.STANDARD.A2"]);
  });

  it("does not take names in comments, strings or $$ bodies for statements", () => {
    expect(
      names([
        script(
          "-- CREATE TABLE IN_COMMENT (A INT);\n/* CREATE TABLE IN_BLOCK (A INT); */\nINSERT INTO T SELECT 'CREATE TABLE IN_STRING (A INT)';\nCREATE PROCEDURE P() RETURNS INT LANGUAGE SQL AS $$ CREATE TABLE IN_BODY (A INT); $$;\nCREATE SCHEMA NOT_A_RELATION;",
        ),
      ]),
    ).toEqual([]);
  });

  it("keeps the file that created each relation", () => {
    const created = relationsCreatedByScripts([script("CREATE TABLE ORDERS (A INT);")]);
    expect(created.get("SHOP.RAW.ORDERS")).toEqual({
      name: "SHOP.RAW.ORDERS",
      file: "migrations/RAW/V1__x.sql",
    });
  });
});
