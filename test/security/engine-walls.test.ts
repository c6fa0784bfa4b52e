/**
 * The engine's two walls, on a small account: only Snowflake SQL reaches DuckDB (one statement per
 * call, no DuckDB statements or relations, CTE names that cannot stand for a relation authorisation
 * never saw), and DuckDB itself runs with external access and community extensions off (which it
 * refuses to turn back on while running; its configuration is not locked: sessions set TimeZone).
 * Every attempt is made as ACCOUNTADMIN and as a role that holds only USAGE on the schema.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineCore } from "../../src/engine/engine.js";
import { type Account, openAccount, type Session } from "../engine/account/helpers.js";

let account: Account;
let low: Session;
const scratch = mkdtempSync(path.join(tmpdir(), "mercurios-walls-"));
const file = (name: string) => path.join(scratch, name).replaceAll("'", "''");

beforeAll(async () => {
  account = await openAccount();
  await account.run(
    "CREATE DATABASE D",
    "CREATE SCHEMA D.S",
    "CREATE TABLE D.S.T (A INT)",
    "INSERT INTO D.S.T VALUES (1), (2)",
    "CREATE ROLE LOW",
    "GRANT ROLE LOW TO USER ADMIN",
    "GRANT USAGE ON DATABASE D TO ROLE LOW",
    "GRANT USAGE ON SCHEMA D.S TO ROLE LOW",
    "USE SCHEMA D.S",
  );
  low = await account.open({ role: "LOW", database: "D", schema: "S" });
  // A first statement puts the session's search path on D.S, as any later statement finds it.
  await low.run("SELECT 1");
}, 120_000);

afterAll(async () => {
  await account?.close();
});

const everyone = (): [string, Session][] => [
  ["ACCOUNTADMIN", account],
  ["LOW", low],
];

describe("one statement per call", () => {
  it("refuses a second statement after a semicolon with Snowflake's 000008; nothing of it runs", async () => {
    for (const [who, session] of everyone()) {
      const target = file(`attached-${who}.db`);
      const error = await session.error(`SELECT 1; ATTACH '${target}' AS X`);
      expect(error.code, who).toBe("000008");
      expect(error.message, who).toBe(
        "Actual statement count 2 did not match the desired statement count 1.",
      );
      expect(existsSync(target.replaceAll("''", "'")), who).toBe(false);
    }
  });

  it("a variable spliced into IDENTIFIER() cannot smuggle a statement in", async () => {
    for (const [who, session] of everyone()) {
      await session.run(`SET NAME = 'D.S.T; ATTACH ''${file("via-identifier.db")}'' AS Y'`);
      const error = await session.error("SELECT * FROM IDENTIFIER($NAME)");
      expect(["000008", "001003", "002003"], `${who}: ${error.code} ${error.message}`).toContain(error.code);
      expect(existsSync(path.join(scratch, "via-identifier.db")), who).toBe(false);
    }
  });
});

describe("strings stay strings", () => {
  it("a backslash-escaped quote or a $$ body cannot turn the rest of a literal into SQL for DuckDB", async () => {
    // Snowflake reads each of these as one string: nothing after the escaped quote is SQL.
    const cases: [string, string][] = [
      [
        "SELECT 'x\\' , (SELECT COUNT(*) FROM D.S.T) AS N --' AS V",
        "x' , (SELECT COUNT(*) FROM D.S.T) AS N --",
      ],
      [
        "SELECT $$x' , (SELECT COUNT(*) FROM D.S.T) AS N --$$ AS V",
        "x' , (SELECT COUNT(*) FROM D.S.T) AS N --",
      ],
    ];
    for (const [sql, value] of cases) {
      const result = await low.run(sql);
      expect(result.columns, sql).toEqual(["V"]);
      expect(result.rows, sql).toEqual([[value]]);
    }
  });
});

describe("CTE names", () => {
  it("a name outside its CTE's scope is the table, authorised as one (no read without SELECT)", async () => {
    const escapes = [
      "SELECT * FROM (WITH T AS (SELECT 1) SELECT * FROM T) A, T",
      "WITH A AS (SELECT * FROM T), T AS (SELECT 1 AS Z) SELECT * FROM A",
      "SELECT (SELECT COUNT(*) FROM T), (WITH T AS (SELECT 9) SELECT * FROM T)",
    ];
    for (const sql of escapes) {
      const error = await low.error(sql);
      expect(error.code, sql).toBe("002003");
      expect(error.message, sql).toContain("'D.S.T' does not exist or not authorized");
    }
    // The owner reads the table there, as Snowflake does: rows (1, 1) and (1, 2).
    expect((await account.run(escapes[0] as string)).rows).toEqual([
      ["1", "1"],
      ["1", "2"],
    ]);
  });

  it("CTEs still work: chained, recursive, qualified by name and by alias", async () => {
    expect(
      (
        await low.run(
          "WITH X AS (SELECT 1 AS N), Y AS (SELECT N + 1 AS M FROM X) SELECT X.N, Y.M, Z.N FROM X, Y, X AS Z",
        )
      ).rows,
    ).toEqual([["1", "2", "1"]]);
    expect(
      (
        await low.run(
          "WITH RECURSIVE R (N) AS (SELECT 1 UNION ALL SELECT N + 1 FROM R WHERE N < 3) SELECT N FROM R ORDER BY N",
        )
      ).rows,
    ).toEqual([["1"], ["2"], ["3"]]);
  });

  it("a CTE cannot be named so that DuckDB finds one of its own relations instead", async () => {
    for (const [who, session] of everyone()) {
      for (const name of ["SQLITE_MASTER", "DUCKDB_TABLES", "PRAGMA_DATABASE_LIST"]) {
        const error = await session.error(
          `SELECT * FROM (WITH ${name} AS (SELECT 1) SELECT * FROM ${name}), ${name}`,
        );
        expect(error.code, `${who} ${name}`).toBe("002003");
      }
    }
  });
});

describe("DuckDB statements are unknown syntax", () => {
  const statements = [
    "PRAGMA database_list",
    "PRAGMA enable_profiling",
    `ATTACH '${file("a.db")}' AS A2`,
    "DETACH memory",
    `COPY (SELECT 1) TO '${file("out.csv")}'`,
    `COPY D.S.T TO '${file("t.parquet")}' (FORMAT PARQUET)`,
    "INSTALL httpfs",
    "LOAD httpfs",
    `EXPORT DATABASE '${file("export")}'`,
    `IMPORT DATABASE '${file("export")}'`,
    "CHECKPOINT",
    "FORCE CHECKPOINT",
    "VACUUM",
    "SUMMARIZE D.S.T",
    "CREATE MACRO M() AS 1",
    "CREATE SECRET S2 (TYPE S3, KEY_ID 'x', SECRET 'y')",
    "CREATE TYPE MOOD AS ENUM ('A')",
    "SET GLOBAL enable_external_access = true",
    "SET SESSION threads = 1",
    "SET threads TO 1",
    "RESET memory_limit",
    "PIVOT D.S.T ON A",
  ];
  it.each(statements)("%s", async (sql) => {
    for (const [who, session] of everyone()) {
      const error = await session.error(sql);
      expect(error.code, `${who}: ${error.message}`).toBe("001003");
      expect(error.message, who).toMatch(
        /^SQL compilation error:\nsyntax error line 1 at position \d+ unexpected '/,
      );
    }
    expect(existsSync(path.join(scratch, "out.csv"))).toBe(false);
    expect(existsSync(path.join(scratch, "export"))).toBe(false);
  });
});

describe("DuckDB relations are unknown objects", () => {
  const relations = [
    "sqlite_master",
    "main.sqlite_master",
    "pg_catalog.pg_class",
    "duckdb_tables",
    "system.main.duckdb_settings",
    "temp.information_schema.tables",
    '"memory"."D.S"."T"',
    '"D.S"."T"',
    "_mercurios.objects",
    '"_mercurios_account".objects',
    "'/etc/passwd'",
  ];
  it.each(relations)("SELECT * FROM %s", async (relation) => {
    for (const [who, session] of everyone()) {
      const error = await session.error(`SELECT * FROM ${relation}`);
      expect(error.code, `${who}: ${error.message}`).toMatch(/^(002003|001003)$/);
    }
  });
});

describe("DuckDB's own wall", () => {
  const duck = () => (account.engine as unknown as EngineCore).connection;

  it("a Snowflake SET of a DuckDB option name is a session variable and changes nothing in DuckDB", async () => {
    for (const [who, session] of everyone()) {
      await session.run("SET enable_external_access = TRUE", "SET memory_limit = '1GB'");
      expect((await session.run("SELECT $enable_external_access, $memory_limit")).rows, who).toEqual([
        ["true", "1GB"],
      ]);
    }
    const settings = await duck().runAndReadAll(
      "SELECT current_setting('enable_external_access'), current_setting('allow_community_extensions')",
    );
    expect(settings.getRows()).toEqual([[false, false]]);
  });

  it("refuses files, extensions and configuration even to a statement that reached it", async () => {
    const refusals: [string, RegExp][] = [
      ["SELECT * FROM read_csv('/etc/passwd')", /file system operations are disabled by configuration/],
      ["SELECT * FROM glob('/*')", /file system operations are disabled by configuration/],
      [`ATTACH '${file("b.db")}' AS B`, /file system operations are disabled by configuration/],
      [`COPY (SELECT 1) TO '${file("c.csv")}'`, /file system operations are disabled by configuration/],
      ["INSTALL httpfs", /file system operations are disabled by configuration|disabled/],
      // Not locked (sessions set TimeZone: docs/decisions/008), but these walls cannot be lowered
      // while DuckDB runs.
      ["SET enable_external_access = true", /Cannot enable external access while database is running/],
      ["SET allow_community_extensions = true", /Cannot change allow_community_extensions/],
      ["SET allow_unsigned_extensions = true", /Cannot change allow_unsigned_extensions/],
      [`SET temp_directory = '${scratch}'`, /Modifying the temp_directory has been disabled/],
    ];
    for (const [sql, expected] of refusals) {
      await expect(duck().run(sql), sql).rejects.toThrow(expected);
    }
    expect(existsSync(path.join(scratch, "b.db"))).toBe(false);
    expect(existsSync(path.join(scratch, "c.csv"))).toBe(false);
  });
});
