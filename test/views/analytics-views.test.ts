/**
 * The six ANALYTICS views on the local engine, over the hand-made rows of fixtures/retail.sql
 * (loaded into RAW and refreshed into STANDARD by the real MERGE statements). Every expected value
 * was worked out by hand from the fixture's line table; the arithmetic is in the comments.
 * Percentages and averages are rounded to 2 decimals by the views.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, openPlatform, type Platform } from "../platform/harness.js";

let platform: Platform;
const M = "modehaus-berlin";
const S = "sportwelt-muenchen";

beforeAll(async () => {
  platform = await openPlatform();
  await loadFixture(platform, "retail.sql");
}, 300_000);

afterAll(async () => {
  await platform?.close();
});

/** The view's rows, numbers as numbers, ordered by the given columns. */
async function view(name: string, orderBy: string): Promise<Record<string, string | number | null>[]> {
  const rows = await platform.rows(`SELECT * FROM MERCURIOS_DATA.ANALYTICS.${name} ORDER BY ${orderBy}`);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v !== null && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
    ),
  );
}

describe("DAILY_SALES_SUMMARY", () => {
  it("sums each tenant's day: baskets, units, discounts, returns, margin, basket size, new vs repeat, week over week", async () => {
    const rows = await view("DAILY_SALES_SUMMARY", "TENANT_ID, SALES_DATE");
    expect(rows.map((r) => [r.TENANT_ID, r.SALES_DATE])).toEqual([
      [M, "2026-08-15"],
      [M, "2026-09-10"],
      [M, "2026-10-24"],
      [M, "2026-10-31"],
      [S, "2026-10-30"],
    ]);
    // 08-15: R0 only: A3 1 x 20, cost 5 -> net 20, margin 15 = 75 %; K1's first receipt -> new.
    expect(rows[0]).toMatchObject({
      BASKETS: 1,
      UNITS_SOLD: 1,
      UNITS_RETURNED: 0,
      GROSS_SALES_EUR: 20,
      DISCOUNTS_EUR: 0,
      RETURNS_EUR: 0,
      NET_REVENUE_EUR: 20,
      COST_OF_GOODS_EUR: 5,
      GROSS_MARGIN_EUR: 15,
      GROSS_MARGIN_PCT: 75,
      AVG_BASKET_EUR: 20,
      AVG_BASKET_UNITS: 1,
      RETURNS_RATE_PCT: 0,
      CUSTOMERS: 1,
      NEW_CUSTOMERS: 1,
      REPEAT_CUSTOMERS: 0,
      NET_REVENUE_LAST_WEEK_EUR: null,
      NET_REVENUE_WOW_PCT: null,
    });
    // 09-10: R5: A2 50 - 5 discount = 45, cost 20 -> margin 25 = 25/45 = 55.56 %; K3 new.
    expect(rows[1]).toMatchObject({
      BASKETS: 1,
      GROSS_SALES_EUR: 50,
      DISCOUNTS_EUR: 5,
      NET_REVENUE_EUR: 45,
      GROSS_MARGIN_EUR: 25,
      GROSS_MARGIN_PCT: 55.56,
      AVG_BASKET_EUR: 45,
      NEW_CUSTOMERS: 1,
      REPEAT_CUSTOMERS: 0,
    });
    // 10-24: R1: A1 100 - 10 = 90 and A2 2 x 50 = 100 -> gross 200, discounts 10, net 190;
    // cost 40 + 40 = 80, margin 110 = 110/190 = 57.89 %; 1 basket of 3 units worth 190;
    // K1 bought first on 08-15 -> repeat.
    expect(rows[2]).toMatchObject({
      BASKETS: 1,
      UNITS_SOLD: 3,
      UNITS_RETURNED: 0,
      GROSS_SALES_EUR: 200,
      DISCOUNTS_EUR: 10,
      RETURNS_EUR: 0,
      NET_REVENUE_EUR: 190,
      COST_OF_GOODS_EUR: 80,
      GROSS_MARGIN_EUR: 110,
      GROSS_MARGIN_PCT: 57.89,
      AVG_BASKET_EUR: 190,
      AVG_BASKET_UNITS: 3,
      CUSTOMERS: 1,
      NEW_CUSTOMERS: 0,
      REPEAT_CUSTOMERS: 1,
      NET_REVENUE_LAST_WEEK_EUR: null,
    });
    // 10-31: R2 (A2 50), R3 (A1 100, A2 returned -50), R4 (A1 100 - 20):
    // baskets 3; units sold 1 + 1 + 1 = 3, returned 1 -> returns rate 1/3 = 33.33 %;
    // gross 50 + 100 + 100 = 250, discounts 20, returns 50, net 250 - 20 - 50 = 180;
    // cost 20 + 40 - 20 + 40 = 80, margin 100 = 100/180 = 55.56 %;
    // basket (250 - 20) / 3 = 76.67 EUR, 3/3 = 1 unit; customers K1 (repeat) and K2 (new; R4 anonymous);
    // a week earlier (10-24) net 190 -> (180 - 190) / 190 = -5.26 %.
    expect(rows[3]).toMatchObject({
      BASKETS: 3,
      UNITS_SOLD: 3,
      UNITS_RETURNED: 1,
      GROSS_SALES_EUR: 250,
      DISCOUNTS_EUR: 20,
      RETURNS_EUR: 50,
      NET_REVENUE_EUR: 180,
      COST_OF_GOODS_EUR: 80,
      GROSS_MARGIN_EUR: 100,
      GROSS_MARGIN_PCT: 55.56,
      AVG_BASKET_EUR: 76.67,
      AVG_BASKET_UNITS: 1,
      RETURNS_RATE_PCT: 33.33,
      CUSTOMERS: 2,
      NEW_CUSTOMERS: 1,
      REPEAT_CUSTOMERS: 1,
      NET_REVENUE_LAST_WEEK_EUR: 190,
      NET_REVENUE_WOW_PCT: -5.26,
    });
    // sportwelt 10-30: T1 B1 80, cost 30 -> margin 50 = 62.5 %.
    expect(rows[4]).toMatchObject({
      BASKETS: 1,
      UNITS_SOLD: 1,
      NET_REVENUE_EUR: 80,
      GROSS_MARGIN_EUR: 50,
      GROSS_MARGIN_PCT: 62.5,
      AVG_BASKET_EUR: 80,
      NEW_CUSTOMERS: 1,
      REPEAT_CUSTOMERS: 0,
    });
  });
});

