/**
 * Dev loop benchmark: from saving one ANALYTICS view to the printed status block in `mercurios dev`,
 * on a copy of the platform project with its default sample data (~100k receipt lines).
 *
 *   npx jiti bench/dev-loop.ts [--saves 20] [--view SHOP_PERFORMANCE]
 *
 * Starts the loop with the real watcher (startDev), then saves the view N times, alternating two
 * versions that differ in their definition, and times each save from the write to the rendered
 * block. Prints the median and p95, the split (render, apply, tests, first rows) and the machine's load.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startDev } from "../src/api/dev/index.js";
import { loadEnvironment } from "../src/config/index.js";
import { type DevStatus, renderDevStatus } from "../src/report/dev-status.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const SAVES = Number(arg("--saves", "20"));
const VIEW = arg("--view", "SHOP_PERFORMANCE");

const repo = path.resolve(import.meta.dirname, "..");
const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => `${Math.round(value)} ms`;

const root = await mkdtemp(path.join(os.tmpdir(), "mercurios-bench-dev-"));
try {
  for (const part of ["views", "roles", "monitors", "migrations", "mercurios.config.ts"]) {
    await cp(path.join(repo, part), path.join(root, part), { recursive: true });
  }
  const file = path.join(root, "views", "ANALYTICS", `${VIEW}.sql`);
  const original = await readFile(file, "utf8");
  // Two versions whose definitions differ (a comment alone would not re-create the view).
  const edited = original.replace("QUANTITY_ON_HAND <= 0", "QUANTITY_ON_HAND < 1");
  if (edited === original)
    throw new Error(`no 'QUANTITY_ON_HAND <= 0' in ${VIEW}.sql to toggle; pick another --view`);

  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ");
  const loadBefore = load();
  let arrived: { status: DevStatus; block: string; at: number } | undefined;
  let printed = 0;
  const startAt = performance.now();
  const session = await startDev({
    environment: await loadEnvironment({ cwd: root, env: "local" }),
    onStatus: (status) => {
      // What the CLI does with a status: render it and write it out.
      const block = renderDevStatus(status);
      printed += block.length;
      arrived = { status, block, at: performance.now() };
    },
  });
  const startMs = performance.now() - startAt;
  const start = arrived!.status;
  if (start.errors.length > 0) throw new Error(`the start failed:\n${arrived!.block}`);
  console.log(
    `start (up on a fresh engine file, sample data, warm test session, ${start.tests?.cases.length ?? 0} view tests): ${ms(startMs)}`,
  );

  const latencies: number[] = [];
  const split = {
    render: [] as number[],
    apply: [] as number[],
    tests: [] as number[],
    preview: [] as number[],
  };
  const loopTotals: number[] = [];
  let sample = "";
  for (let i = 0; i < SAVES; i++) {
    arrived = undefined;
    const saved = performance.now();
    await writeFile(file, i % 2 === 0 ? edited : original);
    while (!arrived) await new Promise((r) => setTimeout(r, 2));
    const round = arrived as { status: DevStatus; block: string; at: number };
    await session.idle();
    if (round.status.errors.length > 0) throw new Error(`save ${i + 1} failed:\n${round.block}`);
    latencies.push(round.at - saved);
    loopTotals.push(round.status.timings.totalMs);
    split.render.push(round.status.timings.renderMs);
    split.apply.push(round.status.timings.applyMs);
    split.tests.push(round.status.timings.testsMs);
    split.preview.push(round.status.timings.previewMs);
    sample = round.block;
  }
  await session.close();

  const median = quantile(latencies, 0.5);
  console.log(`\nsaves of views/ANALYTICS/${VIEW}.sql: ${SAVES} (alternating two definitions)`);
  console.log(
    `save -> printed block: median ${ms(median)}, p95 ${ms(quantile(latencies, 0.95))}, fastest ${ms(Math.min(...latencies))}`,
  );
  console.log(
    `  of which the loop's round (after the 50 ms debounce): median ${ms(quantile(loopTotals, 0.5))}`,
  );
  console.log(
    `  split (medians): render ${ms(quantile(split.render, 0.5))}, apply ${ms(quantile(split.apply, 0.5))}, tests ${ms(quantile(split.tests, 0.5))}, first rows ${ms(quantile(split.preview, 0.5))}`,
  );
  console.log(`goal < 1000 ms: median is ${(median / 1000).toFixed(2)} of it`);
  console.log(
    `load average (1/5/15 min) before: ${loadBefore}, after: ${load()} on ${os.cpus().length} cores`,
  );
  console.log(`\nlast block (${printed} characters printed in all):\n${sample}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
