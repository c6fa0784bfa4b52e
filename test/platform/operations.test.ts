/**
 * The platform's management commands and sample data on the local engine: `cost`, `warehouses
 * suspend`, `seed` (determinism, shape, STANDARD refresh) and the STANDARD refresh's cleansing rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costReport } from "../../src/api/cost.js";
import { seed as runSeed, type SeedRunOptions } from "../../src/api/seed.js";
import type { SeedReport } from "../../migrations/_seed/seed.js";
import { refreshStandard } from "./harness.js";
import { suspendWarehouses } from "../../src/api/warehouses.js";
import { openPlatform, type Platform } from "./harness.js";

let platform: Platform;

beforeAll(async () => {
  platform = await openPlatform();
}, 300_000);

afterAll(async () => {
  await platform?.close();
});

async function warehouseStates(): Promise<Record<string, string>> {
  const rows = await platform.rows("SHOW WAREHOUSES LIKE 'MERCURIOS_%'");
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}

describe("warehouses suspend", () => {
  it("suspends the declared warehouses that run and leaves the others alone", async () => {
    await platform.driver.execute("ALTER WAREHOUSE MERCURIOS_DEV_WH RESUME");
    await platform.driver.execute("ALTER WAREHOUSE MERCURIOS_LOADING_WH RESUME");
    const report = await suspendWarehouses({ environment: platform.environment, driver: platform.driver });
    expect(report).toEqual({
      environment: "local",
      suspended: ["MERCURIOS_DEV_WH", "MERCURIOS_LOADING_WH"],
      alreadySuspended: ["MERCURIOS_ANALYTICS_WH", "MERCURIOS_TASK_WH"],
      missing: [],
    });
    expect(await warehouseStates()).toEqual({
      MERCURIOS_ANALYTICS_WH: "SUSPENDED",
      MERCURIOS_DEV_WH: "SUSPENDED",
      MERCURIOS_LOADING_WH: "SUSPENDED",
      MERCURIOS_TASK_WH: "SUSPENDED",
    });
  });

  it("with --all also suspends warehouses the project does not declare; names unknown ones", async () => {
    await platform.driver.execute(
      "CREATE WAREHOUSE ADHOC_WH WAREHOUSE_SIZE = XSMALL INITIALLY_SUSPENDED = FALSE",
    );
    const all = await suspendWarehouses({
      environment: platform.environment,
      driver: platform.driver,
      all: true,
    });
    expect(all.suspended).toEqual(["ADHOC_WH"]);
    const named = await suspendWarehouses({
      environment: platform.environment,
      driver: platform.driver,
      names: ["mercurios_task_wh", "NO_SUCH_WH"],
    });
    expect(named).toMatchObject({
      suspended: [],
      alreadySuspended: ["MERCURIOS_TASK_WH"],
      missing: ["NO_SUCH_WH"],
    });
  });
});

describe("cost", () => {
  it("reports each monitor's quota, month-to-date credits and forecast from ACCOUNT_USAGE", async () => {
    const report = await costReport({ environment: platform.environment, driver: platform.driver });
    // Quotas from the config vars: analytics 10, dev 5, loading 8, task 2 credits a month.
    expect(report.lines.map((l) => [l.monitor, l.warehouse, l.creditQuota])).toEqual([
      ["MERCURIOS_ANALYTICS_MONITOR", "MERCURIOS_ANALYTICS_WH", 10],
      ["MERCURIOS_DEV_MONITOR", "MERCURIOS_DEV_WH", 5],
      ["MERCURIOS_LOADING_MONITOR", "MERCURIOS_LOADING_WH", 8],
      ["MERCURIOS_TASK_MONITOR", "MERCURIOS_TASK_WH", 2],
    ]);
    expect(report.total.creditQuota).toBe(25);
    // The earlier tests ran MERCURIOS_DEV_WH and MERCURIOS_LOADING_WH briefly: an XSMALL warehouse
    // bills 1 credit an hour with a 60-second minimum per resume = 1/60 = 0.0167 credits each;
    // the other two never ran.
    const byMonitor = Object.fromEntries(report.lines.map((l) => [l.monitor, l]));
    expect(byMonitor.MERCURIOS_DEV_MONITOR!.creditsMonthToDate).toBeCloseTo(1 / 60, 2);
    expect(byMonitor.MERCURIOS_LOADING_MONITOR!.creditsMonthToDate).toBeCloseTo(1 / 60, 2);
    expect(byMonitor.MERCURIOS_ANALYTICS_MONITOR!.creditsMonthToDate).toBe(0);
    expect(byMonitor.MERCURIOS_TASK_MONITOR!.creditsMonthToDate).toBe(0);
    // dev: used 0.0167 of 5 = 0.3 %; forecast = used / days elapsed x days in the month.
    const today = new Date(`${report.asOf}T00:00:00Z`);
    const daysInMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)).getUTCDate();
    const dev = byMonitor.MERCURIOS_DEV_MONITOR!;
    expect(dev.pctOfQuota).toBeCloseTo(0.3, 1);
    expect(dev.forecastMonthEnd).toBeCloseTo((dev.creditsMonthToDate / today.getUTCDate()) * daysInMonth, 2);
    expect(dev.status).toBe("OK");
    expect(report.attention).toBe(false);
  });
});

describe("STANDARD refresh", () => {
  it("types, deduplicates to the latest sync, drops deleted rows, and converts currency and units", async () => {
    const db = "MERCURIOS_DATA";
    await platform.driver.execute(
      `INSERT INTO ${db}.RAW.RECEIPTS (TENANT_ID, RECEIPT_ID, SHOP_ID, CUSTOMER_ID, RECEIPT_TS, CURRENCY_CODE, TOTAL_AMOUNT, PAYMENT_METHOD, _FIVETRAN_SYNCED, _FIVETRAN_DELETED) VALUES
        ('modehaus-berlin', 'Z1', 'F009', 'K1', '2026-10-01 10:00:00', 'chf', 100, 'card', '2026-10-01 12:00:00', FALSE),
        ('modehaus-berlin', 'Z1', 'F009', 'K1', '2026-10-01 10:00:00', 'chf', 120, 'card', '2026-10-02 12:00:00', FALSE),
        ('modehaus-berlin', 'Z2', 'F009', '', '2026-10-01 11:00:00', 'EUR', 50, 'cash', '2026-10-01 12:00:00', FALSE),
        ('modehaus-berlin', 'Z2', 'F009', '', '2026-10-01 11:00:00', 'EUR', 50, 'cash', '2026-10-03 12:00:00', TRUE)`,
    );
    await platform.driver.execute(
      `INSERT INTO ${db}.RAW.RECEIPT_LINES (TENANT_ID, RECEIPT_ID, LINE_NO, ARTICLE_ID, QUANTITY, QUANTITY_UNIT, UNIT_PRICE, UNIT_COST, DISCOUNT_AMOUNT, CURRENCY_CODE, RETURN_REASON, _FIVETRAN_SYNCED, _FIVETRAN_DELETED) VALUES
        ('modehaus-berlin', 'Z1', 1, 'S1', 2, 'dtz', 30, 12, 6, 'CHF', NULL, '2026-10-02 12:00:00', FALSE),
        ('modehaus-berlin', 'Z1', 2, 'A1', -1, 'STK', 100, 40, 10, 'CHF', 'size ', '2026-10-02 12:00:00', FALSE)`,
    );
    await refreshStandard(platform);
    const receipts = await platform.rows(
      `SELECT RECEIPT_ID, CUSTOMER_ID, RECEIPT_DATE, SOURCE_CURRENCY, TOTAL_AMOUNT_EUR, PAYMENT_METHOD FROM ${db}.STANDARD.RECEIPTS WHERE RECEIPT_ID LIKE 'Z%' ORDER BY 1`,
    );
    // Z1: the later version (120 CHF) wins: 120 x 1.05 = 126.00 EUR; Z2's latest version is a delete.
    expect(receipts).toEqual([
      {
        RECEIPT_ID: "Z1",
        CUSTOMER_ID: "K1",
        RECEIPT_DATE: "2026-10-01",
        SOURCE_CURRENCY: "CHF",
        TOTAL_AMOUNT_EUR: "126.00",
        PAYMENT_METHOD: "CARD",
      },
    ]);
    const lines = await platform.rows(
      `SELECT LINE_NO, QUANTITY, IS_RETURN, GROSS_AMOUNT_EUR, DISCOUNT_EUR, NET_AMOUNT_EUR, COST_AMOUNT_EUR, RETURN_REASON FROM ${db}.STANDARD.RECEIPT_LINES WHERE RECEIPT_ID = 'Z1' ORDER BY 1`,
    );
    // line 1: 2 dozen = 24 pieces; gross 2 x 30 CHF x 1.05 = 63.00; discount 6 x 1.05 = 6.30;
    //         net 63.00 - 6.30 = 56.70; cost 2 x 12 x 1.05 = 25.20.
    // line 2: a return of 1 piece: gross -100 x 1.05 = -105.00; its discount comes back: -10.50;
    //         net -105.00 + 10.50 = -94.50; cost -42.00; reason 'size ' -> SIZE.
    expect(lines).toEqual([
      {
        LINE_NO: "1",
        QUANTITY: "24.000",
        IS_RETURN: "false",
        GROSS_AMOUNT_EUR: "63.00",
        DISCOUNT_EUR: "6.30",
        NET_AMOUNT_EUR: "56.70",
        COST_AMOUNT_EUR: "25.20",
        RETURN_REASON: null,
      },
      {
        LINE_NO: "2",
        QUANTITY: "-1.000",
        IS_RETURN: "true",
        GROSS_AMOUNT_EUR: "-105.00",
        DISCOUNT_EUR: "-10.50",
        NET_AMOUNT_EUR: "-94.50",
        COST_AMOUNT_EUR: "-42.00",
        RETURN_REASON: "SIZE",
      },
    ]);
  });
});

describe("refresh tasks", () => {
  it("are declared on MERCURIOS_TASK_WH, chained after REFRESH_SHOPS, and the root's MERGE runs", async () => {
    const tasks = await platform.rows("SHOW TASKS IN SCHEMA MERCURIOS_DATA.STANDARD");
    const byName = Object.fromEntries(tasks.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      "REFRESH_ARTICLES",
      "REFRESH_CUSTOMERS",
      "REFRESH_RECEIPTS",
      "REFRESH_RECEIPT_LINES",
      "REFRESH_SHOPS",
      "REFRESH_STOCK_LEVELS",
      "REFRESH_SUPPLIERS",
    ]);
    expect(byName.REFRESH_SHOPS).toMatchObject({ warehouse: "MERCURIOS_TASK_WH", schedule: "15 MINUTE" });
    expect(byName.REFRESH_RECEIPT_LINES!.predecessors).toContain("REFRESH_RECEIPTS");
    await platform.driver.execute(
      `INSERT INTO MERCURIOS_DATA.RAW.SHOPS (TENANT_ID, SHOP_ID, SHOP_NAME, CITY, COUNTRY_CODE, CURRENCY_CODE, SALES_AREA_SQM, OPENED_ON, _FIVETRAN_SYNCED, _FIVETRAN_DELETED)
       VALUES ('sportwelt-muenchen', 'F077', ' Sportwelt Outlet ', 'Ingolstadt', 'de', 'eur', 300, '2026-11-02', '2026-11-02 08:00:00', FALSE)`,
    );
    await platform.driver.execute("EXECUTE TASK MERCURIOS_DATA.STANDARD.REFRESH_SHOPS");
    const shops = await platform.rows(
      "SELECT SHOP_NAME, COUNTRY_CODE, LOCAL_CURRENCY, OPENED_ON FROM MERCURIOS_DATA.STANDARD.SHOPS WHERE SHOP_ID = 'F077'",
    );
    expect(shops).toEqual([
      { SHOP_NAME: "Sportwelt Outlet", COUNTRY_CODE: "DE", LOCAL_CURRENCY: "EUR", OPENED_ON: "2026-11-02" },
    ]);
  });
});

/** The platform seed module's report (the use case returns what the module reports). */
const seed = async (options: SeedRunOptions) => (await runSeed(options)).report as SeedReport;

