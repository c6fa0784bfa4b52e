/**
 * Once per vitest run, before any test file: the tests that run the CLI (`bin/mercurios.js`) run
 * the built `dist/`, so a `dist/` older than `src/` would test stale code. When any source file is
 * newer than its build output (or has none), this builds first; a build that fails stops the run
 * with a clear message. `npm test` builds anyway (pretest); this covers one file or one case run alone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** Source files whose `dist/` output is missing or older than they are. */
export function staleOutputs(repoRoot = root): string[] {
  const src = path.join(repoRoot, "src");
  const stale: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const built = path.join(repoRoot, "dist", path.relative(src, file)).replace(/\.ts$/, ".js");
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs)
      stale.push(path.relative(repoRoot, file));
  }
  return stale;
}

/**
 * One scratch folder for the whole run, handed to the test processes in MERCURIOS_TEST_SCRATCH and
 * removed at the end: vitest ends its workers without their `exit` handlers, so what a worker keeps
 * for its lifetime (test/engine/fresh-engine.ts's prepared engine file) is cleaned up here.
 */
function scratchFolder(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mercurios-test-run-"));
  process.env.MERCURIOS_TEST_SCRATCH = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

export default function setup(): () => void {
  buildIfStale();
  return scratchFolder();
}

function buildIfStale(): void {
  const stale = staleOutputs();
  if (stale.length === 0) return;
  const started = Date.now();
  try {
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: root,
        stdio: "pipe",
      },
    );
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    throw new Error(
      `dist/ is older than src/ (${stale.length} file(s), e.g. ${stale[0]}) and \`npm run build\` failed, ` +
        `so the CLI tests would run stale code. Fix the build errors, then run the tests again:\n${output}`,
    );
  }
  // The build is incremental: a source touched but unchanged is not written again. Its output is
  // current all the same, so mark it so, or every run would build again.
  const now = new Date();
  for (const file of staleOutputs()) {
    const built = path.join(root, "dist", path.relative("src", file)).replace(/\.ts$/, ".js");
    if (existsSync(built)) utimesSync(built, now, now);
  }
  console.log(
    `dist/ was older than src/ (${stale.length} file(s), e.g. ${stale[0]}): built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
