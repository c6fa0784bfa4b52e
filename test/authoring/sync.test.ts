import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDeclaredViews } from "../../src/api/views/declared.js";
import { type SyncViewsReport, syncViews, ViewSyncError } from "../../src/api/views/sync.js";
import type { ResolvedEnvironment } from "../../src/config/index.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import type { Engine } from "../../src/engine/index.js";
import { ValidationError } from "../../src/errors/index.js";
import {
  copyProject,
  editFile,
  environmentOf,
  openEngine,
  rejection,
  removeDir,
  rowsAs,
  upTemplate,
} from "./views-loop.js";

const DAILY = "SHOP_DATA.ANALYTICS.DAILY_SALES";
const SHOP_SALES = "SHOP_DATA.ANALYTICS.SHOP_SALES";
const TOP = "SHOP_DATA.ANALYTICS.TOP_SHOPS";

let template: string;
let dir: string;
let environment: ResolvedEnvironment;
let engine: Engine;
let driver: Driver;

beforeAll(async () => {
  template = await upTemplate();
});
afterAll(async () => {
  await removeDir(template);
});
beforeEach(async () => {
  dir = await copyProject(template);
  environment = await environmentOf(dir);
  engine = await openEngine({ path: environment.localDb! });
  driver = await openLocalDriver(engine);
});
afterEach(async () => {
  await driver.close();
  await engine.close();
  await removeDir(dir);
});

async function sync(views: string[], withDependants = false): Promise<SyncViewsReport> {
  const declared = await loadDeclaredViews(environment);
  return syncViews({ environment, driver, declared, views, withDependants });
}

const summary = (report: SyncViewsReport) => report.views.map((v) => [v.name, v.action, v.reason]);

const failure = (promise: Promise<unknown>) => rejection(promise, ViewSyncError);

