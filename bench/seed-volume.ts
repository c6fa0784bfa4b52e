/**
 * Sample-data volume: `seed --scale 10` (about a million receipt lines for the three configured
 * tenants) on a fresh in-memory local engine, generation (in SQL) and STANDARD refresh timed
 * separately. Target: 1M receipt lines in under 30 s. Run: `npx jiti bench/seed-volume.ts [scale]`.
 * Prints figures; asserts nothing.
 */
import os from "node:os";
import { fileURLToPath } from "node:url";
import { migrateUp, projectFromEnvironment } from "../src/api/migrate.js";
import type { SeedReport } from "../migrations/_seed/seed.js";
import { seed } from "../src/api/seed.js";
import { loadEnvironment } from "../src/config/index.js";
import { openLocalDriver } from "../src/driver/local.js";
import { openEngine } from "../src/engine/index.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

const scale = Number(process.argv[2] ?? 10);
const root = fileURLToPath(new URL("..", import.meta.url));
const environment = await loadEnvironment({ cwd: root, env: "local" });
const engine = await openEngine({ path: ":memory:" });
const driver = await openLocalDriver(engine, {});
try {
  const migrateStarted = performance.now();
  await migrateUp({ project: projectFromEnvironment(environment), driver });
  const migrateMs = performance.now() - migrateStarted;
  const cpuBefore = process.cpuUsage();
  const report = (await seed({ environment, driver, scale })).report as SeedReport;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const lines = report.raw.RECEIPT_LINES;
  const seconds = report.durationMs.total / 1000;
  console.log(
    `seed --scale ${scale} on the local engine (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`  migrations (fresh engine)       ${(migrateMs / 1000).toFixed(1)} s`);
  console.log(`  RAW rows                        ${JSON.stringify(report.raw)}`);
  console.log(`  STANDARD rows                   ${JSON.stringify(report.standard)}`);
  console.log(`  generate RAW (SQL)              ${(report.durationMs.generate / 1000).toFixed(1)} s`);
  console.log(`  refresh STANDARD (7 MERGEs)     ${(report.durationMs.refresh / 1000).toFixed(1)} s`);
  console.log(`  total                           ${seconds.toFixed(1)} s`);
  console.log(`  CPU time (all threads)          ${cpuSeconds.toFixed(1)} s`);
  for (const step of report.steps)
    console.log(`    ${step.step.padEnd(30)} ${(step.ms / 1000).toFixed(1)} s`);
  console.log(`  receipt lines                   ${lines.toLocaleString("en")}`);
  console.log(`  receipt lines per second        ${Math.round(lines / seconds).toLocaleString("en")}`);
  console.log(
    `  time for 1M lines (scaled)      ${((seconds * 1_000_000) / lines).toFixed(1)} s (target < 30 s, ratio ${((seconds * 1_000_000) / lines / 30).toFixed(2)})`,
  );
} finally {
  await driver.close();
  await engine.close();
}
