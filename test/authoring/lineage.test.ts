import path from "node:path";
import { describe, expect, it } from "vitest";
import { viewLineage } from "../../src/api/views/lineage.js";
import { loadEnvironment } from "../../src/config/index.js";
import { MercuriosError } from "../../src/errors/index.js";
import { lineageJson, renderLineageText } from "../../src/report/lineage.js";

// Lineage only reads the project's files (no engine, nothing written), so the fixture is used in place.
const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");
const platform = path.resolve(import.meta.dirname, "../..");

const environments = new Map<string, ReturnType<typeof loadEnvironment>>();

async function lineageOf(project: string, name?: string) {
  if (!environments.has(project)) environments.set(project, loadEnvironment({ cwd: project, env: "local" }));
  const environment = await environments.get(project)!;
  return viewLineage({ environment, ...(name ? { name } : {}) });
}

describe("views lineage on the views-loop fixture", () => {
  it("TOP_SHOPS reads SHOP_SALES, which reads DAILY_SALES (reading RAW.SALES) and RAW.SHOPS", async () => {
    const lineage = await lineageOf(fixture, "top_shops");
    expect(lineage.root).toBe("SHOP_DATA.ANALYTICS.TOP_SHOPS");
    expect(lineage.reads).toEqual([
      { name: "SHOP_DATA.ANALYTICS.SHOP_SALES", kind: "view", depth: 1 },
      { name: "SHOP_DATA.ANALYTICS.DAILY_SALES", kind: "view", depth: 2 },
      { name: "SHOP_DATA.RAW.SHOPS", kind: "table", depth: 2 },
      { name: "SHOP_DATA.RAW.SALES", kind: "table", depth: 3 },
    ]);
    expect(lineage.readBy).toEqual([]);
  });

  it("follows TOP_SHOPS.REVENUE_EUR through the chain to RAW.SALES.AMOUNT_EUR", async () => {
    const lineage = await lineageOf(fixture, "ANALYTICS.TOP_SHOPS");
    const revenue = lineage.columns[0]?.columns.find((c) => c.name === "REVENUE_EUR");
    expect(revenue).toEqual({
      name: "REVENUE_EUR",
      transform: "direct",
      sources: ["SHOP_DATA.ANALYTICS.SHOP_SALES.REVENUE_EUR"],
      origins: ["SHOP_DATA.RAW.SALES.AMOUNT_EUR"],
      unknown: [],
    });
    expect(renderLineageText(lineage)).toBe(
      [
        "ANALYTICS.TOP_SHOPS  (views/ANALYTICS/TOP_SHOPS.sql)",
        "reads:",
        "  ANALYTICS.SHOP_SALES (view)",
        "    ANALYTICS.DAILY_SALES (view)",
        "      RAW.SALES (table)",
        "    RAW.SHOPS (table)",
        "read by:",
        "  (no declared view)",
        "columns:",
        "  TENANT_ID <- ANALYTICS.SHOP_SALES.TENANT_ID <- ANALYTICS.DAILY_SALES.TENANT_ID <- RAW.SALES.TENANT_ID",
        "  SHOP_ID <- ANALYTICS.SHOP_SALES.SHOP_ID <- ANALYTICS.DAILY_SALES.SHOP_ID <- RAW.SALES.SHOP_ID",
        "  SHOP_NAME <- ANALYTICS.SHOP_SALES.SHOP_NAME <- RAW.SHOPS.SHOP_NAME",
        "  REVENUE_EUR <- ANALYTICS.SHOP_SALES.REVENUE_EUR <- ANALYTICS.DAILY_SALES.REVENUE_EUR <- RAW.SALES.AMOUNT_EUR",
        "  REVENUE_RANK <- (ANALYTICS.SHOP_SALES.REVENUE_EUR <- ANALYTICS.DAILY_SALES.REVENUE_EUR <- RAW.SALES.AMOUNT_EUR), " +
          "(ANALYTICS.SHOP_SALES.TENANT_ID <- ANALYTICS.DAILY_SALES.TENANT_ID <- RAW.SALES.TENANT_ID)",
      ].join("\n"),
    );
  });

  it("DAILY_SALES is read by SHOP_SALES (depth 1) and TOP_SHOPS (depth 2)", async () => {
    const lineage = await lineageOf(fixture, "DAILY_SALES");
    expect(lineage.readBy).toEqual([
      { name: "SHOP_DATA.ANALYTICS.SHOP_SALES", kind: "view", depth: 1 },
      { name: "SHOP_DATA.ANALYTICS.TOP_SHOPS", kind: "view", depth: 2 },
    ]);
    expect(lineage.usedBy.find((u) => u.column === "REVENUE_EUR")?.users).toEqual([
      { name: "SHOP_DATA.ANALYTICS.SHOP_SALES.REVENUE_EUR", kind: "view", depth: 1 },
      // TOP_SHOPS ranks by it: RANK() OVER (… ORDER BY REVENUE_EUR DESC) and QUALIFY on the rank.
      { name: "SHOP_DATA.ANALYTICS.TOP_SHOPS", kind: "view", depth: 2, clauses: ["qualify", "window_order"] },
      { name: "SHOP_DATA.ANALYTICS.TOP_SHOPS.REVENUE_EUR", kind: "view", depth: 2 },
      { name: "SHOP_DATA.ANALYTICS.TOP_SHOPS.REVENUE_RANK", kind: "view", depth: 2 },
    ]);
    // SALE_DATE is used by no declared view: a column that can go without breaking one.
    expect(lineage.usedBy.map((u) => u.column)).toEqual(["TENANT_ID", "SHOP_ID", "REVENUE_EUR", "UNITS"]);
    expect(renderLineageText(lineage).split("\n").slice(0, 6)).toEqual([
      "ANALYTICS.DAILY_SALES  (views/ANALYTICS/DAILY_SALES.sql)",
      "reads:",
      "  RAW.SALES (table)",
      "read by:",
      "  ANALYTICS.SHOP_SALES (depth 1)",
      "  ANALYTICS.TOP_SHOPS (depth 2)",
    ]);
  });

  it("gives the whole project's graph: every declared view and every table they read", async () => {
    const json = lineageJson(await lineageOf(fixture));
    expect(json.root).toBeNull();
    expect(json.nodes).toEqual([
      { name: "SHOP_DATA.ANALYTICS.DAILY_SALES", kind: "view", file: "views/ANALYTICS/DAILY_SALES.sql" },
      {
        name: "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY",
        kind: "view",
        file: "views/ANALYTICS/SHOP_DIRECTORY.sql",
      },
      { name: "SHOP_DATA.ANALYTICS.SHOP_SALES", kind: "view", file: "views/ANALYTICS/SHOP_SALES.sql" },
      { name: "SHOP_DATA.ANALYTICS.TOP_SHOPS", kind: "view", file: "views/ANALYTICS/TOP_SHOPS.sql" },
      { name: "SHOP_DATA.RAW.SALES", kind: "table" },
      { name: "SHOP_DATA.RAW.SHOPS", kind: "table" },
    ]);
    expect(json.edges).toEqual([
      { from: "SHOP_DATA.RAW.SALES", to: "SHOP_DATA.ANALYTICS.DAILY_SALES" },
      { from: "SHOP_DATA.RAW.SHOPS", to: "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY" },
      { from: "SHOP_DATA.ANALYTICS.DAILY_SALES", to: "SHOP_DATA.ANALYTICS.SHOP_SALES" },
      { from: "SHOP_DATA.RAW.SHOPS", to: "SHOP_DATA.ANALYTICS.SHOP_SALES" },
      { from: "SHOP_DATA.ANALYTICS.SHOP_SALES", to: "SHOP_DATA.ANALYTICS.TOP_SHOPS" },
    ]);
    expect(json.columns["SHOP_DATA.ANALYTICS.SHOP_DIRECTORY"]).toEqual({
      TENANT_ID: ["SHOP_DATA.RAW.SHOPS.TENANT_ID"],
      SHOP_ID: ["SHOP_DATA.RAW.SHOPS.SHOP_ID"],
      SHOP_NAME: ["SHOP_DATA.RAW.SHOPS.SHOP_NAME"],
      CITY: ["SHOP_DATA.RAW.SHOPS.CITY"],
    });
    expect(json.origins["SHOP_DATA.ANALYTICS.SHOP_SALES"]).toEqual({
      TENANT_ID: ["SHOP_DATA.RAW.SALES.TENANT_ID"],
      SHOP_ID: ["SHOP_DATA.RAW.SALES.SHOP_ID"],
      SHOP_NAME: ["SHOP_DATA.RAW.SHOPS.SHOP_NAME"],
      CITY: ["SHOP_DATA.RAW.SHOPS.CITY"],
      REVENUE_EUR: ["SHOP_DATA.RAW.SALES.AMOUNT_EUR"],
      UNITS: ["SHOP_DATA.RAW.SALES.UNITS"],
    });
    expect(json.unknown).toEqual({});
    expect(json.unresolved).toEqual({});
  });

  it("an unknown view name is the loader's clear error with close names", async () => {
    const error = await lineageOf(fixture, "TOP_SHOP").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MercuriosError);
    expect((error as MercuriosError).code).toBe("VIEW_UNKNOWN");
    expect((error as MercuriosError).hint).toContain("ANALYTICS.TOP_SHOPS");
  });
});

