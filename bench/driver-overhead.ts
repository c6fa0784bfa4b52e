/**
 * Drivers and REST server benchmark: per-statement overhead of snowflake-sdk → `local serve` over the
 * in-process driver, and statements per second with 1 and 8 connections, on one in-memory engine.
 * Optionally with --latency-ms N on the server, to show what a real account's round trips cost.
 *
 *   npx jiti bench/driver-overhead.ts [--statements 2000] [--latency-ms 0]
 */
import { cpus, loadavg } from "node:os";

// snowflake-sdk is imported below, dynamically, only after these are set.
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= "1";
process.env.NO_PROXY = "127.0.0.1,localhost";

const { resolveConnection } = await import("../src/driver/connection.js");
const { openLocalDriver } = await import("../src/driver/local.js");
const { connectSnowflake } = await import("../src/driver/snowflake.js");
const { openEngine } = await import("../src/engine/index.js");
const { startServer } = await import("../src/engine/server/index.js");
type Driver = import("../src/driver/types.js").Driver;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const statements = flag("--statements", 2000);
const latencyMs = flag("--latency-ms", 0);
const STATEMENT = "SELECT ? + 1 AS N";
/**
 * One bind value throughout: the engine substitutes binds into the text before translating, so a new
 * value would measure the translation cache, not the drivers.
 */
const BIND = [41];

const engine = await openEngine({ path: ":memory:" });
const server = await startServer(engine, { latencyMs });
const env = {
  SNOWFLAKE_ACCOUNT: "local",
  SNOWFLAKE_USER: "ADMIN",
  SNOWFLAKE_PASSWORD: "admin",
  SNOWFLAKE_ACCESS_URL: server.url,
};
const connect = {
  local: () => openLocalDriver(engine),
  rest: () => connectSnowflake(resolveConnection(undefined, { env })),
};

/** Runs `count` statements spread over `connections` drivers; returns statements per second. */
async function throughput(kind: keyof typeof connect, connections: number, count: number): Promise<number> {
  const drivers: Driver[] = await Promise.all(Array.from({ length: connections }, () => connect[kind]()));
  // Warm up: translation cache, JIT, keep-alive sockets.
  await Promise.all(
    drivers.map(async (d) => {
      for (let i = 0; i < 20; i++) await d.execute(STATEMENT, { binds: BIND });
    }),
  );
  const perDriver = Math.ceil(count / connections);
  const started = performance.now();
  await Promise.all(
    drivers.map(async (d) => {
      for (let i = 0; i < perDriver; i++) await d.execute(STATEMENT, { binds: BIND });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(drivers.map((d) => d.close()));
  return (perDriver * connections) / seconds;
}

// Warm up once: the first few hundred statements pay for JIT, caches and DuckDB's first allocations.
await throughput("local", 1, 500);
await throughput("rest", 1, 300);

// Best of `repeat` rounds, interleaved, so a burst of load from other processes hits every figure alike.
const repeat = flag("--repeat", 3);
const results: Record<string, number> = {};
for (let round = 0; round < repeat; round++) {
  for (const kind of ["local", "rest"] as const) {
    for (const connections of [1, 8]) {
      const key = `${kind}/${connections}`;
      results[key] = Math.max(results[key] ?? 0, await throughput(kind, connections, statements));
    }
  }
}

/** With a real account's round trip (--latency-ms), a batch of 10 in one request vs 10 requests. */
async function batchVersusSingles(): Promise<{ singlesMs: number; batchMs: number }> {
  const driver = await connect.rest();
  const statements = Array.from({ length: 10 }, (_, i) => `SELECT ${i} AS N`);
  await driver.executeBatch(statements);
  let started = performance.now();
  for (const statement of statements) await driver.execute(statement);
  const singlesMs = performance.now() - started;
  started = performance.now();
  await driver.executeBatch(statements);
  const batchMs = performance.now() - started;
  await driver.close();
  return { singlesMs, batchMs };
}
const batch = await batchVersusSingles();

await server.close();
await engine.close();

const perStatementMs = (rate: number) => 1000 / rate;
const local1 = results["local/1"]!;
const rest1 = results["rest/1"]!;
const overheadMs = perStatementMs(rest1) - perStatementMs(local1);
console.log(
  `statements: ${statements} of \`${STATEMENT}\` with one bind; server latency ${latencyMs} ms; best of ${repeat}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores`,
);
console.log("| driver | connections | statements/s | ms/statement |");
console.log("| --- | --- | --- | --- |");
for (const [key, rate] of Object.entries(results)) {
  const [kind, connections] = key.split("/");
  console.log(`| ${kind} | ${connections} | ${rate.toFixed(0)} | ${perStatementMs(rate).toFixed(3)} |`);
}
console.log(
  `REST overhead per statement (1 connection): ${overheadMs.toFixed(3)} ms (${(local1 / rest1).toFixed(1)}x slower)`,
);
console.log(
  `8 vs 1 connections: local ${(results["local/8"]! / local1).toFixed(2)}x, rest ${(results["rest/8"]! / rest1).toFixed(2)}x`,
);
console.log(
  `10 statements over REST: one by one ${batch.singlesMs.toFixed(1)} ms, one multi-statement batch ${batch.batchMs.toFixed(1)} ms (${(batch.singlesMs / batch.batchMs).toFixed(1)}x)`,
);
