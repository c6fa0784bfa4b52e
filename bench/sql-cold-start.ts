/**
 * `mercurios sql "select 1"` cold start against a file engine: wall time of a fresh process with the
 * persistent translation cache removed before each run (uncached) and kept from the previous run
 * (cached), against `node -e 0`. Median of N interleaved runs, with ratios and the machine's load.
 * With --write it replaces the "## `mercurios sql` cold start" section of docs/benchmarks.md.
 *
 *   npx jiti bench/sql-cold-start.ts [--runs 11] [--write] [--label "after"]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin", "mercurios.js");
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(option("--runs") ?? 11);
const write = process.argv.includes("--write");
const label = option("--label") ?? "now";

if (!existsSync(path.join(root, "dist", "cli", "main.js"))) {
  throw new Error("dist/ is missing: run `npm run build` first.");
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "mercurios-sql-cold-"));
const engineFile = path.join(scratch, "local.duckdb");
/** Where the engine keeps translations of statements it has seen (docs/decisions/009). */
const translations = `${engineFile}.translations`;
const statement = "select 1";

interface Case {
  name: string;
  args: string[];
  before?: () => void;
}

const sqlArgs = [bin, "sql", "--local-db", engineFile, statement];
const cases: Case[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  {
    name: `mercurios sql "${statement}", uncached`,
    args: sqlArgs,
    before: () => rmSync(translations, { recursive: true, force: true }),
  },
  { name: `mercurios sql "${statement}", cached`, args: sqlArgs },
];

const env = {
  ...process.env,
  NO_COLOR: "1",
  SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
  SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
};

function timeOnce(c: Case): number {
  c.before?.();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, {
    cwd: scratch,
    env,
    stdio: ["ignore", "pipe", "pipe"],
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

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
const loadBefore = load();
try {
  // The first run creates the engine file; then each case warms the OS file cache twice.
  for (const c of cases) for (let i = 0; i < 2; i++) timeOnce(c);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  // Interleaved, so that the machine's load moves every case alike. The cached case always follows
  // an uncached run, which stored the statement's translation.
  for (let i = 0; i < runs; i++) for (const c of cases) samples.get(c.name)!.push(timeOnce(c));
  const loadAfter = load();

  const baseline = median(samples.get("node -e 0")!);
  const rows = cases.map((c) => {
    const values = samples.get(c.name)!;
    const med = median(values);
    return { name: c.name, median: med, min: Math.min(...values), ratio: med / baseline };
  });
  const table = [
    `| command (${label}) | median ms | min ms | ratio to \`node -e 0\` |`,
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) => `| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.ratio.toFixed(2)}x |`,
    ),
  ].join("\n");
  const cached = rows[2]!;
  const uncached = rows[1]!;
  const goal = `Goal: cached under 3x, uncached under 6x \`node -e 0\`. Measured ${cached.ratio.toFixed(2)}x (${cached.ratio < 3 ? "met" : "NOT met"}) and ${uncached.ratio.toFixed(2)}x (${uncached.ratio < 6 ? "met" : "NOT met"}).`;
  const machine = `${runs} runs per case, interleaved, after 2 warm-up runs; Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore} before and ${loadAfter} after (1 / 5 / 15 min; machine shared with other jobs); ${new Date().toISOString().slice(0, 16)}Z.`;
  console.log(table);
  console.log(`\n${goal}\n${machine}`);

  if (write) {
    const file = path.join(root, "docs", "benchmarks.md");
    const heading = "## `mercurios sql` cold start";
    const current = readFileSync(file, "utf8");
    const pattern = /## `mercurios sql` cold start\n[\s\S]*?(?=\n## |$)/;
    const previous = pattern.exec(current)?.[0] ?? "";
    // Earlier tables of the section are kept (before/after), the newest first.
    const kept = previous
      .split("\n### ")
      .slice(1)
      .map((part) => `### ${part.trimEnd()}`);
    const section = [
      heading,
      "",
      '`npx jiti bench/sql-cold-start.ts --write --label <name>`: `mercurios sql "select 1"` as a fresh process',
      "against a file engine, with the engine's translation cache (`<engine>.translations/`, docs/decisions/009)",
      "removed before each run (uncached) or kept from the run before (cached), against `node -e 0`.",
      "",
      `### ${label}`,
      "",
      table,
      "",
      goal,
      machine,
      "",
      ...kept.filter((part) => !part.startsWith(`### ${label}\n`)).flatMap((part) => [part, ""]),
    ].join("\n");
    const next = pattern.test(current)
      ? current.replace(pattern, section)
      : `${current.replace(/\n*$/, "\n\n")}${section}`;
    writeFileSync(file, next);
    console.log(`\nwrote the "${heading}" section of docs/benchmarks.md`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
