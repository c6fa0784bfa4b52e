/**
 * CLI cold start: wall time of `mercurios --version`, `--help` and `render` (one view of the test
 * fixture project) as fresh processes, against `node -e 0` on the same machine. Prints the medians and
 * ratios, and with --write replaces the "## CLI cold start" section of docs/benchmarks.md.
 *
 *   npx jiti bench/cold-start.ts [--runs 21] [--write]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin", "mercurios.js");
const fixture = path.join(root, "test", "fixtures", "projects", "valid");
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 21;
const write = process.argv.includes("--write");

if (!existsSync(path.join(root, "dist", "cli", "main.js"))) {
  throw new Error("dist/ is missing: run `npm run build` first.");
}

interface Case {
  name: string;
  args: string[];
  cwd: string;
}

const cases: Case[] = [
  { name: "node -e 0", args: ["-e", "0"], cwd: root },
  { name: "mercurios --version", args: [bin, "--version"], cwd: root },
  { name: "mercurios --help", args: [bin, "--help"], cwd: root },
  {
    name: "mercurios render (1 view)",
    args: [bin, "render", "views/ANALYTICS/TENANT_SALES.sql"],
    cwd: fixture,
  },
];

const env = {
  ...process.env,
  NO_COLOR: "1",
  SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
  SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
};

function timeOnce(c: Case): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, {
    cwd: c.cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Warm the OS file cache first, then interleave the cases so that machine load affects all alike.
for (const c of cases) for (let i = 0; i < 2; i++) timeOnce(c);
const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let i = 0; i < runs; i++) for (const c of cases) samples.get(c.name)!.push(timeOnce(c));

const baseline = median(samples.get("node -e 0")!);
const rows = cases.map((c) => {
  const values = samples.get(c.name)!;
  const med = median(values);
  return { name: c.name, median: med, min: Math.min(...values), ratio: med / baseline };
});

const table = [
  "| command | median ms | min ms | ratio to `node -e 0` |",
  "| --- | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${r.ratio.toFixed(2)}x |`),
].join("\n");
const version = rows.find((r) => r.name === "mercurios --version")!;
const help = rows.find((r) => r.name === "mercurios --help")!;
const summary = `Goal: \`--version\` under 4x \`node -e 0\`. Measured ${version.ratio.toFixed(2)}x (\`--help\` ${help.ratio.toFixed(2)}x): ${version.ratio < 4 ? "met" : "NOT met"}.`;
const machine = `${runs} runs per command, interleaved, after 2 warm-up runs; Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${os.platform()}, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(" / ")} (machine shared with other jobs); ${new Date().toISOString().slice(0, 10)}.`;

console.log(table);
console.log(`\n${summary}\n${machine}`);

if (write) {
  const file = path.join(root, "docs", "benchmarks.md");
  const section = [
    "## CLI cold start",
    "",
    "`npx jiti bench/cold-start.ts --write`: each command as a fresh process (what a user or CI pays per",
    "invocation). `--version` answers in bin/mercurios.js without loading the CLI; `--help` loads commander",
    "and the command registry only; `render` adds the config (jiti, zod) and Handlebars, never DuckDB or",
    "snowflake-sdk.",
    "",
    table,
    "",
    summary,
    machine,
    "",
  ].join("\n");
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmarks\n\nEach section is written by its bench/ script.\n";
  const pattern = /## CLI cold start\n[\s\S]*?(?=\n## |$)/;
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.replace(/\n*$/, "\n\n")}${section}`;
  writeFileSync(file, next);
  console.log(`\nwrote the "## CLI cold start" section of ${path.relative(process.cwd(), file)}`);
}
