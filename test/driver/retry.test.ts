/**
 * Transient login failures are retried with backoff; permanent ones are not. A small real proxy in
 * front of the server answers the first login requests with 503 (or always).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import { DriverError } from "../../src/errors/index.js";
import { type Harness, openHarness } from "./targets.js";

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Forwards to the harness server, failing the first `failures` login requests with `status`. */
async function flakyProxy(
  failures: number,
  status = 503,
): Promise<{ url: string; logins: () => number; close(): Promise<void> }> {
  const target = new URL(harness.server.url);
  let logins = 0;
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith("/session/v1/login-request") && logins++ < failures) {
      incoming.resume();
      outgoing.writeHead(status, { "Content-Type": "application/json" });
      outgoing.end("{}");
      return;
    }
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logins: () => logins,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("login retries", () => {
  it("retries a login answered with 503 and connects once the endpoint recovers", async () => {
    const proxy = await flakyProxy(2);
    try {
      const env = { ...harness.restEnv(), SNOWFLAKE_ACCESS_URL: proxy.url };
      const driver = await connectSnowflake(resolveConnection(undefined, { env }), { loginAttempts: 3 });
      expect((await driver.execute("SELECT 'through' AS T")).rows).toEqual([["through"]]);
      expect(proxy.logins()).toBe(3);
      await driver.close();
    } finally {
      await proxy.close();
    }
  });

  it("gives up after its attempts with the HTTP status in the error", async () => {
    const proxy = await flakyProxy(100);
    try {
      const env = { ...harness.restEnv(), SNOWFLAKE_ACCESS_URL: proxy.url };
      const error = await connectSnowflake(resolveConnection(undefined, { env }), { loginAttempts: 2 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DriverError);
      expect((error as DriverError).code).toBe("CONNECT_FAILED");
      expect((error as DriverError).message).toContain("HTTP 503");
      expect(proxy.logins()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry a refused password", async () => {
    const proxy = await flakyProxy(0);
    try {
      const env = { ...harness.restEnv("ADMIN", "not-it"), SNOWFLAKE_ACCESS_URL: proxy.url };
      const error = await connectSnowflake(resolveConnection(undefined, { env }), { loginAttempts: 3 }).catch(
        (e: unknown) => e,
      );
      expect((error as DriverError).code).toBe("LOGIN_FAILED");
      expect(proxy.logins()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
