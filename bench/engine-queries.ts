/**
 * Local engine benchmark: an analytics-style query set on generated POS sales (1M and 10M rows by
 * default), through the engine (full pipeline: classify, cached translation, checks, catalog hooks,
 * DuckDB, shaping, metering) versus the same already-translated SQL run directly on DuckDB in the same
 * process and file. Also the translation time per statement (uncached), median and p99.
 *
 *   npx jiti bench/engine-queries.ts [--rows 1000000,10000000] [--runs 5] [--write]
 *
 * `--write` replaces the "## Local engine" section of docs/benchmarks.md with the figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createEngine, type EngineCore } from "../src/engine/engine.js";
import { functionHooks } from "../src/engine/functions/index.js";
import { TranslationCache, translateStatement } from "../src/engine/translate.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const sizes = arg("--rows", "1000000,10000000").split(",").map(Number);
const runs = Number(arg("--runs", "5"));
const write = process.argv.includes("--write");

/** The query set: what dashboards over STANDARD/ANALYTICS ask of point-of-sale data. */
const QUERIES: [string, string][] = [
  [
    "revenue by store",
    "select store_id, sum(amount) as revenue, count(*) as sales from sales group by store_id order by revenue desc limit 10",
  ],
  [
    "daily revenue, last 30 days",
    "select date_trunc('day', sold_at) as day, sum(amount) as revenue from sales where sold_at >= '2026-10-28'::timestamp_ntz group by 1 order by 1",
  ],
  [
    "top 3 products per store (QUALIFY)",
    "select store_id, product_id, sum(quantity) as units from sales group by all qualify row_number() over (partition by store_id order by units desc) <= 3",
  ],
  [
    "average ticket by channel (exact division)",
    "select channel, sum(amount) / count(*) as avg_ticket from sales group by channel order by channel",
  ],
  [
    "revenue by region (join)",
    "select s.region, sum(f.amount) as revenue from sales f join stores s on f.store_id = s.store_id group by s.region order by s.region",
  ],
  [
    "basket buckets (IFF)",
    "select iff(amount >= 100, 'large', 'small') as bucket, count(*) as n, avg(quantity) as q from sales group by 1 order by 1",
  ],
  [
    "distinct products per tenant",
    "select tenant_id, count(distinct product_id) as products from sales group by tenant_id order by tenant_id",
  ],
  [
    "monthly running total (window)",
    "select month, revenue, sum(revenue) over (order by month) as running from (select date_trunc('month', sold_at) as month, sum(amount) as revenue from sales group by 1) order by month",
  ],
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

async function load(engine: EngineCore, rows: number): Promise<void> {
  const session = await engine.openSession();
  await session.execute("create or replace database bench");
  await session.execute("create table stores (store_id int, region varchar(20), opened date)");
  await session.execute(
    "create table sales (sale_id int, tenant_id int, store_id int, product_id int, sold_at timestamp_ntz, quantity int, unit_price number(10,2), amount number(12,2), channel varchar(10))",
  );
  await session.close();
  // Bulk generation straight into DuckDB (the tables above exist in the engine's metadata).
  const c = engine.connection;
  await c.run(
    `INSERT INTO "BENCH.PUBLIC"."STORES" SELECT i, ['North','South','East','West'][(i % 4) + 1], DATE '2020-01-01' + (i * 7)::INTEGER FROM range(200) t(i)`,
  );
  await c.run(
    `INSERT INTO "BENCH.PUBLIC"."SALES" SELECT i, i % 12, (i * 7919) % 200, (i * 104729) % 5000,
       TIMESTAMP '2026-01-01 00:00:00' + to_seconds((i * 31) % 28512000),
       1 + (i % 5), (5 + (i % 90))::DECIMAL(10,2) + 0.99, ((1 + (i % 5)) * ((5 + (i % 90)) + 0.99))::DECIMAL(12,2),
       ['store','online','app'][(i % 3) + 1]
     FROM range(${rows}) t(i)`,
  );
}

interface Row {
  name: string;
  engineMs: number;
  duckMs: number;
}

async function measure(engine: EngineCore): Promise<Row[]> {
  const session = await engine.openSession({ database: "BENCH", schema: "PUBLIC" });
  const scope = { database: "BENCH", schema: "PUBLIC" };
  const out: Row[] = [];
  for (const [name, sql] of QUERIES) {
    const duckSql = translateStatement(sql, scope, functionHooks, (r) =>
      engine.directory.columnTypeLookup(r),
    ).duckSql;
    // Warm both paths (and the engine's translation cache) once.
    await session.execute(sql);
    (await engine.connection.runAndReadAll(duckSql)).getRows();
    const e: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither side always runs on a warmer cache.
      const engineFirst = i % 2 === 0;
      for (const side of engineFirst ? ["engine", "duck"] : ["duck", "engine"]) {
        const t = performance.now();
        if (side === "engine") await session.execute(sql);
        else (await engine.connection.runAndReadAll(duckSql)).getRows();
        (side === "engine" ? e : d).push(performance.now() - t);
      }
    }
    out.push({ name, engineMs: median(e), duckMs: median(d) });
  }
  await session.close();
  return out;
}