describe("CUSTOMER_INSIGHTS", () => {
  it("gives each identified customer's history, basket, returns, recency and status", async () => {
    const rows = await view("CUSTOMER_INSIGHTS", "TENANT_ID, CUSTOMER_ID");
    expect(rows.map((r) => [r.TENANT_ID, r.CUSTOMER_ID])).toEqual([
      [M, "K1"],
      [M, "K2"],
      [M, "K3"],
      [S, "K9"],
    ]);
    // K1: R0 (20), R1 (90 + 100), R2 (50): 3 baskets, units 1 + 3 + 1 = 5, net 260,
    // cost 5 + 80 + 20 = 105 -> margin 155; basket 260/3 = 86.67; first 08-15 (not new), last 10-31 -> ACTIVE.
    expect(rows[0]).toMatchObject({
      LOYALTY_TIER: "GOLD",
      HOME_SHOP_ID: "F001",
      FIRST_PURCHASE_DATE: "2026-08-15",
      LAST_PURCHASE_DATE: "2026-10-31",
      BASKETS: 3,
      UNITS_SOLD: 5,
      UNITS_RETURNED: 0,
      NET_REVENUE_EUR: 260,
      GROSS_MARGIN_EUR: 155,
      AVG_BASKET_EUR: 86.67,
      RETURNS_RATE_PCT: 0,
      DAYS_SINCE_LAST_PURCHASE: 0,
      IS_REPEAT_CUSTOMER: "true",
      CUSTOMER_STATUS: "ACTIVE",
      AS_OF_DATE: "2026-10-31",
    });
    // K2: R3: bought A1 100, returned A2 -50: net 50, cost 40 - 20 = 20 -> margin 30;
    // 1 basket worth 100 (sales after discount); returns 1 of 1 unit = 100 %; tier ' silver' -> SILVER; NEW.
    expect(rows[1]).toMatchObject({
      LOYALTY_TIER: "SILVER",
      BASKETS: 1,
      UNITS_SOLD: 1,
      UNITS_RETURNED: 1,
      NET_REVENUE_EUR: 50,
      GROSS_MARGIN_EUR: 30,
      AVG_BASKET_EUR: 100,
      RETURNS_RATE_PCT: 100,
      DAYS_SINCE_LAST_PURCHASE: 0,
      IS_REPEAT_CUSTOMER: "false",
      CUSTOMER_STATUS: "NEW",
    });
    // K3: only R5 on 09-10 (45, cost 20 -> margin 25); 10-31 - 09-10 = 51 days -> LAPSING (30..89);
    // no customer record -> no tier.
    expect(rows[2]).toMatchObject({
      LOYALTY_TIER: null,
      FIRST_PURCHASE_DATE: "2026-09-10",
      BASKETS: 1,
      NET_REVENUE_EUR: 45,
      GROSS_MARGIN_EUR: 25,
      AVG_BASKET_EUR: 45,
      DAYS_SINCE_LAST_PURCHASE: 51,
      CUSTOMER_STATUS: "LAPSING",
    });
    // K9: T1 80 on 10-30 = sportwelt's as-of date.
    expect(rows[3]).toMatchObject({
      LOYALTY_TIER: "BRONZE",
      BASKETS: 1,
      NET_REVENUE_EUR: 80,
      GROSS_MARGIN_EUR: 50,
      DAYS_SINCE_LAST_PURCHASE: 0,
      CUSTOMER_STATUS: "NEW",
      AS_OF_DATE: "2026-10-30",
    });
  });
});

