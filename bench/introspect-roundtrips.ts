/**
 * Introspection round trips and wall time for 10, 1,000 and 10,000 generated declared objects,
 * against `mercurios local serve --latency-ms 50` through the real snowflake-sdk. The account is
 * built in-process first (no latency), then served; a counting proxy counts HTTP requests.
 * Objects per size: roles = max(1, N/250), warehouses = max(1, N/500), views, and up to three
 * distinct SELECT grants per view on different roles (together N declared objects).
 * Run: `npm run build && npx jiti bench/introspect-roundtrips.ts [10 1000 10000]`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openLocalDriver } from "../src/driver/local.js";
import { connectSnowflake } from "../src/driver/snowflake.js";
import { openEngine } from "../src/engine/index.js";
import { introspect } from "../src/introspect/index.js";
import type { ManagedScope } from "../src/model/index.js";
import { countingProxy, startServe } from "./lib/served.js";

const LATENCY_MS = 50;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const counts = sizes.length > 0 ? sizes : [10, 1000, 10000];

interface Generated {
  scope: ManagedScope;
  statements: string[];
  declared: number;
}

/** The statements that create N declared objects in database BENCH_<N>, and the managed scope. */
function generate(n: number): Generated {
  const db = `BENCH_${n}`;
  const roles = Math.max(1, Math.floor(n / 250));
  const warehouses = Math.max(1, Math.floor(n / 500));
  // Each view gets up to three grants (to different roles), so every grant is distinct.
  const perView = Math.min(roles, 3);
  const views = Math.max(1, Math.ceil((n - roles - warehouses) / (1 + perView)));
  const grants = Math.max(0, Math.min(n - roles - warehouses - views, views * perView));
  const statements = [`CREATE DATABASE ${db}`, `CREATE SCHEMA ${db}.ANALYTICS`];
  const roleNames = Array.from({ length: roles }, (_, i) => `BENCH_${n}_ROLE_${i}`);
  const warehouseNames = Array.from({ length: warehouses }, (_, i) => `BENCH_${n}_WH_${i}`);
  for (const role of roleNames) statements.push(`CREATE ROLE ${role}`);
  for (const wh of warehouseNames)
    statements.push(`CREATE WAREHOUSE ${wh} WITH WAREHOUSE_SIZE = XSMALL INITIALLY_SUSPENDED = TRUE`);
  for (let i = 0; i < views; i++) statements.push(`CREATE VIEW ${db}.ANALYTICS.V_${i} AS SELECT ${i} AS ID`);
  for (let i = 0; i < grants; i++) {
    statements.push(
      `GRANT SELECT ON VIEW ${db}.ANALYTICS.V_${i % views} TO ROLE ${roleNames[Math.floor(i / views) % roles]}`,
    );
  }
  return {
    scope: {
      databases: [db],
      roles: roleNames,
      warehouses: warehouseNames,
      monitors: [],
      users: [],
      ignore: [],
    },
    statements,
    declared: roles + warehouses + views + grants,
  };
}

const work = await mkdtemp(path.join(tmpdir(), "mercurios-bench-introspect-"));
const localDb = path.join(work, "bench.duckdb");
const rows: string[] = [];
const generated = new Map<number, Generated>();
try {
  // Build every account in-process (no latency), then serve the file.
  const engine = await openEngine({ path: localDb });
  const setup = await openLocalDriver(engine, { ownsEngine: true });
  for (const n of counts) {
    const g = generate(n);
    generated.set(n, g);
    const started = performance.now();
    for (let i = 0; i < g.statements.length; i += 500)
      await setup.executeBatch(g.statements.slice(i, i + 500));
    console.error(
      `setup ${n}: ${g.statements.length} statements in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await setup.close();

  const served = await startServe(localDb, LATENCY_MS);
  const proxy = await countingProxy(served.url);
  try {
    for (const n of counts) {
      const g = generated.get(n)!;
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
      const httpBefore = proxy.requests();
      const started = performance.now();
      const result = await introspect(driver, { scope: g.scope, schemas: ["ANALYTICS"], concurrency: 8 });
      const wallMs = performance.now() - started;
      const httpRequests = proxy.requests() - httpBefore;
      await driver.close();
      // Objects of this size's scope read back: its roles, warehouses, views and grants.
      const own = [...result.model.objects.values()].filter((o) =>
        new RegExp(`BENCH_${n}(?!\\d)`).test(o.name),
      ).length;
      const bound = 11 + g.scope.roles.length; // 9 kinds (incl. databases, schemas) + future grants (database, 1 schema) + one per role
      const line = `| ${g.declared} | ${own} | ${g.scope.roles.length} | ${result.stats.roundTrips} | ${bound} | ${httpRequests} | ${result.stats.statements} | ${(wallMs / 1000).toFixed(2)} s |`;
      rows.push(line);
      console.log(line);
    }
  } finally {
    proxy.close();
    await served.stop();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(
  [
    `\nintrospection against local serve --latency-ms ${LATENCY_MS} (snowflake-sdk, pool of 8)`,
    "| declared N | of them read back | managed roles | driver round trips | bound (11 + roles) | HTTP requests | statements | wall time |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n"),
);
