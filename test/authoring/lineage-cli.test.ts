import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir, runCli } from "../cli/run.js";

// Run `npm run build` first: these tests spawn bin/mercurios.js.
let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), "mercurios-lineage-"));
  await cp(path.join(fixturesDir, "views-loop"), project, { recursive: true });
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("mercurios views lineage", () => {
  it("prints the tree of one view and opens no database (no .mercurios/ appears)", async () => {
    const run = await runCli(["views", "lineage", "SHOP_SALES"], { cwd: project });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "ANALYTICS.SHOP_SALES  (views/ANALYTICS/SHOP_SALES.sql)",
        "reads:",
        "  ANALYTICS.DAILY_SALES (view)",
        "    RAW.SALES (table)",
        "  RAW.SHOPS (table)",
        "read by:",
        "  ANALYTICS.TOP_SHOPS (depth 1)",
        "columns:",
        "  TENANT_ID <- ANALYTICS.DAILY_SALES.TENANT_ID <- RAW.SALES.TENANT_ID",
        "  SHOP_ID <- ANALYTICS.DAILY_SALES.SHOP_ID <- RAW.SALES.SHOP_ID",
        "  SHOP_NAME <- RAW.SHOPS.SHOP_NAME",
        "  CITY <- RAW.SHOPS.CITY",
        "  REVENUE_EUR <- ANALYTICS.DAILY_SALES.REVENUE_EUR <- RAW.SALES.AMOUNT_EUR",
        "  UNITS <- ANALYTICS.DAILY_SALES.UNITS <- RAW.SALES.UNITS",
        "columns used downstream:",
        "  TENANT_ID -> ANALYTICS.TOP_SHOPS in qualify/window_partition (depth 1), ANALYTICS.TOP_SHOPS.REVENUE_RANK (depth 1), ANALYTICS.TOP_SHOPS.TENANT_ID (depth 1)",
        "  SHOP_ID -> ANALYTICS.TOP_SHOPS.SHOP_ID (depth 1)",
        "  SHOP_NAME -> ANALYTICS.TOP_SHOPS.SHOP_NAME (depth 1)",
        "  REVENUE_EUR -> ANALYTICS.TOP_SHOPS in qualify/window_order (depth 1), ANALYTICS.TOP_SHOPS.REVENUE_EUR (depth 1), ANALYTICS.TOP_SHOPS.REVENUE_RANK (depth 1)",
        "",
      ].join("\n"),
    );
    expect(existsSync(path.join(project, ".mercurios"))).toBe(false);
  });

  it("--format json prints one document with nodes, edges and columns", async () => {
    const run = await runCli(["views", "lineage", "--format", "json"], { cwd: project });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      root: string | null;
      nodes: { name: string; kind: string }[];
      edges: { from: string; to: string }[];
      columns: Record<string, Record<string, string[]>>;
      origins: Record<string, Record<string, string[]>>;
    };
    expect(json.root).toBeNull();
    expect(json.nodes.map((n) => `${n.kind} ${n.name}`)).toEqual([
      "view SHOP_DATA.ANALYTICS.DAILY_SALES",
      "view SHOP_DATA.ANALYTICS.SHOP_DIRECTORY",
      "view SHOP_DATA.ANALYTICS.SHOP_SALES",
      "view SHOP_DATA.ANALYTICS.TOP_SHOPS",
      "table SHOP_DATA.RAW.SALES",
      "table SHOP_DATA.RAW.SHOPS",
    ]);
    expect(json.edges).toHaveLength(5);
    expect(json.columns["SHOP_DATA.ANALYTICS.TOP_SHOPS"]?.REVENUE_EUR).toEqual([
      "SHOP_DATA.ANALYTICS.SHOP_SALES.REVENUE_EUR",
    ]);
    expect(json.origins["SHOP_DATA.ANALYTICS.TOP_SHOPS"]?.REVENUE_EUR).toEqual([
      "SHOP_DATA.RAW.SALES.AMOUNT_EUR",
    ]);
  });

  it("--format mermaid and --format dot print the graph", async () => {
    const mermaid = await runCli(["views", "lineage", "daily_sales", "--format", "mermaid"], {
      cwd: project,
    });
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout.split("\n").slice(0, 6)).toEqual([
      "flowchart LR",
      '  v_ANALYTICS_DAILY_SALES("ANALYTICS.DAILY_SALES")',
      '  v_ANALYTICS_SHOP_SALES("ANALYTICS.SHOP_SALES")',
      '  v_ANALYTICS_TOP_SHOPS("ANALYTICS.TOP_SHOPS")',
      '  t_RAW_SALES[("RAW.SALES")]',
      "  t_RAW_SALES --> v_ANALYTICS_DAILY_SALES",
    ]);
    const dot = await runCli(["--format", "dot", "views", "lineage", "daily_sales"], { cwd: project });
    expect(dot.code).toBe(0);
    expect(dot.stdout).toContain('  "SHOP_DATA.RAW.SALES" [label="RAW.SALES", shape=box];\n');
    expect(dot.stdout).toContain(
      '  "SHOP_DATA.ANALYTICS.DAILY_SALES" -> "SHOP_DATA.ANALYTICS.SHOP_SALES";\n',
    );
    expect(dot.stdout.trimEnd().endsWith("}")).toBe(true);
  });

  it("an unknown view is a clear error, exit 1, no stack trace", async () => {
    const run = await runCli(["views", "lineage", "TOP_SHOP"], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("no declared view 'TOP_SHOP' in local");
    expect(run.stderr).toContain("Did you mean ANALYTICS.TOP_SHOPS");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("loads neither DuckDB nor snowflake-sdk", async () => {
    const log = path.join(project, "modules.log");
    const run = await runCli(["views", "lineage", "TOP_SHOPS"], {
      cwd: project,
      nodeArgs: ["--import", path.join(fixturesDir, "..", "..", "cli", "record-modules.mjs")],
      env: { MERCURIOS_MODULE_LOG: log },
    });
    expect(run.code).toBe(0);
    const modules = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(modules.some((m) => m.endsWith("/dist/api/views/lineage.js"))).toBe(true);
    expect(modules.filter((m) => /node_modules\/(@duckdb|snowflake-sdk)\//.test(m))).toEqual([]);
  });
});
