import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResolvedEnvironment } from "../../src/config/index.js";
import { createDriver, queryTag } from "../../src/driver/index.js";
import { type Harness, openHarness } from "./targets.js";

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The parts of a resolved environment the driver factory reads. */
function environment(fields: Partial<ResolvedEnvironment>): ResolvedEnvironment {
  return { name: "local", kind: "local", secrets: [], ...fields } as ResolvedEnvironment;
}

describe("createDriver", () => {
  it("opens the local engine file of a local environment and tags statements with the command", async () => {
    const localDb = path.join(
      mkdtempSync(path.join(tmpdir(), "mercurios-create-")),
      "nested",
      "local.duckdb",
    );
    const driver = await createDriver(environment({ localDb }), { command: "migrate" });
    expect(driver.kind).toBe("local");
    expect((await driver.execute("SELECT 1 AS ONE")).rows).toEqual([["1"]]);
    expect(driver.queryLog[0]!.queryTag).toBe("mercurios/migrate/local");
    await driver.close();
  });

  it("connects a snowflake environment through snowflake-sdk, secrets from the environment", async () => {
    const env = { SNOWFLAKE_ACCESS_URL: harness.server.url, CI_SNOWFLAKE_PW: "admin" };
    const driver = await createDriver(
      environment({
        name: "dev",
        kind: "snowflake",
        connection: { account: "local", user: "ADMIN", password: { env: "CI_SNOWFLAKE_PW" } },
      }),
      { command: "drift", env },
    );
    expect(driver.kind).toBe("snowflake");
    expect((await driver.execute("SELECT 'ok' AS STATUS")).rows).toEqual([["ok"]]);
    expect(driver.queryLog[0]!.queryTag).toBe("mercurios/drift/dev");
    await driver.close();
  });

  it("builds query tags with an optional script", () => {
    expect(queryTag("migrate", "prod", "RAW/V1__init.sql")).toBe("mercurios/migrate/prod/RAW/V1__init.sql");
  });
});
