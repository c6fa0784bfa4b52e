/**
 * `mercurios sql` on a file engine keeps translations beside the file (docs/decisions/009): a
 * statement run before is answered without importing the transpiler, and the local engine never
 * loads snowflake-sdk. Modules are recorded from the real process (record-modules.mjs).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-sql-cold-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const recorder = path.join(import.meta.dirname, "record-modules.mjs");
let runs = 0;

/** Runs `mercurios sql` with the module recorder: its output and the packages it loaded. */
async function sql(
  engine: string,
  statement: string,
  args = ["sql", "--local-db", engine, "--format", "json"],
) {
  const log = path.join(dir, `run-${runs++}.log`);
  const run = await runCli([...args, statement], {
    nodeArgs: ["--import", recorder],
    env: { MERCURIOS_MODULE_LOG: log },
    cwd: dir,
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const modules = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const loaded = (name: string) => modules.some((m) => m.includes(`node_modules/${name}/`));
  return {
    stdout: run.stdout,
    transpiler: loaded("@polyglot-sql/sdk"),
    duckdb: loaded("@duckdb/node-api"),
    snowflake: loaded("snowflake-sdk"),
    /** The CLI command modules the process loaded (file names). */
    commands: modules.filter((m) => m.includes("/dist/cli/commands/")).map((m) => path.basename(m)),
  };
}

describe("mercurios sql on a file engine", () => {
  it("answers a statement seen before without importing the transpiler", async () => {
    const engine = path.join(dir, "cached.duckdb");
    const statement = "select 1 + 1 as two, upper('x') as x";
    const first = await sql(engine, statement);
    expect(JSON.parse(first.stdout)).toMatchObject({ columns: ["TWO", "X"], rows: [["2", "X"]] });
    // The recorder sees the transpiler when it is loaded: the check below is not vacuous.
    expect(first.transpiler).toBe(true);
    expect(readdirSync(`${engine}.translations`)).toHaveLength(1);

    const second = await sql(engine, statement);
    expect(second.stdout).toBe(first.stdout);
    expect(second.transpiler).toBe(false);
    expect(second.duckdb).toBe(true);
    expect(second.snowflake).toBe(false);
    expect(first.snowflake).toBe(false);

    // Another statement is translated (and loads the transpiler) as before.
    const other = await sql(engine, "select 2 as n");
    expect(JSON.parse(other.stdout)).toMatchObject({ rows: [["2"]] });
    expect(other.transpiler).toBe(true);
  }, 180_000);

  it("runs a repeated INSERT and SELECT on a table from the cache, with their effects", async () => {
    const engine = path.join(dir, "table.duckdb");
    await sql(engine, "create database d; create table d.public.t (a number(10,2))");
    const insert = "insert into d.public.t values (1.25)";
    const select = "select count(*) as n, sum(a) / 4 as q from d.public.t";
    expect((await sql(engine, insert)).transpiler).toBe(true);
    const again = await sql(engine, insert);
    expect(again.transpiler).toBe(false);
    expect(JSON.parse(again.stdout)).toMatchObject({ columns: ["number of rows inserted"], rows: [["1"]] });
    expect((await sql(engine, select)).transpiler).toBe(true);
    const cached = await sql(engine, select);
    expect(cached.transpiler).toBe(false);
    // Two rows of 1.25: 2.50 / 4 at the division's scale (2 + 6).
    expect(JSON.parse(cached.stdout)).toMatchObject({ columns: ["N", "Q"], rows: [["2", "0.62500000"]] });
  }, 240_000);

  it("loads the sql command's module and no other command's, global flags before it or not", async () => {
    const engine = path.join(dir, "commands.duckdb");
    const after = await sql(engine, "select 3 as n");
    expect(JSON.parse(after.stdout)).toMatchObject({ rows: [["3"]] });
    expect(after.commands).toEqual(["sql.js"]);
    const before = await sql(engine, "select 4 as n", ["--local-db", engine, "--format", "json", "sql"]);
    expect(JSON.parse(before.stdout)).toMatchObject({ rows: [["4"]] });
    expect(before.commands).toEqual(["sql.js"]);
  }, 120_000);

  it("keeps no translations for the in-memory engine", async () => {
    const run = await sql(":memory:", "select 1 as n");
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: [["1"]] });
    expect(existsSync(path.join(dir, ":memory:.translations"))).toBe(false);
  }, 120_000);
});
