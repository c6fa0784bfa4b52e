/**
 * The bad-input suite's harness: each input is a small change to a fresh project (made by
 * `mercurios init`, copied per input) and one real CLI process on the built dist. Every input must
 * end (no hang), exit 1 (the documented exit code for an error), never say INTERNAL, print no stack
 * trace without --debug, and name the file, line or object it is about.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CliRun, runCli } from "../../cli/run.js";

/** One bad input and what its error must name. */
export interface BadInput {
  /** What is wrong, as a person would say it. */
  name: string;
  /** Files written into the project (path relative to its root -> content; null deletes the file). */
  files?: Record<string, string | null>;
  /** Anything else done to the project folder first (a directory, a garbage engine file, …). */
  prepare?: (root: string) => void;
  /** The command line (global flags included). */
  args: string[];
  env?: Record<string, string | undefined>;
  /** Text the error must contain: the file (and line), the object or the value at fault. */
  names: string | RegExp;
  /** The documented exit code expected (default 1: an error). */
  exit?: number;
}

/** A process that runs longer than this has hung (the slowest input takes a few seconds). */
export const HANG_MS = 120_000;

const scratch = mkdtempSync(path.join(tmpdir(), "mercurios-bad-input-"));
let base: Promise<string> | undefined;
let counter = 0;

/** A fresh project from `mercurios init` (made once, copied for each input). */
export function baseProject(): Promise<string> {
  base ??= runCli(["init", "shop"], { cwd: scratch }).then((run) => {
    if (run.code !== 0) throw new Error(`init failed: ${run.stderr}`);
    return path.join(scratch, "shop");
  });
  return base;
}

/** Copies the base project, applies the input's files and preparation; returns the copy's root. */
export async function projectFor(input: BadInput): Promise<string> {
  const root = path.join(scratch, `case-${++counter}`);
  cpSync(await baseProject(), root, { recursive: true });
  chmodSync(root, 0o777);
  for (const [file, content] of Object.entries(input.files ?? {})) {
    const full = path.join(root, file);
    if (content === null) rmSync(full, { force: true, recursive: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  input.prepare?.(root);
  return root;
}

/** Runs the input as a CLI process; rejects if it does not end within HANG_MS. */
export async function runInput(input: BadInput): Promise<CliRun & { root: string }> {
  const root = await projectFor(input);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: ${input.args.join(" ")}`)), HANG_MS);
  });
  try {
    const run = await Promise.race([runCli(input.args, { cwd: root, env: input.env ?? {} }), hung]);
    return { ...run, root };
  } finally {
    clearTimeout(timer);
  }
}

/** Every problem with how the input was answered (empty when it was answered well). */
export function judge(input: BadInput, run: CliRun): string[] {
  const output = `${run.stdout}\n${run.stderr}`;
  const problems: string[] = [];
  const expected = input.exit ?? 1;
  if (run.code !== expected) problems.push(`exit ${run.code}, expected ${expected}`);
  if (/INTERNAL/.test(output)) problems.push("says INTERNAL");
  if (/^ {4}at /m.test(output)) problems.push("prints a stack trace");
  // `error[CODE]: …`, or `sql`'s Snowflake-style `Error in statement N: <code> …`.
  if (!/^(error|Error in statement \d+:)/m.test(run.stderr)) problems.push("no error line on stderr");
  const named = typeof input.names === "string" ? output.includes(input.names) : input.names.test(output);
  if (!named) problems.push(`does not name ${String(input.names)}`);
  return problems;
}