describe("syncViews", () => {
  it("leaves views that match their declaration alone (nothing runs)", async () => {
    const before = driver.queryLog.length;
    const report = await sync([TOP]);
    expect(summary(report)).toEqual([
      [DAILY, "unchanged", "in sync"],
      [SHOP_SALES, "unchanged", "in sync"],
      [TOP, "unchanged", "in sync"],
    ]);
    expect(report.views.map((v) => v.statements)).toEqual([[], [], []]);
    // Only the introspection (SHOW VIEWS, and whatever else it reads with SHOW): no DDL.
    const sent = driver.queryLog.slice(before).map((e) => /^\S+ \S+/.exec(e.sql)?.[0] ?? e.sql);
    expect(sent).toContain("SHOW VIEWS");
    expect(sent.filter((s) => !s.startsWith("SHOW "))).toEqual([]);
  });

  it("re-creates an edited view and, with its dependants, the views that read it, in order; tenant grants stay", async () => {
    // Without the future grants only COPY GRANTS can keep the tenants' SELECT on the re-created views.
    for (const role of ["SHOP_TENANT_ACME", "SHOP_TENANT_GLOBEX"])
      await driver.execute(`REVOKE SELECT ON FUTURE VIEWS IN SCHEMA SHOP_DATA.ANALYTICS FROM ROLE ${role}`);
    await editFile(
      dir,
      "views/ANALYTICS/DAILY_SALES.sql",
      "SUM(UNITS) AS UNITS",
      "SUM(UNITS) AS UNITS, COUNT(*) AS SALE_COUNT",
    );
    const report = await sync([DAILY], true);
    expect(summary(report)).toEqual([
      [DAILY, "replaced", "definition changed"],
      [SHOP_SALES, "replaced", `reads ${DAILY}, which changed`],
      [TOP, "replaced", `reads ${SHOP_SALES}, which changed`],
    ]);
    expect(report.views[0]?.statements).toEqual([
      `CREATE OR REPLACE VIEW ${DAILY} COPY GRANTS AS\nSELECT TENANT_ID, SHOP_ID, SALE_DATE, SUM(AMOUNT_EUR) AS REVENUE_EUR, SUM(UNITS) AS UNITS, COUNT(*) AS SALE_COUNT\nFROM SHOP_DATA.RAW.SALES\nGROUP BY TENANT_ID, SHOP_ID, SALE_DATE`,
      `ALTER VIEW ${DAILY} SET COMMENT = 'Revenue and units per tenant, shop and day'`,
      `ALTER VIEW ${DAILY} ADD ROW ACCESS POLICY SHOP_DATA.ADMIN.TENANT_ISOLATION ON (TENANT_ID)`,
    ]);
    expect(report.views[2]?.statements[0]).toMatch(
      /^CREATE OR REPLACE VIEW SHOP_DATA\.ANALYTICS\.TOP_SHOPS COPY GRANTS AS\n/,
    );

    // The tenants still read the re-created views, each its own rows (the policy is back on).
    expect(
      await rowsAs(engine, "SHOP_TENANT_ACME", `SELECT * FROM ${DAILY} ORDER BY SHOP_ID, SALE_DATE`),
    ).toEqual([
      ["acme", "A1", "2026-10-01", "100.00", "4", "1"],
      ["acme", "A1", "2026-10-02", "50.50", "2", "1"],
      ["acme", "A2", "2026-10-01", "20.00", "1", "1"],
    ]);
    expect(await rowsAs(engine, "SHOP_TENANT_GLOBEX", `SELECT SHOP_ID, REVENUE_EUR FROM ${TOP}`)).toEqual([
      ["G1", "375.25"],
    ]);
    // Nothing left to do: a second run changes nothing.
    expect(summary(await sync([DAILY], true)).map((v) => v[1])).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
  });

  it("without dependants, only the view and what it reads are brought up to date", async () => {
    await editFile(dir, "views/ANALYTICS/DAILY_SALES.sql", "SUM(UNITS) AS UNITS", "SUM(UNITS) AS UNIT_TOTAL");
    expect(summary(await sync([DAILY]))).toEqual([[DAILY, "replaced", "definition changed"]]);
  });

  it("a changed comment is altered in place; the views that read it are not re-created", async () => {
    await editFile(dir, "views/ANALYTICS/DAILY_SALES.sql", "Revenue and units", "Revenue and unit counts");
    const report = await sync([TOP]);
    expect(summary(report)).toEqual([
      [DAILY, "replaced", "comment changed"],
      [SHOP_SALES, "unchanged", "in sync"],
      [TOP, "unchanged", "in sync"],
    ]);
    expect(report.views[0]?.statements).toEqual([
      `ALTER VIEW ${DAILY} SET COMMENT = 'Revenue and unit counts per tenant, shop and day'`,
    ]);
  });

  it("creates a missing view with its declared grants", async () => {
    await driver.execute(`DROP VIEW ${TOP}`);
    const report = await sync([TOP]);
    expect(summary(report)).toEqual([
      [DAILY, "unchanged", "in sync"],
      [SHOP_SALES, "unchanged", "in sync"],
      [TOP, "created", "missing"],
    ]);
    expect(report.views[2]?.statements.slice(1)).toEqual([
      `GRANT SELECT ON VIEW ${TOP} TO ROLE SHOP_TENANT_ACME`,
      `GRANT SELECT ON VIEW ${TOP} TO ROLE SHOP_TENANT_GLOBEX`,
    ]);
    expect(
      await rowsAs(
        engine,
        "SHOP_TENANT_ACME",
        `SELECT SHOP_ID, REVENUE_EUR, REVENUE_RANK FROM ${TOP} ORDER BY 3`,
      ),
    ).toEqual([
      ["A1", "150.50", "1"],
      ["A2", "20.00", "2"],
    ]);
  });

  it("an unknown column names the view's file and the line that uses it; views before it stay done", async () => {
    await editFile(dir, "views/ANALYTICS/DAILY_SALES.sql", "SUM(UNITS) AS UNITS", "SUM(UNITS) AS UNIT_TOTAL");
    const error = await failure(sync([TOP]));
    expect(error.code).toBe("VIEW_CREATE_FAILED");
    expect(error.view).toBe(SHOP_SALES);
    // SHOP_SALES.sql line 2 is the SELECT that names D.UNITS (line 1 is a comment).
    expect(error.location).toEqual({
      file: "views/ANALYTICS/SHOP_SALES.sql",
      line: 2,
      object: `VIEW ${SHOP_SALES}`,
    });
    expect(error.message).toBe(`view ${SHOP_SALES} could not be re-created: invalid identifier 'D.UNITS'`);
    expect(error.hint).toContain(`Already brought up to date: ${DAILY}.`);
    expect(error.synced.map((v) => [v.name, v.action])).toEqual([[DAILY, "replaced"]]);
    expect(await rowsAs(engine, "ACCOUNTADMIN", `SELECT UNIT_TOTAL FROM ${DAILY} ORDER BY 1`)).toEqual([
      ["1"],
      ["2"],
      ["3"],
      ["4"],
      ["10"],
    ]);
  });

  it("a missing table names the line of the file that reads it, after the front matter, before anything runs", async () => {
    await editFile(dir, "views/ANALYTICS/DAILY_SALES.sql", "RAW.SALES", "RAW.SALEZ");
    const before = driver.queryLog.length;
    // Validation (issue 14) finds it: no migration creates RAW.SALEZ and nothing declares it.
    const error = await rejection(sync([DAILY]), ValidationError);
    expect(error.code).toBe("DECLARATIONS_INVALID");
    expect(error.problems.map((p) => p.code)).toEqual(["VIEW_READS_MISSING"]);
    // Four lines of front matter: the SELECT starts on line 5, its FROM on line 6.
    expect(error.problems[0]!.location).toEqual({
      file: "views/ANALYTICS/DAILY_SALES.sql",
      line: 6,
      object: `VIEW ${DAILY}`,
    });
    expect(error.problems[0]!.message).toContain("reads SHOP_DATA.RAW.SALEZ, which is not declared");
    expect(error.problems[0]!.hint).toContain("Did you mean SHOP_DATA.RAW.SALES?");
    expect(driver.queryLog.length).toBe(before);
  });
});
