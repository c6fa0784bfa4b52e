/**
 * A value marked secret never reaches QUERY_HISTORY or an error, however the engine echoes it:
 * upper-cased as an unquoted identifier, quoted, with its quote doubled or backslash-escaped, or
 * in the engine's DuckDB encoding of names. Wired from the toolkit through the local driver.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalDriver } from "../../src/driver/local.js";
import { maskSecrets } from "../../src/driver/query-log.js";
import type { Driver } from "../../src/driver/types.js";
import { type Engine, openEngine } from "../../src/engine/index.js";
import { maskSecretValues } from "../../src/engine/secrets.js";

const CANARY = "canaryPlain_8e2d";
const QUOTED = "it's-S3cret";

describe("maskSecretValues", () => {
  it.each([
    ["as written", `SELECT '${CANARY}'`, "SELECT '****'"],
    ["upper-cased", `invalid identifier 'CANARYPLAIN_8E2D'`, "invalid identifier '****'"],
    [
      "inside a quoted identifier",
      `Referenced column "CanaryPlain_8E2D" not found`,
      `Referenced column "****" not found`,
    ],
    [
      "in the engine's encoding of names",
      `Table "^c^a^n^a^r^yP^l^a^i^n_8^e2^d" does not exist`,
      `Table "****" does not exist`,
    ],
    ["with its quote doubled", "SELECT 'it''s-S3cret'", "SELECT '****'"],
    ["with its quote backslash-escaped", "SELECT 'IT\\'S-S3CRET'", "SELECT '****'"],
  ])("%s", (_what, text, expected) => {
    expect(maskSecretValues(text, [CANARY, QUOTED])).toBe(expected);
  });

  it("leaves text without a secret, and values too short to mask, alone", () => {
    expect(maskSecretValues("SELECT 1 AS canary", [CANARY, "ab"])).toBe("SELECT 1 AS canary");
  });

  it("the toolkit's query log masks the same forms", () => {
    expect(maskSecrets(`invalid identifier 'CANARYPLAIN_8E2D'`, [CANARY])).toBe("invalid identifier '****'");
  });
});

describe("QUERY_HISTORY and errors of a session told its secrets", () => {
  let engine: Engine;
  let driver: Driver;

  beforeAll(async () => {
    engine = await openEngine({ path: ":memory:" });
    driver = await openLocalDriver(engine, { secrets: [CANARY, QUOTED] });
    await driver.execute("CREATE DATABASE D");
    await driver.execute("CREATE TABLE D.PUBLIC.T (A INT)");
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
    await engine?.close();
  });

  it("the error a statement fails with and its history row hold no form of the value", async () => {
    const failing = [
      `SELECT ${CANARY} FROM D.PUBLIC.T`,
      `SELECT "${CANARY}" FROM D.PUBLIC.T`,
      `SELECT * FROM D.PUBLIC.${CANARY}`,
      `SELECT * FROM D.PUBLIC."${CANARY}"`,
      `SELECT 'it''s-S3cret'::NUMBER`,
    ];
    for (const sql of failing) {
      const error = await driver.execute(sql).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error, sql).not.toBeNull();
      expect(error?.message.toLowerCase(), sql).not.toContain("canaryplain");
      expect(error?.message.toLowerCase(), sql).not.toContain("s3cret");
    }
    await driver.execute(`SELECT '${CANARY}' AS V, 'it''s-S3cret' AS W`);
    const history = await driver.execute(
      "SELECT QUERY_TEXT, COALESCE(ERROR_MESSAGE, '') FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY",
    );
    const text = JSON.stringify(history.rows).toLowerCase();
    expect(history.rows.length).toBeGreaterThan(failing.length);
    expect(text).toContain("****");
    expect(text).not.toContain("canaryplain");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("^c^a^n");
  });
});
