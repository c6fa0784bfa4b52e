import { describe, expect, it } from "vitest";
import { maskSecrets, QueryLog } from "../../src/driver/query-log.js";

describe("secret masking in the query log", () => {
  it("masks password, token and passphrase literals in SQL", () => {
    expect(maskSecrets("CREATE USER fivetran PASSWORD = 'Sup3r''secret' DEFAULT_ROLE = LOADER")).toBe(
      "CREATE USER fivetran PASSWORD = '****' DEFAULT_ROLE = LOADER",
    );
    expect(maskSecrets("alter user x set rsa_public_key='MIIB' password='x1'")).toBe(
      "alter user x set rsa_public_key='MIIB' password='****'",
    );
    expect(maskSecrets("CREATE SECRET s TYPE = PASSWORD USERNAME = 'u' PASSWORD = 'p'")).toBe(
      "CREATE SECRET s TYPE = PASSWORD USERNAME = 'u' PASSWORD = '****'",
    );
  });

  it("masks known secret values anywhere, also in errors", () => {
    const log = new QueryLog(["hunter2"]);
    log.record({
      sql: "select 'hunter2'",
      queryIds: ["q"],
      durationMs: 1,
      ok: false,
      statementCount: 1,
      error: "bad hunter2",
    });
    expect(log.entries[0]).toMatchObject({ sql: "select '****'", error: "bad ****" });
  });
});
