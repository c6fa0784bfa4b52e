/**
 * Helpers of the package test: pack the repository as `npm publish` would, install the tarball in an
 * empty folder outside the repository without the network, run commands there as a user does, and
 * run a GitHub Actions workflow's `run:` steps on the local engine.
 *
 * Offline install: the tarball's dependencies are the repository's own production packages
 * (`node_modules/.package-lock.json` entries not marked dev), hard-linked (copied where links cannot
 * be made) into the new folder's `node_modules` with their hidden lockfile and `.bin` links. npm sees
 * them installed, needs nothing from the registry or its cache (the test gives it an empty cache and
 * `--offline`), and installs only the tarball, exactly as `npm install ./mercurios-*.tgz` does.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";

const run = promisify(execFile);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm pack` of the repository (already built: `npm test` builds first) into `dest`; the tarball's path. */
export async function packRepository(repo: string, dest: string): Promise<string> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], {
    cwd: repo,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return path.join(dest, packed!.filename);
}

/** The paths inside a tarball. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run("tar", ["tzf", tarball], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\n").filter(Boolean);
}

/**
 * Puts the repository's production dependencies into `app/node_modules` (hard links), except
 * `skip` (the package's bundled dependencies, which come inside the tarball).
 */
export function linkProductionDependencies(repo: string, app: string, skip: readonly string[]): number {
  const hidden = path.join(repo, "node_modules", ".package-lock.json");
  if (!existsSync(hidden)) throw new Error(`${hidden} is missing: run npm ci in the repository first`);
  const lock = JSON.parse(readFileSync(hidden, "utf8")) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  const kept: typeof lock.packages = {};
  const topLevel: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith("node_modules/") || entry.dev || entry.link) continue;
    if (skip.some((name) => key === `node_modules/${name}` || key.startsWith(`node_modules/${name}/`))) continue;
    kept[key] = entry;
    // Nested node_modules come along with their parent folder.
    if (key.split("node_modules/").length === 2) topLevel.push(key);
  }
  for (const key of topLevel) {
    const target = path.join(app, key);
    mkdirSync(path.dirname(target), { recursive: true });
    linkTree(path.join(repo, key), target);
  }
  const bin = path.join(repo, "node_modules", ".bin");
  mkdirSync(path.join(app, "node_modules", ".bin"), { recursive: true });
  for (const name of existsSync(bin) ? readdirSync(bin) : []) {
    const target = readlinkSync(path.join(bin, name));
    const parts = target.split("/").slice(1);
    const owner = `node_modules/${parts.slice(0, parts[0]!.startsWith("@") ? 2 : 1).join("/")}`;
    if (kept[owner]) symlinkSync(target, path.join(app, "node_modules", ".bin", name));
  }
  // A new file (never a link: npm rewrites it), describing exactly what was put there.
  writeFileSync(path.join(app, "node_modules", ".package-lock.json"), JSON.stringify({ ...lock, packages: kept }));
  return topLevel.length;
}

/** Hard-links a folder tree (npm replaces files rather than editing them); copies where links cannot be made. */
function linkTree(source: string, target: string): void {
  if (spawnSync("cp", ["-al", source, target], { stdio: "ignore" }).status === 0) return;
  cpSync(source, target, { recursive: true, verbatimSymlinks: true });
}

/** An environment for commands in the app: offline npm with an empty cache, no mercurios variables from outside. */
export function appEnvironment(cache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("MERCURIOS_") || key.startsWith("npm_") || key.startsWith("SNOWFLAKE_")) continue;
    if (key === "CI" || key === "NO_COLOR" || key === "VITEST" || key.startsWith("VITEST_")) continue;
    env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: "1",
    npm_config_offline: "true",
    npm_config_cache: cache,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
    SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
    NO_PROXY: "127.0.0.1,localhost",
    ...extra,
  };
}

/** Runs `command args…` in `cwd`, collecting output (stdin closed, so nothing is a terminal). */
export function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `run:` step of a workflow job. */
export interface WorkflowStep {
  job: string;
  name: string;
  run: string;
}

/** The `run:` steps of the named jobs, in order, and the workflow's `env` (expressions left out). */
export function workflowSteps(file: string, jobs: readonly string[]): { env: Record<string, string>; steps: WorkflowStep[] } {
  const workflow = parseYaml(readFileSync(file, "utf8")) as {
    env?: Record<string, string>;
    jobs: Record<string, { steps: { name?: string; run?: string; uses?: string }[] }>;
  };
  const env: Record<string, string> = {};
  // `${{ secrets.X }}` has no value outside GitHub; the local engine needs none.
  for (const [key, value] of Object.entries(workflow.env ?? {}))
    if (!String(value).includes("${{")) env[key] = String(value);
  const steps: WorkflowStep[] = [];
  for (const job of jobs) {
    const found = workflow.jobs[job];
    if (!found) throw new Error(`${file} has no job ${job}`);
    for (const step of found.steps)
      if (step.run) steps.push({ job, name: step.name ?? step.run.split("\n")[0]!, run: step.run });
  }
  return { env, steps };
}

/** Runs one step as GitHub Actions runs `run:` (bash -e -o pipefail). */
export function runStep(cwd: string, step: WorkflowStep, env: NodeJS.ProcessEnv): Promise<Run> {
  return runIn(cwd, "bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], env);
}