describe("seed", () => {
  const small = { scale: 0.05, tenants: 2, days: 14, endDate: "2026-10-31" };
  const fingerprint = () =>
    platform.rows(
      `SELECT COUNT(*) AS LINES, SUM(QUANTITY) AS UNITS, SUM(QUANTITY * UNIT_PRICE) AS GROSS,
        SUM(DISCOUNT_AMOUNT) AS DISCOUNTS, COUNT(DISTINCT ARTICLE_ID) AS ARTICLES
       FROM MERCURIOS_DATA.RAW.RECEIPT_LINES`,
    );

  it("generates the same rows on every run, and refreshes STANDARD from them", async () => {
    const first = await seed({ environment: platform.environment, driver: platform.driver, ...small });
    const firstPrint = await fingerprint();
    const second = await seed({ environment: platform.environment, driver: platform.driver, ...small });
    expect(await fingerprint()).toEqual(firstPrint);
    expect(second.raw).toEqual(first.raw);
    expect(second.standard).toEqual(first.standard);
    expect(first.tenants).toEqual(["modehaus-berlin", "sportwelt-muenchen"]);
    // Fixed volumes: 5 shops, 8 suppliers, 2000 article variants (+2 % stale versions), 1500 x 0.05 = 75
    // customers and 10,000 stock counts per tenant.
    expect(first.raw).toMatchObject({ SHOPS: 10, SUPPLIERS: 16, CUSTOMERS: 150, STOCK_LEVELS: 20000 });
    expect(first.raw.ARTICLES).toBeGreaterThan(4000);
    expect(first.standard).toMatchObject({ SHOPS: 10, SUPPLIERS: 16, ARTICLES: 4000, CUSTOMERS: 150 });
    // Voided receipts (and their lines) do not reach STANDARD.
    expect(first.standard.RECEIPTS).toBeLessThanOrEqual(first.raw.RECEIPTS);
    expect(first.standard.RECEIPT_LINES).toBeGreaterThan(0);
    const other = await seed({
      environment: platform.environment,
      driver: platform.driver,
      ...small,
      randomSeed: 7,
    });
    expect(await fingerprint()).not.toEqual(firstPrint);
    expect(other.raw.SHOPS).toBe(10);
  }, 300_000);

  it("has the shape of a shop week: closed on Sundays, Saturday the busiest day, some returns", async () => {
    await seed({ environment: platform.environment, driver: platform.driver, ...small });
    const byDay = await platform.rows(
      `SELECT DAYOFWEEKISO(RECEIPT_DATE) AS DOW, COUNT(*) AS RECEIPTS FROM MERCURIOS_DATA.STANDARD.RECEIPTS
       GROUP BY 1 ORDER BY 1`,
    );
    const counts = Object.fromEntries(byDay.map((r) => [Number(r.DOW), Number(r.RECEIPTS)]));
    expect(counts[7]).toBeUndefined();
    expect(Math.max(...Object.values(counts))).toBe(counts[6]);
    const [returns] = await platform.rows(
      "SELECT COUNT_IF(IS_RETURN) AS RETURNS, COUNT(*) AS LINES FROM MERCURIOS_DATA.STANDARD.RECEIPT_LINES",
    );
    expect(Number(returns!.RETURNS)).toBeGreaterThan(0);
    expect(Number(returns!.RETURNS) / Number(returns!.LINES)).toBeLessThan(0.1);
  }, 300_000);

  it("refuses bad options with every problem named", async () => {
    await expect(
      seed({ environment: platform.environment, driver: platform.driver, scale: -1, tenants: 0 }),
    ).rejects.toThrow(/cannot seed with these options/);
  });
});