describe("PRODUCT_PERFORMANCE", () => {
  it("gives each article variant's sales, margin, returns, price, stock, sell-through and rank", async () => {
    const rows = await view("PRODUCT_PERFORMANCE", "TENANT_ID, ARTICLE_ID");
    expect(rows.map((r) => [r.TENANT_ID, r.ARTICLE_ID, r.REVENUE_RANK])).toEqual([
      [M, "A1", 1],
      [M, "A2", 2],
      [M, "A3", 3],
      [M, "A4", 4],
      [S, "B1", 1],
    ]);
    // A1: R1 (100 - 10), R3 (100), R4 (100 - 20): 3 sold, gross 300, discounts 30, net 270, cost 120,
    // margin 150 = 55.56 %; price (300 - 30)/3 = 90; discount rate 30/300 = 10 %;
    // stock F001 2 + F002 10 = 12 -> sell-through 3 / (3 + 12) = 20 %.
    expect(rows[0]).toMatchObject({
      CATEGORY: "Damenmode",
      SIZE_CODE: "M",
      SEASON: "HW26",
      SUPPLIER_NAME: "Textilwerk Augsburg GmbH",
      UNITS_SOLD: 3,
      UNITS_RETURNED: 0,
      NET_UNITS: 3,
      NET_REVENUE_EUR: 270,
      COST_OF_GOODS_EUR: 120,
      GROSS_MARGIN_EUR: 150,
      GROSS_MARGIN_PCT: 55.56,
      RETURNS_RATE_PCT: 0,
      AVG_SELLING_PRICE_EUR: 90,
      DISCOUNT_RATE_PCT: 10,
      STOCK_ON_HAND: 12,
      SELL_THROUGH_PCT: 20,
    });
    // A2: sold R1 2, R2 1, R5 1 = 4, returned 1 (R3) -> net units 3, returns 1/4 = 25 %;
    // gross 100 + 50 + 50 = 200, discounts 5; net 100 + 50 - 50 + 45 = 145; cost 40 + 20 - 20 + 20 = 60;
    // margin 85 = 58.62 %; price (200 - 5)/4 = 48.75; discount rate 5/200 = 2.5 %;
    // stock F001 0 -> sell-through 3/3 = 100 %.
    expect(rows[1]).toMatchObject({
      UNITS_SOLD: 4,
      UNITS_RETURNED: 1,
      NET_UNITS: 3,
      NET_REVENUE_EUR: 145,
      COST_OF_GOODS_EUR: 60,
      GROSS_MARGIN_EUR: 85,
      GROSS_MARGIN_PCT: 58.62,
      RETURNS_RATE_PCT: 25,
      AVG_SELLING_PRICE_EUR: 48.75,
      DISCOUNT_RATE_PCT: 2.5,
      STOCK_ON_HAND: 0,
      SELL_THROUGH_PCT: 100,
    });
    // A3: R0 1 x 20, cost 5 -> margin 15 = 75 %; stock 5 -> sell-through 1/6 = 16.67 %.
    expect(rows[2]).toMatchObject({
      UNITS_SOLD: 1,
      NET_REVENUE_EUR: 20,
      GROSS_MARGIN_EUR: 15,
      GROSS_MARGIN_PCT: 75,
      AVG_SELLING_PRICE_EUR: 20,
      STOCK_ON_HAND: 5,
      SELL_THROUGH_PCT: 16.67,
    });
    // A4: never sold, never counted: zeros, and no ratio (nothing to divide by).
    expect(rows[3]).toMatchObject({
      UNITS_SOLD: 0,
      NET_UNITS: 0,
      NET_REVENUE_EUR: 0,
      GROSS_MARGIN_EUR: 0,
      GROSS_MARGIN_PCT: null,
      RETURNS_RATE_PCT: null,
      AVG_SELLING_PRICE_EUR: null,
      STOCK_ON_HAND: 0,
      SELL_THROUGH_PCT: null,
    });
    // B1: 1 x 80, cost 30 -> 62.5 %; stock 2 -> sell-through 1/3 = 33.33 %.
    expect(rows[4]).toMatchObject({
      NET_REVENUE_EUR: 80,
      GROSS_MARGIN_PCT: 62.5,
      STOCK_ON_HAND: 2,
      SELL_THROUGH_PCT: 33.33,
    });
  });
});

