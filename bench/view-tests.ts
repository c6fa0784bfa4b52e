/**
 * View tests benchmark: what `mercurios views test` costs on the platform (the repository's own
 * views/ANALYTICS/*.test.yaml), cold and warm.
 *
 *   npx jiti bench/view-tests.ts [--runs 5] [--cli-runs 2]
 *
 * Measures, in this process: building the session (a fresh in-memory engine: every migration, then
 * the declarations applied), the first run, the median of warm runs on the same session (what `dev`
 * pays per save, besides re-creating the view), and refresh of one view (syncViews with its
 * dependants); then the CLI end to end as a fresh process (`node bin/mercurios.js views test
 * --format json`, needs `npm run build`) against `node -e 0`.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { loadDeclaredViews } from "../src/api/views/declared.js";
import { openViewTestSession } from "../src/api/views/test.js";
import { loadEnvironment } from "../src/config/index.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function arg(name: string, fallback: string): number {
  const i = process.argv.indexOf(name);
  return Number(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}
const RUNS = arg("--runs", "5");
const CLI_RUNS = arg("--cli-runs", "2");
const root = path.resolve(import.meta.dirname, "..");
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const environment = await loadEnvironment({ cwd: root, env: "local" });
let t = performance.now();
const declared = await loadDeclaredViews(environment);
const loadMs = performance.now() - t;

t = performance.now();
const session = await openViewTestSession(environment, { declared });
const buildMs = performance.now() - t;

t = performance.now();
const first = await session.run();
const firstMs = performance.now() - t;
if (first.failed > 0)
  throw new Error(`${first.failed} platform view test(s) failed; fix them before measuring`);

const warm: number[] = [];
const perCase: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  const report = await session.run();
  warm.push(performance.now() - t);
  perCase.push(...report.cases.map((c) => c.durationMs ?? 0));
}

const one = [...declared.graph.views.keys()].find((v) => v.endsWith(".DAILY_SALES_SUMMARY"))!;
const refresh: number[] = [];
const single: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  await session.refresh({ declared, views: [one] });
  refresh.push(performance.now() - t);
  t = performance.now();
  await session.run({ views: [one] });
  single.push(performance.now() - t);
}
await session.close();

const cli: number[] = [];
const node: number[] = [];
for (let i = 0; i < CLI_RUNS; i++) {
  t = performance.now();
  const run = spawnSync(
    process.execPath,
    [path.join(root, "bin", "mercurios.js"), "views", "test", "--format", "json"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  cli.push(performance.now() - t);
  if (run.status !== 0) throw new Error(`views test exited ${run.status}: ${run.stderr}`);
  t = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  node.push(performance.now() - t);
}

const cases = first.cases.length;
console.log(`View tests on the platform: ${cases} cases in ${first.files.length} files`);
console.log(`  machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}`);
console.log(`  load and render declared views       ${ms(loadMs)}`);
console.log(`  build the session (migrate + apply)  ${ms(buildMs)}`);
console.log(`  first run (all cases)                ${ms(firstMs)}`);
console.log(
  `  warm run, median of ${RUNS}             ${ms(median(warm))}  (${(median(warm) / cases).toFixed(0)} ms a case; case median ${ms(median(perCase))})`,
);
console.log(`  refresh one view (syncViews + dependants), median  ${ms(median(refresh))}`);
console.log(`  run that view's tests (warm), median ${ms(median(single))}`);
console.log(
  `  cold in process: build + first run   ${ms(buildMs + firstMs)}  = ${((buildMs + firstMs) / median(warm)).toFixed(1)}x a warm run`,
);
console.log(
  `  CLI end to end, median of ${CLI_RUNS}         ${ms(median(cli))}  (node -e 0: ${ms(median(node))})`,
);
