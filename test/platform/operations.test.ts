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
/** The platform runs on a clock the tests drive; it only moves forward. */
let now = Date.parse("2026-11-02T08:00:00Z");
const at = (iso: string) => {
  const t = Date.parse(iso);
  if (t < now) throw new Error(`the clock only moves forward: ${iso}`);
  now = t;
};

beforeAll(async () => {
  platform = await openPlatform({ now: () => now });
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
  it("reports each monitor's quota, month-to-date credits and forecast, on a clock the test drives", async () => {
    // February 2027 (28 days) is this test's own month: no other case's usage falls in it. Every
    // resume of an idle XSMALL warehouse (1 credit an hour, AUTO_SUSPEND 60) bills its 60-second
    // minimum, 1/60 credit; the resumes are two minutes apart, so each one is billed once.
    const resume = async (warehouse: string, times: string[]) => {
      for (const time of times) {
        at(`2027-02-01T${time}Z`);
        await platform.driver.execute(`ALTER WAREHOUSE ${warehouse} RESUME`);
      }
    };
    // The report's own queries run on a warehouse of their own, outside the four monitors.
    at("2027-02-01T08:59:00Z");
    await platform.driver.execute(
      "CREATE WAREHOUSE COST_READER_WH WAREHOUSE_SIZE = XSMALL INITIALLY_SUSPENDED = TRUE",
    );
    const reader = await platform.as("ACCOUNTADMIN");
    await reader.execute("USE WAREHOUSE COST_READER_WH");
    await resume("MERCURIOS_DEV_WH", ["09:00:00", "09:02:00"]);
    await resume("MERCURIOS_TASK_WH", ["09:04:00", "09:06:00", "09:08:00", "09:10:00", "09:12:00"]);
    at("2027-02-01T09:20:00Z");
    const report = await costReport({ environment: platform.environment, driver: reader });
    expect(report.asOf).toBe("2027-02-01");
    // Quotas from the config vars: analytics 10, dev 5, loading 8, task 2 credits a month.
    // dev: 2/60 = 0.0333 credits, 0.7 % of 5; on day 1 of 28 the forecast is 0.0333 x 28 = 0.933,
    //      18.7 % of the quota: OK.
    // task: 5/60 = 0.0833 credits, 4.2 % of 2; forecast 0.0833 x 28 = 2.333, 116.7 %: AT_RISK.
    expect(
      report.lines.map((l) => [
        l.monitor,
        l.warehouse,
        l.creditQuota,
        l.creditsMonthToDate,
        l.pctOfQuota,
        l.forecastMonthEnd,
        l.forecastPctOfQuota,
        l.status,
      ]),
    ).toEqual([
      ["MERCURIOS_ANALYTICS_MONITOR", "MERCURIOS_ANALYTICS_WH", 10, 0, 0, 0, 0, "OK"],
      ["MERCURIOS_DEV_MONITOR", "MERCURIOS_DEV_WH", 5, 0.033, 0.7, 0.933, 18.7, "OK"],
      ["MERCURIOS_LOADING_MONITOR", "MERCURIOS_LOADING_WH", 8, 0, 0, 0, 0, "OK"],
      ["MERCURIOS_TASK_MONITOR", "MERCURIOS_TASK_WH", 2, 0.083, 4.2, 2.333, 116.7, "AT_RISK"],
    ]);
    expect(report.total).toEqual({ creditQuota: 25, creditsMonthToDate: 0.116, forecastMonthEnd: 3.266 });
    expect(report.attention).toBe(true);

    // Nine days later, with no more use: the same credits spread over 10 days forecast a tenth.
    at("2027-02-10T12:00:00Z");
    const later = await costReport({ environment: platform.environment, driver: reader });
    expect(later.lines.map((l) => [l.monitor, l.forecastMonthEnd, l.status])).toEqual([
      ["MERCURIOS_ANALYTICS_MONITOR", 0, "OK"],
      ["MERCURIOS_DEV_MONITOR", 0.093, "OK"],
      ["MERCURIOS_LOADING_MONITOR", 0, "OK"],
      ["MERCURIOS_TASK_MONITOR", 0.233, "OK"],
    ]);
    expect(later.attention).toBe(false);
    await platform.driver.execute("DROP WAREHOUSE COST_READER_WH");
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
