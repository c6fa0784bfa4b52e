/**
 * `mercurios import`, run as users run it (the built CLI as a child process): the Mercurios
 * platform is brought up on a fresh local engine with `mercurios up`, imported into a new project
 * folder, and that folder's `plan` shows no changes and its `drift` exits 0 on the same engine.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, repoRoot, runCli } from "./run.js";

/** Each case runs several CLI processes (each opens the engine): generous on a loaded machine. */
const SLOW = 300_000;

let scratch: string;
let engineFile: string;
let project: string;
let imported: CliRun;

/** Every file under a folder, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "mercurios-import-"));
  engineFile = path.join(scratch, "engine.duckdb");
  project = path.join(scratch, "adopted");
  const up = await runCli(["up", "--local-db", engineFile], { cwd: repoRoot });
  expect(up.stderr).toBe("");
  expect(up.code).toBe(0);
  imported = await runCli(["import", "--local-db", engineFile, "--out", project, "--format", "json"], {
    cwd: repoRoot,
  });
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("mercurios import of the platform after `up`", () => {
  it("writes monitors/, roles/, views/ and a config that reaches the same engine", () => {
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { files: { path: string }[]; notes: string[] };
    const written = filesUnder(project);
    expect(report.files.map((f) => f.path).sort()).toEqual(written);
    // The platform declares 4 monitors (one file each), its roles and users in one module, one
    // policy, and 8 views (monitors/, roles/, views/ of this repository).
    expect(written.filter((f) => f.startsWith("monitors/"))).toHaveLength(4);
    expect(written).toContain("roles/roles.ts");
    expect(written).toContain("roles/tenant-isolation.ts");
    expect(
      written
        .filter((f) => f.startsWith("views/"))
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(
      readdirSync(path.join(repoRoot, "views"), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".sql"))
        .map((f) => path.basename(f))
        .sort(),
    );
    const config = readFileSync(path.join(project, "mercurios.config.ts"), "utf8");
    expect(config).toContain('database: "MERCURIOS_DATA"');
    expect(config).toContain(`localDb: ${JSON.stringify(engineFile)}`);
  });

  it("writes no password: the engine's ADMIN user has one, and a note says it is not declared", () => {
    const report = JSON.parse(imported.stdout) as { notes: string[] };
    expect(report.notes).toContain(
      "USER ADMIN has a password: passwords are never declared; set and rotate it outside mercurios.",
    );
    for (const file of filesUnder(project))
      expect(readFileSync(path.join(project, file), "utf8").toLowerCase()).not.toContain("password");
  });

  it(
    "round trips: plan in the imported project shows no changes and drift exits 0",
    async () => {
      const plan = await runCli(["plan"], { cwd: project });
      expect(plan.stderr).toBe("");
      expect(plan.stdout).toContain("No changes");
      expect(plan.code).toBe(0);
      const drift = await runCli(["drift", "--format", "json"], { cwd: project });
      expect(drift.stderr).toBe("");
      const report = JSON.parse(drift.stdout) as { inSync: boolean; drift: unknown[] };
      expect(report.drift).toEqual([]);
      expect(report.inSync).toBe(true);
      expect(drift.code).toBe(0);
    },
    SLOW,
  );

  it(
    "refuses a folder that is not empty without --force, and names the option",
    async () => {
      const again = await runCli(["import", "--local-db", engineFile, "--out", project], { cwd: repoRoot });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("IMPORT_OUT_NOT_EMPTY");
      expect(again.stderr).toContain("--force");
      expect(again.stderr).not.toContain("    at ");
    },
    SLOW,
  );

  it(
    "writes only the kinds asked for, and rejects an unknown kind",
    async () => {
      const viewsOnly = path.join(scratch, "views-only");
      mkdirSync(viewsOnly);
      // A project of its own already: its config is kept, the entries are printed to paste in.
      writeFileSync(path.join(viewsOnly, "mercurios.config.ts"), "// kept\n");
      const run = await runCli(
        ["import", "--local-db", engineFile, "--out", viewsOnly, "--kinds", "views", "--force"],
        {
          cwd: repoRoot,
        },
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const written = filesUnder(viewsOnly);
      expect(written.filter((f) => !f.startsWith("views/"))).toEqual(["mercurios.config.ts"]);
      expect(readFileSync(path.join(viewsOnly, "mercurios.config.ts"), "utf8")).toBe("// kept\n");
      expect(run.stdout).toContain('database: "MERCURIOS_DATA",');

      const unknown = await runCli(["import", "--local-db", engineFile, "--kinds", "views,stages"], {
        cwd: repoRoot,
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("IMPORT_KINDS");
      expect(unknown.stderr).toContain("'stages'");
    },
    SLOW,
  );
});

/** An account built by hand: every kind import writes, a hierarchy, a password, a policy on a table. */
const ACCOUNT_SQL = `
CREATE DATABASE SHOP COMMENT = 'built by hand';
CREATE SCHEMA SHOP.APP;
CREATE SCHEMA SHOP.REPORTING WITH MANAGED ACCESS;
CREATE TABLE SHOP.APP.ORDERS (ID NUMBER, TENANT VARCHAR, AMOUNT NUMBER(10,2));
CREATE WAREHOUSE APP_WH WITH WAREHOUSE_SIZE = 'SMALL' AUTO_SUSPEND = 120 AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE COMMENT = 'app queries';
CREATE WAREHOUSE ETL_WH WITH WAREHOUSE_SIZE = 'XSMALL' AUTO_SUSPEND = 60 INITIALLY_SUSPENDED = TRUE;
CREATE RESOURCE MONITOR ETL_MONITOR WITH CREDIT_QUOTA = 5 FREQUENCY = MONTHLY START_TIMESTAMP = IMMEDIATELY TRIGGERS ON 80 PERCENT DO NOTIFY ON 100 PERCENT DO SUSPEND;
ALTER WAREHOUSE ETL_WH SET RESOURCE_MONITOR = ETL_MONITOR;
CREATE ROLE APP_READER COMMENT = 'reads reports';
CREATE ROLE APP_WRITER;
CREATE ROLE APP_ADMIN;
GRANT ROLE APP_READER TO ROLE APP_WRITER;
GRANT ROLE APP_WRITER TO ROLE APP_ADMIN;
GRANT ROLE APP_ADMIN TO ROLE SYSADMIN;
GRANT USAGE ON DATABASE SHOP TO ROLE APP_READER;
GRANT USAGE ON SCHEMA SHOP.REPORTING TO ROLE APP_READER;
GRANT USAGE ON WAREHOUSE APP_WH TO ROLE APP_READER;
GRANT SELECT, INSERT ON TABLE SHOP.APP.ORDERS TO ROLE APP_WRITER;
GRANT SELECT ON FUTURE VIEWS IN SCHEMA SHOP.REPORTING TO ROLE APP_READER;
GRANT SELECT ON FUTURE TABLES IN DATABASE SHOP TO ROLE APP_WRITER;
CREATE USER ALICE LOGIN_NAME = 'alice' DISPLAY_NAME = 'Alice' EMAIL = 'alice@example.com' DEFAULT_ROLE = APP_READER DEFAULT_WAREHOUSE = APP_WH PASSWORD = 'S3cret-Do-Not-Write';
CREATE USER ETL_SERVICE TYPE = SERVICE DEFAULT_ROLE = APP_WRITER;
GRANT ROLE APP_READER TO USER ALICE;
GRANT ROLE APP_WRITER TO USER ETL_SERVICE;
CREATE ROW ACCESS POLICY SHOP.APP.BY_TENANT AS (TENANT VARCHAR) RETURNS BOOLEAN -> TENANT = CURRENT_ROLE() OR IS_ROLE_IN_SESSION('APP_ADMIN');
ALTER TABLE SHOP.APP.ORDERS ADD ROW ACCESS POLICY SHOP.APP.BY_TENANT ON (TENANT);
CREATE VIEW SHOP.REPORTING.DAILY_TOTALS COMMENT = 'per tenant' AS SELECT TENANT, SUM(AMOUNT) AS TOTAL FROM SHOP.APP.ORDERS GROUP BY TENANT;
CREATE SECURE VIEW SHOP.REPORTING.BIG_ORDERS AS SELECT ID, AMOUNT FROM SHOP.APP.ORDERS WHERE AMOUNT > 100;
GRANT SELECT ON VIEW SHOP.REPORTING.DAILY_TOTALS TO ROLE APP_READER;
CREATE TASK SHOP.APP.NIGHTLY WAREHOUSE = ETL_WH SCHEDULE = 'USING CRON 0 2 * * * UTC' COMMENT = 'nightly' AS DELETE FROM SHOP.APP.ORDERS WHERE AMOUNT IS NULL;
CREATE TASK SHOP.APP.AFTER_NIGHTLY WAREHOUSE = ETL_WH AFTER SHOP.APP.NIGHTLY AS SELECT 1;
`;

