import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PreviewReport, previewView } from "../../src/api/views/preview.js";
import { MercuriosError } from "../../src/errors/index.js";
import {
  copyProject,
  editFile,
  environmentOf,
  fixture,
  rejection,
  removeDir,
  upTemplate,
} from "./views-loop.js";

const TOP = "SHOP_DATA.ANALYTICS.TOP_SHOPS";
const TOP_COLUMNS = ["TENANT_ID", "SHOP_ID", "SHOP_NAME", "REVENUE_EUR", "REVENUE_RANK"];
const TOP_TYPES = [
  "VARCHAR(16777216)",
  "VARCHAR(16777216)",
  "VARCHAR(16777216)",
  "NUMBER(38,2)",
  "NUMBER(38,0)",
];
const ACME_ROWS = [
  ["acme", "A1", "Acme Mitte", "150.50", "1"],
  ["acme", "A2", "Acme Altona", "20.00", "2"],
];
const GLOBEX_ROWS = [["globex", "G1", "Globex Zentrum", "375.25", "1"]];

let template: string;
let dir: string | undefined;

beforeAll(async () => {
  template = await upTemplate();
});
afterAll(async () => {
  await removeDir(template);
});
beforeEach(async () => {
  dir = await copyProject(template);
});
afterEach(async () => {
  await removeDir(dir);
  dir = undefined;
});

async function preview(
  name: string,
  extra: { limit?: number; asRole?: string } = {},
): Promise<PreviewReport> {
  return previewView({ environment: await environmentOf(dir!), name, ...extra });
}

/** Preview orders by every column: TENANT_ID, then SHOP_ID, … */
const ORDER_ALL = "ORDER BY 1, 2, 3, 4, 5";

const failure = (promise: Promise<unknown>) => rejection(promise, MercuriosError);

describe("previewView", () => {
  it("shows the first rows and each column's Snowflake type", async () => {
    const report = await preview("top_shops");
    expect(report).toMatchObject({
      view: TOP,
      source: "views/ANALYTICS/TOP_SHOPS.sql",
      sql: `SELECT * FROM ${TOP} ${ORDER_ALL} LIMIT 10`,
      role: "ACCOUNTADMIN",
      limit: 10,
    });
    expect(report.result.columns).toEqual(TOP_COLUMNS);
    expect(report.result.types).toEqual(TOP_TYPES);
    expect(report.result.rows).toEqual([...ACME_ROWS, ...GLOBEX_ROWS]);
    expect(report.result.rowCount).toBe(3);
    expect(report.synced.views.map((v) => [v.name, v.action])).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "unchanged"],
      ["SHOP_DATA.ANALYTICS.SHOP_SALES", "unchanged"],
      [TOP, "unchanged"],
    ]);
  });

  it("two tenant roles see their own rows", async () => {
    const acme = await preview("ANALYTICS.TOP_SHOPS", { asRole: "SHOP_TENANT_ACME" });
    const globex = await preview("ANALYTICS.TOP_SHOPS", { asRole: "shop_tenant_globex" });
    expect([acme.role, acme.result.rows]).toEqual(["SHOP_TENANT_ACME", ACME_ROWS]);
    expect([globex.role, globex.result.rows]).toEqual(["SHOP_TENANT_GLOBEX", GLOBEX_ROWS]);
  });

  it("--limit caps the rows, and the same first rows come every time", async () => {
    const report = await preview(TOP, { limit: 1 });
    expect([report.sql, report.result.rowCount, report.result.rows]).toEqual([
      `SELECT * FROM ${TOP} ${ORDER_ALL} LIMIT 1`,
      1,
      [ACME_ROWS[0]],
    ]);
  });

  it("re-creates an edited upstream view and what reads it before reading the rows", async () => {
    await editFile(
      dir!,
      "views/ANALYTICS/DAILY_SALES.sql",
      "SUM(AMOUNT_EUR) AS REVENUE_EUR",
      "SUM(AMOUNT_EUR) * 2 AS REVENUE_EUR",
    );
    const report = await preview("TOP_SHOPS", { asRole: "SHOP_TENANT_GLOBEX" });
    expect(report.synced.views.map((v) => [v.name, v.action, v.reason])).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "replaced", "definition changed"],
      ["SHOP_DATA.ANALYTICS.SHOP_SALES", "replaced", "reads SHOP_DATA.ANALYTICS.DAILY_SALES, which changed"],
      [TOP, "replaced", "reads SHOP_DATA.ANALYTICS.SHOP_SALES, which changed"],
    ]);
    expect(report.result.rows).toEqual([["globex", "G1", "Globex Zentrum", "750.50", "1"]]);
    // The next preview finds everything in sync.
    const again = await preview("TOP_SHOPS");
    expect(again.synced.views.map((v) => [v.name, v.action])).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "unchanged"],
      ["SHOP_DATA.ANALYTICS.SHOP_SALES", "unchanged"],
      [TOP, "unchanged"],
    ]);
  });

  it("a role that does not exist, and one that may not read the view, fail clearly", async () => {
    const missing = await failure(preview("TOP_SHOPS", { asRole: "NO_SUCH_ROLE" }));
    expect([missing.code, missing.message]).toEqual([
      "PREVIEW_ROLE",
      "role NO_SUCH_ROLE does not exist in the local engine",
    ]);
    expect(missing.hint).toContain("SHOP_TENANT_ACME, SHOP_TENANT_GLOBEX");
    const denied = await failure(preview("TOP_SHOPS", { asRole: "PUBLIC" }));
    expect([denied.code, denied.message]).toEqual([
      "PREVIEW_QUERY_FAILED",
      `reading ${TOP} as role PUBLIC failed: Database 'SHOP_DATA' does not exist or not authorized.`,
    ]);
    expect(denied.hint).toMatch(/^Role PUBLIC may not read the view/);
  });

  it("asks for `mercurios up` when the local engine has nothing yet", async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), "mercurios-views-fresh-"));
    try {
      await cp(fixture, fresh, { recursive: true });
      const error = await failure(
        previewView({ environment: await environmentOf(fresh), name: "TOP_SHOPS" }),
      );
      expect(error.code).toBe("LOCAL_NOT_UP");
      expect(error.hint).toMatch(/^Run `mercurios up` first/);
    } finally {
      await removeDir(fresh);
    }
  });
});
