/**
 * The engine file persists across processes, and `mercurios sql` (run as users run it, a child
 * process of the built CLI) shows results and errors in the fixed formats.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run.js";

/** Each case starts fresh CLI processes (DuckDB and the transpiler load in each); CI machines are slow. */
const SLOW = 180_000;

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-engine-"));
const db = path.join(dir, "nested", "local.duckdb");

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function jsonLines(stdout: string): unknown[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
}

describe("persistence across processes", () => {
  it(
    "sees in a second process what the first one created",
    async () => {
      const first = await runCli([
        "--local-db",
        db,
        "--format",
        "json",
        "sql",
        `create database persist; create table t (id int, "name" varchar(10), at timestamp_ntz); insert into t values (1, 'a', '2026-11-27 10:00:00'), (2, null, null); create view v as select id from t where id > 1`,
      ]);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(jsonLines(first.stdout)).toEqual([
        {
          statement: 1,
          columns: ["status"],
          types: ["VARCHAR(16777216)"],
          rows: [["Database PERSIST successfully created."]],
          rowCount: 1,
        },
        {
          statement: 2,
          columns: ["status"],
          types: ["VARCHAR(16777216)"],
          rows: [["Table T successfully created."]],
          rowCount: 1,
        },
        {
          statement: 3,
          columns: ["number of rows inserted"],
          types: ["NUMBER(38,0)"],
          rows: [["2"]],
          rowCount: 2,
        },
        {
          statement: 4,
          columns: ["status"],
          types: ["VARCHAR(16777216)"],
          rows: [["View V successfully created."]],
          rowCount: 1,
        },
      ]);
      const second = await runCli([
        "--local-db",
        db,
        "--format",
        "json",
        "sql",
        `select * from persist.public.t order by id; select * from persist.public.v`,
      ]);
      expect(second.code).toBe(0);
      expect(jsonLines(second.stdout)).toEqual([
        {
          statement: 1,
          columns: ["ID", "name", "AT"],
          types: ["NUMBER(38,0)", "VARCHAR(10)", "TIMESTAMP_NTZ(9)"],
          rows: [
            ["1", "a", "2026-11-27 10:00:00.000"],
            ["2", null, null],
          ],
          rowCount: 2,
        },
        { statement: 2, columns: ["ID"], types: ["NUMBER(38,0)"], rows: [["2"]], rowCount: 1 },
      ]);
    },
    SLOW,
  );

  it(
    "serialises two processes on one file: both finish, neither corrupts it",
    async () => {
      const insert = (n: number) =>
        runCli([
          "--local-db",
          db,
          "--format",
          "json",
          "sql",
          `insert into persist.public.t (id) values (${n})`,
        ]);
      const [a, b] = await Promise.all([insert(10), insert(11)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const check = await runCli([
        "--local-db",
        db,
        "--format",
        "csv",
        "sql",
        "select id from persist.public.t where id >= 10 order by id",
      ]);
      expect(check.stdout).toBe("ID\n10\n11\n");
    },
    SLOW,
  );
});

describe("mercurios sql output", () => {
  it(
    "prints an error line for a failing statement and exits 1, after the statements before it",
    async () => {
      const run = await runCli([
        "--local-db",
        db,
        "--format",
        "json",
        "sql",
        "select 1 as one; select * from persist.public.missing; select 3",
      ]);
      expect(run.code).toBe(1);
      expect(jsonLines(run.stdout)).toEqual([
        { statement: 1, columns: ["ONE"], types: ["NUMBER(1,0)"], rows: [["1"]], rowCount: 1 },
        {
          statement: 2,
          error: {
            code: "002003",
            sqlState: "42S02",
            message:
              "SQL compilation error:\nObject 'PERSIST.PUBLIC.MISSING' does not exist or not authorized.",
          },
        },
      ]);
    },
    SLOW,
  );

  it(
    "prints an aligned table for people, reading the SQL from a file",
    async () => {
      const file = path.join(dir, "query.sql");
      writeFileSync(
        file,
        "-- stores\nselect 'berlin' as store, 1.50::number(5,2) as amount, true as open;\n",
      );
      const run = await runCli(["--local-db", db, "sql", "--file", file]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        [
          "+--------+--------+------+",
          "| STORE  | AMOUNT | OPEN |",
          "|--------+--------+------|",
          "| berlin | 1.50   | true |",
          "+--------+--------+------+",
          "1 Row(s) produced.",
          "",
        ].join("\n"),
      );
    },
    SLOW,
  );

  it(
    "says what to do when there is no SQL",
    async () => {
      const run = await runCli(["--local-db", db, "sql"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("No SQL to run.");
      expect(run.stderr).not.toContain("    at ");
    },
    SLOW,
  );
});
