/**
 * Bad input in mercurios.config.ts and on the command line: each is one CLI process on a fresh
 * copy of an `init` project, answered with exit 1, a named file or flag, no INTERNAL, no stack.
 */
import { describe, expect, it } from "vitest";
import { type BadInput, HANG_MS, judge, runInput } from "./harness.js";

const RENDER = ["render", "migrations/RAW/V1__orders.sql"];
const ENVS = `environments: { local: { kind: "local" }, dev: { kind: "snowflake", connection: "dev" } }`;
/** A config file with these fields (the init project's own, unless replaced). */
const config = (fields: string) =>
  `import { defineConfig } from "mercurios";\nexport default defineConfig({\n${fields}\n});\n`;
const withConfig = (
  name: string,
  text: string,
  names: string | RegExp = "mercurios.config.ts",
): BadInput => ({
  name,
  files: { "mercurios.config.ts": text },
  args: RENDER,
  names,
});

const configInputs: BadInput[] = [
  withConfig("a syntax error", 'import { defineConfig } from "mercurios";\nexport default defineConfig({\n'),
  withConfig("no default export", "export const config = { database: 'SHOP' };\n"),
  withConfig("a default export that is a number", "export default 42;\n"),
  withConfig("an empty file", ""),
  withConfig("a top level that throws", 'throw new Error("config exploded");\n'),
  withConfig("an import of a missing file", 'import x from "./nope.js";\nexport default x;\n'),
  withConfig("an import of a missing package", 'import x from "no-such-package-xyz";\nexport default x;\n'),
  {
    ...withConfig(
      "a top level that never finishes",
      "await new Promise(() => setInterval(() => {}, 1000));\nexport default {};\n",
      /mercurios\.config\.ts did not finish loading within 2 s/,
    ),
    // The load timeout shortened so that the suite does not wait 30 s.
    env: { MERCURIOS_CONFIG_TIMEOUT_MS: "2000" },
  },
  withConfig("binary garbage", "\u0000\u0001\u0002\u00ff\ufffe garbage"),
  withConfig("no database", config(`schemas: ["RAW", "ANALYTICS"], ${ENVS}`), "database"),
  withConfig(
    "a database name with a dash",
    config(`database: "my-db", schemas: ["RAW"], ${ENVS}`),
    "database",
  ),
  withConfig(
    "a database name that is a number",
    config(`database: 7, schemas: ["RAW"], ${ENVS}`),
    "database",
  ),
  withConfig("schemas as a string", config(`database: "SHOP", schemas: "RAW", ${ENVS}`), "schemas"),
  withConfig(
    "a schema name with a space",
    config(`database: "SHOP", schemas: ["RAW DATA"], ${ENVS}`),
    "schemas",
  ),
  withConfig(
    "an environment of an unknown kind",
    config(`database: "SHOP", schemas: ["RAW"], environments: { local: { kind: "oracle" } }`),
    "environments.local",
  ),
  withConfig(
    "a default environment that is not declared",
    config(`database: "SHOP", schemas: ["RAW"], defaultEnvironment: "nowhere", ${ENVS}`),
    "nowhere",
  ),
  withConfig(
    "a literal password in a connection",
    config(
      `database: "SHOP", schemas: ["RAW"], environments: { local: { kind: "local" }, prod: { kind: "snowflake", connection: { account: "a", user: "u", password: "hunter2-literal" } } }`,
    ),
    "password",
  ),
  withConfig(
    "a var that is an object",
    config(`database: "SHOP", schemas: ["RAW"], vars: { deep: { a: 1 } }, ${ENVS}`),
    "vars",
  ),
  withConfig(
    "a misspelt top-level key",
    config(`databse: "SHOP", schemas: ["RAW"], ${ENVS}`),
    /databse|database/,
  ),
  withConfig(
    "a history table name that is not an identifier",
    config(`database: "SHOP", schemas: ["RAW"], history: { schema: "RAW", table: "1 bad" }, ${ENVS}`),
    "history",
  ),
  withConfig(
    "tenants of the wrong shape",
    config(`database: "SHOP", schemas: ["RAW"], tenants: [{ name: 1 }], ${ENVS}`),
    "tenants",
  ),
  withConfig(
    "environments as a list",
    config(`database: "SHOP", schemas: ["RAW"], environments: ["local"]`),
    "environments",
  ),
  withConfig(
    "an ignore pattern without a kind",
    config(`database: "SHOP", schemas: ["RAW"], ignore: [42], ${ENVS}`),
    "ignore",
  ),
  {
    name: "no config anywhere",
    files: { "mercurios.config.ts": null },
    args: RENDER,
    names: "mercurios.config.ts",
  },
  {
    name: "--config naming a missing file",
    args: ["--config", "nope.config.ts", ...RENDER],
    names: "nope.config.ts",
  },
  { name: "--config naming a directory", args: ["--config", "migrations", ...RENDER], names: "migrations" },
  { name: "--env naming an unknown environment", args: ["--env", "qa", ...RENDER], names: "qa" },
  {
    name: "MERCURIOS_ENV naming an unknown environment",
    args: RENDER,
    env: { MERCURIOS_ENV: "staging9" },
    names: "staging9",
  },
];

