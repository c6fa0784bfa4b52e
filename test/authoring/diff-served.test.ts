/**
 * `views diff --env <snowflake environment>` through the real snowflake-sdk: the views-loop fixture
 * after `up`, its engine served over Snowflake's REST protocol on 127.0.0.1, and a copy of the
 * config with a snowflake-kind environment pointed at it (SNOWFLAKE_ACCESS_URL).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upEnvironment } from "../../src/api/up.js";
import { loadEnvironment } from "../../src/config/index.js";
import { type Engine, openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import { runCli } from "../cli/run.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");
const PASSWORD = "admin";
let dir: string;
let engine: Engine | undefined;
let server: RunningServer | undefined;

async function edit(file: string, from: string, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, "utf8");
  expect(text).toContain(from);
  await writeFile(full, text.replace(from, to));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-diff-served-"));
  await cp(fixture, dir, { recursive: true });
  await rm(path.join(dir, ".mercurios"), { recursive: true, force: true });
  const result = await upEnvironment({ environment: await loadEnvironment({ cwd: dir, env: "local" }) });
  expect(result.apply.failed).toBeFalsy();
  await edit(
    "mercurios.config.ts",
    'local: { kind: "local", localDb: ".mercurios/local.duckdb" },',
    'local: { kind: "local", localDb: ".mercurios/local.duckdb" },\n' +
      '    served: { kind: "snowflake", connection: { account: "local", user: "ADMIN", password: { env: "VIEWS_SERVED_PASSWORD" } } },',
  );
  engine = await openEngine({ path: path.join(dir, ".mercurios/local.duckdb") });
  server = await startServer(engine, { port: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("views diff against a Snowflake environment (snowflake-sdk to local serve)", () => {
  it("names the removed column as breaking, exits 2, and never prints the password", async () => {
    await edit("views/ANALYTICS/SHOP_SALES.sql", ", SUM(D.UNITS) AS UNITS", "");
    const run = await runCli(["views", "diff", "SHOP_SALES", "--env", "served", "--format", "json"], {
      cwd: dir,
      env: { SNOWFLAKE_ACCESS_URL: server?.url, VIEWS_SERVED_PASSWORD: PASSWORD },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      environment: string;
      status: string;
      columns: { removed: { name: string }[]; added: unknown[]; retyped: unknown[] };
      breaking: { message: string }[];
      affected: string[];
    };
    expect(report.environment).toBe("served");
    expect(report.status).toBe("changed");
    expect(report.columns.removed.map((c) => c.name)).toEqual(["UNITS"]);
    expect(report.columns.added).toEqual([]);
    expect(report.columns.retyped).toEqual([]);
    expect(report.breaking.map((b) => b.message)).toEqual([
      "BREAKING: column UNITS removed; dashboards or views reading it will fail",
    ]);
    expect(report.affected).toEqual(["SHOP_DATA.ANALYTICS.TOP_SHOPS"]);
    expect(run.stdout).not.toContain(`"${PASSWORD}"`);
  });
});