describe("mercurios import of an account built by raw SQL", () => {
  it(
    "writes it grouped as documented, without the password, and plan and drift find it in step",
    async () => {
      const built = path.join(scratch, "by-hand");
      mkdirSync(built);
      // The minimal config of the project whose account is imported: its database and the engine file.
      writeFileSync(
        path.join(built, "mercurios.config.ts"),
        [
          'import { defineConfig } from "mercurios";',
          "export default defineConfig({",
          '  database: "SHOP",',
          '  schemas: ["APP"],',
          `  environments: { local: { kind: "local", localDb: ${JSON.stringify(path.join(built, "engine.duckdb"))} } },`,
          "});",
          "",
        ].join("\n"),
      );
      writeFileSync(path.join(built, "account.sql"), ACCOUNT_SQL);
      const sql = await runCli(["sql", "--file", "account.sql"], { cwd: built });
      expect(sql.stderr).toBe("");
      expect(sql.code).toBe(0);

      const adopted = path.join(built, "adopted");
      const run = await runCli(["import", "--out", adopted], { cwd: built });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("USER ALICE has a password: passwords are never declared");
      // A monitor with the warehouse it governs and that warehouse's tasks; the other warehouse on
      // its own; roles and users together; one file per policy; views by schema.
      expect(filesUnder(adopted)).toEqual([
        "mercurios.config.ts",
        "monitors/etl-monitor.ts",
        "monitors/warehouses.ts",
        "roles/by-tenant.ts",
        "roles/roles.ts",
        "views/REPORTING/BIG_ORDERS.sql",
        "views/REPORTING/DAILY_TOTALS.sql",
      ]);
      const monitor = readFileSync(path.join(adopted, "monitors/etl-monitor.ts"), "utf8");
      expect(monitor).toContain('name: "ETL_WH"');
      expect(monitor).toContain("export const nightly = defineTask(");
      expect(monitor).toContain(`after: ["SHOP.APP.NIGHTLY"]`);
      for (const file of filesUnder(adopted))
        expect(readFileSync(path.join(adopted, file), "utf8")).not.toContain("S3cret");

      const plan = await runCli(["plan"], { cwd: adopted });
      expect(plan.stderr).toBe("");
      expect(plan.stdout).toContain("No changes");
      expect(plan.code).toBe(0);
      const drift = await runCli(["drift"], { cwd: adopted });
      expect(drift.stderr).toBe("");
      expect(drift.stdout).toMatch(/^In sync: \d+ objects compared in local\./);
      expect(drift.code).toBe(0);
    },
    SLOW,
  );
});
