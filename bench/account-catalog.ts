/**
 * Account catalog benchmark: what privilege checks, SHOW over many grants, and row access policies
 * cost per statement, against the same engine without the catalog (no hooks at all).
 *
 *   npx jiti bench/account-catalog.ts [--tables 200] [--roles 20] [--runs 30] [--write]
 *
 * `--write` replaces the "## Account catalog" section of docs/benchmarks.md with the figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { allowAllCatalog } from "../src/engine/allow-all.js";
import { Catalog } from "../src/engine/catalog/index.js";
import { openEngine } from "../src/engine/index.js";
import type { EngineSession } from "../src/engine/types.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function arg(name: string, fallback: string): number {
  const i = process.argv.indexOf(name);
  return Number(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}
const TABLES = arg("--tables", "200");
const ROLES = arg("--roles", "20");
const RUNS = arg("--runs", "30");
const fastest = new Map<string, number>();

/** Median and fastest of RUNS timed executions (the machine is shared: the fastest is steadier). */
async function median(session: EngineSession, sql: string): Promise<number> {
  await session.execute(sql);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await session.execute(sql);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  fastest.set(sql + session.id, times[0]!);
  return times[Math.floor(times.length / 2)]!;
}

async function build(withCatalog: boolean) {
  const engine = await openEngine(
    withCatalog
      ? { path: ":memory:", catalog: new Catalog() }
      : { path: ":memory:", catalog: allowAllCatalog },
  );
  const s = await engine.openSession();
  await s.execute("create database bench");
  await s.execute("create table sales (id int, tenant varchar, amount int)");
  await s.execute(
    "insert into sales select range, case when range % 2 = 0 then 'A' else 'B' end, range % 100 from range(1000)",
  );
  for (let i = 0; i < TABLES; i++) await s.execute(`create table t${i} (id int, label varchar)`);
  if (withCatalog) {
    // A chain of roles R0 <- R1 <- … (each granted to the next), every table granted to every role.
    for (let r = 0; r < ROLES; r++) {
      await s.execute(`create role r${r}`);
      if (r > 0) await s.execute(`grant role r${r - 1} to role r${r}`);
    }
    await s.execute(`grant role r${ROLES - 1} to user admin`);
    await s.execute("grant usage on database bench to role r0");
    await s.execute("grant usage on schema bench.public to role r0");
    for (let r = 0; r < ROLES; r++)
      await s.execute(`grant select on all tables in schema bench.public to role r${r}`);
  }
  return { engine, s };
}

const plain = await build(false);
const cat = await build(true);
const query = "select count(*), sum(amount) from sales where amount > 50";
const rows: [string, number, number, number | null][] = [];
const last = (session: EngineSession, sql: string) => fastest.get(sql + session.id)!;
const basePoint = await median(plain.s, query);
const baseMin = last(plain.s, query);
rows.push(["query on a 1000-row table, no catalog", basePoint, baseMin, null]);
const admin = await median(cat.s, query);
rows.push(["same, catalog as ACCOUNTADMIN (owner)", admin, last(cat.s, query), last(cat.s, query) / baseMin]);
const roleSession = await cat.engine.openSession({ database: "BENCH" });
await roleSession.execute(`use role r${ROLES - 1}`);
const inherited = await median(roleSession, query);
rows.push([
  `same, role inheriting through ${ROLES - 1} role grants`,
  inherited,
  last(roleSession, query),
  last(roleSession, query) / baseMin,
]);
const grants = await median(cat.s, "show grants to role r0");
rows.push([`SHOW GRANTS TO ROLE (${TABLES + 3} rows)`, grants, last(cat.s, "show grants to role r0"), null]);
const tables = await median(cat.s, "show tables");
rows.push([`SHOW TABLES (${TABLES + 1} rows)`, tables, last(cat.s, "show tables"), null]);
await cat.s.execute(
  "create row access policy p as (t varchar) returns boolean -> is_role_in_session('ACCOUNTADMIN') or t = 'A'",
);
await cat.s.execute("alter table sales add row access policy p on (tenant)");
const filtered = await median(roleSession, query);
rows.push([
  "same query under a row access policy (role sees half)",
  filtered,
  last(roleSession, query),
  last(roleSession, query) / baseMin,
]);

const n = (x: number) => `${x.toFixed(2)} ms`;
const lines = [
  "## Account catalog",
  "",
  `\`npx jiti bench/account-catalog.ts --tables ${TABLES} --roles ${ROLES} --runs ${RUNS}\` (median of ${RUNS} runs, in-memory engine, ${new Date().toISOString().slice(0, 10)}).`,
  `${TABLES} tables, ${ROLES} roles in a chain, SELECT on every table granted to every role (${TABLES * ROLES} grants).`,
  "",
  "| statement | median | fastest | fastest vs. no catalog |",
  "| --- | ---: | ---: | ---: |",
  ...rows.map(
    ([name, ms, min, ratio]) =>
      `| ${name} | ${n(ms)} | ${n(min)} | ${ratio === null ? "" : `${ratio.toFixed(2)}x`} |`,
  ),
  "",
];
console.log(lines.join("\n"));
if (process.argv.includes("--write")) {
  const file = path.join(import.meta.dirname, "..", "docs", "benchmarks.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\n";
  const section = lines.join("\n");
  const start = text.indexOf("## Account catalog");
  let next = start < 0 ? -1 : text.indexOf("\n## ", start + 1);
  if (next >= 0) next += 1;
  const updated =
    start < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, start)}${section}${next < 0 ? "" : `\n${text.slice(next)}`}`;
  writeFileSync(file, updated.endsWith("\n") ? updated : `${updated}\n`);
}
await plain.engine.close();
await cat.engine.close();
