/**
 * View test files without an engine: reading and checking them (every problem with file:line),
 * comparing rows (numbers numerically, strings exactly, NULL, multiset or in order) and the
 * side-by-side rendering of a failure.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import {
  cellMatches,
  compareRows,
  discoverViewTestFiles,
  loadViewTestFiles,
  throwIfInvalid,
} from "../../src/project/view-tests/index.js";
import { type ViewTestReport, viewTestsToJUnit, viewTestsToText } from "../../src/report/view-tests.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-view-tests-"));
  await mkdir(path.join(root, "views", "ANALYTICS"), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(root, "views", "ANALYTICS", name);
  await writeFile(file, text);
  return file;
}

describe("reading test files", () => {
  it("finds views/<SCHEMA>/*.test.yaml and .test.yml, not the views' .sql", async () => {
    await write("TOP_SHOPS.sql", "SELECT 1 AS X");
    await write("TOP_SHOPS.test.yaml", "tests: []");
    await write("SHOP_SALES.test.yml", "tests: []");
    const found = await discoverViewTestFiles(root);
    expect(found.map((f) => path.relative(root, f))).toEqual([
      "views/ANALYTICS/SHOP_SALES.test.yml",
      "views/ANALYTICS/TOP_SHOPS.test.yaml",
    ]);
  });

  it("reads cases with the line of every part; unquoted column names fold to upper case", async () => {
    await write(
      "TOP_SHOPS.test.yaml",
      [
        "tests:",
        "  - name: ranks shops",
        "    given:",
        "      RAW.SALES:",
        "        - { tenant_id: acme, AMOUNT_EUR: 10.5, SALE_DATE: 2026-10-01, PAID: true }",
        "    as_role: shop_tenant_acme",
        "    expect:",
        "      order_by: [REVENUE_RANK]",
        "      rows:",
        "        - { TENANT_ID: acme, '\"Mixed\"': null }",
      ].join("\n"),
    );
    const { files, problems } = await loadViewTestFiles({ root });
    expect(problems).toEqual([]);
    const [file] = files;
    expect(file).toMatchObject({
      file: "views/ANALYTICS/TOP_SHOPS.test.yaml",
      schema: "ANALYTICS",
      view: "TOP_SHOPS",
    });
    const [testCase] = file!.cases;
    expect(testCase!.line).toBe(2);
    expect(testCase!.given[0]).toMatchObject({ written: "RAW.SALES", line: 4 });
    expect(testCase!.given[0]!.rows[0]!.cells).toEqual([
      { column: "TENANT_ID", written: "tenant_id", value: "acme", line: 5 },
      { column: "AMOUNT_EUR", written: "AMOUNT_EUR", value: 10.5, line: 5 },
      { column: "SALE_DATE", written: "SALE_DATE", value: "2026-10-01", line: 5 },
      { column: "PAID", written: "PAID", value: true, line: 5 },
    ]);
    expect(testCase!.asRole).toEqual({ name: "SHOP_TENANT_ACME", written: "shop_tenant_acme", line: 6 });
    expect(testCase!.expect.orderBy).toEqual([{ name: "REVENUE_RANK", written: "REVENUE_RANK", line: 8 }]);
    expect(testCase!.expect.columns).toEqual(["TENANT_ID", "Mixed"]);
  });

  it("reports every problem of a file at once, each with file:line", async () => {
    await write(
      "TOP_SHOPS.test.yaml",
      [
        "tests:", //                                  1
        "  - name: first", //                         2
        "    given:", //                              3
        "      RAW.SALES: { TENANT_ID: acme }", //    4  rows must be a list
        "    expect:", //                             5
        "      rows:", //                             6
        "        - { TENANT_ID: [acme] }", //         7  a value must be a scalar
        "      oder_by: [TENANT_ID]", //              8  unknown key
        "  - name: first", //                         9  (duplicate name: found only once the shape is right)
        "    as_role: 3", //                         10  not a string
        "  - given: {}", //                          11  no name, no expect
        "    expect: { rows: [] }",
      ].join("\n"),
    );
    const { problems } = await loadViewTestFiles({ root });
    expect(problems.map((p) => p.describe())).toEqual([
      "views/ANALYTICS/TOP_SHOPS.test.yaml:4: tests[0].given.RAW.SALES: a given table takes a list of rows.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:7: tests[0].expect.rows[0].TENANT_ID: a value must be a string, a number, true/false or null (write dates as 2026-10-01).",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:8: tests[0].expect.oder_by: unknown key 'oder_by'. Allowed here: order_by, rows.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:10: tests[1].as_role: as_role must be a role name.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:9: tests[1].expect: every test needs expect: { rows: [...] }.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:11: tests[2].name: every test needs a name (a string).",
    ]);
    expect(() => throwIfInvalid(problems)).toThrow(ValidationError);
  });

  it("after the shape, names: duplicate test names, one column twice, rows naming different columns", async () => {
    await write(
      "TOP_SHOPS.test.yaml",
      [
        "tests:",
        "  - name: same",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme, tenant_id: acme }",
        "  - name: same",
        "    expect:",
        "      rows:",
        "        - { TENANT_ID: acme, SHOP_ID: A1 }",
        "        - { TENANT_ID: acme }",
      ].join("\n"),
    );
    const { problems } = await loadViewTestFiles({ root });
    expect(problems.map((p) => p.describe())).toEqual([
      "views/ANALYTICS/TOP_SHOPS.test.yaml:5: 'tenant_id' and 'TENANT_ID' name the same column TENANT_ID.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:6: two tests are named 'same' (the other is on line 2). Give each test its own name.",
      "views/ANALYTICS/TOP_SHOPS.test.yaml:10: this expected row names TENANT_ID, the first names TENANT_ID, SHOP_ID. Every expected row names the same columns (only those are compared).",
    ]);
  });

  it("says where YAML itself is broken", async () => {
    await write("TOP_SHOPS.test.yaml", "tests:\n  - name: x\n    expect: { rows: [ }\n");
    const { problems } = await loadViewTestFiles({ root });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]!.describe()).toMatch(/^views\/ANALYTICS\/TOP_SHOPS\.test\.yaml:3: not valid YAML: /);
  });

  it("renders the file first when a renderer is given (the views' Handlebars context)", async () => {
    await write("TOP_SHOPS.test.yaml", "tests:\n  - name: top {{n}}\n    expect: { rows: [] }\n");
    const { files } = await loadViewTestFiles({ root, render: (text) => text.replace("{{n}}", "3") });
    expect(files[0]!.cases[0]!.name).toBe("top 3");
  });
});

describe("comparing rows", () => {
  it("numbers numerically, strings exactly, NULL only with NULL", () => {
    expect(cellMatches(10.5, "10.50")).toBe(true);
    expect(cellMatches(3, "3.000")).toBe(true);
    expect(cellMatches(-34.44, "-34.44")).toBe(true);
    expect(cellMatches(10.5, "10.51")).toBe(false);
    expect(cellMatches(1, "")).toBe(false);
    expect(cellMatches("10.5", "10.50")).toBe(false);
    expect(cellMatches("acme", "acme")).toBe(true);
    expect(cellMatches("acme", "ACME")).toBe(false);
    expect(cellMatches(null, null)).toBe(true);
    expect(cellMatches(null, "NULL")).toBe(false);
    expect(cellMatches("true", "true")).toBe(true);
  });

  it("as a multiset: order does not matter; a wrong row meets the actual row most like it", () => {
    const same = compareRows(
      [
        ["a", 1],
        ["b", 2],
      ],
      [
        ["b", "2.00"],
        ["a", "1"],
      ],
      { ordered: false, width: 2 },
    );
    expect(same.equal).toBe(true);
    const differ = compareRows(
      [
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ],
      [
        ["b", "5"],
        ["a", "1"],
        ["d", "9"],
        ["e", "8"],
      ],
      { ordered: false, width: 2 },
    );
    expect(differ).toEqual({
      equal: false,
      pairs: [
        { expected: 0, actual: 1, differing: [] },
        { expected: 1, actual: 0, differing: [1] },
        { expected: 2, actual: null, differing: [0, 1] },
        { expected: null, actual: 2, differing: [0, 1] },
        { expected: null, actual: 3, differing: [0, 1] },
      ],
    });
  });

  it("in order: rows out of place differ; a missing row is one row, not every later one", () => {
    expect(compareRows([["a"], ["b"]], [["b"], ["a"]], { ordered: true, width: 1 }).pairs).toEqual([
      { expected: 0, actual: null, differing: [0] },
      { expected: 1, actual: 0, differing: [] },
      { expected: null, actual: 1, differing: [0] },
    ]);
    const missing = compareRows(
      [
        ["a", 1],
        ["b", 2],
        ["c", 3],
        ["d", 4],
      ],
      [
        ["a", "1"],
        ["c", "3"],
        ["d", "5"],
      ],
      { ordered: true, width: 2 },
    );
    expect(missing).toEqual({
      equal: false,
      pairs: [
        { expected: 0, actual: 0, differing: [] },
        { expected: 1, actual: null, differing: [0, 1] },
        { expected: 2, actual: 1, differing: [] },
        { expected: 3, actual: 2, differing: [1] },
      ],
    });
    expect(compareRows([["a"], ["b"]], [["a"], ["b"]], { ordered: true, width: 1 }).equal).toBe(true);
  });
});

describe("rendering a report", () => {
  const report: ViewTestReport = {
    files: ["views/ANALYTICS/TOP_SHOPS.test.yaml"],
    passed: 1,
    failed: 1,
    cases: [
      {
        view: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
        file: "views/ANALYTICS/TOP_SHOPS.test.yaml",
        line: 2,
        name: "ranks",
        status: "passed",
      },
      {
        view: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
        file: "views/ANALYTICS/TOP_SHOPS.test.yaml",
        line: 9,
        name: "keeps the top 3 <&>",
        status: "failed",
        message: "1 row differs, 1 expected row missing (2 expected, 1 actual)",
        columns: ["SHOP_ID", "REVENUE_EUR"],
        expected: [
          ["A1", 10.5],
          ["A2", null],
        ],
        actual: [["A1", "10.25"]],
        pairs: [
          { expected: 0, actual: 0, differing: [1] },
          { expected: 1, actual: null, differing: [0, 1] },
        ],
        ordered: false,
      },
    ],
  };

  it("text: ✓ / ✗, the case's file:line, expected and actual side by side with differing cells marked", () => {
    expect(viewTestsToText(report)).toBe(
      [
        "✓ ANALYTICS.TOP_SHOPS: ranks",
        "✗ ANALYTICS.TOP_SHOPS: keeps the top 3 <&>  (views/ANALYTICS/TOP_SHOPS.test.yaml:9)",
        "    1 row differs, 1 expected row missing (2 expected, 1 actual)",
        "      expected             | actual",
        "      SHOP_ID  REVENUE_EUR | SHOP_ID  REVENUE_EUR",
        "    ≠ A1       10.5        | A1       *10.25*",
        "    - A2       NULL        | (no row)",
        "",
        "1 passed, 1 failed (2 cases in 1 file)",
        "",
      ].join("\n"),
    );
  });

  it("a table too wide to read leaves out the columns that match in every row met on both sides", () => {
    const columns = [
      "TENANT_ID",
      "SHOP_ID",
      ...Array.from({ length: 12 }, (_, i) => `SOME_LONG_FIGURE_${i}_EUR`),
    ];
    const row = (figure: number) => ["acme", "A1", ...columns.slice(2).map((_, i) => (i === 7 ? figure : 1))];
    const lines = viewTestsToText({
      files: ["views/ANALYTICS/WIDE.test.yaml"],
      passed: 0,
      failed: 1,
      cases: [
        {
          view: "SHOP_DATA.ANALYTICS.WIDE",
          file: "views/ANALYTICS/WIDE.test.yaml",
          line: 2,
          name: "wide",
          status: "failed",
          message: "1 row differs (1 expected, 1 actual)",
          columns,
          expected: [row(2)],
          actual: [row(3).map(String)],
          pairs: [{ expected: 0, actual: 0, differing: [9] }],
        },
      ],
    }).split("\n");
    expect(lines.slice(2, 6)).toEqual([
      "      expected                                   | actual",
      "      TENANT_ID  SHOP_ID  SOME_LONG_FIGURE_7_EUR | TENANT_ID  SHOP_ID  SOME_LONG_FIGURE_7_EUR",
      "    ≠ acme       A1       2                      | acme       A1       *3*",
      "      (11 more columns, equal in every row met on both sides, not shown)",
    ]);
  });

  it("JUnit: one suite per view, the failure carrying file:line and the table, XML escaped", () => {
    const xml = viewTestsToJUnit(report);
    expect(xml).toContain('<testsuites name="mercurios views test" tests="2" failures="1" errors="0"');
    expect(xml).toContain(
      '<testsuite name="SHOP_DATA.ANALYTICS.TOP_SHOPS" tests="2" failures="1" errors="0"',
    );
    expect(xml).toContain(
      '<testcase classname="SHOP_DATA.ANALYTICS.TOP_SHOPS" name="ranks" file="views/ANALYTICS/TOP_SHOPS.test.yaml" line="2" time="0.000"/>',
    );
    expect(xml).toContain('name="keeps the top 3 &lt;&amp;&gt;"');
    expect(xml).toContain(
      '<failure message="1 row differs, 1 expected row missing (2 expected, 1 actual)">views/ANALYTICS/TOP_SHOPS.test.yaml:9\n',
    );
    expect(xml).toContain("    ≠ A1       10.5        | A1       *10.25*\n");
  });
});