describe("INVENTORY_STATUS", () => {
  it("gives each count's days of stock over the last 28 days, stock-outs, status and value", async () => {
    const rows = await view("INVENTORY_STATUS", "TENANT_ID, SHOP_ID, ARTICLE_ID");
    expect(rows.map((r) => [r.TENANT_ID, r.SHOP_ID, r.ARTICLE_ID, r.STOCK_STATUS])).toEqual([
      [M, "F001", "A1", "REORDER"],
      [M, "F001", "A2", "OUT_OF_STOCK"],
      [M, "F002", "A1", "OVERSTOCK"],
      [M, "F002", "A3", "NO_SALES"],
      [S, "F001", "B1", "OK"],
    ]);
    // Window for modehaus: receipts after 10-31 - 28 = 10-03 (R1, R2, R3, R4; not R0, R5).
    // F001 A1: R1 1 -> 1/28 = 0.036 a day; 2 on hand = 2 * 28 / 1 = 56 days; at the reorder point 2;
    // value 2 x 40 = 80 at cost, 2 x 100 = 200 at retail.
    expect(rows[0]).toMatchObject({
      QUANTITY_ON_HAND: 2,
      REORDER_POINT: 2,
      NET_UNITS_28D: 1,
      AVG_DAILY_UNITS: 0.036,
      DAYS_OF_STOCK: 56,
      IS_STOCK_OUT: "false",
      STOCK_VALUE_COST_EUR: 80,
      STOCK_VALUE_RETAIL_EUR: 200,
      AS_OF_DATE: "2026-10-31",
    });
    // F001 A2: R1 2 + R2 1 = 3 -> 0.107 a day; nothing on hand -> stock-out, no days of stock, value 0.
    expect(rows[1]).toMatchObject({
      QUANTITY_ON_HAND: 0,
      NET_UNITS_28D: 3,
      AVG_DAILY_UNITS: 0.107,
      DAYS_OF_STOCK: null,
      IS_STOCK_OUT: "true",
      STOCK_VALUE_COST_EUR: 0,
    });
    // F002 A1: R3 1 + R4 1 = 2 -> 0.071 a day; 10 * 28 / 2 = 140 days > 90 -> overstock; 400 / 1000.
    expect(rows[2]).toMatchObject({
      QUANTITY_ON_HAND: 10,
      NET_UNITS_28D: 2,
      AVG_DAILY_UNITS: 0.071,
      DAYS_OF_STOCK: 140,
      STOCK_VALUE_COST_EUR: 400,
      STOCK_VALUE_RETAIL_EUR: 1000,
    });
    // F002 A3: sold only on 08-15 (outside the window) -> no sales; 5 x 5 = 25 / 5 x 20 = 100.
    expect(rows[3]).toMatchObject({
      QUANTITY_ON_HAND: 5,
      NET_UNITS_28D: 0,
      AVG_DAILY_UNITS: 0,
      DAYS_OF_STOCK: null,
      STOCK_VALUE_COST_EUR: 25,
      STOCK_VALUE_RETAIL_EUR: 100,
    });
    // sportwelt F001 B1: 1 sold -> 2 * 28 / 1 = 56 days, above reorder point 1 -> OK.
    expect(rows[4]).toMatchObject({
      NET_UNITS_28D: 1,
      DAYS_OF_STOCK: 56,
      STOCK_VALUE_COST_EUR: 60,
      AS_OF_DATE: "2026-10-30",
    });
  });
});

