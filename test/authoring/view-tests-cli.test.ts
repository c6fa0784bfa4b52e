/**
 * `mercurios views test` as users run it (the built binary, a child process) on a copy of the
 * views-loop fixture: exit 0 when every case passes, 1 when one fails or a test file is invalid,
 * text / JSON / JUnit output. Run `npm run build` first (`npm test` does).
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir, runCli } from "../cli/run.js";
import { parseJUnit } from "../package/artifacts.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-views-test-cli-"));
  await cp(path.join(fixturesDir, "views-loop"), root, { recursive: true });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(["views", "test", ...args], { cwd: root });
const shopSalesTests = () => path.join(root, "views", "ANALYTICS", "SHOP_SALES.test.yaml");

describe("mercurios views test", () => {
  it("runs every test file, prints ✓ per case and exits 0 when all pass", async () => {
    const run = await cli();
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "✓ ANALYTICS.DAILY_SALES: sums revenue and units per tenant, shop and day",
        "✓ ANALYTICS.DAILY_SALES: a tenant role sees only its own tenant's rows",
        "✓ ANALYTICS.SHOP_DIRECTORY: lists every shop with its city, NULL where none is known",
        "✓ ANALYTICS.TOP_SHOPS: ranks shops by revenue within each tenant",
        "✓ ANALYTICS.TOP_SHOPS: keeps the best 3 shops of a tenant",
        "✓ ANALYTICS.TOP_SHOPS: a shop without sales is not ranked",
        "",
        "6 passed (6 cases in 3 files)",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(0);
  }, 180_000);

  it("--format junit: the named view's cases as JUnit XML", async () => {
    const run = await cli("top_shops", "--format", "junit");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="mercurios views test" tests="3" failures="0" errors="0"/,
    );
    expect(run.stdout.match(/<testcase /g)).toHaveLength(3);
    expect(run.stdout).toContain(
      '<testcase classname="SHOP_DATA.ANALYTICS.TOP_SHOPS" name="keeps the best 3 shops of a tenant" file="views/ANALYTICS/TOP_SHOPS.test.yaml" line="21"',
    );
  }, 180_000);

  it("a failing case: exit 1, expected and actual side by side with file:line; --format json is one document", async () => {
    await writeFile(
      shopSalesTests(),
      [
        "tests:",
        "  - name: totals per shop",
        "    given:",
        "      RAW.SHOPS:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SHOP_NAME: Mitte, CITY: Berlin }",
        "      RAW.SALES:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 10.5, UNITS: 1 }",
        "    expect:",
        "      rows:",
        "        - { SHOP_ID: A1, REVENUE_EUR: 10.25, UNITS: 1 }",
      ].join("\n"),
    );
    const run = await cli("ANALYTICS.SHOP_SALES");
    expect(run.stdout).toBe(
      [
        "✗ ANALYTICS.SHOP_SALES: totals per shop  (views/ANALYTICS/SHOP_SALES.test.yaml:2)",
        "    1 row differs (1 expected, 1 actual)",
        "      expected                    | actual",
        "      SHOP_ID  REVENUE_EUR  UNITS | SHOP_ID  REVENUE_EUR  UNITS",
        "    ≠ A1       10.25        1     | A1       *10.50*      1",
        "",
        "0 passed, 1 failed (1 case in 1 file)",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(1);

    const json = await cli("SHOP_SALES", "--format", "json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      passed: 0,
      failed: 1,
      files: ["views/ANALYTICS/SHOP_SALES.test.yaml"],
      cases: [
        {
          view: "SHOP_DATA.ANALYTICS.SHOP_SALES",
          status: "failed",
          columns: ["SHOP_ID", "REVENUE_EUR", "UNITS"],
          expected: [["A1", 10.25, 1]],
          actual: [["A1", "10.50", "1"]],
        },
      ],
    });
  }, 300_000);

  it("an invalid test file: exit 1, every problem with file:line, no stack trace", async () => {
    await writeFile(
      shopSalesTests(),
      [
        "tests:",
        "  - name: two mistakes",
        "    given:",
        "      RAW.SALE: []",
        "    expect:",
        "      rows: [{ SHOP: A1 }]",
      ].join("\n"),
    );
    const run = await cli("SHOP_SALES");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("2 problems in view test file.");
    expect(run.stderr).toContain(
      "views/ANALYTICS/SHOP_SALES.test.yaml:4: given: no table RAW.SALE. Tables: RAW.SALES, RAW.SHOPS.",
    );
    expect(run.stderr).toContain(
      "views/ANALYTICS/SHOP_SALES.test.yaml:6: expect: view ANALYTICS.SHOP_SALES has no column SHOP.",
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // In CI the JUnit report says what failed instead of being empty: one error per problem.
    const junit = await cli("SHOP_SALES", "--format", "junit");
    expect(junit.code).toBe(1);
    const report = parseJUnit(junit.stdout);
    expect(report).toMatchObject({ tests: 2, errors: 2, failures: 0 });
    expect(report.cases.map((c) => c.name)).toEqual([
      "views/ANALYTICS/SHOP_SALES.test.yaml:4",
      "views/ANALYTICS/SHOP_SALES.test.yaml:6",
    ]);
    expect(report.cases[0]!.text).toContain("given: no table RAW.SALE. Tables: RAW.SALES, RAW.SHOPS.");
    expect(junit.stderr).toContain("error[VIEW_TESTS_INVALID]");
  }, 180_000);

  it("an unknown view name: exit 1 with the declared views", async () => {
    const run = await cli("TOP_SHOP");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no declared view 'TOP_SHOP' in local");
    expect(run.stderr).toContain("ANALYTICS.TOP_SHOPS");
  }, 180_000);
});
