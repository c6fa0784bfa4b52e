/**
 * Test files start slowest first, by the durations recorded in test/durations.json.
 *
 * Two workers take files in the order the sequencer gives. Vitest's own order uses its results
 * cache, which a fresh CI clone does not have; without it, it starts the largest files first, and
 * the size of a file says nothing about its cost: a conformance suite is a three-line file that runs
 * hundreds of cases, so those ran last and one worker ran the tail while the other core stood
 * idle. Longest-first on recorded durations keeps both workers busy to the end (docs/benchmarks.md,
 * "Test suite cost"). A file missing from the record (a new one) starts first, as vitest does with
 * files it has not seen: its cost is unknown, and a long one at the end is the costly mistake.
 *
 * Refresh the record after a whole run with the JSON reporter:
 * `npx vitest run --reporter=json --outputFile=/tmp/run.json && node scripts/record-test-durations.mjs /tmp/run.json`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

const recordPath = path.join(import.meta.dirname, "durations.json");

/** Seconds per test file (path relative to the repository), from test/durations.json. */
export function recordedDurations(file = recordPath): Map<string, number> {
  const record = JSON.parse(readFileSync(file, "utf8")) as { seconds: Record<string, number> };
  return new Map(Object.entries(record.seconds));
}

/** Orders files longest-first by `durations`; files without a record come first, in name order. */
export function longestFirst<T>(
  files: readonly T[],
  nameOf: (file: T) => string,
  durations: Map<string, number>,
): T[] {
  const cost = (file: T) => durations.get(nameOf(file)) ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => cost(b) - cost(a) || nameOf(a).localeCompare(nameOf(b)));
}

export default class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const nameOf = (spec: TestSpecification) => path.relative(root, spec.moduleId).split(path.sep).join("/");
    return longestFirst(files, nameOf, recordedDurations());
  }
}
