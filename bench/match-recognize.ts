/**
 * MATCH_RECOGNIZE on the local engine: wall time of a V-shape search (ONE ROW PER MATCH and ALL ROWS
 * PER MATCH) over a generated table, against a plain window query over the same rows (the DuckDB
 * floor the clause's three steps build on). Deterministic data: v = (k * 37) % 101.
 *
 *   npx jiti bench/match-recognize.ts [--rows 20000] [--partitions 10] [--runs 5]
 */
import os from "node:os";
import { openEngine } from "../src/engine/index.js";

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = flag("--rows", 20_000);
const partitions = flag("--partitions", 10);
const runs = flag("--runs", 5);

const CLAUSE = (rowsPerMatch: string) => `match_recognize (partition by g order by k
  measures match_number() as mn, first(k) as k0, last(k) as k1, count(*) as n, count(d.*) as nd, sum(u.v) as su
  ${rowsPerMatch} pattern (s d+ u+) define d as v < prev(v), u as v > prev(v))`;

const queries: [string, string][] = [
  [
    "window floor (LAG over the partitions)",
    "select count(*), sum(p) from (select lag(v) over (partition by g order by k) as p from t)",
  ],
  ["ONE ROW PER MATCH", `select count(*), sum(n) from t ${CLAUSE("one row per match")}`],
  ["ALL ROWS PER MATCH", `select count(*), sum(n) from t ${CLAUSE("all rows per match")}`],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const engine = await openEngine({ path: ":memory:" });
try {
  const session = await engine.openSession({});
  await session.execute("create database bench_mr");
  await session.execute(
    `create table t as select seq4() % ${partitions} as g, seq4() as k, (seq4() * 37) % 101 as v from table(generator(rowcount => ${rows}))`,
  );
  console.log(
    `MATCH_RECOGNIZE: ${rows} rows in ${partitions} partitions, median of ${runs} runs (load ${os.loadavg()[0]?.toFixed(2)})`,
  );
  let floor = 0;
  for (const [label, sql] of queries) {
    const times: number[] = [];
    let answer = "";
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = await session.execute(sql);
      times.push(performance.now() - start);
      answer = JSON.stringify(result.rows[0]);
    }
    const ms = median(times);
    if (floor === 0) floor = ms;
    const first = (times[0] as number).toFixed(0).padStart(6);
    console.log(
      `  ${label.padEnd(40)} first ${first} ms, median ${ms.toFixed(0).padStart(6)} ms  ${(ms / floor).toFixed(1).padStart(5)}x  ${answer}`,
    );
  }
} finally {
  await engine.close();
}
