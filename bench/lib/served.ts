/**
 * What the round-trip benchmarks share: `mercurios local serve` as a child process with added
 * latency, and a proxy in front of it that counts HTTP requests.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Starts the built CLI's `local serve` on a free port with `latencyMs` added to every request. */
export async function startServe(
  localDb: string,
  latencyMs: number,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, "bin/mercurios.js"),
      "local",
      "serve",
      "--port",
      "0",
      "--local-db",
      localDb,
      "--latency-ms",
      String(latencyMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`local serve exited ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Forwards every request to `target`, counting them. */
export async function countingProxy(
  target: string,
): Promise<{ url: string; requests: () => number; close: () => void }> {
  const upstream = new URL(target);
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => server.close() };
}
