/**
 * What typed VARIANT values (docs/decisions/021) cost the paths every plain JSON value takes: showing
 * VARIANT and VARCHAR cells (the mark scan in shape.ts), VARIANT::VARCHAR (the mark strip in SQL), storing into
 * a VARIANT column (MERC_VARIANT_STORED), FLATTEN (the undefined filter), and TO_VARIANT of a DATE.
 * Each statement runs again and again once its translation is cached.
 *
 *   npx jiti bench/variant-typed.ts [--runs 7] [--before <checkout>]
 *
 * `--before` names a checkout of an earlier commit (with node_modules), measured the same way:
 *   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
 */
import os from "node:os";
import path from "node:path";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const RUNS = Number(option("--runs") ?? "7");
const BEFORE = option("--before");
const ROWS = 100_000;

/** Tables: OBJ (ROWS plain JSON objects), STR (ROWS JSON strings), DATES, ARRS (10 arrays of 1,000 numbers). */
const SETUP = [
  "create database bench",
  `create table nums as select seq4() as n from table(generator(rowcount => ${ROWS}))`,
  `create table obj (v variant)`,
  `insert into obj select object_construct('n', n, 's', 'x' || n, 'a', array_construct(n, n + 1)) from nums`,
  `create table str (v variant)`,
  `insert into str select to_variant('text ' || n) from nums`,
  `create table dates as select dateadd(day, n % 20000, '1990-01-01'::date) as d from nums`,
  `create table arrs (a array)`,
  `insert into arrs select array_agg(n) from nums where n < 10000 group by n % 10`,
];

/** The statements measured; `reset` runs before each timing, untimed. */
const STATEMENTS: { label: string; sql: string; reset?: string }[] = [
  { label: `SELECT ${ROWS.toLocaleString("en")} plain VARIANT objects (cells)`, sql: "select v from obj" },
  { label: `SELECT ${ROWS.toLocaleString("en")} VARCHAR cells`, sql: "select 'text ' || n from nums" },
  {
    label: `VARIANT::VARCHAR of ${ROWS.toLocaleString("en")} strings`,
    sql: "select count(distinct v::varchar) from str",
  },
  {
    label: `INSERT ${ROWS.toLocaleString("en")} JSON objects into a VARIANT column`,
    sql: "insert into dst (v) select v from obj",
    reset: "create or replace table dst (v variant)",
  },
  {
    label: "FLATTEN 10 arrays of 1,000 elements",
    sql: "select count(*) from arrs, lateral flatten(input => arrs.a) f",
  },
  {
    label: `TO_VARIANT of ${ROWS.toLocaleString("en")} dates`,
    sql: "select count(distinct to_variant(d)::varchar) from dates",
  },
];

interface Figures {
  /** Median ms of a cached execution through the engine. */
  wall: number;
  /** Median CPU ms (user + system, this process, DuckDB's threads included) of a cached execution. */
  cpu: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface EngineLike {
  openSession(): Promise<{ execute(sql: string): Promise<unknown> }>;
  close(): Promise<void>;
}

async function measure(root: string): Promise<Figures[]> {
  const { openEngine } = (await import(path.join(root, "src/engine/index.js"))) as {
    openEngine(o: { path: string }): Promise<EngineLike>;
  };
  const engine = await openEngine({ path: ":memory:" });
  const session = await engine.openSession();
  for (const sql of SETUP) await session.execute(sql);
  const out: Figures[] = [];
  for (const { sql, reset } of STATEMENTS) {
    if (reset) await session.execute(reset);
    await session.execute(sql); // translates and caches
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (reset) await session.execute(reset);
      const cpu = process.cpuUsage();
      const t = performance.now();
      await session.execute(sql);
      walls.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
    }
    out.push({ wall: median(walls), cpu: median(cpus) });
  }
  await engine.close();
  return out;
}

const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
// A first, discarded pass warms the process (module loading, JIT) so the first engine measured is not penalised.
if (BEFORE) await measure(here);
const before = BEFORE ? await measure(path.resolve(BEFORE)) : undefined;
const after = await measure(here);

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const header = before
  ? "| statement (cached translation) | before | after | after / before | CPU before | CPU after |"
  : "| statement (cached translation) | wall | CPU |";
const lines = [
  header,
  `|${header
    .split("|")
    .slice(1, -1)
    .map(() => " --- ")
    .join("|")}|`,
];
STATEMENTS.forEach(({ label }, i) => {
  const a = after[i]!;
  const b = before?.[i];
  lines.push(
    b
      ? `| ${label} | ${ms(b.wall)} | ${ms(a.wall)} | ${(a.wall / b.wall).toFixed(2)} | ${ms(b.cpu)} | ${ms(a.cpu)} |`
      : `| ${label} | ${ms(a.wall)} | ${ms(a.cpu)} |`,
  );
});
const load = os.loadavg().map((x) => x.toFixed(2));
console.log(lines.join("\n"));
console.log(
  `Medians of ${RUNS} runs, :memory: engine; ${os.cpus().length} cores, load average ${load.join(" / ")} while measuring.`,
);
