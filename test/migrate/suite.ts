import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  migrateBaseline,
  migrateDown,
  migrateRepair,
  migrateStatus,
  migrateUp,
  migrateValidate,
  type MigrationProject,
} from "../../src/api/migrate.js";
import type { Driver } from "../../src/driver/types.js";
import { MigrationError } from "../../src/errors/index.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import { copyFixture, localDriver, query, removeDir, shopProject } from "./helpers.js";
import { type Served, startServe } from "./processes.js";

/**
 * The migration tests, run on both drivers (local.test.ts, served.test.ts): the local engine
 * in-process, and snowflake-sdk against `mercurios local serve` (a separate process speaking
 * Snowflake's REST protocol).
 */
export function migrationSuite(DRIVER: "local" | "served"): void {
  let root: string;
  let project: MigrationProject;
  let driver: Driver;
  let served: Served | null = null;

  async function connect(p: MigrationProject): Promise<Driver> {
    if (DRIVER === "local") return localDriver(p);
    served ??= await startServe(path.join(root, ".mercurios/served.duckdb"));
    return connectSnowflake({
      account: "local",
      user: "ADMIN",
      password: "admin",
      authenticator: "SNOWFLAKE",
      accessUrl: served.url,
      sources: {},
      secrets: ["admin"],
    });
  }

  beforeEach(async () => {
    root = await copyFixture("shop");
    project = await shopProject(root);
    driver = await connect(project);
  });
  afterEach(async () => {
    await driver.close();
    await served?.stop();
    served = null;
    await removeDir(root);
  });

  const HISTORY = '"SHOP"."ADMIN"."MERCURIOS_CHANGE_HISTORY"';

  async function applyLog(): Promise<string[]> {
    return (await query(driver, "SELECT SCRIPT FROM SHOP.RAW.APPLY_LOG ORDER BY SCRIPT")).map((r) => r[0]!);
  }

  describe(`migrate on the ${DRIVER} driver`, () => {
    it("applies versioned (by version, ties by schema order), repeatables (by dependency), then always-scripts", async () => {
      const report = await migrateUp({ project, driver });
      expect(report.scripts.map((s) => s.script)).toEqual([
        "migrations/V0.1__schemas.sql",
        "migrations/RAW/V1__sales.sql",
        "migrations/STANDARD/V1__shops.sql",
        "migrations/STANDARD/V2__daily.sql",
        "migrations/STANDARD/R__z_base.sql",
        "migrations/STANDARD/R__a_report.sql",
        "migrations/A__loader_check.sql",
      ]);
      // First run on this account: one to find the tables missing, one to create them, take the lock and
      // read the history, one per script, one to finish: N + 3. Later runs: N + 2.
      expect(report.roundTrips).toBe(7 + 3);
      expect(await applyLog()).toEqual(["A__loader_check", "RAW/V1", "STANDARD/V1", "STANDARD/V2"]);
      const rows = await query(
        driver,
        `SELECT "INSTALLED_RANK", "SCRIPT_KEY", "SCRIPT_TYPE", "SCHEMA_NAME", "STATUS", "ENVIRONMENT", "RUN_ID", "QUERY_IDS" FROM ${HISTORY} ORDER BY 1`,
      );
      expect(rows.map((r) => r.slice(0, 6))).toEqual([
        ["1", "V0.1", "V", null, "SUCCESS", "local"],
        ["2", "RAW/V1", "V", "RAW", "SUCCESS", "local"],
        ["3", "STANDARD/V1", "V", "STANDARD", "SUCCESS", "local"],
        ["4", "STANDARD/V2", "V", "STANDARD", "SUCCESS", "local"],
        ["5", "STANDARD/R__z_base", "R", "STANDARD", "SUCCESS", "local"],
        ["6", "STANDARD/R__a_report", "R", "STANDARD", "SUCCESS", "local"],
        ["7", "A__loader_check", "A", null, "SUCCESS", "local"],
      ]);
      expect(rows.every((r) => r[6] === report.runId)).toBe(true);
      // Each script's query ids are filled in by the next round trip (the last by the release).
      expect(rows.map((r) => r[7]?.split(",").length)).toEqual([3, 2, 2, 2, 1, 1, 2]);

      const again = await migrateUp({ project, driver });
      expect(again.scripts.map((s) => s.script)).toEqual(["migrations/A__loader_check.sql"]);
      expect(again.roundTrips).toBe(1 + 2);
      const status = await migrateStatus({ project, driver });
      expect(status.summary).toEqual({
        applied: 6,
        pending: 1,
        failed: 0,
        changed: 0,
        "out-of-order": 0,
        missing: 0,
      });
    });

    it("keeps secrets out of dry-run SQL and checksums; a secret rotation is not an edit", async () => {
      const dry = await migrateUp({ project, driver, dryRun: true });
      const loader = dry.scripts.find((s) => s.script === "migrations/A__loader_check.sql")!;
      expect(loader.sql).toBe(
        "USE DATABASE SHOP;\nALTER USER IF EXISTS SHOP_LOADER SET PASSWORD = '********';\nINSERT INTO RAW.APPLY_LOG VALUES ('A__loader_check', 'checked');",
      );
      expect(JSON.stringify(dry)).not.toContain("s3cr3t-Loader!");
      expect(await query(driver, "SHOW TABLES LIKE 'MERCURIOS_CHANGE_HISTORY' IN ACCOUNT")).toEqual([]);

      await migrateUp({ project, driver });
      const rotated = await shopProject(root, "local", {}, { SHOP_LOADER_PASSWORD: "an0ther-Secret" });
      const validate = await migrateValidate({ project: rotated, driver });
      expect(validate).toMatchObject({ ok: true, errors: [] });
    });

    it("limits environment-qualified scripts to their environments", async () => {
      await driver.close();
      const dev = await shopProject(root, "dev");
      driver = await connect(dev);
      const report = await migrateUp({ project: dev, driver });
      expect(report.scripts.map((s) => s.script)).toContain("migrations/RAW/V2__seed.dev+staging.sql");
      expect(await query(driver, "SELECT COUNT(*) FROM SHOP.RAW.SALES")).toEqual([["2"]]);
      const localDry = await migrateUp({ project, driver: driver, dryRun: true });
      expect(localDry.scripts.map((s) => s.script)).not.toContain("migrations/RAW/V2__seed.dev+staging.sql");
    });

    it("records a failure with its statement, resumes there when unchanged, restarts with a warning when edited", async () => {
      await writeFile(
        path.join(root, "migrations/RAW/V3__totals.sql"),
        "INSERT INTO APPLY_LOG VALUES ('RAW/V3', 'first');\nINSERT INTO TOTALS SELECT 1;\nINSERT INTO APPLY_LOG VALUES ('RAW/V3', 'third');\n",
      );
      const failure = await migrateUp({ project, driver }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).describe()).toMatch(
        /^migrations\/RAW\/V3__totals\.sql:2: statement 2 of 3 \(line 2\) failed: SQL compilation error:\s+Object 'SHOP\.RAW\.TOTALS' does not exist or not authorized\. Recorded as FAILED at statement 2\./,
      );
      expect((failure as MigrationError).statementIndex).toBe(1);
      const failedRow = await query(
        driver,
        `SELECT "STATUS", "FAILED_STATEMENT", "ERROR_MESSAGE" FROM ${HISTORY} WHERE "SCRIPT_KEY" = 'RAW/V3'`,
      );
      expect(failedRow).toEqual([
        ["FAILED", "2", "SQL compilation error:\nObject 'SHOP.RAW.TOTALS' does not exist or not authorized."],
      ]);
      // The rest of the run did not happen: repeatables and always-scripts wait.
      expect(
        (await migrateStatus({ project, driver })).scripts.find((s) => s.key === "RAW/V3"),
      ).toMatchObject({
        state: "failed",
        failedStatement: 2,
      });

      // Fix the cause outside the script: the unchanged script resumes at statement 2.
      await driver.execute("CREATE TABLE SHOP.RAW.TOTALS (X NUMBER)");
      const resumed = await migrateUp({ project, driver });
      expect(resumed.scripts[0]).toMatchObject({
        script: "migrations/RAW/V3__totals.sql",
        startStatement: 2,
        statementCount: 2,
      });
      expect(
        await query(driver, "SELECT NOTE FROM SHOP.RAW.APPLY_LOG WHERE SCRIPT = 'RAW/V3' ORDER BY NOTE"),
      ).toEqual([["first"], ["third"]]);

      // An edited failed script restarts from statement 1, with a warning.
      await writeFile(
        path.join(root, "migrations/RAW/V4__more.sql"),
        "INSERT INTO APPLY_LOG VALUES ('RAW/V4', 'first');\nSELECT * FROM NOPE;\n",
      );
      await expect(migrateUp({ project, driver })).rejects.toThrow(/statement 2 of 2/);
      await writeFile(
        path.join(root, "migrations/RAW/V4__more.sql"),
        "INSERT INTO APPLY_LOG VALUES ('RAW/V4', 'first');\nSELECT 1;\n",
      );
      const restarted = await migrateUp({ project, driver });
      expect(restarted.scripts[0]).toMatchObject({
        script: "migrations/RAW/V4__more.sql",
        startStatement: 1,
      });
      expect(restarted.warnings).toEqual([
        "migrations/RAW/V4__more.sql was edited after it failed at statement 2; restarting it from statement 1 although statements 1-1 already ran (make them re-runnable, e.g. IF NOT EXISTS / OR REPLACE)",
      ]);
    });

    it("stops at an unterminated $$ body: nothing of the script runs or is recorded, the error names file and line", async () => {
      await writeFile(
        path.join(root, "migrations/RAW/V3__proc.sql"),
        "INSERT INTO APPLY_LOG VALUES ('RAW/V3', 'first');\nCREATE OR REPLACE PROCEDURE P() RETURNS INT LANGUAGE SQL AS $$\n  RETURN 1;\n",
      );
      const failure = await migrateUp({ project, driver }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).code).toBe("MIGRATION_SYNTAX");
      expect((failure as MigrationError).describe()).toBe(
        "migrations/RAW/V3__proc.sql:2: script does not parse: syntax error line 4 at position 0 unexpected '<EOF>'. The $$ body that starts at line 2, position 60 is never closed. Close the string, quoted name, comment or $$ body, then run migrate up again; nothing of this script ran.",
      );
      expect(await query(driver, "SELECT NOTE FROM SHOP.RAW.APPLY_LOG WHERE SCRIPT = 'RAW/V3'")).toEqual([]);
      expect(await query(driver, `SELECT "STATUS" FROM ${HISTORY} WHERE "SCRIPT_KEY" = 'RAW/V3'`)).toEqual(
        [],
      );
    });

    it("detects an edited applied script (validate names both checksums), refuses up, and repair accepts it", async () => {
      await migrateUp({ project, driver });
      const before = (await migrateStatus({ project, driver })).scripts.find((s) => s.key === "STANDARD/V1")!;
      await appendFile(path.join(root, "migrations/STANDARD/V1__shops.sql"), "-- reviewed\nSELECT 1;\n");
      const edited = await shopProject(root);
      const after = (await migrateStatus({ project: edited, driver })).scripts.find(
        (s) => s.key === "STANDARD/V1",
      )!;
      const validate = await migrateValidate({ project: edited, driver });
      expect(validate.ok).toBe(false);
      expect(validate.errors).toEqual([
        {
          script: "migrations/STANDARD/V1__shops.sql",
          code: "CHECKSUM_MISMATCH",
          message: `applied script was edited: template checksum ${before.templateChecksum} recorded, ${after.templateChecksum} on disk`,
        },
      ]);
      await expect(migrateUp({ project: edited, driver })).rejects.toMatchObject({
        code: "CHECKSUM_MISMATCH",
      });
      const repair = await migrateRepair({ project: edited, driver });
      expect(repair.changes.map((c) => [c.script, c.status])).toEqual([
        ["migrations/STANDARD/V1__shops.sql", "REPAIRED"],
      ]);
      expect((await migrateValidate({ project: edited, driver })).ok).toBe(true);
      expect(await applyLog()).toEqual(["A__loader_check", "RAW/V1", "STANDARD/V1", "STANDARD/V2"]);
    });

    it("baselines without running, then applies only what is newer", async () => {
      const baseline = await migrateBaseline({ project, driver, version: "1" });
      expect(baseline.changes.map((c) => c.script)).toEqual([
        "migrations/V0.1__schemas.sql",
        "migrations/RAW/V1__sales.sql",
        "migrations/STANDARD/V1__shops.sql",
      ]);
      // Nothing ran: the schemas the root script would create don't exist.
      expect(await query(driver, "SHOW SCHEMAS LIKE 'RAW' IN DATABASE SHOP")).toEqual([]);
      await driver.execute("CREATE SCHEMA SHOP.RAW");
      await driver.execute("CREATE SCHEMA SHOP.STANDARD");
      await driver.execute("CREATE TABLE SHOP.RAW.APPLY_LOG (SCRIPT VARCHAR, NOTE VARCHAR)");
      await driver.execute(
        "CREATE TABLE SHOP.RAW.SALES (SALE_ID NUMBER, SHOP_ID NUMBER, AMOUNT NUMBER(12,2), SOLD_ON DATE)",
      );
      const up = await migrateUp({ project, driver });
      expect(up.scripts.map((s) => s.script)).toEqual([
        "migrations/STANDARD/V2__daily.sql",
        "migrations/STANDARD/R__z_base.sql",
        "migrations/STANDARD/R__a_report.sql",
        "migrations/A__loader_check.sql",
      ]);
    });

    it("runs undo scripts newest first with down, and down --to", async () => {
      await migrateUp({ project, driver });
      const one = await migrateDown({ project, driver });
      expect(one.scripts.map((s) => s.script)).toEqual(["migrations/STANDARD/U2__daily.sql"]);
      expect(await applyLog()).toEqual(["A__loader_check", "RAW/V1", "STANDARD/V1"]);
      const blocked = await migrateDown({ project, driver, to: "0" }).catch((e: unknown) => e);
      expect((blocked as MigrationError).describe()).toContain(
        "no undo script for migrations/V0.1__schemas.sql (U0.1__…), migrations/STANDARD/V1__shops.sql (U1__…)",
      );
      await writeFile(
        path.join(root, "migrations/STANDARD/U1__shops.sql"),
        "DROP TABLE SHOPS;\nDELETE FROM RAW.APPLY_LOG WHERE SCRIPT = 'STANDARD/V1';\n",
      );
      const withUndo = await shopProject(root);
      const down = await migrateDown({ project: withUndo, driver, to: "0.1" });
      expect(down.scripts.map((s) => s.script)).toEqual([
        "migrations/STANDARD/U1__shops.sql",
        "migrations/RAW/U1__sales.sql",
      ]);
      expect(await applyLog()).toEqual(["A__loader_check"]);
      const status = await migrateStatus({ project: withUndo, driver });
      expect(status.scripts.filter((s) => s.kind === "versioned").map((s) => [s.key, s.state])).toEqual([
        ["V0.1", "applied"],
        ["RAW/V1", "pending"],
        ["STANDARD/V1", "pending"],
        ["STANDARD/V2", "pending"],
      ]);
      const reapplied = await migrateUp({ project: withUndo, driver, to: "2" });
      expect(reapplied.scripts.map((s) => s.script)).toEqual([
        "migrations/RAW/V1__sales.sql",
        "migrations/STANDARD/V1__shops.sql",
        "migrations/STANDARD/V2__daily.sql",
      ]);
    });

    it("refuses an older pending version unless --out-of-order", async () => {
      await migrateUp({ project, driver });
      await writeFile(
        path.join(root, "migrations/RAW/V1.5__late.sql"),
        "INSERT INTO APPLY_LOG VALUES ('RAW/V1.5', 'late');\n",
      );
      const late = await shopProject(root);
      const refused = await migrateUp({ project: late, driver }).catch((e: unknown) => e);
      expect((refused as MigrationError).describe()).toBe(
        "migrations/RAW/V1.5__late.sql: version 1.5 is pending but older than the newest applied version (2). Run with --out-of-order to apply it anyway, or give it a newer version.",
      );
      const applied = await migrateUp({ project: late, driver, outOfOrder: true });
      expect(applied.scripts.map((s) => s.script)).toEqual([
        "migrations/RAW/V1.5__late.sql",
        "migrations/A__loader_check.sql",
      ]);
    });
  });
}
