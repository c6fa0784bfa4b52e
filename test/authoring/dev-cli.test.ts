/**
 * `mercurios dev` as users run it: the built binary in a copy of views-loop, a saved view, the
 * status block on stdout, Ctrl-C (SIGINT), exit 0; and a second `dev` on the same engine file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { binPath, runCli } from "../cli/run.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

let root: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-dev-cli-"));
  await cp(fixture, root, { recursive: true });
});

afterEach(async () => {
  // Only the process this test started, by its pid, if a failed assertion left it running.
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  await rm(root, { recursive: true, force: true });
});

async function waitFor(found: () => boolean, what: () => string, limitMs = 150_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!found()) {
    if (Date.now() > until) throw new Error(`gave up waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("mercurios dev", () => {
  it("prints a ready line, a status block per save, and exits 0 on Ctrl-C with nothing left running", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.MERCURIOS_ENV;
    delete env.MERCURIOS_LOCAL_DB;
    const dev = spawn(process.execPath, [binPath, "dev"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = dev;
    let stdout = "";
    let stderr = "";
    dev.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    dev.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => dev.on("close", (code) => resolve(code)));
    const output = () => `${stdout}\n--- stderr ---\n${stderr}`;

    await waitFor(() => stdout.includes("dev: ready"), output);
    expect(stdout).toContain(
      "dev: ready, watching views/, migrations/, mercurios.config.ts for local (Ctrl-C stops)",
    );
    expect(stdout).toContain("tests    6 passed");

    // While dev holds the engine file, a second dev says so at once instead of waiting.
    const second = await runCli(["dev"], { cwd: root });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("LOCAL_ENGINE_IN_USE");
    expect(second.stderr).toContain(`held by \`mercurios dev\` (pid ${dev.pid})`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    // So does any other command that opens the file (it would otherwise wait a minute for the lock).
    const up = await runCli(["up"], { cwd: root });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      `is held by \`mercurios dev\` (pid ${dev.pid}). Stop it, or point --local-db at another file.`,
    );
    // Except `mercurios sql`, which dev answers (docs/decisions/019).
    expect(existsSync(path.join(root, ".mercurios/local.duckdb.endpoint"))).toBe(true);
    const sql = await runCli(["sql", "--format", "csv", "SELECT 1 AS ONE"], { cwd: root });
    expect(sql).toEqual({ code: 0, stdout: "ONE\n1\n", stderr: "" });

    const file = path.join(root, "views/ANALYTICS/TOP_SHOPS.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace("REVENUE_RANK <=", "REVENUE_RANK <"));
    await waitFor(() => stdout.includes("rows     ANALYTICS.TOP_SHOPS"), output);
    const block = stdout.slice(stdout.indexOf("views/ANALYTICS/TOP_SHOPS.sql"));
    expect(block).toContain("applied  ANALYTICS.TOP_SHOPS  replaced: definition changed");
    // With top_n = 3 and `<` only ranks 1 and 2 are left: the case that keeps 3 shops fails.
    expect(block).toContain("tests    2 passed, 1 failed");
    expect(block).toContain("✗ ANALYTICS.TOP_SHOPS: keeps the best 3 shops of a tenant");
    expect(block).toMatch(/TENANT_ID \| SHOP_ID \| SHOP_NAME\s+\| REVENUE_EUR \| REVENUE_RANK/);
    expect(block).toMatch(/acme\s+\| A1\s+\| Acme Mitte\s+\| 150\.50\s+\| 1/);

    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stdout).toContain("dev: stopped (SIGINT); watcher, test session and engine closed");
    expect(stderr).toBe("");
    expect(alive(dev.pid!)).toBe(false);
    // The holder note went with it: the next command opens the file.
    expect(existsSync(path.join(root, ".mercurios/local.duckdb.holder"))).toBe(false);
    expect(existsSync(path.join(root, ".mercurios/local.duckdb.endpoint"))).toBe(false);
    const after = await runCli(["sql", "SELECT 1 AS ONE"], { cwd: root });
    expect(after.code).toBe(0);
  });

  it("refuses an environment that is not the local engine", async () => {
    const config = path.join(root, "mercurios.config.ts");
    await writeFile(
      config,
      (await readFile(config, "utf8")).replace(
        'local: { kind: "local", localDb: ".mercurios/local.duckdb" },',
        'local: { kind: "local", localDb: ".mercurios/local.duckdb" },\n    prod: { kind: "snowflake", connection: { account: "x", user: "y", password: { env: "NOPE_PW" } } },',
      ),
    );
    const run = await runCli(["dev", "--env", "prod"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("DEV_NOT_LOCAL");
    expect(run.stderr).toContain("environment 'prod' is not a local engine");
  });

  it("--format json prints one JSON object per line: ready, a status per round, stopped", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.MERCURIOS_ENV;
    delete env.MERCURIOS_LOCAL_DB;
    const dev = spawn(process.execPath, [binPath, "dev", "--format", "json", "--rows", "2"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = dev;
    let stdout = "";
    dev.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => dev.on("close", (code) => resolve(code)));
    const events = () =>
      stdout
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await waitFor(
      () => stdout.includes('"event":"ready"'),
      () => stdout,
    );
    const file = path.join(root, "views/ANALYTICS/SHOP_DIRECTORY.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace("CITY FROM", "CITY, 1 AS ONE FROM"));
    await waitFor(
      () => events().filter((e) => e.event === "status").length === 2,
      () => stdout,
    );
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    const all = events();
    expect(all.map((e) => [e.event, e.kind])).toEqual([
      ["status", "start"],
      ["ready", undefined],
      ["status", "change"],
      ["stopped", undefined],
    ]);
    expect(all[2]).toMatchObject({
      environment: "local",
      changed: [{ file: "views/ANALYTICS/SHOP_DIRECTORY.sql", kind: "view" }],
      applied: [
        { name: "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY", action: "replaced", reason: "definition changed" },
      ],
      tests: { passed: 1, failed: 0 },
      preview: {
        view: "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY",
        columns: ["TENANT_ID", "SHOP_ID", "SHOP_NAME", "CITY", "ONE"],
      },
      errors: [],
    });
    expect((all[2]!.preview as { rows: unknown[] }).rows).toHaveLength(2);
  });
});
