/**
 * What values going into a VARIANT cost (OBJECT_CONSTRUCT values, ARRAY_CONSTRUCT elements,
 * `::VARIANT`): each statement run again and again once its translation is cached, so what is left is
 * DuckDB binding and running the translated text; then the translated text alone on the session's
 * DuckDB connection (EXPLAIN: binding and planning without running), to show where the time goes.
 *
 *   npx jiti bench/variant-values.ts [--runs 15] [--before <checkout>] [--write]
 *
 * `--before` names a checkout of an earlier commit (with node_modules) whose engine is measured the
 * same way, for the before/after ratios, e.g.
 *   git archive 516d8eb | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
 * `--write` replaces the "## VARIANT values" section of docs/benchmarks.md with the figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const RUNS = Number(option("--runs") ?? "15");
const BEFORE = option("--before");

/** The statements measured, after a setup that makes table T (a VARIANT column) and N (20,000 numbers). */
const STATEMENTS: [string, string][] = [
  [
    "INSERT … OBJECT_CONSTRUCT(ltz::VARIANT)",
    "insert into t select object_construct('a', '2022-03-07 14:00'::timestamp_ltz::variant)",
  ],
  ["SELECT ltz::VARIANT", "select '2022-03-07 14:00'::timestamp_ltz::variant"],
  [
    "OBJECT_CONSTRUCT of 3 plain values",
    "select object_construct('a', 1, 'b', 'x', 'c', 2.5::float)",
  ],
  [
    "ARRAY_CONSTRUCT with JSON and TIMESTAMP_TZ",
    `select array_construct(1, 'a', parse_json('{"k":1}'), '2024-02-29 12:34:56 +05:30'::timestamp_tz)`,
  ],
  [
    "20,000 rows: OBJECT_CONSTRUCT(ltz, tz, n)",
    `select count(distinct object_construct('l', dateadd(minute, n, '2022-01-01 00:00'::timestamp_ltz),
       'z', dateadd(minute, n, '2022-01-01 00:00 +05:30'::timestamp_tz), 'n', n)::varchar) from nums`,
  ],
];

interface Figures {
  /** Median ms of a cached execution through the engine. */
  statement: number;
  /** Median CPU ms (user + system, this process) of a cached execution. */
  cpu: number;
  /** Median ms of EXPLAIN of the translated text on the DuckDB connection (bind + plan). */
  explain: number;
  /** Characters of the translated DuckDB text. */
  chars: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Engines are loaded by path so that --before can point at another checkout.
interface EngineLike {
  openSession(): Promise<{ execute(sql: string): Promise<unknown> }>;
  close(): Promise<void>;
  cache: { get(key: string): unknown; entries?: Map<string, { duckSql: string }> };
}

async function measure(root: string): Promise<Figures[]> {
  const { openEngine } = (await import(path.join(root, "src/engine/index.js"))) as {
    openEngine(o: { path: string }): Promise<EngineLike>;
  };
  const engine = await openEngine({ path: ":memory:" });
  const session = (await engine.openSession()) as {
    execute(sql: string): Promise<unknown>;
    connection: { runAndReadAll(sql: string): Promise<unknown> };
  };
  await session.execute("create database bench");
  await session.execute("create table t (v variant)");
  await session.execute("create table nums as select seq4() as n from table(generator(rowcount => 20000))");
  await session.execute("alter session set timezone = 'America/Los_Angeles'");
  const translations = (engine.cache as unknown as { entries: Map<string, { duckSql: string }> }).entries;
  const out: Figures[] = [];
  for (const [, sql] of STATEMENTS) {
    await session.execute(sql); // translates and caches
    const duckSql = [...translations].find(([key]) => key.endsWith(sql))?.[1].duckSql ?? "";
    const times: number[] = [];
    const cpus: number[] = [];
    const explains: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await session.execute(sql);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
      const e = performance.now();
      await session.connection.runAndReadAll(`EXPLAIN ${duckSql}`);
      explains.push(performance.now() - e);
    }
    out.push({ statement: median(times), cpu: median(cpus), explain: median(explains), chars: duckSql.length });
  }
  await engine.close();
  return out;
}

const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const after = await measure(here);
const before = BEFORE ? await measure(path.resolve(BEFORE)) : undefined;

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const lines: string[] = [];
const header = before
  ? "| statement (cached translation) | before | after | ratio | CPU before | CPU after | EXPLAIN before | EXPLAIN after |"
  : "| statement (cached translation) | wall | CPU | EXPLAIN | DuckDB text |";
lines.push(header, `|${header.split("|").slice(1, -1).map(() => " --- ").join("|")}|`);
STATEMENTS.forEach(([label], i) => {
  const a = after[i]!;
  const b = before?.[i];
  lines.push(
    b
      ? `| ${label} | ${ms(b.statement)} | ${ms(a.statement)} | ${(b.statement / a.statement).toFixed(1)}× | ${ms(b.cpu)} | ${ms(a.cpu)} | ${ms(b.explain)} | ${ms(a.explain)} |`
      : `| ${label} | ${ms(a.statement)} | ${ms(a.cpu)} | ${ms(a.explain)} | ${a.chars} chars |`,
  );
});
const load = os.loadavg().map((x) => x.toFixed(2));
const note = `Medians of ${RUNS} runs, :memory: engine, TIMEZONE America/Los_Angeles; ${os.cpus().length} cores, load average ${load.join(" / ")} while measuring.`;
console.log(lines.join("\n"));
console.log(note);

if (process.argv.includes("--write")) {
  const file = path.join(here, "docs/benchmarks.md");
  const doc = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const section = `## VARIANT values\n\n\`npx jiti bench/variant-values.ts --before <checkout of 516d8eb> --write\`\n\n${lines.join("\n")}\n\n${note}\n`;
  const start = doc.indexOf("## VARIANT values");
  const next = start < 0 ? -1 : doc.indexOf("\n## ", start + 1);
  const updated =
    start < 0
      ? `${doc.trimEnd()}\n\n${section}`
      : `${doc.slice(0, start)}${section}${next < 0 ? "" : doc.slice(next + 1)}`;
  writeFileSync(file, updated);
}
