/**
 * The two drivers the contract suite runs against: the local engine in-process, and the real
 * snowflake-sdk talking to `local serve` on 127.0.0.1 (started in-process on port 0).
 */
import { resolveConnection } from "../../src/driver/connection.js";
import { openLocalDriver } from "../../src/driver/local.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import type { Driver, DriverOptions } from "../../src/driver/types.js";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";

/** A bearer token the harness server accepts for ADMIN (OAuth and programmatic access token logins). */
export const CONTRACT_TOKEN = "contract-token-for-admin";

export interface Target {
  name: "local" | "rest";
  connect(options?: DriverOptions): Promise<Driver>;
}

export interface Harness {
  engine: Engine;
  server: RunningServer;
  targets: Target[];
  /** The environment variables a Snowflake connection to the server needs, with the given credentials. */
  restEnv(user?: string, password?: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** One in-memory engine, served over REST and opened in-process. */
export async function openHarness(): Promise<Harness> {
  const engine = await openEngine({ path: ":memory:" });
  const server = await startServer(engine, { port: 0, tokens: { [CONTRACT_TOKEN]: "ADMIN" } });
  const restEnv = (user = "ADMIN", password = "admin"): NodeJS.ProcessEnv => ({
    SNOWFLAKE_ACCOUNT: "local",
    SNOWFLAKE_USER: user,
    SNOWFLAKE_PASSWORD: password,
    SNOWFLAKE_ACCESS_URL: server.url,
  });
  return {
    engine,
    server,
    restEnv,
    targets: [
      { name: "local", connect: (options = {}) => openLocalDriver(engine, options) },
      {
        name: "rest",
        connect: (options = {}) =>
          connectSnowflake(resolveConnection(undefined, { env: restEnv() }), options),
      },
    ],
    async close() {
      await server.close();
      await engine.close();
    },
  };
}
