/**
 * The view test runner on a copy of the views-loop fixture: one session (one in-memory engine built
 * from the fixture's migrations and declarations) for every case here, test files written between
 * runs. Passing, failing (side by side), invalid files (every problem with file:line), `as_role`,
 * a given policy table put back afterwards, an insert error, and `refresh` after project changes.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeclaredViews } from "../../src/api/views/declared.js";
import { openViewTestSession, type ViewTestSession } from "../../src/api/views/test.js";
import { loadEnvironment, type ResolvedEnvironment } from "../../src/config/index.js";
import { ValidationError } from "../../src/errors/index.js";
import { viewTestsToText } from "../../src/report/view-tests.js";
import { fixturesDir } from "../cli/run.js";

let root: string;
let environment: ResolvedEnvironment;
let session: ViewTestSession | undefined;

const SHOP_SALES = "SHOP_DATA.ANALYTICS.SHOP_SALES";
const DAILY_SALES = "SHOP_DATA.ANALYTICS.DAILY_SALES";
const SHOP_DIRECTORY = "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY";

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-view-tests-"));
  await cp(path.join(fixturesDir, "views-loop"), root, { recursive: true });
  environment = await loadEnvironment({ cwd: root, env: "local" });
  session = await openViewTestSession(environment);
}, 300_000);

afterAll(async () => {
  await session?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The problems of the ValidationError a run rejects with. */
async function problemsOf(run: Promise<unknown>): Promise<string[]> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => p.describe());
}

const testFile = (view: string) => path.join(root, "views", "ANALYTICS", `${view}.test.yaml`);

const TWO_TENANTS = [
  "    given:",
  "      RAW.SALES:",
  "        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 10.5, UNITS: 1 }",
  "        - { TENANT_ID: globex, SHOP_ID: G1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 7, UNITS: 7 }",
];

