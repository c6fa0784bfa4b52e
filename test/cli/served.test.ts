/**
 * A new project against a Snowflake environment, through the real snowflake-sdk and our
 * `local serve` on 127.0.0.1 (an empty account): a missing database gets a hint; `up` creates it and
 * reports progress as CI shows it (one line per finished step on stderr, no spinner, stdout the
 * report); `drift` reports its reads the same way and finds the account in sync.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initProject } from "../../src/api/init.js";
import { type Engine, openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import { runCli } from "./run.js";

let dir: string;
let engine: Engine | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-served-"));
  await initProject({
    directory: dir,
    database: "SHOP_DATA",
    schemas: ["RAW", "ANALYTICS"],
    snowflakeEnvironment: "dev",
    connection: "dev",
  });
  const config = path.join(dir, "mercurios.config.ts");
  const text = await readFile(config, "utf8");
  await writeFile(
    config,
    text.replace(
      'dev: { kind: "snowflake", connection: "dev" },',
      'dev: { kind: "snowflake", connection: "dev" },\n    served: { kind: "snowflake", connection: { account: "local", user: "ADMIN", password: { env: "SERVED_PASSWORD" } } },',
    ),
  );
  engine = await openEngine({ path: path.join(dir, "account.duckdb") });
  server = await startServer(engine, { port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const served = (args: string[], env: Record<string, string> = {}) =>
  runCli([...args, "--env", "served"], {
    cwd: dir,
    env: { SNOWFLAKE_ACCESS_URL: server!.url, SERVED_PASSWORD: "admin", ...env },
  });

describe("a new project on a Snowflake account (snowflake-sdk to local serve)", () => {
  it("migrate up on an account without the database: says so, and that up creates it", async () => {
    const run = await served(["migrate", "up"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("database SHOP_DATA does not exist in served, or the role cannot see it.");
    expect(run.stderr).toContain("`mercurios up --env served` creates the declared database and schemas");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("up in CI: one line per finished step on stderr, no spinner; stdout is the JSON report", async () => {
    const run = await served(["up", "--format", "json"], { CI: "true" });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { confirmed: boolean; migrate: { scripts: unknown[] } };
    expect(report.confirmed).toBe(true);
    expect(report.migrate.scripts).toHaveLength(1);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^databases and schemas \[1\/3\] create DATABASE SHOP_DATA: ok \(\d+(\.\d)? m?s\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^migrate \[1\/1\] migrations\/RAW\/V1__orders\.sql: applied \(/));
    const apply = lines.filter((l) => l.startsWith("apply ["));
    expect(apply.length).toBeGreaterThan(10);
    expect(apply.at(-1)).toMatch(new RegExp(`^apply \\[${apply.length}/${apply.length}\\] `));
    expect(run.stderr).not.toMatch(/[\r⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  }, 300_000);

  it("drift in CI: each read of the account as a line on stderr, then in sync (exit 0)", async () => {
    const run = await served(["drift"], { CI: "true" });
    expect(run.stdout).toMatch(/^In sync: \d+ objects compared in served\.$/m);
    expect(run.code).toBe(0);
    const reads = run.stderr.trimEnd().split("\n");
    expect(reads.length).toBeGreaterThan(5);
    for (const line of reads) expect(line).toMatch(/^read \[\d+\/\d+\] SHOW .+: read \(\d+(\.\d)? m?s\)$/);
    expect(reads.join("\n")).toContain("SHOW WAREHOUSES");
  }, 120_000);
});
