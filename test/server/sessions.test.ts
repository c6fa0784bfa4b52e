import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { SessionRegistry, tokenFromHeader } from "../../src/engine/server/sessions.js";
import type { Engine } from "../../src/engine/types.js";

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
});
afterAll(async () => {
  await engine?.close();
});

describe("server sessions", () => {
  it("expires session tokens, renews them with the master token, and sweeps abandoned sessions", async () => {
    let now = 1_000_000;
    const registry = new SessionRegistry(60, () => now);
    const session = registry.create("ADMIN", await engine.openSession());
    const header = (token: string) => `Snowflake Token="${token}"`;
    expect(registry.bySession(header(session.sessionToken)).status).toBe("ok");
    now += 61_000;
    expect(registry.bySession(header(session.sessionToken)).status).toBe("expired");
    const old = session.sessionToken;
    registry.renew(session);
    expect(registry.bySession(header(old)).status).toBe("unknown");
    expect(registry.bySession(header(session.sessionToken)).status).toBe("ok");
    expect(await registry.sweep()).toBe(0);
    now += 14_400_000;
    expect(await registry.sweep()).toBe(1);
    expect(registry.size).toBe(0);
    expect(registry.byMaster(header(session.masterToken)).status).toBe("unknown");
  });

  it("reads the token from Snowflake's Authorization header only", () => {
    expect(tokenFromHeader('Snowflake Token="ST:abc"')).toBe("ST:abc");
    expect(tokenFromHeader("Bearer ST:abc")).toBeUndefined();
    expect(tokenFromHeader('Snowflake Token=""')).toBeUndefined();
    expect(tokenFromHeader(undefined)).toBeUndefined();
  });
});
