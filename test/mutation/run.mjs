#!/usr/bin/env node
/**
 * The mutation check (docs/testing.md): applies each deliberate break of breaks.mjs to its file,
 * runs the test that must catch it, and puts the file back, one break at a time. A break whose test
 * stays green "survived": the run then exits 1.
 *
 *   node test/mutation/run.mjs                 every break
 *   node test/mutation/run.mjs token-expiry …  the breaks named
 *
 * It edits files in this checkout: run it on a clean tree (it refuses a file with uncommitted
 * changes) and let it finish (Ctrl-C puts the current file back). The tests' global setup rebuilds
 * dist/ after each edit, so the CLI tests see the break too. MUTATION_LOG_DIR=<dir> keeps each test
 * run's output there (<id>.log).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BREAKS } from "./breaks.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !BREAKS.some((b) => b.id === id));
if (unknown.length > 0) {
  console.error(`unknown break(s): ${unknown.join(", ")}; known: ${BREAKS.map((b) => b.id).join(", ")}`);
  process.exit(1);
}
const chosen = wanted.length > 0 ? BREAKS.filter((b) => wanted.includes(b.id)) : BREAKS;

/** The file being broken and its original text, to put back on any exit. */
let restoring = null;
function restore() {
  if (restoring) writeFileSync(restoring.file, restoring.text);
  restoring = null;
}
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    restore();
    process.exit(130);
  });

function runTest(brk) {
  const args = ["vitest", "run", brk.test, ...(brk.testName ? ["-t", brk.testName] : [])];
  return new Promise((resolve) => {
    const child = spawn("npx", args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", ...(brk.env ?? {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const results = [];
for (const brk of chosen) {
  const file = path.join(root, brk.file);
  const dirty = execFileSync("git", ["status", "--porcelain", "--", brk.file], { cwd: root }).toString();
  if (dirty.trim() !== "") {
    console.error(`${brk.id}: ${brk.file} has uncommitted changes; commit or stash them first`);
    process.exit(1);
  }
  const original = readFileSync(file, "utf8");
  let broken = original;
  for (const edit of brk.edits) {
    const count = broken.split(edit.find).length - 1;
    if (count !== 1) {
      console.error(
        `${brk.id}: expected the text to break exactly once in ${brk.file}, found it ${count} times:\n${edit.find}`,
      );
      process.exit(1);
    }
    broken = broken.replace(edit.find, () => edit.replace);
  }
  restoring = { file, text: original };
  const started = Date.now();
  let outcome;
  try {
    writeFileSync(file, broken);
    const { code, output } = await runTest(brk);
    if (process.env.MUTATION_LOG_DIR) {
      mkdirSync(process.env.MUTATION_LOG_DIR, { recursive: true });
      writeFileSync(path.join(process.env.MUTATION_LOG_DIR, `${brk.id}.log`), output);
    }
    const failed = [...output.matchAll(/^\s*(?:×|FAIL)\s+(.+?)(?:\s+\d+ms)?$/gm)].map((m) => m[1].trim());
    if (/npm run build` failed/.test(output)) outcome = "build failed (not a valid break)";
    else if (code === 0) outcome = "SURVIVED (test stayed green)";
    else outcome = `red: ${failed.find((f) => !f.includes(">")) ?? failed[0] ?? `exit ${code}`}`;
  } finally {
    restore();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ id: brk.id, test: brk.test, outcome, seconds });
  console.log(
    `${brk.id.padEnd(24)} ${outcome}  (${brk.test}${brk.testName ? ` -t "${brk.testName}"` : ""}, ${seconds} s)`,
  );
}
const survived = results.filter((r) => !r.outcome.startsWith("red"));
console.log(`\n${results.length - survived.length} of ${results.length} breaks turned their test red.`);
process.exit(survived.length === 0 ? 0 : 1);