describe("views lineage on the platform's views (CTEs, window functions)", () => {
  it("traces SHOP_PERFORMANCE's columns through its CTEs to STANDARD tables", async () => {
    const lineage = await lineageOf(platform, "SHOP_PERFORMANCE");
    const columns = new Map(lineage.columns[0]?.columns.map((c) => [c.name, c]));
    expect(lineage.columns[0]?.resolved).toBe(true);
    expect(columns.size).toBe(19);
    expect(columns.get("SHOP_NAME")?.sources).toEqual(["MERCURIOS_DATA.STANDARD.SHOPS.SHOP_NAME"]);
    // SHOPS -> FIGURES (COALESCE) -> SALES (SUM) -> LINES (a join of RECEIPT_LINES and RECEIPTS).
    expect(columns.get("NET_REVENUE_EUR")?.sources).toEqual([
      "MERCURIOS_DATA.STANDARD.RECEIPT_LINES.NET_AMOUNT_EUR",
    ]);
    expect(columns.get("REVENUE_PER_SQM_EUR")?.sources).toEqual([
      "MERCURIOS_DATA.STANDARD.RECEIPT_LINES.NET_AMOUNT_EUR",
      "MERCURIOS_DATA.STANDARD.SHOPS.SALES_AREA_SQM",
    ]);
    // The window function: ordered by revenue, partitioned by tenant.
    expect(columns.get("REVENUE_RANK")).toMatchObject({
      transform: "expression",
      sources: [
        "MERCURIOS_DATA.STANDARD.RECEIPT_LINES.NET_AMOUNT_EUR",
        "MERCURIOS_DATA.STANDARD.SHOPS.TENANT_ID",
      ],
      unknown: [],
    });
    // The CTE STOCK_OUTS and its column STOCK_OUTS share a name; the parser calls the reference
    // ambiguous, so it is reported as unknown rather than guessed.
    expect(columns.get("STOCK_OUTS")).toEqual({
      name: "STOCK_OUTS",
      transform: "direct",
      sources: [],
      origins: [],
      unknown: ["STOCK_OUTS (ambiguous reference)"],
    });
    expect(lineage.reads.map((r) => r.name)).toEqual([
      "MERCURIOS_DATA.STANDARD.RECEIPTS",
      "MERCURIOS_DATA.STANDARD.RECEIPT_LINES",
      "MERCURIOS_DATA.STANDARD.SHOPS",
      "MERCURIOS_DATA.STANDARD.STOCK_LEVELS",
    ]);
  });

  it("the whole platform graph resolves every view's columns", async () => {
    const json = lineageJson(await lineageOf(platform));
    const views = json.nodes.filter((n) => n.kind === "view").map((n) => n.name);
    expect(views).toContain("MERCURIOS_DATA.ANALYTICS.BUSINESS_DASHBOARD");
    expect(json.unresolved).toEqual({});
    expect(Object.keys(json.columns).sort()).toEqual([...views].sort());
    expect(json.columns["MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY"]?.GROSS_MARGIN_EUR).toEqual([
      "MERCURIOS_DATA.STANDARD.RECEIPT_LINES.COST_AMOUNT_EUR",
      "MERCURIOS_DATA.STANDARD.RECEIPT_LINES.NET_AMOUNT_EUR",
    ]);
  });
});
