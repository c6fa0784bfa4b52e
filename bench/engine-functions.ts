/**
 * Cost of the statement splitter and of the functions module's text rewrites around the transpiler,
 * on the conformance suite's statements (Snowflake documentation examples).
 *
 *   npx jiti bench/engine-functions.ts
 *
 * Prints: splitter throughput on a large script; per-statement median and p99 of the rewrite before
 * and after translation, and of the transpiler itself, with the rewrites' share of translation time.
 */
import { Dialect, transpile } from "@polyglot-sql/sdk";
import { rewriteAfterTranslate, rewriteBeforeTranslate } from "../src/engine/functions/index.js";
import { splitStatements } from "../src/engine/split/index.js";
import { loadCaseFiles } from "../test/engine/conformance/cases.js";

const statements: string[] = [];
for (const file of loadCaseFiles()) {
  for (const c of file.cases) {
    for (const script of [c.setup ?? "", c.query])
      for (const s of splitStatements(script)) statements.push(s.text);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeEach(label: string, inputs: string[], fn: (s: string) => unknown, rounds: number): number[] {
  for (const s of inputs) fn(s); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of inputs) {
      const t = process.hrtime.bigint();
      fn(s);
      samples.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} median ${percentile(samples, 50).toFixed(1).padStart(8)} µs   p99 ${percentile(samples, 99).toFixed(1).padStart(8)} µs`,
  );
  return samples;
}

// Splitter: one script of every statement, repeated to about 1 MB.
const unit = `${statements.join(";\n")};\n`;
const script = unit.repeat(Math.max(1, Math.ceil(1_000_000 / unit.length)));
const t0 = process.hrtime.bigint();
const parts = splitStatements(script);
const splitMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(
  `splitStatements: ${(script.length / 1e6).toFixed(2)} MB, ${parts.length} statements in ${splitMs.toFixed(0)} ms ` +
    `(${(script.length / 1e6 / (splitMs / 1000)).toFixed(1)} MB/s)`,
);

console.log(`\n${statements.length} statements from the conformance cases, 20 rounds each:`);
const translated = statements.map((s) => {
  const out = transpile(rewriteBeforeTranslate(s), Dialect.Snowflake, Dialect.DuckDB);
  return out.success && out.sql ? out.sql.join(";\n") : s;
});
const before = timeEach("rewriteBeforeTranslate", statements, rewriteBeforeTranslate, 20);
const after = timeEach("rewriteAfterTranslate", translated, rewriteAfterTranslate, 20);
const trans = timeEach(
  "transpile (@polyglot-sql/sdk)",
  statements,
  (s) => transpile(s, Dialect.Snowflake, Dialect.DuckDB),
  5,
);
const median = (xs: number[]) => percentile(xs, 50);
console.log(
  `\nrewrites / transpile, median: ${((100 * (median(before) + median(after))) / median(trans)).toFixed(1)}%`,
);
