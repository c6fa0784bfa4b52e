/**
 * View lineage benchmark: what `mercurios views lineage` costs for the platform's whole graph with
 * column lineage (every declared view, every table it reads, every output column traced).
 *
 *   npx jiti bench/lineage.ts [--runs 20] [--cli-runs 5] [--write]
 *
 * Measures, in this process: loading and rendering the declared views (loadDeclaredViews), then
 * buildLineage as the CLI runs it (the loader has parsed the views already; the analysis is shared),
 * and buildLineage parsing every view anew (each run's view texts differ by trailing spaces); then
 * the CLI end to end as a fresh process (`node bin/mercurios.js views lineage --format json`, needs
 * `npm run build`) against `node -e 0`. `--write` replaces the "## View lineage" section of docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDeclaredViews } from "../src/api/views/declared.js";
import { loadEnvironment } from "../src/config/index.js";
import { buildViewGraph } from "../src/model/index.js";
import { buildLineage } from "../src/model/lineage.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function arg(name: string, fallback: string): number {
  const i = process.argv.indexOf(name);
  return Number(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}
const RUNS = arg("--runs", "20");
const CLI_RUNS = arg("--cli-runs", "5");
const root = path.resolve(import.meta.dirname, "..");

function stats(times: number[]): { median: number; min: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]! };
}

const environment = await loadEnvironment({ cwd: root, env: "local" });

const loadTimes: number[] = [];
let declared = await loadDeclaredViews(environment);
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  const t = performance.now();
  declared = await loadDeclaredViews(environment);
  loadTimes.push(performance.now() - t);
}

let t = performance.now();
let lineage = buildLineage(declared.graph, environment.database);
const cold = performance.now() - t;
const warmTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  lineage = buildLineage(declared.graph, environment.database);
  warmTimes.push(performance.now() - t);
}
// New texts each run, so nothing is remembered: the parse of every view is included.
const parseTimes: number[] = [];
for (let i = 1; i <= RUNS; i++) {
  const graph = buildViewGraph(
    [...declared.graph.views.values()].map((v) => ({ ...v, query: `${v.query}${" ".repeat(i)}` })),
  );
  t = performance.now();
  buildLineage(graph, environment.database);
  parseTimes.push(performance.now() - t);
}
const views = lineage.nodes.filter((n) => n.kind === "view").length;
const tables = lineage.nodes.length - views;
const columns = lineage.columns.reduce((n, v) => n + v.columns.length, 0);
const unknown = lineage.columns.reduce((n, v) => n + v.columns.filter((c) => c.unknown.length > 0).length, 0);
const unresolved = lineage.columns.filter((v) => !v.resolved).length;

function timeProcess(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS + 1; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: "1" } });
    const elapsed = performance.now() - start;
    if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    if (i > 0) times.push(elapsed); // the first run warms the file cache
  }
  return times;
}
const bin = path.join(root, "bin", "mercurios.js");
const hasBuild = existsSync(path.join(root, "dist", "api", "views", "lineage.js"));
const node = stats(timeProcess(["-e", "0"]));
const cli = hasBuild ? stats(timeProcess([bin, "views", "lineage", "--format", "json"])) : undefined;

const load = stats(loadTimes);
const warm = stats(warmTimes);
const parsed = stats(parseTimes);
const fmt = (ms: number) => ms.toFixed(1);
const lines = [
  "## View lineage",
  "",
  `\`npx jiti bench/lineage.ts --runs ${RUNS} --cli-runs ${CLI_RUNS} --write\`: the platform's whole lineage graph with`,
  `columns (${views} declared views, ${tables} tables they read, ${columns} output columns; ${unknown} with a source the`,
  `parser cannot resolve, ${unresolved} views not resolved). Derived from the SQL alone, no database opened.`,
  "",
  "| step | median ms | min ms |",
  "| --- | ---: | ---: |",
  `| loadDeclaredViews (config, declarations, render ${views} views) | ${fmt(load.median)} | ${fmt(load.min)} |`,
  `| buildLineage after the loader, first in the process (as the CLI) | ${fmt(cold)} | ${fmt(cold)} |`,
  `| buildLineage after the loader, again (graph + every column traced) | ${fmt(warm.median)} | ${fmt(warm.min)} |`,
  `| buildLineage parsing every view anew | ${fmt(parsed.median)} | ${fmt(parsed.min)} |`,
  `| per view, parsing included | ${fmt(parsed.median / views)} | ${fmt(parsed.min / views)} |`,
  `| node -e 0 (fresh process) | ${fmt(node.median)} | ${fmt(node.min)} |`,
  ...(cli
    ? [
        `| mercurios views lineage --format json (fresh process) | ${fmt(cli.median)} | ${fmt(cli.min)} |`,
        "",
        `The CLI end to end is ${(cli.median / node.median).toFixed(1)}x \`node -e 0\`; the lineage itself, parsing ` +
          `included, is ${((parsed.median / cli.median) * 100).toFixed(0)}% of it, loading and rendering the declarations ` +
          `${((load.median / cli.median) * 100).toFixed(0)}% (in this jiti-run process); the rest is ` +
          "starting Node, loading the modules (jiti, the parser's WebAssembly) and the loader's first, cold run (the " +
          "figure above is warm). The declarations loader is " +
          "shared with plan, apply and the other views commands (it parses each view for its checks and dependencies and " +
          "loads roles/ and monitors/ through jiti). Wall-clock figures stretch with the load on the shared machine.",
      ]
    : ["", "(CLI not measured: run `npm run build` first.)"]),
  `${RUNS} in-process runs, ${CLI_RUNS} process runs after one warm-up; Node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (machine shared); ${new Date().toISOString().slice(0, 10)}.`,
];
const section = lines.join("\n");
console.log(section);

if (process.argv.includes("--write")) {
  const file = path.join(root, "docs", "benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("## View lineage");
  const next = start < 0 ? -1 : text.indexOf("\n## ", start + 1);
  const updated =
    start < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, start)}${section}${next < 0 ? "" : `\n${text.slice(next)}`}`;
  writeFileSync(file, updated.endsWith("\n") ? updated : `${updated}\n`);
}
