import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TemplateError } from "../../src/errors/index.js";
import {
  MASK,
  maskSecrets,
  quoteIdentifier,
  renderTemplate,
  sqlString,
  type TemplateContext,
} from "../../src/template/index.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-template-"));
const partials = path.join(dir, "migrations", "_partials");
const viewPartials = path.join(dir, "views", "_partials");
mkdirSync(path.join(partials, "grants"), { recursive: true });
mkdirSync(viewPartials, { recursive: true });
writeFileSync(path.join(partials, "tenant_filter.sql"), 'TENANT_ID IN ({{literals tenants "id"}})');
writeFileSync(
  path.join(partials, "grants", "select.sql"),
  "GRANT SELECT ON {{ident @database @schema table}} TO ROLE {{role}};",
);
writeFileSync(path.join(partials, "broken.sql"), "-- shared\nSELECT {{nowhere}}");
writeFileSync(path.join(partials, "nested.sql"), "/* outer */ {{> tenant_filter}}");
writeFileSync(path.join(viewPartials, "tenant_filter.sql"), "VIEW_TENANT_FILTER");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, "migrations", "RAW", "V1__test.sql");

function context(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    env: "dev",
    kind: "snowflake",
    database: "MERCURIOS_DATA",
    schema: "RAW",
    schemas: ["RAW", "STANDARD"],
    tenants: [
      { id: "acme", name: "Acme" },
      { id: "o'hara", name: "O'Hara" },
    ],
    vars: { warehouse: "MERCURIOS_DEV_WH", retention: 7, enabled: true },
    partialDirs: [partials, viewPartials],
    processEnv: {},
    root: dir,
    ...overrides,
  };
}

function render(text: string, overrides: Partial<TemplateContext> = {}) {
  return renderTemplate(text, file, context(overrides));
}