describe("a session on the views-loop fixture", () => {
  it("runs the fixture's own test files: every case passes", async () => {
    const report = await session!.run();
    expect(report.files).toEqual([
      "views/ANALYTICS/DAILY_SALES.test.yaml",
      "views/ANALYTICS/SHOP_DIRECTORY.test.yaml",
      "views/ANALYTICS/TOP_SHOPS.test.yaml",
    ]);
    expect(report.cases.map((c) => [c.view, c.line, c.name, c.status])).toEqual([
      [DAILY_SALES, 2, "sums revenue and units per tenant, shop and day", "passed"],
      [DAILY_SALES, 15, "a tenant role sees only its own tenant's rows", "passed"],
      [SHOP_DIRECTORY, 2, "lists every shop with its city, NULL where none is known", "passed"],
      ["SHOP_DATA.ANALYTICS.TOP_SHOPS", 3, "ranks shops by revenue within each tenant", "passed"],
      ["SHOP_DATA.ANALYTICS.TOP_SHOPS", 21, "keeps the best 3 shops of a tenant", "passed"],
      ["SHOP_DATA.ANALYTICS.TOP_SHOPS", 39, "a shop without sales is not ranked", "passed"],
    ]);
    expect([report.passed, report.failed]).toEqual([6, 0]);
  });

  it("a failing case shows the expected and the actual rows side by side, differing cells marked", async () => {
    await writeFile(
      testFile("SHOP_SALES"),
      [
        "tests:",
        "  - name: totals per shop",
        "    given:",
        "      RAW.SHOPS:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SHOP_NAME: Mitte, CITY: Berlin }",
        "        - { TENANT_ID: acme, SHOP_ID: A2, SHOP_NAME: Altona, CITY: Hamburg }",
        "      RAW.SALES:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 2026-10-01, AMOUNT_EUR: 10.5, UNITS: 1 }",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 2026-10-02, AMOUNT_EUR: 4.5, UNITS: 2 }",
        "        - { TENANT_ID: acme, SHOP_ID: A2, SALE_DATE: 2026-10-01, AMOUNT_EUR: 20, UNITS: 1 }",
        "    expect:",
        "      rows:",
        "        - { SHOP_ID: A1, CITY: Berlin, REVENUE_EUR: 15 }",
        "        - { SHOP_ID: A2, CITY: Hamburg, REVENUE_EUR: 25 }",
        "        - { SHOP_ID: A3, CITY: Kiel, REVENUE_EUR: 5 }",
      ].join("\n"),
    );
    const report = await session!.run({ views: [SHOP_SALES] });
    expect(report.files).toEqual(["views/ANALYTICS/SHOP_SALES.test.yaml"]);
    const [result] = report.cases;
    expect(result).toMatchObject({
      view: SHOP_SALES,
      file: "views/ANALYTICS/SHOP_SALES.test.yaml",
      line: 2,
      status: "failed",
      columns: ["SHOP_ID", "CITY", "REVENUE_EUR"],
      expected: [
        ["A1", "Berlin", 15],
        ["A2", "Hamburg", 25],
        ["A3", "Kiel", 5],
      ],
      message: "1 row differs, 1 expected row missing (3 expected, 2 actual)",
    });
    expect([...result!.actual!].sort()).toEqual([
      ["A1", "Berlin", "15.00"],
      ["A2", "Hamburg", "20.00"],
    ]);
    expect(viewTestsToText(report)).toBe(
      [
        "✗ ANALYTICS.SHOP_SALES: totals per shop  (views/ANALYTICS/SHOP_SALES.test.yaml:2)",
        "    1 row differs, 1 expected row missing (3 expected, 2 actual)",
        "      expected                      | actual",
        "      SHOP_ID  CITY     REVENUE_EUR | SHOP_ID  CITY     REVENUE_EUR",
        "      A1       Berlin   15          | A1       Berlin   15.00",
        "    ≠ A2       Hamburg  25          | A2       Hamburg  *20.00*",
        "    - A3       Kiel     5           | (no row)",
        "",
        "0 passed, 1 failed (1 case in 1 file)",
        "",
      ].join("\n"),
    );
  });

  it("names the engine does not know are reported together, each with file:line and what exists", async () => {
    await writeFile(
      testFile("SHOP_SALES"),
      [
        "tests:",
        "  - name: names that do not exist",
        "    given:",
        "      RAW.SHOP:",
        "        - { TENANT_ID: acme }",
        "      RAW.SALES:",
        "        - { TENANT_ID: acme, COLOUR: red }",
        "      SALES:",
        "        - { TENANT_ID: acme }",
        "    as_role: SHOP_TENANT_INITECH",
        "    expect:",
        "      order_by: [RANK]",
        "      rows:",
        "        - { TENANT_ID: acme, REVENUE: 1 }",
      ].join("\n"),
    );
    const error = await session!.run({ views: [SHOP_SALES] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const file = "views/ANALYTICS/SHOP_SALES.test.yaml";
    expect((error as ValidationError).problems.map((p) => p.describe())).toEqual([
      `${file}:4: given: no table RAW.SHOP. Tables: RAW.SALES, RAW.SHOPS.`,
      `${file}:7: given: table RAW.SALES has no column COLOUR. Its columns: TENANT_ID, SHOP_ID, SALE_DATE, AMOUNT_EUR, UNITS.`,
      `${file}:8: given: no table SALES (write SCHEMA.TABLE or DB.SCHEMA.TABLE). Tables: ADMIN.TENANT_ROLE_MAPPING, RAW.SALES, RAW.SHOPS.`,
      `${file}:10: as_role: no role SHOP_TENANT_INITECH. Roles: ACCOUNTADMIN, PUBLIC, SECURITYADMIN, SHOP_TENANT_ACME, SHOP_TENANT_GLOBEX, SYSADMIN, USERADMIN.`,
      `${file}:14: expect: view ANALYTICS.SHOP_SALES has no column REVENUE. Its columns: TENANT_ID, SHOP_ID, SHOP_NAME, CITY, REVENUE_EUR, UNITS.`,
      `${file}:12: expect: view ANALYTICS.SHOP_SALES has no column RANK. Its columns: TENANT_ID, SHOP_ID, SHOP_NAME, CITY, REVENUE_EUR, UNITS.`,
    ]);
    expect((error as ValidationError).describe().split("\n")[0]).toBe(
      "6 problems in view test file. Fix them and run again; docs/guide/view-tests.md describes the format.",
    );
  });

  it("as_role runs the SELECT as that role: the row access policy gives each tenant role its own rows", async () => {
    await writeFile(
      testFile("DAILY_SALES"),
      [
        "tests:",
        "  - name: the default role sees both tenants",
        ...TWO_TENANTS,
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme, REVENUE_EUR: 10.5 }",
        "        - { TENANT_ID: globex, REVENUE_EUR: 7 }",
        "  - name: acme sees acme",
        ...TWO_TENANTS,
        "    as_role: SHOP_TENANT_ACME",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme, REVENUE_EUR: 10.5 }",
        "  - name: globex sees globex",
        ...TWO_TENANTS,
        "    as_role: shop_tenant_globex",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: globex, REVENUE_EUR: 7 }",
        "  - name: globex does not see acme",
        ...TWO_TENANTS,
        "    as_role: SHOP_TENANT_GLOBEX",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme, REVENUE_EUR: 10.5 }",
      ].join("\n"),
    );
    const report = await session!.run({ views: [DAILY_SALES] });
    expect(report.cases.map((c) => [c.name, c.status])).toEqual([
      ["the default role sees both tenants", "passed"],
      ["acme sees acme", "passed"],
      ["globex sees globex", "passed"],
      ["globex does not see acme", "failed"],
    ]);
    expect(report.cases[3]).toMatchObject({
      message: "1 expected row missing, 1 unexpected row (1 expected, 1 actual, as SHOP_TENANT_GLOBEX)",
      actual: [["globex", "7.00"]],
    });
  });

  it("a given table the view does not read (the policy's mapping) counts for its case only", async () => {
    await writeFile(
      testFile("DAILY_SALES"),
      [
        "tests:",
        "  - name: acme mapped to globex's rows sees those",
        ...TWO_TENANTS,
        "      ADMIN.TENANT_ROLE_MAPPING:",
        "        - { ROLE_NAME: SHOP_TENANT_ACME, TENANT_ID: globex }",
        "    as_role: SHOP_TENANT_ACME",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: globex }",
        "  - name: the next case has the migration's mapping back",
        ...TWO_TENANTS,
        "    as_role: SHOP_TENANT_ACME",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme }",
      ].join("\n"),
    );
    const report = await session!.run({ views: [DAILY_SALES] });
    expect(report.cases.map((c) => c.status)).toEqual(["passed", "passed"]);
  });

  it("rows the engine refuses make the case an error with the given table's file:line", async () => {
    await writeFile(
      testFile("DAILY_SALES"),
      [
        "tests:",
        "  - name: a date that is not one",
        "    given:",
        "      RAW.SALES:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, SALE_DATE: 1 October, AMOUNT_EUR: 1, UNITS: 1 }",
        "    expect:",
        "      rows: []",
      ].join("\n"),
    );
    const report = await session!.run({ views: [DAILY_SALES] });
    expect(report.cases[0]).toMatchObject({ status: "error", line: 2 });
    expect(report.cases[0]!.message).toMatch(
      /^views\/ANALYTICS\/DAILY_SALES\.test\.yaml:4: the rows given for RAW\.SALES could not be inserted: .*1 October/,
    );
    expect(report.failed).toBe(1);
  });

  it("refresh re-creates a changed view, and with migrations rebuilds the engine", async () => {
    const viewFile = path.join(root, "views", "ANALYTICS", "SHOP_DIRECTORY.sql");
    await writeFile(
      viewFile,
      (await readFile(viewFile, "utf8")).replace("CITY FROM", "CITY, UPPER(CITY) AS CITY_UPPER FROM"),
    );
    await writeFile(
      testFile("SHOP_DIRECTORY"),
      [
        "tests:",
        "  - name: shouts the city",
        "    given:",
        "      RAW.SHOPS:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, CITY: Berlin }",
        "    expect:",
        "      rows:",
        "        - { SHOP_ID: A1, CITY_UPPER: BERLIN }",
      ].join("\n"),
    );
    expect(await problemsOf(session!.run({ views: [SHOP_DIRECTORY] }))).toEqual([
      "views/ANALYTICS/SHOP_DIRECTORY.test.yaml:8: expect: view ANALYTICS.SHOP_DIRECTORY has no column CITY_UPPER. Its columns: TENANT_ID, SHOP_ID, SHOP_NAME, CITY.",
    ]);
    const declared = await loadDeclaredViews(environment);
    // The declarations loader reads views/*/*.sql only: the .test.yaml files beside them are no views.
    expect([...declared.graph.views.keys()].sort()).toEqual([
      DAILY_SALES,
      SHOP_DIRECTORY,
      SHOP_SALES,
      "SHOP_DATA.ANALYTICS.TOP_SHOPS",
    ]);
    await session!.refresh({ declared, views: [SHOP_DIRECTORY] });
    expect((await session!.run({ views: [SHOP_DIRECTORY] })).cases[0]!.status).toBe("passed");

    await writeFile(
      path.join(root, "migrations", "RAW", "V5__shop_region.sql"),
      "ALTER TABLE SHOPS ADD COLUMN REGION VARCHAR;\n",
    );
    await writeFile(
      testFile("SHOP_DIRECTORY"),
      [
        "tests:",
        "  - name: a column a new migration added",
        "    given:",
        "      RAW.SHOPS:",
        "        - { TENANT_ID: acme, SHOP_ID: A1, CITY: Berlin, REGION: Nord }",
        "    expect:",
        "      rows:",
        "        - { SHOP_ID: A1, CITY_UPPER: BERLIN }",
      ].join("\n"),
    );
    expect(await problemsOf(session!.run({ views: [SHOP_DIRECTORY] }))).toEqual([
      "views/ANALYTICS/SHOP_DIRECTORY.test.yaml:5: given: table RAW.SHOPS has no column REGION. Its columns: TENANT_ID, SHOP_ID, SHOP_NAME, CITY.",
    ]);
    await session!.refresh({ declared: await loadDeclaredViews(environment), migrations: true });
    expect((await session!.run({ views: [SHOP_DIRECTORY] })).cases[0]!.status).toBe("passed");
  }, 300_000);
  it("a view whose new SQL fails: its cases are errors naming the view's file:line, never passes against the old one", async () => {
    const viewFile = path.join(root, "views", "ANALYTICS", "SHOP_DIRECTORY.sql");
    const good = await readFile(viewFile, "utf8");
    await writeFile(
      testFile("SHOP_DIRECTORY"),
      ["tests:", "  - name: anything", "    expect:", "      rows: []"].join("\n"),
    );
    try {
      await writeFile(viewFile, "SELECT TENANT_ID,\n  SHOP_NAMES\nFROM {{database}}.RAW.SHOPS\n");
      await session!.refresh({ declared: await loadDeclaredViews(environment), views: [SHOP_DIRECTORY] });
      const report = await session!.run({ views: [SHOP_DIRECTORY] });
      expect(report.cases[0]).toMatchObject({ status: "error", line: 2 });
      expect(report.cases[0]!.message).toMatch(
        /^the view could not be re-created, so the test did not run: views\/ANALYTICS\/SHOP_DIRECTORY\.sql:2: /,
      );
      expect(report.cases[0]!.message).toContain("SHOP_NAMES");
    } finally {
      await writeFile(viewFile, good);
      await session!.refresh({ declared: await loadDeclaredViews(environment), views: [SHOP_DIRECTORY] });
    }
    expect((await session!.run({ views: [SHOP_DIRECTORY] })).cases[0]!.status).toBe("passed");
  }, 120_000);
});
