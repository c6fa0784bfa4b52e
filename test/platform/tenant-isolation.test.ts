/**
 * Tenant isolation and least privilege on the local engine, with the platform built exactly as
 * `mercurios up` builds it (migrations, then the declarations in roles/, monitors/ and views/), and
 * the deterministic sample data of `mercurios seed` (random seed 42) for all three configured tenants.
 *
 * The expected row counts were worked out once with SQL over the STANDARD tables only (no view, and
 * as ACCOUNTADMIN, whom the policy does not filter), from each view's grain as its header states:
 *   BUSINESS_DASHBOARD   one row per tenant with receipts:  SELECT DISTINCT TENANT_ID FROM RECEIPTS
 *   CUSTOMER_INSIGHTS    identified customers with a receipt that has lines:
 *                        COUNT(DISTINCT R.CUSTOMER_ID) FROM RECEIPT_LINES L JOIN RECEIPTS R … WHERE R.CUSTOMER_ID IS NOT NULL
 *   DAILY_SALES_SUMMARY  sales days: COUNT(DISTINCT R.RECEIPT_DATE) FROM RECEIPT_LINES L JOIN RECEIPTS R …
 *   INVENTORY_STATUS     stock counts: COUNT(*) FROM STOCK_LEVELS
 *   PRODUCT_PERFORMANCE  article variants, sold or not: COUNT(*) FROM ARTICLES
 *   SHOP_PERFORMANCE     shops: COUNT(*) FROM SHOPS
 * each grouped by TENANT_ID, and are written down here as literals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/api/seed.js";
import { openPlatform, type Platform } from "./harness.js";

const TENANTS = [
  { id: "buchladen-hamburg", role: "MERCURIOS_TENANT_BUCHLADEN_HAMBURG" },
  { id: "modehaus-berlin", role: "MERCURIOS_TENANT_MODEHAUS_BERLIN" },
  { id: "sportwelt-muenchen", role: "MERCURIOS_TENANT_SPORTWELT_MUENCHEN" },
] as const;
type TenantId = (typeof TENANTS)[number]["id"];

/** Rows of each ANALYTICS view per tenant (see the header for how they were worked out). */
const ROWS: Record<string, Record<TenantId, number>> = {
  BUSINESS_DASHBOARD: { "buchladen-hamburg": 1, "modehaus-berlin": 1, "sportwelt-muenchen": 1 },
  CUSTOMER_INSIGHTS: { "buchladen-hamburg": 5, "modehaus-berlin": 1, "sportwelt-muenchen": 3 },
  DAILY_SALES_SUMMARY: { "buchladen-hamburg": 2, "modehaus-berlin": 2, "sportwelt-muenchen": 2 },
  INVENTORY_STATUS: { "buchladen-hamburg": 10000, "modehaus-berlin": 10000, "sportwelt-muenchen": 10000 },
  PRODUCT_PERFORMANCE: { "buchladen-hamburg": 2000, "modehaus-berlin": 2000, "sportwelt-muenchen": 2000 },
  SHOP_PERFORMANCE: { "buchladen-hamburg": 5, "modehaus-berlin": 5, "sportwelt-muenchen": 5 },
};

let platform: Platform;

beforeAll(async () => {
  platform = await openPlatform();
  await seed({
    environment: platform.environment,
    driver: platform.driver,
    scale: 0.02,
    tenants: 3,
    days: 14,
    endDate: "2026-10-31",
  });
}, 600_000);

afterAll(async () => {
  await platform?.close();
});

const select = (view: string) => `SELECT * FROM MERCURIOS_DATA.ANALYTICS.${view} ORDER BY 1, 2, 3`;

/** Rows per tenant of a view, as `session` sees it: [[tenant, count], …] ordered by tenant. */
async function countsSeen(view: string, session = platform.driver): Promise<[string, number][]> {
  const rows = await platform.rows(
    `SELECT TENANT_ID, COUNT(*) AS N FROM MERCURIOS_DATA.ANALYTICS.${view} GROUP BY 1 ORDER BY 1`,
    session,
  );
  return rows.map((r) => [String(r.TENANT_ID), Number(r.N)]);
}

describe("tenant roles", () => {
  for (const tenant of TENANTS) {
    it(`${tenant.role} sees exactly ${tenant.id}'s rows in every ANALYTICS view, and some in each`, async () => {
      const session = await platform.as(tenant.role);
      for (const [view, perTenant] of Object.entries(ROWS)) {
        expect(perTenant[tenant.id], view).toBeGreaterThan(0);
        expect(await countsSeen(view, session), view).toEqual([[tenant.id, perTenant[tenant.id]]]);
      }
    });
  }

  it("a role that sees every tenant sees the three tenants' rows, each count as worked out", async () => {
    const session = await platform.as("MERCURIOS_ANALYST");
    for (const [view, perTenant] of Object.entries(ROWS)) {
      expect(await countsSeen(view, session), view).toEqual(TENANTS.map((t) => [t.id, perTenant[t.id]]));
    }
  });

  it("an administrator who switches to a tenant role sees what the tenant sees", async () => {
    const session = await platform.as("SYSADMIN");
    await session.execute("USE ROLE MERCURIOS_TENANT_SPORTWELT_MUENCHEN");
    const rows = await platform.rows(select("SHOP_PERFORMANCE"), session);
    expect(rows.map((r) => [r.TENANT_ID, r.SHOP_ID])).toEqual(
      ["F001", "F002", "F003", "F004", "F005"].map((shop) => ["sportwelt-muenchen", shop]),
    );
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
    expect(tenants.map((r) => r.TENANT_ID)).toEqual([
      "buchladen-hamburg",
      "modehaus-berlin",
      "sportwelt-muenchen",
    ]);
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
    await platform.driver.execute("CREATE ROLE IF NOT EXISTS MERCURIOS_TEST_UNMAPPED");
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
