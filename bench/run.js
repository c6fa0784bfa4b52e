#!/usr/bin/env node
// `npm run bench [-- name…]`: runs every bench/*.ts (or those whose names contain one of the given
// words) one after another with jiti, so each prints its own figures. Benchmarks are never tests.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(dir);
const jitiCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve("jiti/package.json")),
  "lib",
  "jiti-cli.mjs",
);
// Names come first; everything from the first flag on is passed to each script (`cold-start --runs 5`).
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith("-"));
const filters = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passThrough = firstFlag < 0 ? [] : args.slice(firstFlag);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort();

const env = {
  ...process.env,
  SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
  SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
};
let failed = 0;
for (const script of scripts) {
  process.stdout.write(`\n=== bench/${script} ===\n`);
  const result = spawnSync(process.execPath, [jitiCli, path.join(dir, script), ...passThrough], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
if (scripts.length === 0) process.stdout.write(`no benchmark matches ${filters.join(", ")}\n`);
process.exitCode = failed ? 1 : 0;
