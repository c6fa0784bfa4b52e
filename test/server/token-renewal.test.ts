/**
 * Session-token expiry, on a clock the test drives. At the wire: an expired session token gets
 * Snowflake's 390112 and the master token renews it. Through the real snowflake-sdk: the driver sees
 * 390112, renews with its master token and retries, and the session keeps its state. A recording
 * proxy between the driver and the server shows that round trip, so a server that let expired tokens
 * through (and so never made the driver renew) fails here.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { startProxy } from "./http-proxy.js";

const VALIDITY_S = 60;
let now = Date.UTC(2026, 0, 5, 9, 0, 0);
let engine: Engine;
let server: RunningServer;

beforeEach(async () => {
  now = Date.UTC(2026, 0, 5, 9, 0, 0);
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine, { sessionTokenValiditySeconds: VALIDITY_S, now: () => now });
});
afterEach(async () => {
  await server?.close();
  await engine?.close();
});

interface Envelope {
  success: boolean;
  code: string | null;
  data: Record<string, unknown> | null;
}

async function post(path: string, body: unknown, token?: string): Promise<Envelope> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token === undefined ? {} : { Authorization: `Snowflake Token="${token}"` }),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Envelope;
}

describe("session token expiry", () => {
  it("an expired session token gets 390112; the master token renews it and the session state is kept", async () => {
    const login = await post("/session/v1/login-request", {
      data: { LOGIN_NAME: "admin", PASSWORD: "admin", ACCOUNT_NAME: "local" },
    });
    const token = login.data?.token as string;
    const masterToken = login.data?.masterToken as string;
    expect(login.data?.validityInSeconds).toBe(VALIDITY_S);
    expect(
      (await post("/queries/v1/query-request", { sqlText: "SET KEPT = 'same session'" }, token)).success,
    ).toBe(true);

    now += (VALIDITY_S - 1) * 1000;
    expect((await post("/queries/v1/query-request", { sqlText: "SELECT 1" }, token)).success).toBe(true);
    now += 1000;
    const expired = await post("/queries/v1/query-request", { sqlText: "SELECT 1" }, token);
    expect([expired.success, expired.code]).toEqual([false, "390112"]);

    const renewed = await post(
      "/session/token-request",
      { oldSessionToken: token, requestType: "RENEW" },
      masterToken,
    );
    expect(renewed.success).toBe(true);
    const fresh = renewed.data?.sessionToken as string;
    expect(fresh).not.toBe(token);
    expect(renewed.data?.validityInSecondsST).toBe(VALIDITY_S);
    // The old token is gone, not merely expired; the new one carries the same session.
    expect((await post("/queries/v1/query-request", { sqlText: "SELECT 1" }, token)).code).toBe("390104");
    const kept = await post("/queries/v1/query-request", { sqlText: "SELECT $KEPT AS K" }, fresh);
    expect(kept.success).toBe(true);
    expect(kept.data?.rowset).toEqual([["same session"]]);
    // A session token never renews a session: only the master token does.
    expect((await post("/session/token-request", { requestType: "RENEW" }, fresh)).code).toBe("390104");
  });

  it("snowflake-sdk answers 390112 by renewing with its master token, and carries on in the same session", async () => {
    const proxy = await startProxy(server.url);
    try {
      const env = {
        SNOWFLAKE_ACCOUNT: "local",
        SNOWFLAKE_USER: "ADMIN",
        SNOWFLAKE_PASSWORD: "admin",
        SNOWFLAKE_ACCESS_URL: proxy.url,
      };
      const driver = await connectSnowflake(resolveConnection(undefined, { env }));
      await driver.execute("SET KEPT = 'same session'");
      const before = proxy.seen.length;
      now += VALIDITY_S * 1000 + 1000;
      expect((await driver.execute("SELECT $KEPT")).rows).toEqual([["same session"]]);
      const renewal = proxy.seen
        .slice(before)
        .filter((s) => s.path === "/queries/v1/query-request" || s.path === "/session/token-request");
      expect(renewal).toEqual([
        { path: "/queries/v1/query-request", code: "390112" },
        { path: "/session/token-request", code: null },
        { path: "/queries/v1/query-request", code: null },
      ]);
      expect(server.sessionCount()).toBe(1);
      await driver.close();
      expect(server.sessionCount()).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
