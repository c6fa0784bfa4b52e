/**
 * Bad input for the local engine: engine files that are not usable (garbage, a folder, truncated,
 * a path under a file) and SQL that is wrong. One CLI process each on a fresh copy of an `init`
 * project; the error names the engine file, or the statement's object or token.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BadInput, HANG_MS, judge, runInput } from "./harness.js";

const engineFile = (name: string, prepare: (file: string) => void, names = "engine.duckdb"): BadInput => ({
  name,
  prepare: (root) => prepare(path.join(root, "engine.duckdb")),
  args: ["--local-db", "engine.duckdb", "sql", "SELECT 1"],
  names,
});
const sql = (name: string, statement: string, names: string | RegExp): BadInput => ({
  name,
  args: ["sql", statement],
  names,
});

const engineInputs: BadInput[] = [
  engineFile("a text file", (file) => writeFileSync(file, "not a database\n".repeat(500))),
  engineFile("a folder", (file) => mkdirSync(file)),
  engineFile("a header of DuckDB's and then nothing", (file) => {
    const header = Buffer.alloc(4096);
    header.write("DUCK", 8);
    writeFileSync(file, header);
  }),
  engineFile("random bytes", (file) =>
    writeFileSync(file, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256))),
  ),
  {
    name: "a path under a file",
    args: ["--local-db", "mercurios.config.ts/engine.duckdb", "sql", "SELECT 1"],
    names: "mercurios.config.ts/engine.duckdb",
  },
  {
    name: "MERCURIOS_LOCAL_DB naming a folder",
    prepare: (root) => mkdirSync(path.join(root, "folder.duckdb")),
    args: ["sql", "SELECT 1"],
    env: { MERCURIOS_LOCAL_DB: "folder.duckdb" },
    names: "folder.duckdb",
  },
];

const sqlInputs: BadInput[] = [
  sql("a misspelt keyword", "SELEC 1", "SELEC"),
  sql("a table that does not exist", "SELECT * FROM NO_SUCH_DB.PUBLIC.NO_SUCH_TABLE", /NO_SUCH_(DB|TABLE)/),
  sql("an unterminated string", "SELECT 'abc", /line 1|'abc/),
  sql("an unterminated $$ body", "SELECT $$abc", /line 1|\$\$/),
  sql("a function that does not exist", "SELECT NO_SUCH_FUNCTION(1)", "NO_SUCH_FUNCTION"),
  sql("a DuckDB table function", "SELECT * FROM read_csv('/etc/passwd')", /READ_CSV/i),
  sql("a DuckDB PRAGMA", "PRAGMA database_list", /PRAGMA/i),
  sql("a division by zero", "SELECT 1/0", /[Dd]ivision by zero/),
  sql("a cast that cannot be made", "SELECT 'abc'::NUMBER", "abc"),
  sql("a role that does not exist", "USE ROLE NO_SUCH_ROLE", "NO_SUCH_ROLE"),
  sql("a warehouse that does not exist", "USE WAREHOUSE NO_SUCH_WH", "NO_SUCH_WH"),
  sql("only a comment", "/* nothing to run */", /SQL|statement/i),
  sql("a statement that is only spaces", "   ", /SQL|statement/i),
  {
    name: "a file whose second statement fails",
    files: { "broken.sql": "SELECT 1;\nSELECT * FROM NOT_A_TABLE_HERE;\n" },
    args: ["sql", "--file", "broken.sql"],
    names: "statement 2",
  },
];

describe.concurrent("bad input: engine files", () => {
  it.each(engineInputs)(
    "$name",
    async (input) => {
      const result = await runInput(input);
      expect(judge(input, result), `${result.stdout}\n${result.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});

describe.concurrent("bad input: SQL", () => {
  it.each(sqlInputs)(
    "$name",
    async (input) => {
      const result = await runInput(input);
      expect(judge(input, result), `${result.stdout}\n${result.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});