/**
 * The engine's fixed cost per statement: a cached one-row query on a tiny table, through the
 * session and directly on DuckDB, many times (medians).
 */
async function overhead(engine: EngineCore): Promise<{ engineMs: number; duckMs: number }> {
  const session = await engine.openSession({ database: "BENCH", schema: "PUBLIC" });
  const sql = "select region from stores where store_id = 7";
  const duckSql = translateStatement(sql, { database: "BENCH", schema: "PUBLIC" }, functionHooks).duckSql;
  await session.execute(sql);
  const e: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < 300; i++) {
    let t = performance.now();
    await session.execute(sql);
    e.push(performance.now() - t);
    t = performance.now();
    (await engine.connection.runAndReadAll(duckSql)).getRows();
    d.push(performance.now() - t);
  }
  await session.close();
  return { engineMs: median(e), duckMs: median(d) };
}

/** Translation time per statement, uncached: the query set with varied literals, 40 rounds. */
function translationTimes(engine: EngineCore): number[] {
  const scope = { database: "BENCH", schema: "PUBLIC" };
  const times: number[] = [];
  const lookup = (r: Parameters<typeof engine.directory.columnTypeLookup>[0]) =>
    engine.directory.columnTypeLookup(r);
  for (let round = 0; round < 40; round++) {
    for (const [, sql] of QUERIES) {
      const varied = `${sql.replace(/^select /i, `select ${round} as round_no, `)}`;
      const t = performance.now();
      translateStatement(varied, scope, functionHooks, lookup);
      times.push(performance.now() - t);
    }
  }
  void TranslationCache;
  return times;
}

const report: string[] = [];
const say = (line = ""): void => {
  console.log(line);
  report.push(line);
};

let translation: number[] = [];
let fixed: { engineMs: number; duckMs: number } | null = null;
const results = new Map<number, Row[]>();
for (const rows of sizes) {
  const engine = await createEngine({ path: ":memory:" });
  const started = performance.now();
  await load(engine, rows);
  console.log(
    `loaded ${rows.toLocaleString("en")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  results.set(rows, await measure(engine));
  if (translation.length === 0) translation = translationTimes(engine);
  fixed ??= await overhead(engine);
  await engine.close();
}

say(
  `Query set: ${QUERIES.length} analytics queries on generated POS sales (200 stores, 5000 products, 12 tenants),`,
);
say(
  `median of ${runs} runs each, engine and direct DuckDB alternated in one process on one :memory: database.`,
);
say("Engine = full session pipeline (cached translation); DuckDB = the same translated SQL, results read.");
say(
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}, load average ${(
    await import("node:os")
  )
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}.`,
);
say();
say("| query | rows | engine ms | DuckDB ms | ratio |");
say("| --- | ---: | ---: | ---: | ---: |");
for (const [rows, list] of results) {
  let te = 0;
  let td = 0;
  for (const r of list) {
    te += r.engineMs;
    td += r.duckMs;
    say(
      `| ${r.name} | ${rows.toLocaleString("en")} | ${r.engineMs.toFixed(1)} | ${r.duckMs.toFixed(1)} | ${(r.engineMs / r.duckMs).toFixed(2)} |`,
    );
  }
  say(
    `| **whole set** | ${rows.toLocaleString("en")} | ${te.toFixed(1)} | ${td.toFixed(1)} | **${(te / td).toFixed(2)}** |`,
  );
}
say();
if (fixed) {
  say(
    `Fixed cost per statement (cached one-row query on a 200-row table, 300 runs, medians): engine ${fixed.engineMs.toFixed(2)} ms, DuckDB ${fixed.duckMs.toFixed(2)} ms; the difference (${(fixed.engineMs - fixed.duckMs).toFixed(2)} ms) is the pipeline plus the catalog's authorise and metering hooks.`,
  );
}
say(
  "On a shared machine under load the per-query figures move by tens of percent between runs in both directions; read the whole-set ratio and the fixed cost.",
);
say(
  `Translation (Snowflake -> DuckDB, uncached, ${translation.length} statements): median ${median(translation).toFixed(2)} ms, p99 ${percentile(translation, 99).toFixed(2)} ms.`,
);

if (write) {
  const file = path.join(import.meta.dirname, "..", "docs", "benchmarks.md");
  const section = [
    "## Local engine",
    "",
    "`npx jiti bench/engine-queries.ts --write`",
    "",
    ...report,
    "",
  ].join("\n");
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\n";
  const start = text.indexOf("## Local engine\n");
  if (start >= 0) {
    const next = text.indexOf("\n## ", start + 1);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${text.slice(next + 1)}` : "");
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
