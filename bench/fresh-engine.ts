/**
 * What a fresh engine costs the conformance cases that need one of their own (account-level
 * statements: most SHOW cases): a new in-memory engine (every function macro and the account
 * catalog installed by SQL at each open) against a copy of a new engine's file made once per process
 * (its install stamps match, so the open skips the install). CPU time, not wall time, so other jobs
 * on the machine move the figure less.
 *
 *   npx jiti bench/fresh-engine.ts [--opens 10] [--cases 30]
 */
import os from "node:os";
import { displayValue } from "../src/engine/format.js";
import { openEngine } from "../src/engine/index.js";
import { engineAccess } from "../test/engine/conformance/access.js";
import { loadCaseFiles } from "../test/engine/conformance/cases.js";
import { CaseRunner, type EngineAccess, needsOwnEngine } from "../test/engine/conformance/runner.js";

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const opens = flag("--opens", 10);
const caseCount = flag("--cases", 30);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const inMemory: EngineAccess = {
  open: () => openEngine({ path: ":memory:" }),
  openFresh: () => openEngine({ path: ":memory:" }),
  display: displayValue,
};

/** CPU ms per engine: open, one SHOW in a session, close. */
async function perOpen(open: () => Promise<Awaited<ReturnType<typeof openEngine>>>): Promise<number> {
  const start = cpuMs();
  for (let i = 0; i < opens; i++) {
    const engine = await open();
    const session = await engine.openSession({});
    await session.execute("SHOW ROLES");
    await session.close();
    await engine.close();
  }
  return (cpuMs() - start) / opens;
}

const cases = loadCaseFiles("show")
  .flatMap((f) => f.cases)
  .filter(needsOwnEngine)
  .slice(0, caseCount);

/** CPU ms per case, each in a fresh engine from `access`; also how many passed (must not differ). */
async function perCase(access: EngineAccess): Promise<{ ms: number; passed: number }> {
  const runner = new CaseRunner(access);
  const start = cpuMs();
  let passed = 0;
  for (const c of cases) if ((await runner.run(c)).passed) passed++;
  const ms = (cpuMs() - start) / cases.length;
  await runner.close();
  return { ms, passed };
}

// Warm-up: the transpiler's WebAssembly and the prepared file, once per process in either mode.
await perOpen(() => openEngine({ path: ":memory:" }));
await perOpen(engineAccess.openFresh!);

const memoryOpen = await perOpen(() => openEngine({ path: ":memory:" }));
const copyOpen = await perOpen(engineAccess.openFresh!);
const memoryCases = await perCase(inMemory);
const copyCases = await perCase(engineAccess);

console.log(`CPU ms per fresh engine (open, SHOW ROLES, close), ${opens} each`);
console.log(`  new :memory: engine: ${memoryOpen.toFixed(0)}`);
console.log(`  copy of a prepared engine file: ${copyOpen.toFixed(0)}`);
console.log(`  ratio: ${(memoryOpen / copyOpen).toFixed(1)}x`);
console.log(`CPU ms per SHOW case needing its own engine, ${cases.length} cases`);
console.log(`  new :memory: engine: ${memoryCases.ms.toFixed(0)} (${memoryCases.passed} passed)`);
console.log(`  copy of a prepared engine file: ${copyCases.ms.toFixed(0)} (${copyCases.passed} passed)`);
console.log(`  ratio: ${(memoryCases.ms / copyCases.ms).toFixed(1)}x`);
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
);
