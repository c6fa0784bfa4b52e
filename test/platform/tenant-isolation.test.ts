/**
 * Tenant isolation and least privilege on the local engine, with the platform built exactly as
 * `mercurios up` builds it (migrations, then the declarations in roles/, monitors/ and views/).
 * The fixture has rows for two tenants (modehaus-berlin, sportwelt-muenchen) and none for the third
 * configured tenant (buchladen-hamburg).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, openPlatform, type Platform } from "./harness.js";

const VIEWS = [
  "BUSINESS_DASHBOARD",
  "CUSTOMER_INSIGHTS",
  "DAILY_SALES_SUMMARY",
  "INVENTORY_STATUS",
  "PRODUCT_PERFORMANCE",
  "SHOP_PERFORMANCE",
];
const TENANTS = [
  { id: "modehaus-berlin", role: "MERCURIOS_TENANT_MODEHAUS_BERLIN" },
  { id: "sportwelt-muenchen", role: "MERCURIOS_TENANT_SPORTWELT_MUENCHEN" },
  { id: "buchladen-hamburg", role: "MERCURIOS_TENANT_BUCHLADEN_HAMBURG" },
];

let platform: Platform;

beforeAll(async () => {
  platform = await openPlatform();
  await loadFixture(platform, "retail.sql");
}, 300_000);

afterAll(async () => {
  await platform?.close();
});

const select = (view: string, where = "") =>
  `SELECT * FROM MERCURIOS_DATA.ANALYTICS.${view} ${where} ORDER BY 1, 2, 3`;

describe("tenant roles", () => {
  for (const tenant of TENANTS) {
    it(`${tenant.role} sees exactly ${tenant.id}'s rows in every ANALYTICS view`, async () => {
      const session = await platform.as(tenant.role);
      for (const view of VIEWS) {
        const seen = await platform.rows(select(view), session);
        const expected = await platform.rows(select(view, `WHERE TENANT_ID = '${tenant.id}'`));
        expect(seen, view).toEqual(expected);
        expect(new Set(seen.map((r) => r.TENANT_ID)).size, view).toBeLessThanOrEqual(1);
      }
    });
  }

  it("the fixture gives the first two tenants rows and the third none", async () => {
    const counts = await platform.rows(
      "SELECT TENANT_ID, COUNT(*) AS N FROM MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY GROUP BY 1 ORDER BY 1",
    );
    // modehaus: 08-15, 09-10, 10-24, 10-31; sportwelt: 10-30.
    expect(counts).toEqual([
      { TENANT_ID: "modehaus-berlin", N: "4" },
      { TENANT_ID: "sportwelt-muenchen", N: "1" },
    ]);
  });

  it("an administrator who switches to a tenant role sees what the tenant sees", async () => {
    const session = await platform.as("SYSADMIN");
    await session.execute("USE ROLE MERCURIOS_TENANT_SPORTWELT_MUENCHEN");
    const rows = await platform.rows(select("SHOP_PERFORMANCE"), session);
    expect(rows.map((r) => [r.TENANT_ID, r.SHOP_ID])).toEqual([["sportwelt-muenchen", "F001"]]);
  });

  it("a tenant role cannot read STANDARD or RAW", async () => {
    const session = await platform.as("MERCURIOS_TENANT_MODEHAUS_BERLIN");
    await expect(session.execute("SELECT * FROM MERCURIOS_DATA.STANDARD.RECEIPTS")).rejects.toThrow(
      /does not exist or not authorized/,
    );
    await expect(session.execute("SELECT * FROM MERCURIOS_DATA.RAW.RECEIPTS")).rejects.toThrow(
      /does not exist or not authorized/,
    );
  });
});

describe("platform roles", () => {
  it("MERCURIOS_ANALYST reads every tenant in ANALYTICS but cannot read RAW or STANDARD", async () => {
    const session = await platform.as("MERCURIOS_ANALYST");
    const tenants = await platform.rows(
      "SELECT TENANT_ID FROM MERCURIOS_DATA.ANALYTICS.BUSINESS_DASHBOARD ORDER BY 1",
      session,
    );
    expect(tenants.map((r) => r.TENANT_ID)).toEqual(["modehaus-berlin", "sportwelt-muenchen"]);
    for (const table of ["RAW.RECEIPT_LINES", "STANDARD.RECEIPT_LINES", "RAW.SHOPS", "STANDARD.SHOPS"]) {
      await expect(session.execute(`SELECT * FROM MERCURIOS_DATA.${table}`), table).rejects.toThrow(
        /does not exist or not authorized/,
      );
    }
  });

  it("MERCURIOS_FIVETRAN_SERVICE writes RAW but cannot read ANALYTICS or STANDARD", async () => {
    const session = await platform.as("MERCURIOS_FIVETRAN_SERVICE");
    const inserted = await session.execute(
      "INSERT INTO MERCURIOS_DATA.RAW.SUPPLIERS (TENANT_ID, SUPPLIER_ID, SUPPLIER_NAME, _FIVETRAN_SYNCED, _FIVETRAN_DELETED) VALUES ('modehaus-berlin', 'L009', 'Neu GmbH', '2026-11-02 00:00:00', FALSE)",
    );
    expect(inserted.rowCount).toBe(1);
    for (const object of [
      "ANALYTICS.BUSINESS_DASHBOARD",
      "ANALYTICS.DAILY_SALES_SUMMARY",
      "STANDARD.RECEIPTS",
    ]) {
      await expect(session.execute(`SELECT * FROM MERCURIOS_DATA.${object}`), object).rejects.toThrow(
        /does not exist or not authorized/,
      );
    }
  });

  it("a role missing from ADMIN.TENANT_ROLE_MAPPING sees no tenant rows (isolation fails closed)", async () => {
    await platform.driver.execute("CREATE ROLE MERCURIOS_TEST_UNMAPPED");
    await platform.driver.execute("GRANT ROLE MERCURIOS_TEST_UNMAPPED TO ROLE SYSADMIN");
    await platform.driver.execute("GRANT USAGE ON DATABASE MERCURIOS_DATA TO ROLE MERCURIOS_TEST_UNMAPPED");
    await platform.driver.execute(
      "GRANT USAGE ON SCHEMA MERCURIOS_DATA.ANALYTICS TO ROLE MERCURIOS_TEST_UNMAPPED",
    );
    await platform.driver.execute(
      "GRANT SELECT ON VIEW MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY TO ROLE MERCURIOS_TEST_UNMAPPED",
    );
    const session = await platform.as("MERCURIOS_TEST_UNMAPPED");
    expect(await platform.rows(select("DAILY_SALES_SUMMARY"), session)).toEqual([]);
  });
});
