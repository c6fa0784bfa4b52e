/**
 * `mercurios local serve` as users run it: a child process, first line `listening on …`, the real
 * snowflake-sdk connecting to it, and a clean stop on SIGTERM and SIGINT.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";

const BIN = path.resolve("bin/mercurios.js");
const started: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  firstLine: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function serve(args: string[], cwd: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "local", "serve", ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
  });
  started.push(child);
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0) resolve(out.slice(0, newline));
    });
    child.on("exit", (code) => reject(new Error(`local serve exited with ${code}: ${err}`)));
  });
  const url = /^listening on (http:\/\/\S+)$/.exec(firstLine)?.[1] ?? "";
  return { child, url, firstLine, stdout: () => out, stderr: () => err, exited };
}

describe("mercurios local serve", () => {
  it("prints its address first, serves snowflake-sdk, and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-serve-"));
    const served = await serve(["--port", "0", "--local-db", path.join(dir, "engine.duckdb")], dir);
    expect(served.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const env = {
      SNOWFLAKE_ACCOUNT: "local",
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PASSWORD: "admin",
      SNOWFLAKE_ACCESS_URL: served.url,
    };
    const driver = await connectSnowflake(resolveConnection(undefined, { env }));
    await driver.execute("CREATE DATABASE SERVED");
    const result = await driver.execute("SELECT 6 * 7 AS ANSWER, 'served' AS WHO");
    expect(result.rows).toEqual([["42", "served"]]);
    expect((await driver.execute("SHOW DATABASES LIKE 'SERVED'")).rows.length).toBe(1);
    await driver.close();
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect(served.stdout()).toContain("stopped");
    expect(served.stderr()).toBe("");
    expect(existsSync(path.join(dir, "engine.duckdb"))).toBe(true);
    expect(existsSync(path.join(dir, "snowflake.log"))).toBe(false);
  });

  it("persists to its file: a second run sees what the first created, and SIGINT stops it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-serve-"));
    const file = path.join(dir, "engine.duckdb");
    const env = (url: string) => ({
      SNOWFLAKE_ACCOUNT: "local",
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PASSWORD: "admin",
      SNOWFLAKE_ACCESS_URL: url,
    });
    const first = await serve(["--port", "0", "--local-db", file], dir);
    const writer = await connectSnowflake(resolveConnection(undefined, { env: env(first.url) }));
    await writer.execute("CREATE DATABASE KEPT");
    await writer.close();
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    const second = await serve(["--port", "0", "--local-db", file], dir);
    const reader = await connectSnowflake(resolveConnection(undefined, { env: env(second.url) }));
    const databases = await reader.execute("SHOW DATABASES LIKE 'KEPT'");
    expect(databases.rows.length).toBe(1);
    await reader.close();
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("sends a large result in chunks from the binary", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-serve-"));
    const served = await serve(["--port", "0", "--local-db", path.join(dir, "engine.duckdb")], dir);
    const env = {
      SNOWFLAKE_ACCOUNT: "local",
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PASSWORD: "admin",
      SNOWFLAKE_ACCESS_URL: served.url,
    };
    const driver = await connectSnowflake(resolveConnection(undefined, { env }));
    const digits = "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))";
    const result = await driver.execute(
      `SELECT A.X * 10000 + B.X * 1000 + C.X * 100 + D.X * 10 + E.X AS ID FROM ${digits} A(X), ${digits} B(X), ${digits} C(X), ${digits} D(X), ${digits} E(X) ORDER BY ID`,
    );
    // 100,000 rows are far more than the ~96 KB sent inline: the rest came as chunks.
    expect(result.rows.length).toBe(100_000);
    expect(result.rows.filter((row, i) => row[0] !== String(i))).toEqual([]);
    await driver.close();
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toBe("");
  }, 300_000);

  it("refuses a bad --port with a clear error and exit code 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mercurios-serve-"));
    const child = spawn(
      process.execPath,
      [BIN, "local", "serve", "--port", "http", "--local-db", path.join(dir, "x.duckdb")],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    started.push(child);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err).toBe(
      "error[BAD_OPTION]: --port 'http' is not a whole number from 0 to 65535. Example: --port 0\n",
    );
  });
});
