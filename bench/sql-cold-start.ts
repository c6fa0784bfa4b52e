/**
 * `mercurios sql "select 1"` cold start against a file engine: wall time of a fresh process with the
 * persistent translation cache removed before each run (uncached) and kept from the previous run
 * (cached), against `node -e 0`; and routed to a `mercurios local serve` holding another engine file
 * (docs/decisions/019), with the holder's own CPU per run read from /proc. Median of N interleaved
 * runs, with ratios and the machine's load.
 * With --write it replaces the "## `mercurios sql` cold start" section of docs/benchmarks.md.
 *
 *   npx jiti bench/sql-cold-start.ts [--runs 11] [--write] [--label "after"]
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
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
const floor = path.join(root, "bench", "duckdb-floor.mjs");

interface Case {
  name: string;
  /** The node arguments; a function when each run differs (run number). */
  args: string[] | ((run: number) => string[]);
  before?: () => void;
  /** The holder answering this case, whose CPU per run is added to the table. */
  holder?: () => ChildProcess;
}

/** A `mercurios local serve` holding its own engine file, for the routed cases. */
const heldFile = path.join(scratch, "held.duckdb");
let holder: ChildProcess | undefined;
const theHolder = () => holder as ChildProcess;

const sqlArgs = [bin, "sql", "--local-db", engineFile, statement];
const cases: Case[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  {
    name: `mercurios sql "${statement}", uncached`,
    args: sqlArgs,
    before: () => rmSync(translations, { recursive: true, force: true }),
  },
  { name: `mercurios sql "${statement}", cached`, args: sqlArgs },
  // The floor: DuckDB's own share of any `mercurios sql`, without Mercurios's code.
  { name: "node + import @duckdb/node-api", args: [floor] },
  { name: `node + @duckdb/node-api: open the engine file, "${statement}"`, args: [floor, engineFile] },
  // Routed: the holder has the engine open; this process loads neither DuckDB nor the engine.
  {
    name: `mercurios sql "${statement}", routed to a holder`,
    args: [bin, "sql", "--local-db", heldFile, statement],
    holder: theHolder,
  },
  {
    name: `mercurios sql "select <n>", routed, a new statement each run`,
    args: (run) => [bin, "sql", "--local-db", heldFile, `select ${run} as n`],
    holder: theHolder,
  },
];
let runNumber = 0;

const env = {
  ...process.env,
  NO_COLOR: "1",
  SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
  SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
};