describe("SHOP_PERFORMANCE", () => {
  it("gives each shop's revenue, margin, basket, returns, revenue per sqm, 28-day trend, stock-outs and rank", async () => {
    const rows = await view("SHOP_PERFORMANCE", "TENANT_ID, SHOP_ID");
    expect(rows.map((r) => [r.TENANT_ID, r.SHOP_ID, r.REVENUE_RANK])).toEqual([
      [M, "F001", 1],
      [M, "F002", 2],
      [S, "F001", 1],
    ]);
    // F001: R0 20, R1 90 + 100, R2 50: 3 baskets, 5 units, net 260, cost 5 + 80 + 20 = 105 -> margin 155
    // = 59.62 %; basket 260/3 = 86.67; 260 / 100 sqm = 2.60; last 28 days (R1, R2) 240, the 28 before
    // (days 28..55 ago) nothing -> no change figure; one stock-out (A2).
    expect(rows[0]).toMatchObject({
      SHOP_NAME: "Modehaus Mitte",
      BASKETS: 3,
      UNITS_SOLD: 5,
      NET_REVENUE_EUR: 260,
      GROSS_MARGIN_EUR: 155,
      GROSS_MARGIN_PCT: 59.62,
      AVG_BASKET_EUR: 86.67,
      RETURNS_RATE_PCT: 0,
      REVENUE_PER_SQM_EUR: 2.6,
      NET_REVENUE_28D_EUR: 240,
      NET_REVENUE_PREV_28D_EUR: 0,
      REVENUE_CHANGE_28D_PCT: null,
      STOCK_OUTS: 1,
    });
    // F002: R3 100 - 50, R4 80, R5 45: 3 baskets, 3 units sold, 1 returned -> 33.33 %; net 175;
    // cost 40 - 20 + 40 + 20 = 80 -> margin 95 = 54.29 %; basket (100 + 80 + 45)/3 = 75; 175/50 = 3.50;
    // last 28 days R3 + R4 = 130, R5 (51 days ago) = 45 before -> (130 - 45)/45 = 188.89 %.
    expect(rows[1]).toMatchObject({
      BASKETS: 3,
      UNITS_SOLD: 3,
      NET_REVENUE_EUR: 175,
      GROSS_MARGIN_EUR: 95,
      GROSS_MARGIN_PCT: 54.29,
      AVG_BASKET_EUR: 75,
      RETURNS_RATE_PCT: 33.33,
      REVENUE_PER_SQM_EUR: 3.5,
      NET_REVENUE_28D_EUR: 130,
      NET_REVENUE_PREV_28D_EUR: 45,
      REVENUE_CHANGE_28D_PCT: 188.89,
      STOCK_OUTS: 0,
    });
    // sportwelt F001: 80 on 200 sqm = 0.40.
    expect(rows[2]).toMatchObject({ NET_REVENUE_EUR: 80, GROSS_MARGIN_PCT: 62.5, REVENUE_PER_SQM_EUR: 0.4 });
  });
});

