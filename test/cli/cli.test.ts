import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, repoRoot, runCli } from "./run.js";

const valid = path.join(fixturesDir, "valid");
const version = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;

describe("mercurios --help and --version", () => {
  it("prints help with the global flags and the render command", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const flag of [
      "--env <name>",
      "--config <path>",
      "--format <format>",
      "--var <key=value>",
      "--local-db <path>",
      "--no-color",
      "--debug",
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(/^ {2}render <file\.\.\.> +print the rendered SQL/m);
  });

  it("prints the package version, alone or with other flags", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(await runCli(["--no-color", "--version"])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: "",
    });
  });

  it("exits 1 on an unknown flag or command, with a pointer to --help", async () => {
    const flag = await runCli(["--frobnicate"]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe("error: unknown option '--frobnicate'\n(run mercurios --help for usage)\n");
    const command = await runCli(["frobnicate"]);
    expect(command.code).toBe(1);
    expect(command.stderr).toContain("error: unknown command 'frobnicate'");
  });
});

describe("mercurios render", () => {
  it("renders templates for the default local environment, with partials and helpers", async () => {
    const run = await runCli(["render", "migrations/RAW/V1__sales.sql", "views/ANALYTICS/TENANT_SALES.sql"], {
      cwd: valid,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "-- migrations/RAW/V1__sales.sql (env local, database SHOP_DATA)",
        "-- Sales landing table for local.",
        "CREATE TABLE IF NOT EXISTS SHOP_DATA.RAW.SALES (",
        "  TENANT_ID VARCHAR NOT NULL,",
        "  AMOUNT NUMBER(12, 2)",
        ") DATA_RETENTION_TIME_IN_DAYS = 3;",
        'GRANT SELECT ON TABLE SHOP_DATA.RAW.SALES TO ROLE "analyst";',
        "-- views/ANALYTICS/TENANT_SALES.sql (env local, database SHOP_DATA)",
        "SELECT TENANT_ID, SUM(AMOUNT) AS TOTAL",
        "FROM SHOP_DATA.RAW.SALES",
        "WHERE TENANT_ID IN ('acme', 'o-hara')",
        "",
        "GROUP BY TENANT_ID",
        "",
      ].join("\n"),
    );
  });

  it("uses the environment's vars and database, and --var overrides", async () => {
    const withConfig = await runCli([
      "--config",
      "test/fixtures/projects/valid/mercurios.config.ts",
      "render",
      "--env",
      "dev",
      "--var",
      "retention_days=9",
      "test/fixtures/projects/valid/migrations/RAW/V1__sales.sql",
    ]);
    expect(withConfig.stderr).toBe("");
    expect(withConfig.stdout.split("\n").slice(0, 6)).toEqual([
      "-- migrations/RAW/V1__sales.sql (env dev, database SHOP_DATA_DEV)",
      "-- Sales landing table for dev.",
      "CREATE TABLE IF NOT EXISTS SHOP_DATA_DEV.RAW.SALES (",
      "  TENANT_ID VARCHAR NOT NULL,",
      "  AMOUNT NUMBER(12, 2)",
      ") DATA_RETENTION_TIME_IN_DAYS = 9;",
    ]);
  });

  it("masks secret vars in text and JSON output", async () => {
    const secret = "Sup3r'S3cret";
    const env = { FIXTURE_LOADER_PASSWORD: secret };
    const text = await runCli(["render", "migrations/RAW/V2__loader_user.sql"], { cwd: valid, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      "-- migrations/RAW/V2__loader_user.sql (env local, database SHOP_DATA)\nCREATE USER IF NOT EXISTS LOADER PASSWORD = '********' DEFAULT_WAREHOUSE = SHOP_WH;\n",
    );
    const json = await runCli(["render", "--format", "json", "migrations/RAW/V2__loader_user.sql"], {
      cwd: valid,
      env,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      environment: "local",
      database: "SHOP_DATA",
      files: [
        {
          file: "migrations/RAW/V2__loader_user.sql",
          schema: "RAW",
          sql: "CREATE USER IF NOT EXISTS LOADER PASSWORD = '********' DEFAULT_WAREHOUSE = SHOP_WH;\n",
        },
      ],
    });
    for (const run of [text, json]) {
      expect(run.stdout + run.stderr).not.toContain("S3cret");
    }
  });

  it("names file:line:column and the variable of a missing var, without a stack trace", async () => {
    const run = await runCli(["render", "migrations/BROKEN/V1__missing_var.sql"], { cwd: valid });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "error[TEMPLATE_MISSING_VAR]: migrations/BROKEN/V1__missing_var.sql:2:11: variable 'missing_thing' is not defined. Define 'missing_thing' under vars (or environments.local.vars) in mercurios.config.ts, or pass --var missing_thing=…. Inside {{#each}} and {{#with}}, reach top-level names as @root.missing_thing.\n",
    );
  });

  it("adds the stack trace with --debug", async () => {
    const run = await runCli(["render", "--debug", "migrations/BROKEN/V1__missing_var.sql"], { cwd: valid });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[TEMPLATE_MISSING_VAR]: migrations/BROKEN/V1__missing_var.sql:2:11:");
    expect(run.stderr).toMatch(/\n\s+at .*render\.js:\d+:\d+/);
  });

  it("tells which var is unresolved and why", async () => {
    const run = await runCli(["render", "migrations/RAW/V2__loader_user.sql"], {
      cwd: valid,
      env: { FIXTURE_LOADER_PASSWORD: undefined },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error[TEMPLATE_MISSING_VAR]: migrations/RAW/V2__loader_user.sql:1:45: variable 'loader_password' is not defined. var 'loader_password' reads the environment variable FIXTURE_LOADER_PASSWORD, which is not set (declared at vars.loader_password); set it, or pass --var loader_password=….\n",
    );
  });

  it("lists the known environments for an unknown --env", async () => {
    const run = await runCli(["render", "--env", "qa", "migrations/RAW/V1__sales.sql"], { cwd: valid });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error[UNKNOWN_ENVIRONMENT]: mercurios.config.ts (environments): unknown environment 'qa'. Known environments: local, dev, prod. Pick one with --env.\n",
    );
  });

  it("reports every problem of a broken config at once", async () => {
    const run = await runCli(["render", "x.sql"], { cwd: path.join(fixturesDir, "five-mistakes") });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")).toEqual([
      "error[CONFIG_INVALID]: mercurios.config.ts: 5 problems in the config:",
      "  - environments.dev.kind: expected kind: 'local' or 'snowflake', got 'cloud'",
      "  - environments.prod.connection.user: expected string or { env: 'VARIABLE_NAME' }, got number",
      "  - environments.prod.connection.password: a literal secret is not allowed in the config file; write { env: 'VARIABLE_NAME' } and set that environment variable",
      "  - tenants[0].id: a tenant id is lower-case letters, digits, '_' and '-'",
      "  - histroy: unknown key (check the spelling)",
      "",
    ]);
    expect(run.stderr).not.toContain("hunter2");
  });

  it("reports every file that fails, and a missing file", async () => {
    const run = await runCli(["render", "nope.sql", "migrations/BROKEN/V1__missing_var.sql"], { cwd: valid });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      "error[RENDER_FAILED]: 2 files failed to render:",
      "  - nope.sql: cannot read nope.sql. Check the path; it is taken relative to the current directory.",
      expect.stringMatching(
        /^ {2}- migrations\/BROKEN\/V1__missing_var\.sql:2:11: variable 'missing_thing' is not defined\./,
      ),
    ]);
  });

  it("leaves a view's front matter out and counts lines from the file's top", async () => {
    const ok = await runCli(["render", "views/ADMIN/TENANT_NAMES.sql"], { cwd: valid });
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe(
      "-- views/ADMIN/TENANT_NAMES.sql (env local, database SHOP_DATA)\nSELECT ID, NAME FROM (VALUES ('acme', 'Acme Retail'), ('o-hara', 'O''Hara & Sons')) AS T (ID, NAME)\n",
    );
    const broken = await runCli(["render", "views/BROKEN/MISSING_VAR_AFTER_FRONT_MATTER.sql"], {
      cwd: valid,
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^error\[TEMPLATE_MISSING_VAR\]: views\/BROKEN\/MISSING_VAR_AFTER_FRONT_MATTER\.sql:6:5: variable 'nope' is not defined\./,
    );
  });

  it("renders the repository's own migrations for prod", async () => {
    const run = await runCli([
      "render",
      "--env",
      "prod",
      "migrations/RAW/V1.1.0__prohandel_landing_tables.sql",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("CREATE SCHEMA IF NOT EXISTS MERCURIOS_DATA.RAW;");
  });
});

describe("--local-db :memory:", () => {
  it("runs on a throwaway engine and leaves no file named ':memory:' behind", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "mercurios-memory-"));
    try {
      const run = await runCli(["sql", "--local-db", ":memory:", "--format", "json", "select 1 + 1 as two"], {
        cwd,
      });
      expect(run.stdout).toBe(
        '{"statement":1,"columns":["TWO"],"types":["NUMBER(2,0)"],"rows":[["2"]],"rowCount":1}\n',
      );
      expect(run.code).toBe(0);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
