/**
 * The CI formats of `plan` and `migrate up|status` (Markdown and JUnit), parsed with real parsers,
 * and `migrate status`'s exit code with a missing script (2, as docs/guide/migrations.md says: the
 * files and the history disagree). On a project made by init, in-process.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initProject } from "../../src/api/init.js";
import { main } from "../../src/cli/main.js";
import { parseJUnit, parseMarkdown } from "../package/artifacts.js";

let dir: string;

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(["node", "mercurios", ...args], {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin,
    env: { NO_COLOR: "1" },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-ci-formats-"));
  await initProject({
    directory: dir,
    database: "SHOP_DATA",
    schemas: ["RAW", "ANALYTICS"],
    snowflakeEnvironment: "dev",
    connection: "dev",
  });
  expect((await cli("up")).code).toBe(0);
}, 180_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const migration = (name: string) => path.join(dir, "migrations", "RAW", name);

describe("CI formats of plan and migrate", () => {
  it("plan --format junit: no changes is one passing case; a change is a failing case with its SQL", async () => {
    const none = await cli("plan", "--format", "junit");
    expect(none.code).toBe(0);
    expect(parseJUnit(none.stdout)).toMatchObject({ tests: 1, failures: 0 });
    await writeFile(path.join(dir, "views", "ANALYTICS", "NEW_VIEW.sql"), "SELECT 1 AS ONE\n");
    const one = await cli("plan", "--format", "junit");
    expect(one.code).toBe(2);
    const report = parseJUnit(one.stdout);
    expect(report).toMatchObject({ tests: 1, failures: 1 });
    expect(report.cases[0]!.name).toBe("1. create VIEW SHOP_DATA.ANALYTICS.NEW_VIEW");
    expect(report.cases[0]!.text).toContain("CREATE VIEW SHOP_DATA.ANALYTICS.NEW_VIEW");
    const markdown = parseMarkdown((await cli("plan", "--format", "markdown")).stdout);
    expect(markdown.code[0]!.text).toContain("-- 1. VIEW SHOP_DATA.ANALYTICS.NEW_VIEW");
    await rm(path.join(dir, "views", "ANALYTICS", "NEW_VIEW.sql"));
  }, 120_000);

  it("migrate status and up: pending is skipped, applied passes, a failing script fails (exit 1)", async () => {
    await writeFile(migration("V2__customers.sql"), "CREATE TABLE IF NOT EXISTS CUSTOMERS (ID NUMBER);\n");
    const status = await cli("migrate", "status", "--format", "junit");
    expect(status.code).toBe(2);
    expect(parseJUnit(status.stdout).cases.map((c) => `${c.outcome} ${c.name}`)).toEqual([
      "passed migrations/RAW/V1__orders.sql",
      "skipped migrations/RAW/V2__customers.sql",
    ]);
    const statusMd = parseMarkdown((await cli("migrate", "status", "--format", "markdown")).stdout);
    expect(statusMd.tables[0]!.rows).toEqual([
      ["pending", "`migrations/RAW/V2__customers.sql`", "versioned 2", "never run"],
    ]);
    const dry = await cli("migrate", "up", "--dry-run", "--format", "junit");
    expect(dry.code).toBe(2);
    expect(parseJUnit(dry.stdout).cases.map((c) => c.outcome)).toEqual(["skipped"]);
    const applied = await cli("migrate", "up", "--format", "junit");
    expect(applied.code).toBe(0);
    expect(parseJUnit(applied.stdout).cases).toMatchObject([
      { name: "migrations/RAW/V2__customers.sql", outcome: "passed" },
    ]);
    await writeFile(
      migration("V3__broken.sql"),
      "CREATE TABLE NOPE (ID NUMBER);\nSELECT * FROM NO_SUCH_TABLE;\n",
    );
    const failed = await cli("migrate", "up", "--format", "junit");
    expect(failed.code).toBe(1);
    const report = parseJUnit(failed.stdout);
    expect(report.failures).toBe(1);
    expect(report.cases.at(-1)).toMatchObject({ name: "migrations/RAW/V3__broken.sql", outcome: "failure" });
    expect(failed.stderr).toContain("error[MIGRATION_FAILED]");
    await rm(migration("V3__broken.sql"));
    expect((await cli("migrate", "repair")).code).toBe(0);
  }, 180_000);

  it("migrate status exits 2 when an applied script's file is missing, and names it", async () => {
    await rm(migration("V2__customers.sql"));
    const status = await cli("migrate", "status");
    // The history's SCRIPT column holds the file name, as schemachange writes it (main, issue 16).
    expect(status.stdout).toMatch(/^missing +V2__customers\.sql +applied .* but the file is gone/m);
    expect(status.code).toBe(2);
    const junit = parseJUnit((await cli("migrate", "status", "--format", "junit")).stdout);
    expect(junit.cases.find((c) => c.name.endsWith("V2__customers.sql"))?.outcome).toBe("failure");
  }, 120_000);

  it("a format the command cannot print is refused (exit 1, nothing run), not printed as text", async () => {
    const plan = await cli("plan", "--format", "csv");
    expect(plan).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error[FORMAT_UNSUPPORTED]: plan cannot print --format csv. It prints text, json, markdown or junit (mercurios plan --help).\n",
    });
    const test = await cli("--format", "markdown", "views", "test");
    expect([test.code, test.stdout, test.stderr.split("\n")[0]]).toEqual([
      1,
      "",
      "error[FORMAT_UNSUPPORTED]: views test cannot print --format markdown. It prints text, json or junit (mercurios views test --help).",
    ]);
    // Each command's default and listed formats still run.
    expect((await cli("sql", "SELECT 1 AS ONE", "--format", "csv")).stdout).toBe("ONE\n1\n");
  }, 120_000);
});