function failure(text: string, overrides: Partial<TemplateContext> = {}): TemplateError {
  try {
    render(text, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error("expected the template to fail");
}

describe("variables", () => {
  it("provides built-ins and config vars, both top-level and under vars", () => {
    expect(
      render("{{env}} {{kind}} {{database}}.{{schema}} {{warehouse}} {{vars.retention}} {{enabled}} {{file}}")
        .sql,
    ).toBe("dev snowflake MERCURIOS_DATA.RAW MERCURIOS_DEV_WH 7 true migrations/RAW/V1__test.sql");
  });

  it("reaches built-ins inside blocks through @-data and @root", () => {
    expect(render("{{#each tenants}}{{id}}@{{@database}}/{{@root.warehouse}};{{/each}}").sql).toBe(
      "acme@MERCURIOS_DATA/MERCURIOS_DEV_WH;o'hara@MERCURIOS_DATA/MERCURIOS_DEV_WH;",
    );
  });

  it("supports Handlebars sections over lists and objects", () => {
    expect(render("{{#tenants}}{{id}};{{/tenants}} {{#vars}}{{warehouse}}{{/vars}}").sql).toBe(
      "acme;o'hara; MERCURIOS_DEV_WH",
    );
  });

  it("does not HTML-escape values", () => {
    expect(render("{{name}}", { vars: { name: "<a & 'b'>" } }).sql).toBe("<a & 'b'>");
  });
});

describe("helpers", () => {
  it("quotes identifiers only where Snowflake needs it", () => {
    expect(
      render('{{ident database schema "SALES"}} {{ident "order"}} {{ident "ORDER"}} {{ident \'a"b\'}}').sql,
    ).toBe('MERCURIOS_DATA.RAW.SALES "order" "ORDER" "a""b"');
    expect(quoteIdentifier("MY_TABLE$1")).toBe("MY_TABLE$1");
    expect(quoteIdentifier("1ST")).toBe('"1ST"');
  });

  it("escapes string literals, quotes and backslashes", () => {
    expect(render("{{str name}}", { vars: { name: "O'Hara \\ Co" } }).sql).toBe("'O''Hara \\\\ Co'");
    expect(sqlString("it's")).toBe("'it''s'");
    expect(render("{{literal retention}} {{literal enabled}} {{literal warehouse}}").sql).toBe(
      "7 TRUE 'MERCURIOS_DEV_WH'",
    );
  });

  it("renders lists", () => {
    expect(
      render('{{literals tenants "id"}} | {{idents schemas}} | {{join (pluck tenants "name") " + "}}').sql,
    ).toBe("'acme', 'o''hara' | RAW, STANDARD | Acme + O'Hara");
    expect(render('{{join schemas}} {{#if (includes schemas "RAW")}}has raw{{/if}}').sql).toBe(
      "RAW, STANDARD has raw",
    );
    expect(render('{{#if (eq env "prod")}}prod{{else}}not prod{{/if}} {{upper "x"}}{{lower "Y"}}').sql).toBe(
      "not prod Xy",
    );
  });

  it("reads environment variables and fails loudly when one is unset", () => {
    expect(
      render('{{env "LOAD_DATE"}} {{env "MISSING" default="fallback"}}', {
        processEnv: { LOAD_DATE: "2026-11-01" },
      }).sql,
    ).toBe("2026-11-01 fallback");
    const error = failure('SELECT 1;\n  SET X = {{env "LOAD_DATE"}};');
    expect(error.code).toBe("TEMPLATE_HELPER");
    expect(error.describe()).toBe(
      'migrations/RAW/V1__test.sql:2:11: environment variable LOAD_DATE is not set. Export LOAD_DATE before running, or give a fallback: {{env "LOAD_DATE" default="…"}}.',
    );
  });

  it("rejects an unknown helper with its position", () => {
    const error = failure("SELECT\n  {{quote warehouse}}");
    expect(error.code).toBe("TEMPLATE_UNKNOWN_HELPER");
    expect(error.location).toEqual({ file: "migrations/RAW/V1__test.sql", line: 2, column: 5 });
    expect(error.message).toBe("unknown helper 'quote'.");
  });
});

describe("partials", () => {
  it("includes partials from _partials, nearest directory first, with arguments and nesting", () => {
    expect(render("WHERE {{> tenant_filter}}").sql).toBe("WHERE TENANT_ID IN ('acme', 'o''hara')");
    expect(render('{{> grants/select table="SALES" role="ANALYST"}}').sql).toBe(
      "GRANT SELECT ON MERCURIOS_DATA.RAW.SALES TO ROLE ANALYST;",
    );
    expect(render("{{> nested}}").sql).toBe("/* outer */ TENANT_ID IN ('acme', 'o''hara')");
    expect(render("{{> tenant_filter}}", { partialDirs: [viewPartials, partials] }).sql).toBe(
      "VIEW_TENANT_FILTER",
    );
  });

  it("names a missing partial and the known ones", () => {
    const error = failure("SELECT 1\nWHERE {{> tenant_filtr}}");
    expect(error.code).toBe("TEMPLATE_MISSING_PARTIAL");
    expect(error.location).toEqual({ file: "migrations/RAW/V1__test.sql", line: 2, column: 7 });
    expect(error.hint).toBe("Known partials: broken, grants/select, nested, tenant_filter.");
  });

  it("reports an error inside a partial at the partial's own file and line", () => {
    const error = failure("SELECT 1;\n{{> broken}}");
    expect(error.code).toBe("TEMPLATE_MISSING_VAR");
    expect(error.location).toEqual({ file: "migrations/_partials/broken.sql", line: 2, column: 10 });
  });
});

describe("strictness", () => {
  it("names file:line:column and the variable when one is missing", () => {
    const error = failure("SELECT 1;\nUSE WAREHOUSE {{ wharehouse }};");
    expect(error.code).toBe("TEMPLATE_MISSING_VAR");
    expect(error.describe()).toBe(
      "migrations/RAW/V1__test.sql:2:18: variable 'wharehouse' is not defined. Define 'wharehouse' under vars (or environments.dev.vars) in mercurios.config.ts, or pass --var wharehouse=…. Inside {{#each}} and {{#with}}, reach top-level names as @root.wharehouse.",
    );
  });

  it("names a missing variable passed to a helper", () => {
    const error = failure("\n\nPASSWORD = {{str loader_password}}", {
      unresolvedVars: {
        loader_password: {
          path: "vars.loader_password",
          reason: "var 'loader_password' reads LOADER_PASSWORD, which is not set",
        },
      },
    });
    expect(error.describe()).toBe(
      "migrations/RAW/V1__test.sql:3:12: variable 'loader_password' is not defined. var 'loader_password' reads LOADER_PASSWORD, which is not set (declared at vars.loader_password); set it, or pass --var loader_password=….",
    );
  });

  it("counts lines from firstLine when a header was cut off", () => {
    expect(failure("{{nope}}", { firstLine: 5 }).location).toEqual({
      file: "migrations/RAW/V1__test.sql",
      line: 5,
      column: 3,
    });
  });

  it("explains a missing schema for files outside a schema folder", () => {
    const error = failure("USE SCHEMA {{schema}};", { schema: undefined });
    expect(error.code).toBe("TEMPLATE_NO_SCHEMA");
  });

  it("refuses block parameters and partial arguments that shadow built-ins or vars", () => {
    expect(failure("{{#each tenants as |database|}}{{database}}{{/each}}").message).toBe(
      "block parameter 'database' would shadow the built-in or config variable 'database'.",
    );
    expect(failure('{{> grants/select table="T" role="R" warehouse="X"}}').message).toBe(
      "partial argument 'warehouse' would shadow the built-in or config variable 'warehouse'.",
    );
  });

  it("reports syntax errors with their line", () => {
    const error = failure("SELECT 1;\n{{#if enabled}}\nSELECT 2;");
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.location?.file).toBe("migrations/RAW/V1__test.sql");
  });
});

describe("masking", () => {
  it("masks config secrets and secret env vars in the masked SQL only", () => {
    const result = render(
      "CREATE USER L PASSWORD = {{str password}};\nSET T = '{{env \"API_TOKEN\"}}'; SET D = '{{env \"LOAD_DAY\"}}';",
      {
        vars: { password: "pa'ss" },
        secrets: ["pa'ss"],
        processEnv: { API_TOKEN: "tok-123", LOAD_DAY: "monday" },
      },
    );
    expect(result.sql).toBe("CREATE USER L PASSWORD = 'pa''ss';\nSET T = 'tok-123'; SET D = 'monday';");
    expect(result.masked).toBe(`CREATE USER L PASSWORD = '${MASK}';\nSET T = '${MASK}'; SET D = 'monday';`);
    expect(result.secrets).toEqual(["pa'ss", "tok-123"]);
  });

  it("maskSecrets replaces longer secrets first and ignores empty ones", () => {
    expect(maskSecrets("abc abcdef x", ["abc", "abcdef", ""])).toBe(`${MASK} ${MASK} x`);
  });
});
