import { describe, expect, it } from "vitest";
import { classifyChanges, isEditorTempFile } from "../../src/api/dev/changes.js";
import { devProblems } from "../../src/api/dev/problems.js";
import { ProjectError, TemplateError, ValidationError } from "../../src/errors/index.js";
import { type DevStatus, renderDevStatus } from "../../src/report/dev-status.js";

const root = "/p";

describe("classifyChanges", () => {
  it("sorts a burst of saves into views, tests, migrations and the config, ignoring editor files", () => {
    const changes = classifyChanges(root, "/p/mercurios.config.ts", [
      { path: "/p/views/ANALYTICS/TOP_SHOPS.sql" },
      { path: "/p/views/ANALYTICS/TOP_SHOPS.sql" },
      { path: "/p/views/ANALYTICS/TOP_SHOPS.test.yaml" },
      { path: "/p/views/ANALYTICS/.TOP_SHOPS.sql.swp" },
      { path: "migrations/RAW/V5__more.sql" },
      { path: "/p/mercurios.config.ts" },
      { path: "/p/views/ANALYTICS/OLD.sql", event: "unlink" },
    ]);
    expect(changes.views).toEqual(["views/ANALYTICS/TOP_SHOPS.sql", "views/ANALYTICS/OLD.sql"]);
    expect(changes.tests).toEqual(["views/ANALYTICS/TOP_SHOPS.test.yaml"]);
    expect(changes.migrations).toEqual(["migrations/RAW/V5__more.sql"]);
    expect(changes.config).toBe(true);
    expect(changes.files.find((f) => f.file.endsWith(".swp"))?.kind).toBe("other");
    expect(changes.files.find((f) => f.file.endsWith("OLD.sql"))?.event).toBe("unlink");
  });
});

describe("devProblems", () => {
  it("lists a validation error's problems and folds the grants that only echo a broken view file", () => {
    const error = new ValidationError("DECLARATIONS_INVALID", "3 problems", [
      new TemplateError("TEMPLATE_MISSING_VAR", "variable 'nope' is not defined.", {
        location: { file: "views/ANALYTICS/TOP_SHOPS.sql", line: 5, column: 27 },
        hint: "Define 'nope' under vars.",
      }),
      new ProjectError(
        "DECLARATION_REFERENCE",
        "is on view SHOP_DATA.ANALYTICS.TOP_SHOPS, which is not declared in views/",
        {
          location: {
            file: "roles/access.ts",
            object: "GRANT SELECT ON VIEW SHOP_DATA.ANALYTICS.TOP_SHOPS -> A",
          },
        },
      ),
      new ProjectError(
        "DECLARATION_REFERENCE",
        "is on view SHOP_DATA.ANALYTICS.OTHER, which is not declared in views/",
        {
          location: {
            file: "roles/access.ts",
            object: "GRANT SELECT ON VIEW SHOP_DATA.ANALYTICS.OTHER -> A",
          },
        },
      ),
    ]);
    expect(devProblems(error)).toEqual([
      {
        code: "TEMPLATE_MISSING_VAR",
        message: "variable 'nope' is not defined.",
        file: "views/ANALYTICS/TOP_SHOPS.sql",
        line: 5,
        column: 27,
        hint: "Define 'nope' under vars. (1 declaration that names this view waits for it.)",
      },
      {
        code: "DECLARATION_REFERENCE",
        message: "is on view SHOP_DATA.ANALYTICS.OTHER, which is not declared in views/",
        file: "roles/access.ts",
        object: "GRANT SELECT ON VIEW SHOP_DATA.ANALYTICS.OTHER -> A",
      },
    ]);
  });
});

const base: DevStatus = {
  kind: "change",
  at: "2026-11-27T14:02:31.123Z",
  environment: "local",
  changed: [{ file: "views/ANALYTICS/SHOP_SALES.sql", kind: "view", event: "change" }],
  migrations: [],
  applied: [],
  tests: null,
  preview: null,
  errors: [],
  notes: [],
  timings: { configMs: 0, migrateMs: 0, renderMs: 10, applyMs: 40, testsMs: 30, previewMs: 5, totalMs: 87.4 },
};

