/**
 * Bad input in templates (Handlebars in migrations/ and views/) and in migration files: their names,
 * front matter, SQL that does not split, and SQL that fails when it runs. Each is one CLI process
 * on a fresh copy of an `init` project; the error names the file (and line where there is one).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BadInput, HANG_MS, judge, runInput } from "./harness.js";

const V2 = "migrations/RAW/V2__bad.sql";
/** A migration V2 with this text, rendered by `render` (no engine). */
const rendered = (name: string, text: string, names: string | RegExp = V2): BadInput => ({
  name,
  files: { [V2]: text },
  args: ["render", V2],
  names,
});
/** Migration files that `migrate up --dry-run` must refuse while loading them. */
const loaded = (name: string, files: Record<string, string | null>, names: string | RegExp): BadInput => ({
  name,
  files,
  args: ["migrate", "up", "--dry-run"],
  names,
});
/** A migration that `up` runs against the local engine and that fails there. */
const run = (name: string, sql: string, names: string | RegExp = V2): BadInput => ({
  name,
  files: { [V2]: sql },
  args: ["up", "--yes"],
  names,
});

const templateInputs: BadInput[] = [
  rendered("a variable that is not set", "SELECT 1;\nSELECT {{no_such_var}};\n", `${V2}:2`),
  rendered("an {{#if}} never closed", "{{#if database}}\nSELECT 1;\n", V2),
  rendered("a {{/each}} that closes nothing", "SELECT 1;\n{{/each}}\n", V2),
  rendered("an unknown helper", "SELECT {{frobnicate database}};\n", "frobnicate"),
  rendered("a missing partial", "{{> no_such_partial}}\n", "no_such_partial"),
  rendered("an unclosed mustache", "SELECT {{database;\n", V2),
  rendered("an unclosed triple-stash", "SELECT {{{database}};\n", V2),
  rendered("a stray {{else}}", "SELECT 1;\n{{else}}\n", V2),
  rendered("{{#each}} without a list", "{{#each}}x{{/each}}\n", V2),
  rendered(
    "an env helper on an unset variable",
    "SELECT '{{env \"MERCURIOS_NO_SUCH_ENV_VAR\"}}';\n",
    "MERCURIOS_NO_SUCH_ENV_VAR",
  ),
  rendered("a helper given too few arguments", "SELECT {{ident}};\n", V2),
  rendered("a property of a missing variable", "SELECT {{nothing.here}};\n", V2),
  {
    name: "a view whose template names an unset variable",
    files: { "views/ANALYTICS/BROKEN.sql": "SELECT 1 AS A\n-- {{no_such_var}}\n" },
    args: ["plan"],
    names: "views/ANALYTICS/BROKEN.sql:2",
  },
  {
    name: "a secret var whose environment variable is unset",
    files: {
      "mercurios.config.ts": `import { defineConfig } from "mercurios";
export default defineConfig({
  database: "SHOP", schemas: ["RAW", "ANALYTICS"],
  vars: { loader_password: { env: "MERCURIOS_TEST_UNSET_PASSWORD", secret: true } },
  environments: { local: { kind: "local" } },
});
`,
      [V2]: "CREATE USER L PASSWORD = '{{loader_password}}';\n",
    },
    args: ["render", V2],
    env: { MERCURIOS_TEST_UNSET_PASSWORD: undefined },
    names: "MERCURIOS_TEST_UNSET_PASSWORD",
  },
];

const migrationInputs: BadInput[] = [
  {
    name: "migrate up before up, on a fresh engine (no database or schema yet)",
    args: ["migrate", "up"],
    names: /migrations\/RAW\/V1__orders\.sql[\s\S]*`mercurios up` creates the declared database and schemas/,
  },
  {
    name: "a folder named like a script in a schema folder",
    files: { "migrations/RAW/V2__orders_index.sql/README.md": "the script was unpacked into a folder\n" },
    args: ["migrate", "up", "--dry-run"],
    names: /migrations\/RAW\/V2__orders_index\.sql[\s\S]*folder named like a migration script/,
  },
  {
    name: "a folder named like a script at the top of migrations/",
    prepare: (root) => mkdirSync(path.join(root, "migrations", "V3__top.sql")),
    args: ["migrate", "up", "--dry-run"],
    names: /migrations\/V3__top\.sql[\s\S]*folder named like a migration script/,
  },
  loaded(
    "a versioned script without a version",
    { "migrations/RAW/V__nothing.sql": "SELECT 1;" },
    "V__nothing.sql",
  ),
  loaded(
    "a single underscore after the version",
    { "migrations/RAW/V2_orders.sql": "SELECT 1;" },
    "V2_orders.sql",
  ),
  loaded("a version with letters", { "migrations/RAW/V1.a__x.sql": "SELECT 1;" }, "V1.a__x.sql"),
  loaded("a prefix that means nothing", { "migrations/RAW/X2__x.sql": "SELECT 1;" }, "X2__x.sql"),
  loaded(
    "two scripts with one version",
    { "migrations/RAW/V1__again.sql": "SELECT 1;" },
    /V1__again\.sql|V1__orders\.sql/,
  ),
  loaded("a folder that is not a schema", { "migrations/NOPE/V2__x.sql": "SELECT 1;" }, "NOPE"),
  loaded(
    "an environment qualifier that names no environment",
    { "migrations/RAW/V2__x.qa.sql": "SELECT 1;" },
    "qa",
  ),
  loaded(
    "an undo script without its version",
    { "migrations/RAW/U9__undo.sql": "SELECT 1;" },
    "U9__undo.sql",
  ),
  loaded(
    "a repeatable requiring an unknown script",
    { "migrations/RAW/R__a.sql": "-- requires: R__zzz\nSELECT 1;\n" },
    "R__a.sql",
  ),
  loaded("an unterminated string", { [V2]: "SELECT 1;\nSELECT 'abc;\n" }, V2),
  loaded("an unterminated $$ body", { [V2]: "CREATE FUNCTION F() RETURNS INT AS $$\n  1\n" }, V2),
  loaded("an unterminated quoted identifier", { [V2]: 'SELECT 1 AS "abc;\n' }, V2),
  loaded("an unterminated block comment", { [V2]: "SELECT 1; /* never closed\n" }, V2),
  loaded("a template error in a migration", { [V2]: "SELECT {{nope}};\n" }, V2),
  run("a statement with a syntax error", "CREAT TABLE T (A INT);\n"),
  run("a column of an unknown type", "CREATE TABLE T (A NOTATYPE);\n"),
  run("an insert into a missing table", "INSERT INTO NO_SUCH_TABLE VALUES (1);\n", /NO_SUCH_TABLE|V2__bad/),
  run("a division by zero", "CREATE TABLE T AS SELECT 1/0 AS X;\n"),
  run("a DuckDB table function", "CREATE TABLE T AS SELECT * FROM read_csv('/etc/passwd');\n"),
  run("a second statement that fails", "CREATE TABLE T1 (A INT);\nSELECT * FROM NOT_THERE_EITHER;\n"),
];

describe.concurrent("bad input: templates", () => {
  it.each(templateInputs)(
    "$name",
    async (input) => {
      const result = await runInput(input);
      expect(judge(input, result), `${result.stdout}\n${result.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});

describe.concurrent("bad input: migration files", () => {
  it.each(migrationInputs)(
    "$name",
    async (input) => {
      const result = await runInput(input);
      expect(judge(input, result), `${result.stdout}\n${result.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});
