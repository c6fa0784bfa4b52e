import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, removeDir } from "./helpers.js";
import { childEnv, startCli } from "./processes.js";
import { readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

describe("a schemachange-style project (no config) through the CLI", () => {
  let root: string;
  beforeAll(async () => {
    root = await copyFixture("schemachange");
    dirs.push(root);
  });
  const vars = ["--var", "database_name=DEMO_DB", "--var", "schema_name=DEMO_SCHEMA"];

  it("runs unchanged with --var values: USE DATABASE, a $$ procedure body, comments after semicolons", {
    timeout: 300_000,
  }, async () => {
    const dry = await startCli(["migrate", "up", "--dry-run", ...vars], root, childEnv()).done;
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain("-- [4/7] migrations/2_test/V1.0.3__StoredProc.sql\nuse database DEMO_DB;");
    expect(dry.stdout).toContain("$$\nBEGIN\n  RETURN message;\nEND;\n$$;");

    const up = await startCli(["migrate", "up", ...vars], root, childEnv()).done;
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("applied migrations/2_test/V1.0.3__StoredProc.sql (4 statements");
    expect(up.stdout).toMatch(/7 scripts applied to local in 10 round trips/);

    const status = await startCli(["migrate", "status", "--format", "json", ...vars], root, childEnv()).done;
    const report = JSON.parse(status.stdout) as { history: string; summary: Record<string, number> };
    expect(report.history).toBe("METADATA.MERCURIOS.CHANGE_HISTORY");
    expect(report.summary).toMatchObject({ applied: 5, pending: 2, failed: 0, changed: 0 });
    expect(status.code).toBe(2);

    const rows = await readEngine(
      path.join(root, ".mercurios/local.duckdb"),
      "SELECT STEP, RUNS FROM DEMO_DB.DEMO_SCHEMA.DEPLOY_SUMMARY ORDER BY STEP",
    );
    expect(rows).toEqual([
      ["A", "1"],
      ["V1.0.1", "1"],
      ["V1.0.2", "1"],
      ["V1.0.3", "1"],
    ]);
  });

  it("names a missing --var with file and line", { timeout: 120_000 }, async () => {
    const run = await startCli(["migrate", "up", "--var", "database_name=DEMO_DB"], root, childEnv()).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("migrations/1_setup/V1.0.0__create_database.sql:4");
    expect(run.stderr).toContain("schema_name");
    expect(run.stderr).not.toContain("    at ");
  });
});

describe("migrate baseline through the CLI", () => {
  it("takes the version with --version, as schemachange and Flyway users type it", {
    timeout: 300_000,
  }, async () => {
    const root = await copyFixture("schemachange");
    dirs.push(root);
    const vars = ["--var", "database_name=DEMO_DB", "--var", "schema_name=DEMO_SCHEMA"];
    const baseline = await startCli(["migrate", "baseline", "--version", "1.0.1", ...vars], root, childEnv())
      .done;
    expect(baseline.stderr).toBe("");
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toContain("baseline migrations/1_setup/V1.0.0__create_database.sql");
    expect(baseline.stdout).toContain("baseline migrations/2_test/V1.0.1__render.sql");
    expect(baseline.stdout).not.toContain("V1.0.2");

    const version = await startCli(["--version"], root, childEnv()).done;
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