describe("renderDevStatus", () => {
  it("shows the views applied in order, the tests, a failure side by side and the first rows", () => {
    const text = renderDevStatus({
      ...base,
      applied: [
        { name: "SHOP_DATA.ANALYTICS.DAILY_SALES", action: "unchanged", reason: "in sync" },
        { name: "SHOP_DATA.ANALYTICS.SHOP_SALES", action: "replaced", reason: "definition changed" },
        {
          name: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
          action: "replaced",
          reason: "reads SHOP_DATA.ANALYTICS.SHOP_SALES, which changed",
        },
      ],
      tests: {
        passed: 1,
        failed: 1,
        files: ["views/ANALYTICS/TOP_SHOPS.test.yaml"],
        cases: [
          {
            view: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
            file: "views/ANALYTICS/TOP_SHOPS.test.yaml",
            line: 3,
            name: "ok",
            status: "passed",
          },
          {
            view: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
            file: "views/ANALYTICS/TOP_SHOPS.test.yaml",
            line: 20,
            name: "ranks",
            status: "failed",
            message: "1 row differs (1 expected, 1 actual)",
            columns: ["SHOP_ID", "REVENUE_RANK"],
            expected: [["A1", 1]],
            actual: [["A1", "2"]],
            pairs: [{ expected: 0, actual: 0, differing: [1] }],
          },
        ],
      },
      preview: {
        view: "SHOP_DATA.ANALYTICS.SHOP_SALES",
        columns: ["SHOP_ID", "REVENUE_EUR"],
        rows: [
          ["A1", "150.50"],
          ["G1", null],
        ],
      },
    });
    expect(text.split("\n")).toEqual([
      "! 14:02:31 views/ANALYTICS/SHOP_SALES.sql (87 ms)",
      "applied  ANALYTICS.SHOP_SALES  replaced: definition changed",
      "         ANALYTICS.TOP_SHOPS   replaced: reads SHOP_DATA.ANALYTICS.SHOP_SALES, which changed",
      "tests    1 passed, 1 failed",
      "         ✗ ANALYTICS.TOP_SHOPS: ranks (views/ANALYTICS/TOP_SHOPS.test.yaml:20)",
      "             1 row differs (1 expected, 1 actual)",
      "               expected              | actual",
      "               SHOP_ID  REVENUE_RANK | SHOP_ID  REVENUE_RANK",
      "             ≠ A1       1            | A1       *2*",
      "rows     ANALYTICS.SHOP_SALES (first 2)",
      "         SHOP_ID | REVENUE_EUR",
      "         --------+------------",
      "         A1      | 150.50",
      "         G1      | NULL",
    ]);
  });

  it("keeps the rows table within the terminal's width, saying how many columns it left out", () => {
    const text = renderDevStatus(
      {
        ...base,
        preview: {
          view: "SHOP_DATA.ANALYTICS.SHOP_SALES",
          columns: ["TENANT_ID", "SHOP_ID", "SHOP_NAME", "CITY", "REVENUE_EUR"],
          rows: [["acme", "A1", "Acme Mitte", "Berlin", "150.50"]],
        },
      },
      undefined,
      { width: 41 },
    );
    // 9 columns of indent + "TENANT_ID | SHOP_ID | SHOP_NAME " (32, the name cell is 10) = 41; CITY would not fit.
    expect(text.split("\n").slice(-4)).toEqual([
      "rows     ANALYTICS.SHOP_SALES (first 1; 2 more columns not shown)",
      "         TENANT_ID | SHOP_ID | SHOP_NAME",
      "         ----------+---------+-----------",
      "         acme      | A1      | Acme Mitte",
    ]);
  });

  it("shows an error with file:line and its hint", () => {
    const text = renderDevStatus({
      ...base,
      errors: [
        {
          code: "VIEW_CREATE_FAILED",
          message:
            "view SHOP_DATA.ANALYTICS.SHOP_SALES could not be re-created: invalid identifier 'D.UNITZ'",
          file: "views/ANALYTICS/SHOP_SALES.sql",
          line: 2,
          object: "VIEW SHOP_DATA.ANALYTICS.SHOP_SALES",
          hint: "Check the column.",
        },
      ],
    });
    expect(text.split("\n")).toEqual([
      "✗ 14:02:31 views/ANALYTICS/SHOP_SALES.sql (87 ms)",
      "error    views/ANALYTICS/SHOP_SALES.sql:2 [VIEW SHOP_DATA.ANALYTICS.SHOP_SALES]: view SHOP_DATA.ANALYTICS.SHOP_SALES could not be re-created: invalid identifier 'D.UNITZ'",
      "         Check the column.",
    ]);
  });
});

describe("isEditorTempFile", () => {
  it("knows the files editors and sed -i write beside a saved file, and nothing else", () => {
    const temporary = [
      "views/ANALYTICS/4913",
      "views/ANALYTICS/.TOP_SHOPS.sql.swp",
      "views/ANALYTICS/.TOP_SHOPS.sql.swo",
      "views/ANALYTICS/TOP_SHOPS.sql~",
      "views/ANALYTICS/.#TOP_SHOPS.sql",
      "views/ANALYTICS/#TOP_SHOPS.sql#",
      "views/ANALYTICS/TOP_SHOPS.sql___jb_tmp___",
      "views/ANALYTICS/sedX1b2Qz",
      "migrations/RAW/sed0aB9cD",
      "migrations/RAW/V2__x.sql.tmp",
      "/abs/project/views/ANALYTICS/4913",
    ];
    const real = [
      "views/ANALYTICS/TOP_SHOPS.sql",
      "views/ANALYTICS/TOP_SHOPS.test.yaml",
      "views/ANALYTICS/SEDAN_SALES.sql",
      "migrations/RAW/V4913__x.sql",
      "migrations/RAW/V2__sed_fix.sql",
      "mercurios.config.ts",
    ];
    expect(temporary.filter((f) => !isEditorTempFile(f))).toEqual([]);
    expect(real.filter((f) => isEditorTempFile(f))).toEqual([]);
    const changes = classifyChanges(root, "/p/mercurios.config.ts", temporary.map((f) => ({ path: `/p/${f}` })));
    expect([...changes.views, ...changes.tests, ...changes.migrations]).toEqual([]);
  });
});
