/**
 * What V8's WebAssembly tiers cost a process that loads the transpiler (@polyglot-sql/sdk, 22 MB of
 * WebAssembly): a fresh Node process translates N statements with V8's defaults (Liftoff first, then
 * TurboFan recompiling the whole module on background threads, which the process waits for at exit)
 * and with `--liftoff-only`, which src/engine/transpiler.ts sets. Median wall and CPU (user + system)
 * of interleaved runs, with ratios. With --write it replaces the "## Transpiler WebAssembly tiers"
 * section of docs/benchmarks.md.
 *
 *   npx jiti bench/transpiler-tiers.ts [--runs 5] [--write]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const child = path.join(root, "bench", "lib", "translate-n.mjs");
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 5;
const write = process.argv.includes("--write");
if (!existsSync("/usr/bin/time")) throw new Error("this benchmark needs GNU time (/usr/bin/time) for CPU figures");

const tiers = [
  { name: "V8 defaults (Liftoff, then TurboFan)", flags: "" },
  { name: "--liftoff-only", flags: "--liftoff-only" },
];
const sizes = [1, 2_000, 20_000];

function timeOnce(flags: string, n: number): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", process.execPath, child, String(n)], {
    cwd: root,
    env: { ...process.env, TIERS_FLAGS: flags },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString();
  if (result.status !== 0) throw new Error(`translate-n ${n} (${flags || "defaults"}) exited ${result.status}: ${stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (!cpu) throw new Error(`no CPU figures from GNU time: ${stderr}`);
  return { wall, cpu: (Number(cpu[1]) + Number(cpu[2])) * 1000 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

const loadBefore = load();
const rows: string[] = [];
for (const n of sizes) {
  const samples = tiers.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  timeOnce("", n); // warms the OS file cache
  for (let i = 0; i < runs; i++)
    tiers.forEach((tier, t) => {
      const { wall, cpu } = timeOnce(tier.flags, n);
      samples[t]!.wall.push(wall);
      samples[t]!.cpu.push(cpu);
    });
  const base = { wall: median(samples[0]!.wall), cpu: median(samples[0]!.cpu) };
  tiers.forEach((tier, t) => {
    const wall = median(samples[t]!.wall);
    const cpu = median(samples[t]!.cpu);
    rows.push(
      `| ${n.toLocaleString("en-US")} | ${tier.name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${(wall / base.wall).toFixed(2)}x | ${(cpu / base.cpu).toFixed(2)}x |`,
    );
  });
}
const table = [
  "| statements | tiers | median wall ms | median CPU ms | wall vs defaults | CPU vs defaults |",
  "| ---: | --- | ---: | ---: | ---: | ---: |",
  ...rows,
].join("\n");
const machine = `${runs} runs per row, interleaved; Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore} before and ${load()} after; ${new Date().toISOString().slice(0, 16)}Z.`;
console.log(`${table}\n\n${machine}`);

if (write) {
  const file = path.join(root, "docs", "benchmarks.md");
  const heading = "## Transpiler WebAssembly tiers";
  const section = [
    heading,
    "",
    "`npx jiti bench/transpiler-tiers.ts --write`: a fresh Node process loads the transpiler and translates",
    "N distinct statements, with V8's defaults and with `--liftoff-only` (what src/engine/transpiler.ts sets",
    "before it imports the transpiler). By default V8 recompiles the whole 22 MB module with TurboFan on",
    "background threads and the process waits for that at exit; the baseline tier alone is cheaper at every",
    "size measured.",
    "",
    table,
    "",
    machine,
    "",
  ].join("\n");
  const current = readFileSync(file, "utf8");
  const pattern = /## Transpiler WebAssembly tiers\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.replace(/\n*$/, "\n\n")}${section}`);
  console.log(`\nwrote the "${heading}" section of docs/benchmarks.md`);
}
