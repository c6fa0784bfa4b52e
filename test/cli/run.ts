/** Runs the built CLI (`node bin/mercurios.js`) as a child process, the way users run it. */
import { spawn } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const binPath = path.join(repoRoot, "bin", "mercurios.js");
export const fixturesDir = path.join(repoRoot, "test", "fixtures", "projects");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** Extra environment variables (the parent's environment is inherited, with colour off). */
  env?: Record<string, string | undefined>;
  /** Node flags placed before the script, e.g. ["--import", hook]. */
  nodeArgs?: string[];
}

/** Runs `mercurios <args>` and collects its output and exit code. */
export function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    MERCURIOS_ENV: undefined,
    MERCURIOS_LOCAL_DB: undefined,
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), binPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
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
