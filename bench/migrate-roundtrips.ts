/**
 * Round trips and wall time of `migrate up` for 10, 100 and 500 pending scripts against
 * `mercurios local serve --latency-ms 50`, through the real snowflake-sdk, against the N + 5 goal.
 * HTTP requests are counted by a small proxy in front of the server; "driver round trips" are the
 * driver's query log (one per executeBatch). Run: `npx jiti bench/migrate-roundtrips.ts [10 100 500]`
 * after `npm run build` (the server is the built CLI).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type MigrationProject, migrateUp } from "../src/api/migrate.js";
import { connectSnowflake } from "../src/driver/snowflake.js";
import { renderTemplate } from "../src/template/index.js";
import { countingProxy, startServe } from "./lib/served.js";

const LATENCY_MS = 50;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const counts = sizes.length > 0 ? sizes : [10, 100, 500];

async function project(root: string, database: string, n: number): Promise<MigrationProject> {
  await mkdir(path.join(root, "migrations"), { recursive: true });
  for (let i = 1; i <= n; i++) {
    await writeFile(
      path.join(root, "migrations", `V${i}__step.sql`),
      `CREATE TABLE STEP_${i} (ID NUMBER, NOTE VARCHAR);\nINSERT INTO STEP_${i} VALUES (${i}, 'step {{ n }}');\n`,
    );
  }
  return {
    root,
    environment: "bench",
    kind: "snowflake",
    database,
    schemas: null,
    environments: null,
    history: { database, schema: "ADMIN", table: "MERCURIOS_CHANGE_HISTORY" },
    createHistoryDatabase: true,
    render: (script) =>
      renderTemplate(script.template, script.absolutePath, {
        env: "bench",
        database,
        vars: { n: String(n) },
        root,
      }),
    secrets: [],
  };
}

const work = await mkdtemp(path.join(tmpdir(), "mercurios-bench-migrate-"));
const served = await startServe(path.join(work, "bench.duckdb"), LATENCY_MS);
const proxy = await countingProxy(served.url);
const rows: string[] = [];
try {
  for (const n of counts) {
    const database = `BENCH_${n}`;
    const root = path.join(work, database);
    const p = await project(root, database, n);
    const driver = await connectSnowflake(
      {
        account: "local",
        user: "ADMIN",
        password: "admin",
        authenticator: "SNOWFLAKE",
        accessUrl: proxy.url,
        sources: {},
        secrets: ["admin"],
      },
      { queryTag: "mercurios/bench" },
    );
    // The history database must exist before the first round trip on a Snowflake target.
    await driver.execute(`CREATE DATABASE IF NOT EXISTS ${database}`);
    const httpBefore = proxy.requests();
    const started = performance.now();
    const report = await migrateUp({ project: p, driver });
    const wallMs = performance.now() - started;
    const httpRequests = proxy.requests() - httpBefore;
    await driver.close();
    const goal = n + 5;
    const line = `| ${n} | ${report.scripts.length} | ${report.roundTrips} | ${goal} | ${(report.roundTrips / goal).toFixed(2)} | ${httpRequests} | ${(wallMs / 1000).toFixed(1)} s | ${(wallMs / n).toFixed(0)} ms |`;
    rows.push(line);
    console.log(line);
  }
} finally {
  proxy.close();
  await served.stop();
  await rm(work, { recursive: true, force: true });
}
console.log(
  [
    `\nmigrate up against local serve --latency-ms ${LATENCY_MS} (snowflake-sdk); each script = 2 statements`,
    "| pending N | applied | driver round trips | goal N + 5 | ratio | HTTP requests | wall time | per script |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n"),
);
