import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/errors/index.js";
import { renderTemplate, type TemplateContext } from "../../src/template/index.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/jinja");
const ROOT = path.join(FIXTURE, "root");
const MODULES = path.join(FIXTURE, "modules");

function jinja(extra: Partial<TemplateContext> = {}): TemplateContext {
  return {
    env: "local",
    database: "",
    engine: "jinja",
    jinja: { root: ROOT, modulesFolder: MODULES },
    processEnv: {},
    root: FIXTURE,
    ...extra,
  };
}

function render(text: string, extra: Partial<TemplateContext> = {}) {
  return renderTemplate(text, path.join(ROOT, "V9__test.sql"), jinja(extra));
}

function failure(text: string, extra: Partial<TemplateContext> = {}): TemplateError {
  try {
    render(text, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error("expected the template to fail");
}

describe("Jinja templates (schemachange's way)", () => {
  it("renders every construct exactly as Python's Jinja2 does", () => {
    const file = path.join(ROOT, "V1__objects.sql");
    const values = {
      database_name: "demo",
      warehouse: "WH",
      table_name: "Sales-Daily",
      columns: ["ID NUMBER", "NAME VARCHAR"],
      config: { tags: ["a", "b"] },
      flag: true,
    };
    const { sql } = renderTemplate(readFileSync(file, "utf8"), file, jinja({ values }));
    // Jinja2 3.1.6 with schemachange's environment (StrictUndefined, no autoescape, env_var, root and
    // modules/ loaders) rendered the same file and vars to this text.
    expect(sql).toBe(
      "\nUSE DATABASE DEMO;\n\nCREATE SCHEMA IF NOT EXISTS RAW;\nGRANT USAGE ON SCHEMA RAW TO ROLE READER;\nCREATE SCHEMA IF NOT EXISTS STANDARD;\nGRANT USAGE ON SCHEMA STANDARD TO ROLE READER;\n\nALTER WAREHOUSE WH SET WAREHOUSE_SIZE = 'XSMALL';\n\n-- deployed by ci\nCREATE TABLE sales_daily (ID NUMBER, NAME VARCHAR);\n-- a_b True ['a', 'b'] False 3\n1:A, 2:B",
    );
  });

  it("reads variables with dots, filters and env_var() with and without a default", () => {
    const { sql } = render(
      "{{ db.name | lower }}.{{ db.schema | default('PUBLIC') }} {{ env_var('ROLE') }} {{ env_var('WH', 'COMPUTE_WH') }} {{ 'x-y' | replace('-', '_') | upper }}",
      { values: { db: { name: "DEMO" } }, processEnv: { ROLE: "SYSADMIN" } },
    );
    expect(sql).toBe("demo.PUBLIC SYSADMIN COMPUTE_WH X_Y");
  });

  it("keeps whitespace control and comments as Jinja does, and drops the template's last newline", () => {
    const { sql } = render("a\n{%- if true %}\nb\n{%- endif %}{# gone #}\nc\n", {});
    expect(sql).toBe("a\nb\nc");
    expect(render("x\r\ny\r\n").sql).toBe("x\ny");
  });

  it("names a missing variable with file:line:column, as Handlebars errors do", () => {
    const error = failure("SELECT 1;\nUSE DATABASE {{ database_name }};");
    expect(error.code).toBe("TEMPLATE_MISSING_VAR");
    expect(error.describe()).toContain("root/V9__test.sql:2:17: variable 'database_name' is not defined.");
    expect(error.hint).toContain("--var database_name=");
  });

  it("is strict where Jinja's StrictUndefined is: filters, conditions, loops and attributes", () => {
    expect(failure("{{ missing | upper }}").message).toBe("variable 'missing' is not defined.");
    expect(failure("{% if flag %}x{% endif %}").message).toBe("variable 'flag' is not defined.");
    expect(failure("{% for t in tables %}{{ t }}{% endfor %}").message).toBe(
      "variable 'tables' is not defined.",
    );
    const attribute = failure("\n{{ db.schema }}", { values: { db: {} } });
    expect(attribute.message).toBe("variable 'db.schema' is not defined.");
    expect(attribute.location).toMatchObject({ file: "root/V9__test.sql", line: 2 });
  });

  it("lets `is defined` and `default` ask about an undefined value, as Jinja does", () => {
    expect(render("{{ x is defined }} {{ x | default('d') }} {{ x | d('e') }}").sql).toBe("False d e");
    expect(render("{% if a.b is defined %}yes{% else %}no{% endif %}", { values: { a: {} } }).sql).toBe("no");
  });

  it("includes and imports from the root folder and from the modules folder under modules/", () => {
    const { sql } = render(
      "{% import 'modules/grants.j2' as g %}{{ g.usage('RAW', 'READER') }}\n{% include 'modules/comment.sql' %}",
      { processEnv: { DEPLOYED_BY: "alice" } },
    );
    expect(sql).toBe("GRANT USAGE ON SCHEMA RAW TO ROLE READER;\n-- deployed by alice");
    expect(render("{% include 'shared/header.sql' %}\nx").sql).toBe("-- header for ci\nx");
  });

  it("names the include that is missing, and the included file where a variable is missing", () => {
    const missing = failure("SELECT 1;\n{% include 'modules/nope.sql' %}");
    expect(missing.code).toBe("TEMPLATE_MISSING_PARTIAL");
    expect(missing.describe()).toContain("root/V9__test.sql:2: template 'modules/nope.sql' not found.");
    const inner = failure("{% import 'modules/grants.j2' as g %}{{ g.usage('RAW', role) }}");
    expect(inner.message).toBe("variable 'role' is not defined.");
    const nested = failure("{% include 'modules/needs_var.sql' %}");
    expect(nested.location).toMatchObject({ file: "modules/needs_var.sql", line: 2 });
    expect(nested.message).toBe("variable 'stage_name' is not defined.");
  });

  it("refuses names that leave the search folders", () => {
    expect(failure("{% include '../modules/comment.sql' %}").code).toBe("TEMPLATE_MISSING_PARTIAL");
  });

  it("says where an unset env_var() without default is", () => {
    const error = failure("SELECT 1;\nUSE ROLE {{ env_var('SNOWFLAKE_ROLE') }};");
    expect(error.code).toBe("TEMPLATE_ENV_UNSET");
    expect(error.location).toMatchObject({ file: "root/V9__test.sql", line: 2 });
    expect(error.message).toContain("SNOWFLAKE_ROLE");
  });

  it("reports a syntax error with its line", () => {
    const error = failure("SELECT 1;\n{% iff x %}");
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.location).toMatchObject({ line: 2 });
  });

  it("masks secrets given to it and values env_var() reads from secret-named variables", () => {
    const result = render("{{ env_var('LOADER_PASSWORD') }} {{ api }}", {
      values: { api: "k-123" },
      secrets: ["k-123"],
      processEnv: { LOADER_PASSWORD: "p@ss" },
    });
    expect(result.sql).toBe("p@ss k-123");
    expect(result.masked).toBe("******** ********");
  });

  it("prints values as Python does and offers Python's string methods", () => {
    const { sql } = render(
      "{{ t }} {{ f }} {{ n }} {{ l }} {{ d }} {{ ' a '.strip() }} {{ 'a.b.c'.replace('.', '/') }} {{ 'A B'.lower().split() }} {{ '-'.join(l) }} {{ 'x'.startswith('x') }}",
      { values: { t: true, f: false, n: null, l: ["a", "b"], d: { k: 1 } } },
    );
    expect(sql).toBe("True False None ['a', 'b'] {'k': 1} a a/b/c ['a', 'b'] a-b True");
  });

  it("has Jinja's filters that nunjucks lacks: map, items, unique, min, max, tojson", () => {
    const { sql } = render(
      "{{ users | map(attribute='name') | join(',') }}|{{ ['a','b'] | map('upper') | list }}|{{ {'b': 1, 'a': [1, 'x<y']} | tojson }}|{{ ['a','A','b'] | unique | list }}|{{ [3,1,2] | max }}{{ [3,1,2] | min }}|{{ users | max(attribute='age') }}|{% for k, v in {'x': 1} | items %}{{ k }}={{ v }}{% endfor %}",
      {
        values: {
          users: [
            { name: "ann", age: 3 },
            { name: "bob", age: 5 },
          ],
        },
      },
    );
    // Python's Jinja2 3.1.6 renders the same template and values to this text.
    expect(sql).toBe(
      "ann,bob|['A', 'B']|{\"a\": [1, \"x\\u003cy\"], \"b\": 1}|['a', 'b']|31|{'name': 'bob', 'age': 5}|x=1",
    );
  });

  it("formats strings with % and tuples as Python does", () => {
    const { sql } = render(
      "{{ '%s_%s' % ('a', 1) }} {{ 'x=%d%%' % 5 }} {{ '%5.2f|%-3s|' % (3.14159, 'a') }} {{ 7 % 3 }} {{ '%r' % 'q' }}",
    );
    // Python's Jinja2 3.1.6 renders the same template to this text.
    expect(sql).toBe("a_1 x=5%  3.14|a  | 1 'q'");
  });

  it("leaves Handlebars the default: the same text without engine is a Handlebars template", () => {
    const context: TemplateContext = { env: "local", database: "DB", vars: { x: "1" } };
    expect(renderTemplate("{{x}}-{{database}}", "f.sql", context).sql).toBe("1-DB");
    expect(() => renderTemplate("{{ x | upper }}", "f.sql", context)).toThrow(TemplateError);
  });
});
