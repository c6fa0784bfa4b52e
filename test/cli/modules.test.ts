import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturesDir, runCli } from "./run.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const recorder = path.join(import.meta.dirname, "record-modules.mjs");

/** Runs the CLI with the module recorder and returns every module path it loaded. */
async function loadedModules(name: string, args: string[], cwd?: string): Promise<string[]> {
  const log = path.join(dir, `${name}.log`);
  const run = await runCli(args, {
    nodeArgs: ["--import", recorder],
    env: { MERCURIOS_MODULE_LOG: log },
    ...(cwd ? { cwd } : {}),
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

const heavy = (modules: string[]) =>
  modules.filter((m) => /node_modules\/(@duckdb|snowflake-sdk|umzug|knex|@polyglot-sql)\//.test(m));

describe("commands that need neither DuckDB nor Snowflake do not load them", () => {
  it("--help loads the CLI but not snowflake-sdk or DuckDB", async () => {
    const modules = await loadedModules("help", ["--help"]);
    expect(modules.some((m) => m.endsWith("/dist/cli/main.js"))).toBe(true);
    expect(modules.some((m) => m.includes("node_modules/commander/"))).toBe(true);
    expect(heavy(modules)).toEqual([]);
  });

  it("render loads config, jiti and Handlebars but not snowflake-sdk or DuckDB", async () => {
    const modules = await loadedModules(
      "render",
      ["render", "views/ANALYTICS/TENANT_SALES.sql"],
      path.join(fixturesDir, "valid"),
    );
    expect(modules.some((m) => m.includes("node_modules/handlebars/"))).toBe(true);
    expect(modules.some((m) => m.includes("node_modules/jiti/"))).toBe(true);
    expect(modules.some((m) => m.endsWith("/dist/api/render.js"))).toBe(true);
    expect(heavy(modules)).toEqual([]);
  });
});
