import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  loadConfig,
  loadEnvironment,
  parseVarAssignments,
  resolveEnvironment,
  validateConfig,
} from "../../src/config/index.js";
import { ConfigError, ValidationError } from "../../src/errors/index.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/projects");
const valid = path.join(fixtures, "valid");
const repoRoot = path.resolve(import.meta.dirname, "../..");

function problemsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => p.describe());
}

describe("loading mercurios.config.ts", () => {
  it("loads the valid fixture with defaults filled in", async () => {
    const loaded = await loadConfig({ cwd: path.join(valid, "migrations", "RAW") });
    expect(loaded.root).toBe(valid);
    expect(loaded.configFile).toBe(path.join(valid, "mercurios.config.ts"));
    expect(loaded.config.database).toBe("SHOP_DATA");
    expect(loaded.config.schemas).toEqual(["RAW", "ANALYTICS", "ADMIN"]);
    expect(loaded.config.defaultEnvironment).toBe("local");
    expect(Object.keys(loaded.config.environments)).toEqual(["local", "dev", "prod"]);
    expect(loaded.config.history).toEqual({ schema: "ADMIN", table: "MERCURIOS_CHANGE_HISTORY" });
    expect(loaded.config.tenants).toEqual([
      { id: "acme", name: "Acme Retail", source: "prohandel" },
      { id: "o-hara", name: "O'Hara & Sons", source: "prohandel" },
    ]);
    expect(loaded.config.seed).toEqual({
      environments: ["local"],
      randomSeed: 42,
      days: 90,
      endDate: "2026-10-31",
    });
  });

  it("loads the repository's own config, with prod on account vrxdfzx-zz95717", async () => {
    const loaded = await loadConfig({ cwd: repoRoot });
    expect(loaded.config.database).toBe("MERCURIOS_DATA");
    expect(loaded.config.schemas).toEqual(["RAW", "STANDARD", "ANALYTICS", "ADMIN"]);
    expect(Object.keys(loaded.config.environments)).toEqual(["local", "dev", "staging", "prod"]);
    const prod = loaded.config.environments.prod;
    expect(prod?.kind).toBe("snowflake");
    expect(prod?.kind === "snowflake" && typeof prod.connection === "object" && prod.connection.account).toBe(
      "vrxdfzx-zz95717",
    );
  });

  it("reports all five mistakes of a broken config, each with its path", async () => {
    const error = await loadConfig({ cwd: path.join(fixtures, "five-mistakes") }).catch((e: unknown) => e);
    expect((error as ValidationError).code).toBe("CONFIG_INVALID");
    expect((error as ValidationError).message).toBe("5 problems in the config:");
    expect(problemsOf(error)).toEqual([
      "environments.dev.kind: expected kind: 'local' or 'snowflake', got 'cloud'",
      "environments.prod.connection.user: expected string or { env: 'VARIABLE_NAME' }, got number",
      "environments.prod.connection.password: a literal secret is not allowed in the config file; write { env: 'VARIABLE_NAME' } and set that environment variable",
      "tenants[0].id: a tenant id is lower-case letters, digits, '_' and '-'",
      "histroy: unknown key (check the spelling)",
    ]);
  });

  it("says which file failed to load when the config throws", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-config-"));
    try {
      writeFileSync(path.join(dir, "mercurios.config.ts"), 'throw new Error("boom");\n');
      const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe("CONFIG_LOAD");
      expect((error as ConfigError).message).toContain("mercurios.config.ts: boom");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails clearly when there is no config", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-noconfig-"));
    try {
      const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
      expect((error as ConfigError).code).toBe("CONFIG_NOT_FOUND");
      expect((error as ConfigError).hint).toBe("Run mercurios inside a project, or pass --config PATH.");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the config schema", () => {
  const base = { database: "D", schemas: ["RAW"], environments: { local: { kind: "local" } } };

  it("rejects a var that would shadow a built-in template variable", () => {
    const error = (() => {
      try {
        validateConfig({ ...base, vars: { schema: "X" } });
      } catch (e) {
        return e;
      }
    })();
    expect(problemsOf(error)).toEqual([
      "vars.schema: 'schema' is a built-in template variable and cannot be a var name",
    ]);
  });

  it("rejects a literal private key passphrase and an unknown default environment", () => {
    const error = (() => {
      try {
        validateConfig({
          ...base,
          defaultEnvironment: "dev",
          environments: {
            local: { kind: "local" },
            prod: { kind: "snowflake", connection: { account: "a", user: "u", privateKeyPass: "secret!" } },
          },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(problemsOf(error)).toEqual([
      "environments.prod.connection.privateKeyPass: a literal secret is not allowed in the config file; write { env: 'VARIABLE_NAME' } and set that environment variable",
      "defaultEnvironment: 'dev' is not an environment; known: local, prod",
    ]);
  });

  it("accepts drift ignore patterns '<KIND> <NAME>' and rejects a bare name", () => {
    const patterns = ["ROLE ACCOUNTADMIN", "role public", "GRANT * -> MERCURIOS_ANALYST", "* SNOWFLAKE*"];
    expect(validateConfig({ ...base, ignore: patterns }).ignore).toEqual(patterns);
    const error = (() => {
      try {
        validateConfig({ ...base, ignore: ["ROLE SYSADMIN", "ACCOUNTADMIN"] });
      } catch (e) {
        return e;
      }
    })();
    expect(problemsOf(error)).toEqual([
      "ignore[1]: expected '<KIND> <NAME pattern>', e.g. 'ROLE ACCOUNTADMIN' or 'VIEW *.TMP_*'",
    ]);
  });

  it("reports a missing database and an empty schema list", () => {
    const error = (() => {
      try {
        validateConfig({ schemas: [], environments: { local: { kind: "local" } } });
      } catch (e) {
        return e;
      }
    })();
    expect(problemsOf(error)).toEqual([
      "database: required (expected string)",
      "schemas: list at least one schema",
    ]);
  });
});

describe("resolving an environment", () => {
  let loadedPromise: ReturnType<typeof loadConfig> | undefined;
  const loaded = () => {
    loadedPromise ??= loadConfig({ cwd: valid });
    return loadedPromise;
  };

  it("defaults to local with the DuckDB file under the project root", async () => {
    const env = resolveEnvironment(await loaded(), { processEnv: {} });
    expect(env.name).toBe("local");
    expect(env.kind).toBe("local");
    expect(env.database).toBe("SHOP_DATA");
    expect(env.localDb).toBe(path.join(valid, ".mercurios", "local.duckdb"));
    expect(env.history).toEqual({
      database: "SHOP_DATA",
      schema: "ADMIN",
      table: "MERCURIOS_CHANGE_HISTORY",
    });
    expect(env.vars).toEqual({ warehouse: "SHOP_WH", retention_days: 3 });
    expect(env.unresolvedVars).toEqual({
      loader_password: {
        path: "vars.loader_password",
        reason:
          "var 'loader_password' reads the environment variable FIXTURE_LOADER_PASSWORD, which is not set",
      },
    });
    expect(env.secrets).toEqual([]);
  });

  it("applies environment vars, the database override and --var overrides in that order", async () => {
    const env = resolveEnvironment(await loaded(), {
      env: "dev",
      vars: { warehouse: "OTHER_WH" },
      processEnv: { FIXTURE_LOADER_PASSWORD: "pa55" },
    });
    expect(env.database).toBe("SHOP_DATA_DEV");
    expect(env.history.database).toBe("SHOP_DATA_DEV");
    expect(env.connection).toBe("shop_dev");
    expect(env.localDb).toBeUndefined();
    expect(env.vars).toEqual({ warehouse: "OTHER_WH", retention_days: 1, loader_password: "pa55" });
    expect(env.secrets).toEqual(["pa55"]);
  });

  it("treats a --var for a secret var as a secret", async () => {
    const env = resolveEnvironment(await loaded(), { vars: { loader_password: "from-cli" }, processEnv: {} });
    expect(env.vars.loader_password).toBe("from-cli");
    expect(env.secrets).toEqual(["from-cli"]);
    expect(env.unresolvedVars).toEqual({});
  });

  it("lists the known environments for an unknown --env", async () => {
    const unknown = await loaded().then((l) => {
      try {
        resolveEnvironment(l, { env: "qa" });
      } catch (e) {
        return e as ConfigError;
      }
    });
    expect(unknown?.code).toBe("UNKNOWN_ENVIRONMENT");
    expect(unknown?.message).toBe("unknown environment 'qa'.");
    expect(unknown?.hint).toBe("Known environments: local, dev, prod. Pick one with --env.");
  });

  it("takes --local-db over MERCURIOS_LOCAL_DB over the config", async () => {
    const fromEnv = resolveEnvironment(await loaded(), {
      processEnv: { MERCURIOS_LOCAL_DB: "/tmp/a.duckdb" },
    });
    expect(fromEnv.localDb).toBe("/tmp/a.duckdb");
    const fromFlag = resolveEnvironment(await loaded(), {
      processEnv: { MERCURIOS_LOCAL_DB: "/tmp/a.duckdb" },
      localDb: "/tmp/b.duckdb",
    });
    expect(fromFlag.localDb).toBe("/tmp/b.duckdb");
  });

  it("keeps :memory: as the throwaway engine, not a file named ':memory:'", async () => {
    const memory = resolveEnvironment(await loaded(), { processEnv: {}, localDb: ":memory:" });
    expect(memory.localDb).toBe(":memory:");
  });

  it("loads and resolves in one call", async () => {
    const env = await loadEnvironment({ cwd: valid, env: "prod", processEnv: {} });
    expect(env.name).toBe("prod");
    expect(env.vars.retention_days).toBe(30);
    expect(env.connection).toEqual({
      account: "vrxdfzx-zz95717",
      user: { env: "SNOWFLAKE_USER" },
      role: "SHOP_ADMIN",
      password: { env: "SNOWFLAKE_PASSWORD" },
    });
  });
});

describe("--var parsing", () => {
  it("splits at the first '='", () => {
    expect(parseVarAssignments(["a=1", "url=x=y", "empty="])).toEqual({ a: "1", url: "x=y", empty: "" });
  });

  it("rejects malformed and reserved names", () => {
    expect(() => parseVarAssignments(["novalue"])).toThrow("--var 'novalue' is not of the form name=value.");
    expect(() => parseVarAssignments(["database=X"])).toThrow(
      "--var database would shadow the built-in template variable 'database'.",
    );
  });
});

describe("a project outside this repository", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mercurios-outside-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("can import defineConfig from 'mercurios'", async () => {
    writeFileSync(
      path.join(dir, "mercurios.config.ts"),
      [
        'import { defineConfig } from "mercurios";',
        "const schemas: string[] = ['RAW'];",
        'export default defineConfig({ database: "ELSEWHERE", schemas, environments: { local: { kind: "local" } } });',
        "",
      ].join("\n"),
    );
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.config.database).toBe("ELSEWHERE");
    expect(loaded.root).toBe(dir);
  });
});
