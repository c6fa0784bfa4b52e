#!/usr/bin/env node
/**
 * Writes test/durations.json (seconds per test file, read by test/sequencer.ts to start the slowest
 * files first) from a whole run's vitest JSON report:
 *   npx vitest run --reporter=json --outputFile=/tmp/run.json
 *   node scripts/record-test-durations.mjs /tmp/run.json
 * Files the report lacks keep their recorded figure; files that no longer exist are dropped.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "test", "durations.json");
const reportPath = process.argv[2];
if (!reportPath) {
  console.error("usage: node scripts/record-test-durations.mjs <vitest JSON report>");
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const previous = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")).seconds : {};
const seconds = { ...previous };
for (const result of report.testResults ?? []) {
  const name = path.relative(root, result.name).split(path.sep).join("/");
  seconds[name] = Math.round((result.endTime - result.startTime) / 100) / 10;
}
for (const name of Object.keys(seconds)) if (!existsSync(path.join(root, name))) delete seconds[name];
const sorted = Object.fromEntries(Object.entries(seconds).sort(([, a], [, b]) => b - a));
const note =
  "Wall seconds per test file in one whole run (scripts/record-test-durations.mjs); only the order matters (test/sequencer.ts).";
writeFileSync(out, `${JSON.stringify({ note, seconds: sorted }, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files recorded in ${path.relative(root, out)}`);