describe("BUSINESS_DASHBOARD", () => {
  it("gives one row per tenant: last 30 days against the 30 before, customers, shops and stock", async () => {
    const rows = await view("BUSINESS_DASHBOARD", "TENANT_ID");
    expect(rows.map((r) => r.TENANT_ID)).toEqual([M, S]);
    // modehaus, as of 10-31: last 30 days = R1, R2, R3, R4 (R5 is 51 days ago, R0 77):
    // net 90 + 100 + 50 + 100 - 50 + 80 = 370; previous 30 days R5 = 45 -> (370 - 45)/45 = 722.22 %;
    // cost 40 + 40 + 20 + 40 - 20 + 40 = 160 -> margin 210 = 56.76 %; 4 baskets worth 90 + 100 + 50 + 100 + 80
    // = 420 -> 105 each; 6 units sold, 1 returned = 16.67 %; customers K1, K2: K2 new, K1 repeat;
    // 2 shops; stock-outs 1 (F001 A2); stock at cost 2 x 40 + 10 x 40 + 5 x 5 = 505.
    expect(rows[0]).toMatchObject({
      AS_OF_DATE: "2026-10-31",
      NET_REVENUE_30D_EUR: 370,
      NET_REVENUE_PREV_30D_EUR: 45,
      REVENUE_CHANGE_PCT: 722.22,
      GROSS_MARGIN_30D_EUR: 210,
      GROSS_MARGIN_PCT_30D: 56.76,
      BASKETS_30D: 4,
      AVG_BASKET_EUR_30D: 105,
      UNITS_SOLD_30D: 6,
      RETURNS_RATE_PCT_30D: 16.67,
      ACTIVE_CUSTOMERS_30D: 2,
      NEW_CUSTOMERS_30D: 1,
      REPEAT_CUSTOMERS_30D: 1,
      ACTIVE_SHOPS_30D: 2,
      STOCK_OUTS: 1,
      STOCK_VALUE_COST_EUR: 505,
    });
    // sportwelt, as of 10-30: one receipt of 80; nothing before -> no change figure; stock 2 x 30 = 60.
    expect(rows[1]).toMatchObject({
      AS_OF_DATE: "2026-10-30",
      NET_REVENUE_30D_EUR: 80,
      NET_REVENUE_PREV_30D_EUR: 0,
      REVENUE_CHANGE_PCT: null,
      GROSS_MARGIN_PCT_30D: 62.5,
      BASKETS_30D: 1,
      AVG_BASKET_EUR_30D: 80,
      ACTIVE_CUSTOMERS_30D: 1,
      NEW_CUSTOMERS_30D: 1,
      REPEAT_CUSTOMERS_30D: 0,
      ACTIVE_SHOPS_30D: 1,
      STOCK_OUTS: 0,
      STOCK_VALUE_COST_EUR: 60,
    });
  });
});
