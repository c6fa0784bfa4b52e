/**
 * View preview benchmark: `mercurios views preview ANALYTICS.DAILY_SALES_SUMMARY` on a copy of the
 * platform project after `up` with its default sample data (~100k receipt lines).
 *
 *   npm run build && npx jiti bench/view-preview.ts [--runs 5] [--view ANALYTICS.DAILY_SALES_SUMMARY]
 *
 * Measures, as a user meets them:
 * - CLI cold: a fresh process after the view's definition changed (it is re-created, then read);
 * - CLI warm: a fresh process with nothing changed (compared, then read);
 * - the floor: `mercurios sql "SELECT * FROM <view> LIMIT 10"` (process, engine, the same query);
 * - in-process (`previewView` from dist/, as `dev` would call it): the first call and the following ones.
 * Runs are interleaved; prints medians, fastest, the ratio to the floor and the machine's load.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";
// As bin/mercurios.js does, so the in-process figures are what `mercurios dev` pays.
v8.setFlagsFromString("--liftoff-only");
// The built modules, as the CLI and `dev` run them (under jiti the sources run several times slower).
const dist = (module: string) => path.join(path.resolve(import.meta.dirname, ".."), "dist", module);
const { previewView } = (await import(
  dist("api/views/preview.js")
)) as typeof import("../src/api/views/preview.js");
const { loadEnvironment } = (await import(
  dist("config/index.js")
)) as typeof import("../src/config/index.js");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const RUNS = Number(arg("--runs", "5"));
const VIEW = arg("--view", "ANALYTICS.DAILY_SALES_SUMMARY");

const repo = path.resolve(import.meta.dirname, "..");
const bin = path.join(repo, "bin", "mercurios.js");
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fastest = (values: readonly number[]) => Math.min(...values);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

/** One CLI run: wall time, and CPU time of the process (user + system, all threads; load-independent). */
interface Run {
  wallMs: number;
  cpuMs: number;
}

/** Runs the built CLI in `cwd` under GNU time (for its CPU time); throws on a non-zero exit. */
function cli(cwd: string, args: string[]): Run {
  const timing = path.join(cwd, ".bench-time");
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%U %S", "-o", timing, process.execPath, bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`mercurios ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  const [user, system] = readFileSync(timing, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

const root = await mkdtemp(path.join(os.tmpdir(), "mercurios-bench-preview-"));
try {
  for (const part of ["views", "roles", "monitors", "migrations", "mercurios.config.ts"]) {
    await cp(path.join(repo, part), path.join(root, part), { recursive: true });
  }
  const loadBefore = load();
  const up = cli(root, ["up"]);
  console.log(`up (migrations, declarations, sample data): ${Math.round(up.wallMs)} ms`);

  const name = VIEW.split(".").pop()!;
  const file = path.join(root, "views", "ANALYTICS", `${name}.sql`);
  const original = await readFile(file, "utf8");
  // Two definitions that differ in a token (a comment alone would not re-create the view).
  const variant = original.replace(/\bSELECT\b/, "SELECT /* v2 */ 1 AS PREVIEW_VARIANT,");
  if (variant === original) throw new Error(`cannot vary ${name}.sql`);
  let current = original;
  const toggle = async () => {
    current = current === original ? variant : original;
    await writeFile(file, current);
  };

  const cold: Run[] = [];
  const warm: Run[] = [];
  const floor: Run[] = [];
  const previewArgs = ["views", "preview", VIEW];
  const sqlArgs = ["sql", `SELECT * FROM MERCURIOS_DATA.${VIEW} LIMIT 10`];
  cli(root, previewArgs); // warm the OS file cache once
  for (let i = 0; i < RUNS; i++) {
    await toggle();
    cold.push(cli(root, previewArgs));
    warm.push(cli(root, previewArgs));
    floor.push(cli(root, sqlArgs));
  }

  // In-process: one long-lived process (as `dev` runs), nothing changed between calls.
  const environment = await loadEnvironment({ cwd: root, env: "local" });
  const inProcess: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const report = await previewView({ environment, name: VIEW });
    inProcess.push(performance.now() - started);
    rows = report.result.rowCount;
  }
  const [first, ...rest] = inProcess;

  const f = (ms: number) => `${Math.round(ms)}`;
  const wall = (runs: Run[]) => runs.map((r) => r.wallMs);
  const cpu = (runs: Run[]) => runs.map((r) => r.cpuMs);
  const floorWall = median(wall(floor));
  const floorCpu = median(cpu(floor));
  const ratio = (ms: number, base = floorWall) => `${(ms / base).toFixed(2)}x`;
  const row = (label: string, runs: Run[]) =>
    `| ${label} | ${f(median(wall(runs)))} | ${f(fastest(wall(runs)))} | ${ratio(median(wall(runs)))} | ${f(median(cpu(runs)))} | ${ratio(median(cpu(runs)), floorCpu)} |`;
  console.log(`\nviews preview ${VIEW} (${rows} rows shown), ${RUNS} runs each, interleaved:\n`);
  console.log(
    "| case | median wall ms | fastest wall ms | wall ratio to the sql floor | median CPU ms | CPU ratio |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  console.log(row("CLI cold: definition changed, view re-created then read", cold));
  console.log(row("CLI warm: nothing changed", warm));
  console.log(row('floor: mercurios sql "SELECT * … LIMIT 10"', floor));
  console.log(`| in-process previewView, first call | ${f(first!)} | ${f(first!)} | ${ratio(first!)} | | |`);
  console.log(
    `| in-process previewView, later calls | ${f(median(rest))} | ${f(fastest(rest))} | ${ratio(median(rest))} | | |`,
  );
  console.log(
    `\nNode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average before ${loadBefore}, after ${load()}; ${new Date().toISOString().slice(0, 10)}.`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