const flagInputs: BadInput[] = [
  { name: "an unknown command", args: ["frobnicate"], names: "frobnicate" },
  { name: "an unknown global flag", args: ["--frobnicate", "plan"], names: "--frobnicate" },
  { name: "an unknown flag of a command", args: ["plan", "--yes-please"], names: "--yes-please" },
  { name: "--format that no command prints", args: ["--format", "xml", "plan"], names: "xml" },
  { name: "--format the command does not print", args: ["--format", "csv", "plan"], names: "csv" },
  { name: "--format mermaid for render", args: ["--format", "mermaid", ...RENDER], names: "mermaid" },
  { name: "--format without a value", args: ["plan", "--format"], names: "--format" },
  { name: "--var without '='", args: ["--var", "warehouse", ...RENDER], names: "warehouse" },
  { name: "--var with a name that is not one", args: ["--var", "1 x=2", ...RENDER], names: "1 x" },
  {
    name: "--var overriding a reserved name",
    args: ["--var", "database=OTHER", ...RENDER],
    names: "database",
  },
  { name: "render without a file", args: ["render"], names: "file" },
  {
    name: "render of a missing file",
    args: ["render", "migrations/RAW/V9__nope.sql"],
    names: "V9__nope.sql",
  },
  { name: "render of a directory", args: ["render", "migrations/RAW"], names: "migrations/RAW" },
  { name: "migrate up --to that is not a version", args: ["migrate", "up", "--to", "abc"], names: "abc" },
  {
    name: "migrate up --lock-timeout that is not a number",
    args: ["migrate", "up", "--lock-timeout", "soon"],
    names: "soon",
  },
  {
    name: "migrate up --lock-timeout below zero",
    args: ["migrate", "up", "--lock-timeout", "-5"],
    names: "-5",
  },
  {
    name: "migrate up --lock-ttl beyond a day",
    args: ["migrate", "up", "--lock-ttl", "999999"],
    names: "999999",
  },
  { name: "migrate down --to that is not a version", args: ["migrate", "down", "--to", "x.y"], names: "x.y" },
  {
    name: "migrate baseline --version that is not a version",
    args: ["migrate", "baseline", "--version", "v-one"],
    names: "v-one",
  },
  { name: "migrate baseline without a version", args: ["migrate", "baseline"], names: "--version" },
  { name: "seed in a project without sample data", args: ["seed", "--scale", "2"], names: "extensions.seed" },
  {
    name: "drift --include of something else",
    args: ["drift", "--include", "everything"],
    names: "everything",
  },
  {
    name: "drift --out in a missing folder",
    args: ["drift", "--out", "no/such/dir/drift.json"],
    names: "no/such/dir",
  },
  { name: "drift --out naming a folder", args: ["drift", "--out", "migrations"], names: "migrations" },
  {
    name: "drift with two --out files, one of an unknown extension",
    args: ["drift", "--out", "drift.json", "--out", "drift.docx"],
    names: "drift.docx",
  },
  {
    name: "views preview of an undeclared view",
    args: ["views", "preview", "NOPE_VIEW"],
    names: /NOPE_VIEW|local\.duckdb/,
  },
  {
    name: "views lineage of an undeclared view",
    args: ["views", "lineage", "NOPE_VIEW"],
    names: "NOPE_VIEW",
  },
  { name: "views diff of an undeclared view", args: ["views", "diff", "NOPE_VIEW"], names: "NOPE_VIEW" },
  { name: "sql without a statement", args: ["sql"], names: "sql" },
  { name: "sql --file of a missing file", args: ["sql", "--file", "missing.sql"], names: "missing.sql" },
  { name: "init into an existing project", args: ["init", "."], names: "mercurios.config.ts" },
  {
    name: "a Snowflake environment without connections.toml",
    args: ["--env", "dev", "plan"],
    env: { SNOWFLAKE_HOME: "/nonexistent-mercurios-home", HOME: "/nonexistent-mercurios-home" },
    names: "connections.toml",
  },
];

describe.concurrent("bad input: mercurios.config.ts", () => {
  it.each(configInputs)(
    "$name",
    async (input) => {
      const run = await runInput(input);
      expect(judge(input, run), `${run.stdout}\n${run.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});

describe.concurrent("bad input: command-line flags", () => {
  it.each(flagInputs)(
    "$name",
    async (input) => {
      const run = await runInput(input);
      expect(judge(input, run), `${run.stdout}\n${run.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});
