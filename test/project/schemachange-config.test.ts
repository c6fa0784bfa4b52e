import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors/index.js";
import {
  loadSchemachangeConfig,
  parseSchemachangeTable,
  schemachangeSecrets,
} from "../../src/project/schemachange.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mercurios-scconfig-"));
  await mkdir(path.join(dir, "scripts"));
  await mkdir(path.join(dir, "modules"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(yaml: string, processEnv: NodeJS.ProcessEnv = {}, vars: Record<string, string> = {}) {
  const file = path.join(dir, "schemachange-config.yml");
  await writeFile(file, yaml);
  return loadSchemachangeConfig(file, { processEnv, vars });
}

describe("schemachange-config.yml", () => {
  it("reads a config-version 1 file after rendering its env_var() calls", async () => {
    const config = await load(
      [
        "config-version: 1",
        "root-folder: scripts",
        "modules-folder: ./modules",
        "change-history-table: \"{{ env_var('SNOWFLAKE_DATABASE') }}.deploy.history\"",
        "create-change-history-table: true",
        "query-tag: nightly",
        "connection-name: ci",
        "snowflake-warehouse: WH",
        "vars:",
        "  database_name: \"{{ env_var('SNOWFLAKE_DATABASE', 'DEMO') }}\"",
        "  tables:",
        "    sales: SALES",
        "  secrets:",
        "    api_key: k-1",
        "  db_secret_token: t-2",
      ].join("\n"),
      { SNOWFLAKE_DATABASE: "PROD_DB" },
    );
    expect(config).toMatchObject({
      configVersion: 1,
      rootFolder: path.join(dir, "scripts"),
      modulesFolder: path.join(dir, "modules"),
      createChangeHistoryTable: true,
      queryTag: "nightly",
      connectionName: "ci",
      vars: { database_name: "PROD_DB", tables: { sales: "SALES" } },
      changeHistoryTable: { qualified: "PROD_DB.DEPLOY.HISTORY" },
      ignoredKeys: ["snowflake-warehouse"],
    });
    expect(config.secrets.sort()).toEqual(["k-1", "t-2"]);
  });

  it("reads the schemachange: section of a config-version 2 file", async () => {
    const config = await load(
      [
        "config-version: 2",
        "schemachange:",
        "  root-folder: scripts",
        "  vars:",
        "    schema_name: RAW",
        "snowflake:",
        "  account: acme",
      ].join("\n"),
    );
    expect(config).toMatchObject({
      configVersion: 2,
      rootFolder: path.join(dir, "scripts"),
      modulesFolder: null,
      vars: { schema_name: "RAW" },
      createChangeHistoryTable: false,
      changeHistoryTable: { qualified: "METADATA.SCHEMACHANGE.CHANGE_HISTORY" },
      ignoredKeys: ["snowflake"],
    });
  });

  it("lets SCHEMACHANGE_* variables override the file and --var override both, as schemachange does", async () => {
    const config = await load(
      "root-folder: scripts\nvars:\n  a: file\n  b: file\n  c: file\n",
      {
        SCHEMACHANGE_VARS: '{"b": "env", "c": "env"}',
        SCHEMACHANGE_CHANGE_HISTORY_TABLE: "OPS.LOG",
      },
      { c: "cli" },
    );
    expect(config.vars).toEqual({ a: "file", b: "env", c: "cli" });
    expect(config.changeHistoryTable.qualified).toBe("METADATA.OPS.LOG");
  });

  it("resolves history table names as schemachange does: defaults, upper case, quoted parts kept", () => {
    expect(parseSchemachangeTable(undefined).qualified).toBe("METADATA.SCHEMACHANGE.CHANGE_HISTORY");
    expect(parseSchemachangeTable("hist").qualified).toBe("METADATA.SCHEMACHANGE.HIST");
    expect(parseSchemachangeTable('db."My Schema".t').qualified).toBe('DB."My Schema".T');
    expect(parseSchemachangeTable("db.my-schema.t").qualified).toBe('DB."my-schema".T');
    expect(() => parseSchemachangeTable("a.b.c.d")).toThrow(ConfigError);
  });

  it("finds secrets as schemachange does (under secrets:, or secret in the key) and as we do", () => {
    expect(
      schemachangeSecrets({
        plain: "visible",
        my_secret: "s1",
        nested: { secrets: { x: "s2", deeper: { y: "s3" } } },
        loader_password: "s4",
      }).sort(),
    ).toEqual(["s1", "s2", "s3", "s4"]);
  });

  it("says which file and key are wrong", async () => {
    await expect(load("root-folder: nowhere\n")).rejects.toMatchObject({
      code: "SCHEMACHANGE_FOLDER",
      location: { path: "root-folder" },
    });
    await expect(load("vars: [1, 2]\n")).rejects.toMatchObject({ code: "SCHEMACHANGE_CONFIG_VALUE" });
    await expect(load("vars:\n  schemachange: x\n")).rejects.toMatchObject({ code: "SCHEMACHANGE_VARS" });
    await expect(load("vars: {a: 1\n")).rejects.toMatchObject({ code: "SCHEMACHANGE_CONFIG_YAML" });
    await expect(load("config-version: 3\n")).rejects.toMatchObject({ code: "SCHEMACHANGE_CONFIG_VERSION" });
    await expect(load("root-folder: \"{{ env_var('NOPE') }}\"\n")).rejects.toMatchObject({
      code: "TEMPLATE_ENV_UNSET",
    });
  });
});
