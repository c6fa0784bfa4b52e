/**
 * End to end on both drivers (the local engine in-process, and the real snowflake-sdk talking to the
 * engine's REST server on 127.0.0.1): up on a fresh account, then for every object kind a hand change
 * is reported by drift with object, property, declared and live values, and apply restores sync.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { applyChanges } from "../../src/api/apply.js";
import { checkDrift } from "../../src/api/drift.js";
import { planChanges } from "../../src/api/plan.js";
import { upEnvironment } from "../../src/api/up.js";
import { loadConfig, type ResolvedEnvironment, resolveEnvironment } from "../../src/config/index.js";
import type { Driver } from "../../src/driver/types.js";
import { PlanError } from "../../src/errors/index.js";
import { type Harness, openHarness } from "../driver/targets.js";

// Each case replays migrations and introspects the account several times; the machine is shared.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const root = path.resolve(__dirname, "../fixtures/declarations/project");

describe.each(["local", "rest"] as const)("apply and drift through the %s driver", (target) => {
  let dir: string;
  let environment: ResolvedEnvironment;
  let driver: Driver;
  let harness: Harness;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-decl-"));
    const loaded = await loadConfig({ cwd: root });
    environment = resolveEnvironment(loaded, { localDb: path.join(dir, "unused.duckdb") });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Every case starts from its own fresh account, so each runs alone (-t) and none sees another's
  // hand changes.
  beforeEach(async () => {
    harness = await openHarness();
    driver = await harness.targets.find((t) => t.name === target)!.connect();
  });
  afterEach(async () => {
    await driver?.close();
    await harness?.close();
  });

  /** `up` on the fresh account: the migrations, then every declared object. */
  async function upFresh() {
    const result = await upEnvironment({ environment, driver });
    expect(result.apply.failed).toBeUndefined();
    return result;
  }

  /** Drift entries as `<kind> <TYPE> <name>: property declared -> live`. */
  async function driftLines(): Promise<string[]> {
    const { report } = await checkDrift({ environment, driver });
    return report.drift.flatMap((d) =>
      d.properties.length === 0
        ? [`${d.kind} ${d.objectType} ${d.name}`]
        : d.properties.map(
            (p) => `${d.kind} ${d.objectType} ${d.name}: ${p.property} ${p.declared} -> ${p.live}`,
          ),
    );
  }

  it("up on a fresh account leaves zero drift, tables included", async () => {
    const result = await upFresh();
    expect(result.migrate.scripts.map((s) => s.script)).toEqual([
      "migrations/ADMIN/V0__schemas.sql",
      "migrations/RAW/V1__sales.sql",
    ]);
    expect(result.apply.applied).toHaveLength(16);
    expect(result.apply.failed).toBeUndefined();
    const { report } = await checkDrift({ environment, driver, includeTables: true });
    expect(report.drift).toEqual([]);
    // 15 declared objects and 1 table, plus the database and 3 schemas the config declares.
    expect(report.summary.objectsCompared).toBe(20);
    expect((await planChanges({ environment, driver })).plan.steps).toEqual([]);
  });

  it("reports a hand change to every object kind, and apply brings it back", async () => {
    await upFresh();
    await driver.executeBatch([
      "ALTER WAREHOUSE DECL_ANALYTICS_WH SET WAREHOUSE_SIZE = 'LARGE'",
      "ALTER RESOURCE MONITOR DECL_ANALYTICS_MONITOR SET CREDIT_QUOTA = 20",
      "ALTER ROLE DECL_ANALYST SET COMMENT = 'changed by hand'",
      "ALTER USER DECL_LOADER SET COMMENT = 'changed by hand'",
      "ALTER ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY SET COMMENT = 'changed by hand'",
      "ALTER TASK DECL_DATA.ADMIN.DAILY_SNAPSHOT RESUME",
      "REVOKE ROLE DECL_ANALYST FROM ROLE SYSADMIN",
      "GRANT SELECT ON TABLE DECL_DATA.RAW.SALES TO ROLE DECL_ANALYST",
      "REVOKE SELECT ON FUTURE VIEWS IN SCHEMA DECL_DATA.ANALYTICS FROM ROLE DECL_ANALYST",
      "CREATE OR REPLACE VIEW DECL_DATA.ANALYTICS.TENANT_TOTALS AS SELECT tenant_id, COUNT(*) AS total FROM DECL_DATA.ANALYTICS.DAILY_SALES GROUP BY tenant_id",
    ]);
    expect(await driftLines()).toEqual([
      "changed WAREHOUSE DECL_ANALYTICS_WH: warehouse_size XSMALL (X-Small) -> LARGE (Large)",
      "changed RESOURCE MONITOR DECL_ANALYTICS_MONITOR: credit_quota 10 -> 20",
      "changed ROLE DECL_ANALYST: comment Reads analytics views -> changed by hand",
      "missing ROLE GRANT DECL_ANALYST -> ROLE SYSADMIN",
      "unexpected GRANT SELECT ON TABLE DECL_DATA.RAW.SALES -> DECL_ANALYST",
      "missing FUTURE GRANT SELECT ON FUTURE VIEW IN SCHEMA DECL_DATA.ANALYTICS -> DECL_ANALYST",
      "changed USER DECL_LOADER: comment Service user -> changed by hand",
      "changed VIEW DECL_DATA.ANALYTICS.TENANT_TOTALS: query SELECT tenant_id, SUM(total) AS total FROM ANALYTICS.DAILY_SALES GROUP BY tenant_id -> SELECT tenant_id, COUNT(*) AS total FROM DECL_DATA.ANALYTICS.DAILY_SALES GROUP BY tenant_id",
      "changed ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY: comment tenant isolation -> changed by hand",
      "changed TASK DECL_DATA.ADMIN.DAILY_SNAPSHOT: state suspended -> started",
    ]);

    // The revoke of the hand-added grant is destructive: refused, nothing run.
    const refused = await applyChanges({ environment, driver }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanError);
    expect((refused as PlanError).code).toBe("DESTRUCTIVE_REFUSED");
    expect(await driftLines()).toHaveLength(10);

    const applied = await applyChanges({ environment, driver, allowDestructive: true });
    expect(applied.failed).toBeUndefined();
    expect(applied.applied.map((s) => s.sql.split("\n")[0])).toEqual([
      "ALTER ROLE DECL_ANALYST SET COMMENT = 'Reads analytics views'",
      "ALTER RESOURCE MONITOR DECL_ANALYTICS_MONITOR SET CREDIT_QUOTA = 10",
      "ALTER WAREHOUSE DECL_ANALYTICS_WH SET WAREHOUSE_SIZE = XSMALL",
      "ALTER USER DECL_LOADER SET COMMENT = 'Service user'",
      "GRANT ROLE DECL_ANALYST TO ROLE SYSADMIN",
      "ALTER ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY SET COMMENT = 'tenant isolation'",
      "CREATE OR REPLACE VIEW DECL_DATA.ANALYTICS.TENANT_TOTALS COPY GRANTS AS",
      "GRANT SELECT ON FUTURE VIEWS IN SCHEMA DECL_DATA.ANALYTICS TO ROLE DECL_ANALYST",
      "ALTER TASK DECL_DATA.ADMIN.DAILY_SNAPSHOT SUSPEND",
      "REVOKE SELECT ON TABLE DECL_DATA.RAW.SALES FROM ROLE DECL_ANALYST",
    ]);
    expect(await driftLines()).toEqual([]);
  });

  it("reports a row access policy body loosened by hand, and apply restores it", async () => {
    await upFresh();
    await driver.execute("ALTER ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY SET BODY -> TRUE");
    expect(await driftLines()).toEqual([
      "changed ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY: body TENANT_ID IS NOT NULL -> TRUE",
    ]);
    const applied = await applyChanges({ environment, driver });
    expect(applied.applied.map((s) => s.sql)).toEqual([
      "ALTER ROW ACCESS POLICY DECL_DATA.ADMIN.TENANT_ONLY SET BODY -> TENANT_ID IS NOT NULL",
    ]);
    expect(await driftLines()).toEqual([]);
  });

  it("tags every apply statement with the query tag and stops at the first failure", async () => {
    await upFresh();
    await driver.execute("DROP VIEW DECL_DATA.ANALYTICS.TENANT_TOTALS");
    await driver.execute("DROP VIEW DECL_DATA.ANALYTICS.DAILY_SALES");
    await driver.execute("ALTER TABLE DECL_DATA.RAW.SALES RENAME TO DECL_DATA.RAW.SALES_OLD");
    const before = driver.queryLog.length;
    const result = await applyChanges({ environment, driver });
    expect(result.applied).toEqual([]);
    expect(result.failed?.object).toBe("VIEW DECL_DATA.ANALYTICS.DAILY_SALES");
    expect(result.failed?.error).toContain("SALES");
    expect(result.skipped).toBe(3);
    const tags = driver.queryLog.slice(before).map((e) => e.queryTag);
    expect(new Set(tags.filter((t) => t?.startsWith("mercurios/apply")))).toEqual(
      new Set(["mercurios/apply/local"]),
    );
    await driver.execute("ALTER TABLE DECL_DATA.RAW.SALES_OLD RENAME TO DECL_DATA.RAW.SALES");
    const again = await applyChanges({ environment, driver });
    expect(again.failed).toBeUndefined();
    expect(await driftLines()).toEqual([]);
  });
});
