/**
 * snowflake-sdk renews an expired session token with its master token (code 390112) and carries on,
 * against our server with one-second session tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";

let engine: Engine;
let server: RunningServer;
beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine, { sessionTokenValiditySeconds: 1 });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

describe("session token renewal", () => {
  it("keeps a session's state across an expired token", async () => {
    const env = {
      SNOWFLAKE_ACCOUNT: "local",
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PASSWORD: "admin",
      SNOWFLAKE_ACCESS_URL: server.url,
    };
    const driver = await connectSnowflake(resolveConnection(undefined, { env }));
    await driver.execute("SET KEPT = 'same session'");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await driver.execute("SELECT $KEPT")).rows).toEqual([["same session"]]);
    expect(server.sessionCount()).toBe(1);
    await driver.close();
    expect(server.sessionCount()).toBe(0);
  });
});
