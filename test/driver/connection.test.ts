import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { ConfigError } from "../../src/errors/index.js";

function snowflakeHome(toml: string, mode = 0o600): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mercurios-sfhome-"));
  const file = path.join(dir, "connections.toml");
  writeFileSync(file, toml);
  chmodSync(file, mode);
  return dir;
}

describe("connection resolution", () => {
  it("takes config fields first, then SNOWFLAKE_* variables, reading { env } references", () => {
    const env = {
      SNOWFLAKE_USER: "ENV_USER",
      SNOWFLAKE_ROLE: "ENV_ROLE",
      CI_PW: "pw-from-ci",
      SNOWFLAKE_WAREHOUSE: "WH",
    };
    const resolved = resolveConnection(
      { account: "acme-prod", user: "DEPLOYER", password: { env: "CI_PW" } },
      { env, configPath: "environments.prod.connection" },
    );
    expect(resolved).toMatchObject({
      account: "acme-prod",
      user: "DEPLOYER",
      role: "ENV_ROLE",
      warehouse: "WH",
      password: "pw-from-ci",
      authenticator: "SNOWFLAKE",
      secrets: ["pw-from-ci"],
    });
    expect(resolved.sources.user).toBe("config environments.prod.connection.user");
    expect(resolved.sources.role).toBe("env SNOWFLAKE_ROLE");
    expect(resolved.sources.password).toBe("env CI_PW (config environments.prod.connection.password)");
  });

  it("reads a named connections.toml connection below environment variables", () => {
    const home = snowflakeHome(
      '[dev]\naccount = "acme-dev"\nuser = "alice"\nprivate_key_file = "/keys/alice.p8"\nprivate_key_file_pwd = "tomlpass"\nrole = "DEV_ROLE"\n',
    );
    const resolved = resolveConnection("dev", { env: { SNOWFLAKE_HOME: home, SNOWFLAKE_ROLE: "OVERRIDE" } });
    expect(resolved).toMatchObject({
      account: "acme-dev",
      user: "alice",
      role: "OVERRIDE",
      privateKeyPath: "/keys/alice.p8",
      privateKeyPass: "tomlpass",
      authenticator: "SNOWFLAKE_JWT",
    });
    expect(resolved.sources.account).toBe("connections.toml [dev]");
  });

  it("refuses a connections.toml that group or others can write", () => {
    const home = snowflakeHome('[dev]\naccount = "a"\nuser = "u"\npassword = "p"\n', 0o664);
    expect(() => resolveConnection("dev", { env: { SNOWFLAKE_HOME: home } })).toThrowError(
      /writable by group or others/,
    );
  });

  it("names the missing connection and the known ones", () => {
    const home = snowflakeHome('[dev]\naccount = "a"\nuser = "u"\npassword = "p"\n');
    try {
      resolveConnection("prod", { env: { SNOWFLAKE_HOME: home } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain("has no connection [prod]");
      expect((error as ConfigError).hint).toBe("Known connections: dev.");
    }
  });

  it("says which credential an authenticator lacks, without any value", () => {
    expect(() =>
      resolveConnection({ account: "a", user: "u", authenticator: "SNOWFLAKE_JWT" }, { env: {} }),
    ).toThrowError(
      "Authenticator SNOWFLAKE_JWT needs SNOWFLAKE_PRIVATE_KEY or SNOWFLAKE_PRIVATE_KEY_PATH, and none is set.",
    );
    expect(() => resolveConnection(undefined, { env: { SNOWFLAKE_PASSWORD: "x" } })).toThrowError(
      "The Snowflake connection has no account and user.",
    );
  });

  it("fails when a referenced secret variable is unset, naming the variable", () => {
    expect(() =>
      resolveConnection({ account: "a", user: "u", token: { env: "MY_TOKEN" } }, { env: {} }),
    ).toThrowError("connection.token reads the environment variable MY_TOKEN, which is not set.");
  });

  it("infers the authenticator from the credential and accepts the programmatic access token", () => {
    const pat = resolveConnection(undefined, {
      env: { SNOWFLAKE_ACCOUNT: "a", SNOWFLAKE_USER: "u", SNOWFLAKE_TOKEN: "pat-secret" },
    });
    expect(pat.authenticator).toBe("PROGRAMMATIC_ACCESS_TOKEN");
    const oauth = resolveConnection(undefined, {
      env: {
        SNOWFLAKE_ACCOUNT: "a",
        SNOWFLAKE_USER: "u",
        SNOWFLAKE_AUTHENTICATOR: "oauth",
        SNOWFLAKE_TOKEN: "t",
      },
    });
    expect(oauth.authenticator).toBe("OAUTH");
    expect(() =>
      resolveConnection(undefined, {
        env: { SNOWFLAKE_ACCOUNT: "a", SNOWFLAKE_USER: "u", SNOWFLAKE_AUTHENTICATOR: "magic" },
      }),
    ).toThrowError("Unknown authenticator 'magic'.");
  });

  it("takes the local server's address from SNOWFLAKE_ACCESS_URL", () => {
    const resolved = resolveConnection(undefined, {
      env: {
        SNOWFLAKE_ACCOUNT: "local",
        SNOWFLAKE_USER: "ADMIN",
        SNOWFLAKE_PASSWORD: "admin",
        SNOWFLAKE_ACCESS_URL: "http://127.0.0.1:8085",
      },
    });
    expect(resolved.accessUrl).toBe("http://127.0.0.1:8085");
  });
});