/** GNU time, when the machine has it: the child's CPU time (user + system), steadier than wall time under load. */
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** CPU ms (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function processCpu(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime (fields 14 and 15 of stat, 12 and 13 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function timeOnce(c: Case): { wall: number; cpu: number | null; holderCpu: number | null } {
  c.before?.();
  const caseArgs = typeof c.args === "function" ? c.args(runNumber++) : c.args;
  const [command, args] = gnuTime
    ? [gnuTime, ["-f", "cpu %U %S", process.execPath, ...caseArgs]]
    : [process.execPath, caseArgs];
  const holderPid = c.holder?.().pid;
  const holderBefore = holderPid === undefined ? null : processCpu(holderPid);
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: scratch, env, stdio: ["ignore", "pipe", "pipe"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const holderAfter = holderPid === undefined ? null : processCpu(holderPid);
  if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${result.stderr.toString()}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr.toString());
  return {
    wall,
    cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null,
    holderCpu: holderBefore === null || holderAfter === null ? null : holderAfter - holderBefore,
  };
}

/** Starts `mercurios local serve` on the held file; resolves once it listens (its note is written). */
function startHolder(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, "local", "serve", "--port", "0", "--local-db", heldFile], {
    cwd: scratch,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening on")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`local serve exited ${code}: ${out}`)));
  });
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
holder = await startHolder();
try {
  // The first run creates the engine file; then each case warms the OS file cache twice.
  for (const c of cases) for (let i = 0; i < 2; i++) timeOnce(c);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const cpuSamples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const holderSamples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  // Interleaved, so that the machine's load moves every case alike. The cached case always follows
  // an uncached run, which stored the statement's translation.
  for (let i = 0; i < runs; i++)
    for (const c of cases) {
      const { wall, cpu, holderCpu } = timeOnce(c);
      samples.get(c.name)!.push(wall);
      if (cpu !== null) cpuSamples.get(c.name)!.push(cpu);
      if (holderCpu !== null) holderSamples.get(c.name)!.push(holderCpu);
    }
  const loadAfter = load();

  const baseline = median(samples.get("node -e 0")!);
  const cpuBase = cpuSamples.get("node -e 0")!;
  const cpuBaseline = cpuBase.length > 0 ? median(cpuBase) : null;
  const rows = cases.map((c) => {
    const values = samples.get(c.name)!;
    const med = median(values);
    const cpu = cpuBaseline === null ? null : median(cpuSamples.get(c.name)!);
    const held = holderSamples.get(c.name)!;
    return {
      holderCpu: held.length > 0 ? median(held) : null,
      name: c.name,
      median: med,
      min: Math.min(...values),
      ratio: med / baseline,
      cpu,
      cpuRatio: cpu === null || cpuBaseline === null ? null : cpu / cpuBaseline,
    };
  });
  const table = [
    `| command (${label}) | median wall ms | min wall ms | wall ratio | median CPU ms | CPU ratio | holder CPU ms per run |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.ratio.toFixed(2)}x | ${r.cpu?.toFixed(0) ?? "-"} | ${r.cpuRatio === null ? "-" : `${r.cpuRatio.toFixed(2)}x`} | ${r.holderCpu?.toFixed(0) ?? "-"} |`,
    ),
  ].join("\n");
  const cached = rows[2]!;
  const uncached = rows[1]!;
  const opened = rows[4]!;
  const routed = rows[5]!;
  const routedNew = rows[6]!;
  const goal = `Goal: cached under 3x, uncached under 6x \`node -e 0\` (wall). Measured ${cached.ratio.toFixed(2)}x (${cached.ratio < 3 ? "met" : "NOT met"}) and ${uncached.ratio.toFixed(2)}x (${uncached.ratio < 6 ? "met" : "NOT met"}) in wall time${cached.cpuRatio === null || uncached.cpuRatio === null ? "" : `; ${cached.cpuRatio.toFixed(2)}x and ${uncached.cpuRatio.toFixed(2)}x in CPU time (user + system, which the machine's load moves less)`}. DuckDB alone (Node, \`@duckdb/node-api\`, opening the same file, \`select 1\`) takes ${opened.ratio.toFixed(2)}x in wall time${opened.cpuRatio === null ? "" : ` and ${opened.cpuRatio.toFixed(2)}x in CPU time`}: the floor of any per-process design that keeps DuckDB. Routed to a running holder (decision 019): ${routed.ratio.toFixed(2)}x (${routed.ratio < 3 ? "under" : "NOT under"} 3x) in wall time${routed.cpuRatio === null ? "" : ` and ${routed.cpuRatio.toFixed(2)}x in CPU time`} for a repeated statement, ${routedNew.ratio.toFixed(2)}x (${routedNew.ratio < 6 ? "under" : "NOT under"} 6x)${routedNew.cpuRatio === null ? "" : ` and ${routedNew.cpuRatio.toFixed(2)}x`} for a new one; the holder's own CPU per run is in the last column (not counted in the ratios).`;
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
      "removed before each run (uncached) or kept from the run before (cached), against `node -e 0`; and",
      "routed to a `mercurios local serve` holding another engine file (docs/decisions/019); the holder's CPU",
      "per routed run is read from its /proc/<pid>/stat before and after (10 ms ticks).",
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
  if (holder) {
    const exited = new Promise((resolve) => holder?.once("exit", resolve));
    holder.kill("SIGTERM");
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
}
