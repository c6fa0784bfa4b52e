/**
 * Conformance runner cost: CPU time per documentation case when every case opens a fresh engine
 * (the old runner) against cases sharing one engine with a fresh session and database each (the
 * runner now). CPU time, not wall time, so other jobs on the machine do not move the figure.
 *
 *   npx jiti bench/conformance-runner.ts [--cases 40]
 */
import os from "node:os";
import { openEngine } from "../src/engine/index.js";
import { engineAccess } from "../test/engine/conformance/access.js";
import { loadCaseFiles } from "../test/engine/conformance/cases.js";
import { CaseRunner, needsOwnEngine } from "../test/engine/conformance/runner.js";

const countIndex = process.argv.indexOf("--cases");
const count = countIndex >= 0 ? Number(process.argv[countIndex + 1]) : 40;
const cases = loadCaseFiles()
  .flatMap((f) => f.cases)
  .filter((c) => !needsOwnEngine(c))
  .slice(0, count);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Warm-up: the transpiler's WebAssembly is compiled once per process, in either mode.
const warm = new CaseRunner(engineAccess);
await warm.run(cases[0]!);
await warm.close();

// The old runner: a new in-memory engine per case (not the suite's copies of a prepared file).
const inMemory = { ...engineAccess, openFresh: () => openEngine({ path: ":memory:" }) };
let start = cpuMs();
for (const c of cases) {
  const runner = new CaseRunner(inMemory);
  await runner.run({ ...c, isolation: "engine" });
  await runner.close();
}
const fresh = cpuMs() - start;

start = cpuMs();
const shared = new CaseRunner(engineAccess);
for (const c of cases) await shared.run(c);
await shared.close();
const sharedMs = cpuMs() - start;

console.log(`${cases.length} cases, CPU ms per case`);
console.log(`  fresh engine per case: ${(fresh / cases.length).toFixed(0)}`);
console.log(`  shared engine, fresh session and database: ${(sharedMs / cases.length).toFixed(0)}`);
console.log(`  ratio: ${(fresh / sharedMs).toFixed(1)}x`);
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
);
