/**
 * Masking policies end to end on both drivers (the local engine in-process, and the real
 * snowflake-sdk talking to `local serve` on 127.0.0.1): `up` creates the declared policies and masks
 * the declared columns, reads come back masked, drift is in sync; a column unmasked by hand is a
 * `security` finding naming table and column, and `up` masks it again; a body edited by hand is
 * altered back in place.
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
import { type Harness, openHarness } from "../driver/targets.js";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const root = path.resolve(__dirname, "../fixtures/projects/masking");
const CUSTOMERS = "MASK_DATA.RAW.CUSTOMERS";

describe.each(["local", "rest"] as const)("masking policies through the %s driver", (target) => {
  let dir: string;
  let environment: ResolvedEnvironment;
  let driver: Driver;
  let harness: Harness;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-mask-"));
    const loaded = await loadConfig({ cwd: root });
    environment = resolveEnvironment(loaded, { localDb: path.join(dir, "unused.duckdb") });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    harness = await openHarness();
    driver = await harness.targets.find((t) => t.name === target)!.connect();
    const result = await upEnvironment({ environment, driver });
    expect(result.apply.failed).toBeUndefined();
  });
  afterEach(async () => {
    await driver?.close();
    await harness?.close();
  });

  async function drift() {
    return (await checkDrift({ environment, driver })).report;
  }
  const rows = async (sql: string) =>
    (await driver.execute(sql)).rows.map((r) => Object.values(r).map(String));

  it("up masks the declared columns; drift is in sync", async () => {
    // The driver's role (ACCOUNTADMIN) is not SUPPORT: e-mails masked; phones raw for tenant B only.
    expect(await rows(`SELECT ID, EMAIL, PHONE FROM ${CUSTOMERS} ORDER BY ID`)).toEqual([
      ["1", "*****", "***"],
      ["2", "*****", "+43 1 2222"],
    ]);
    const report = await drift();
    expect(report.drift).toEqual([]);
    expect((await planChanges({ environment, driver })).plan.steps).toEqual([]);
  });

  it("a column unmasked by hand is security drift naming table and column; up masks it again", async () => {
    await driver.execute(`ALTER TABLE ${CUSTOMERS} MODIFY COLUMN EMAIL UNSET MASKING POLICY`);
    expect(await rows(`SELECT EMAIL FROM ${CUSTOMERS} ORDER BY ID`)).toEqual([
      ["anna@example.com"],
      ["bert@example.org"],
    ]);
    const report = await drift();
    expect(report.drift.map((d) => `${d.kind} ${d.objectType} ${d.name} [${d.category}]`)).toEqual([
      `missing MASKING POLICY ON TABLE ${CUSTOMERS}.EMAIL [security]`,
    ]);
    const plan = (await planChanges({ environment, driver })).plan.steps.map((s) => s.sql);
    expect(plan).toEqual([
      `ALTER TABLE ${CUSTOMERS} MODIFY COLUMN EMAIL SET MASKING POLICY MASK_DATA.ADMIN.EMAIL_MASK`,
    ]);
    const up = await upEnvironment({ environment, driver });
    expect(up.apply.applied.map((s) => s.sql)).toEqual(plan);
    expect((await drift()).drift).toEqual([]);
    expect(await rows(`SELECT DISTINCT EMAIL FROM ${CUSTOMERS}`)).toEqual([["*****"]]);
  });

  it("a body loosened by hand and a column re-pointed are drift; apply alters them back in place", async () => {
    await driver.executeBatch([
      "ALTER MASKING POLICY MASK_DATA.ADMIN.EMAIL_MASK SET BODY -> VAL",
      "CREATE MASKING POLICY MASK_DATA.ADMIN.OPEN_MASK AS (VAL VARCHAR, T VARCHAR) RETURNS VARCHAR -> VAL",
      `ALTER TABLE ${CUSTOMERS} MODIFY COLUMN PHONE SET MASKING POLICY MASK_DATA.ADMIN.OPEN_MASK USING (PHONE, TENANT_ID) FORCE`,
    ]);
    const lines = (await drift()).drift.flatMap((d) =>
      d.properties.length === 0
        ? [`${d.kind} ${d.objectType} ${d.name} [${d.category}]`]
        : d.properties.map(
            (p) =>
              `${d.kind} ${d.objectType} ${d.name}: ${p.property} ${p.declared} -> ${p.live} [${d.category}]`,
          ),
    );
    expect(lines).toEqual([
      "changed MASKING POLICY MASK_DATA.ADMIN.EMAIL_MASK: body CASE WHEN IS_ROLE_IN_SESSION('SUPPORT') THEN VAL ELSE '*****' END -> VAL [security]",
      "unexpected MASKING POLICY MASK_DATA.ADMIN.OPEN_MASK [security]",
      `changed MASKING POLICY ON TABLE ${CUSTOMERS}.PHONE: policy MASK_DATA.ADMIN.PHONE_MASK -> MASK_DATA.ADMIN.OPEN_MASK [security]`,
    ]);
    const applied = await applyChanges({ environment, driver, allowDestructive: true });
    expect(applied.failed).toBeUndefined();
    expect(applied.applied.map((s) => s.sql)).toEqual([
      "ALTER MASKING POLICY MASK_DATA.ADMIN.EMAIL_MASK SET BODY -> CASE WHEN IS_ROLE_IN_SESSION('SUPPORT') THEN VAL ELSE '*****' END",
      `ALTER TABLE ${CUSTOMERS} MODIFY COLUMN PHONE SET MASKING POLICY MASK_DATA.ADMIN.PHONE_MASK USING (PHONE, TENANT_ID) FORCE`,
      "DROP MASKING POLICY MASK_DATA.ADMIN.OPEN_MASK",
    ]);
    expect((await drift()).drift).toEqual([]);
  });
});
