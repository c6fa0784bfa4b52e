/** Child-process helpers for the migration tests: the built CLI and `mercurios local serve`. */
import { type ChildProcess, spawn } from "node:child_process";
import { binPath, type CliRun, repoRoot } from "../cli/run.js";

/** Environment for a child: the parent's, colour off, snowflake-sdk kept off the network. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    SNOWFLAKE_DISABLE_PLATFORM_DETECTION: "true",
    SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: "1",
    NO_PROXY: "127.0.0.1,localhost",
    ...extra,
  };
  delete env.MERCURIOS_ENV;
  delete env.MERCURIOS_LOCAL_DB;
  return env;
}

/** A started `mercurios` child, its output collected. */
export interface Running {
  child: ChildProcess;
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [binPath, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** A running `mercurios local serve` on a free port; `stop()` ends it (by its pid) and waits. */
export interface Served {
  url: string;
  stop(): Promise<void>;
}

export async function startServe(localDb: string, latencyMs = 0): Promise<Served> {
  const running = startCli(
    ["local", "serve", "--port", "0", "--local-db", localDb, "--latency-ms", String(latencyMs)],
    repoRoot,
    childEnv(),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    running.child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    running.done.then((r) => reject(new Error(`local serve exited ${r.code}: ${r.stderr}`)));
  });
  return {
    url,
    async stop() {
      running.child.kill("SIGTERM");
      await running.done;
    },
  };
}
