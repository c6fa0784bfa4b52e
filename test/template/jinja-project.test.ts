import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateUp, projectFromEnvironment } from "../../src/api/migrate.js";
import { renderFiles } from "../../src/api/render.js";
import { loadEnvironment } from "../../src/config/index.js";
import { localDriver, query } from "../migrate/helpers.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-jinja-project-"));
  await mkdir(path.join(root, "migrations", "RAW"), { recursive: true });
  await mkdir(path.join(root, "migrations", "_partials"));
  await mkdir(path.join(root, "modules"));
  await writeFile(
    path.join(root, "migrations", "RAW", "V1__sales.sql"),
    [
      "{% import 'modules/naming.j2' as naming %}",
      "CREATE TABLE {{ database }}.{{ schema }}.{{ naming.table(table) }} (",
      "  {% include '_partials/columns.sql' %}",
      ");",
      "",
    ].join("\n"),
  );
  await writeFile(
    path.join(root, "migrations", "_partials", "columns.sql"),
    "ID NUMBER, AMOUNT NUMBER(12,2)\n",
  );
  await writeFile(
    path.join(root, "modules", "naming.j2"),
    "{% macro table(name) %}{{ name | upper }}_T{% endmacro %}\n",
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function config(extra: string): Promise<void> {
  await writeFile(
    path.join(root, "mercurios.config.ts"),
    `export default { database: "APP", schemas: ["RAW"], vars: { table: "sales" },${extra} environments: { local: { kind: "local" } } };\n`,
  );
}

describe("a Mercurios project with templates: 'jinja'", () => {
  it("renders its migrations with Jinja: built-ins, config vars, partials and the modules folder", async () => {
    await config(' templates: "jinja",');
    const environment = await loadEnvironment({ cwd: root });
    const report = await renderFiles({ environment, files: ["migrations/RAW/V1__sales.sql"], cwd: root });
    expect(report.files[0]!.sql).toBe(
      "\nCREATE TABLE APP.RAW.SALES_T (\n  ID NUMBER, AMOUNT NUMBER(12,2)\n);",
    );
  });

  it("runs them with migrate up", { timeout: 120_000 }, async () => {
    await config(' templates: "jinja",');
    const project = projectFromEnvironment(await loadEnvironment({ cwd: root }));
    const driver = await localDriver(project);
    try {
      await driver.execute("CREATE DATABASE APP");
      await driver.execute("CREATE SCHEMA APP.RAW");
      const report = await migrateUp({ project, driver });
      expect(report.scripts.map((s) => s.script)).toEqual(["migrations/RAW/V1__sales.sql"]);
      expect(await query(driver, "SELECT COUNT(*) FROM APP.RAW.SALES_T")).toEqual([["0"]]);
    } finally {
      await driver.close();
    }
  });

  it("is Jinja when a schemachange-config.yml sits beside the config, unless the config says otherwise", async () => {
    await writeFile(path.join(root, "schemachange-config.yml"), "root-folder: migrations\n");
    await config("");
    expect((await loadEnvironment({ cwd: root })).templates).toBe("jinja");
    await config(' templates: "handlebars",');
    expect((await loadEnvironment({ cwd: root })).templates).toBeUndefined();
  });

  it("rejects an unknown template language with the config path", async () => {
    await config(' templates: "mustache",');
    await expect(loadEnvironment({ cwd: root })).rejects.toSatisfy((error: Error & { describe(): string }) =>
      /templates.*'handlebars' or 'jinja'/s.test(error.describe()),
    );
  });
});
