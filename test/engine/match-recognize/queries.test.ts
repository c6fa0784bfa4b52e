import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

// Group a: 10, 8, 6, 9, 12, 7 (a fall of two rows, a rise of two, a fall); group b: flat.
const SETUP = `
  create table ticks (g varchar, k int, v int);
  insert into ticks values ('a', 1, 10), ('a', 2, 8), ('a', 3, 6), ('a', 4, 9), ('a', 5, 12), ('a', 6, 7),
                           ('b', 1, 5), ('b', 2, 5), ('b', 3, 5);
  create table labels (g varchar, label varchar);
  insert into labels values ('a', 'first group'), ('b', 'second group');
`;
const V_SHAPE = "pattern (s d+ u+) define d as v < prev(v), u as v > prev(v)";

describe("MATCH_RECOGNIZE through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("MR_DB"));
    await session.executeScript(SETUP);
  });
  afterAll(() => engine.close());

  const run = async (sql: string) => show(await session.execute(sql));
  const refusal = (sql: string) =>
    session.execute(sql).then(
      () => null,
      (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
    );

  it("ONE ROW PER MATCH: partition columns and FINAL measures (aggregates, symbol filters, FIRST / LAST)", async () => {
    const r = await run(`select * from ticks match_recognize (
        partition by g order by k
        measures match_number() as mn, first(k) as k0, last(k) as k1, count(*) as n, count(d.*) as nd,
                 sum(u.v) as su, first(d.v) as fd, last(d.v) as ld, min(v) as lo, d.v as bare_d
        one row per match ${V_SHAPE}) order by g, mn`);
    expect(r.columns).toEqual(["G", "MN", "K0", "K1", "N", "ND", "SU", "FD", "LD", "LO", "BARE_D"]);
    expect(r.rows).toEqual([["a", "1", "1", "5", "5", "2", "21", "8", "6", "6", "6"]]);
  });

  it("ALL ROWS PER MATCH: the input columns, then measures RUNNING by default and FINAL when asked", async () => {
    const r = await run(`select k, v, rc, fc, rl, fl, f, msn, cl from ticks match_recognize (
        partition by g order by k
        measures count(*) as rc, final count(*) as fc, last(v) as rl, final last(v) as fl, first(v) as f,
                 match_sequence_number() as msn, classifier() as cl
        all rows per match ${V_SHAPE}) order by k`);
    expect(r.rows).toEqual([
      ["1", "10", "1", "5", "10", "12", "10", "1", "S"],
      ["2", "8", "2", "5", "8", "12", "10", "2", "D"],
      ["3", "6", "3", "5", "6", "12", "10", "3", "D"],
      ["4", "9", "4", "5", "9", "12", "10", "4", "U"],
      ["5", "12", "5", "5", "12", "12", "10", "5", "U"],
    ]);
  });

  it("PREV / NEXT in MEASURES stay inside the match, with offsets, defaults and symbols", async () => {
    const r = await run(`select k, p2, nx, pd from ticks match_recognize (
        partition by g order by k
        measures prev(v, 2, -1) as p2, next(v) as nx, prev(d.v) as pd
        all rows per match ${V_SHAPE}) order by k`);
    expect(r.rows).toEqual([
      ["1", "-1", "8", null],
      ["2", "-1", "6", "10"],
      ["3", "10", "9", "8"],
      ["4", "8", "12", "8"],
      ["5", "6", null, "8"],
    ]);
  });

  it("empty matches: shown by default with a match number, a NULL classifier and a count of 0; omitted on request", async () => {
    const body = `partition by g order by k
        measures match_number() as mn, classifier() as cl, count(*) as n, match_sequence_number() as msn
        %ROWS% pattern (d*) define d as v < prev(v)`;
    const q = (rows: string) =>
      `select k, mn, cl, n, msn from ticks match_recognize (${body.replace("%ROWS%", rows)}) where g = 'b' order by k`;
    const empty = [
      ["1", "1", null, "0", null],
      ["2", "2", null, "0", null],
      ["3", "3", null, "0", null],
    ];
    expect((await run(q("all rows per match"))).rows).toEqual(empty);
    expect((await run(q("all rows per match show empty matches"))).rows).toEqual(empty);
    expect((await run(q("all rows per match omit empty matches"))).rows).toEqual([]);
    const one = await run(
      `select mn, n from ticks match_recognize (${body
        .replace("%ROWS%", "one row per match")
        .replace(", classifier() as cl", "")}) where g = 'b' order by mn`,
    );
    expect(one.rows).toEqual([
      ["1", "0"],
      ["2", "0"],
      ["3", "0"],
    ]);
  });

  it("DEFINE: PREV / NEXT with offsets, LAST as the current row, explicit windows over the partition, undefined symbols", async () => {
    const q = (define: string) =>
      `select k from ticks match_recognize (partition by g order by k measures match_number() as mn
         all rows per match pattern (p) define ${define}) order by g, k`;
    expect((await run(q("p as v > prev(v, 2)"))).rows).toEqual([["4"], ["5"]]);
    expect((await run(q("p as next(v) > v and last(v) < 10"))).rows).toEqual([["3"], ["4"]]);
    expect((await run(q("p as lead(v, 2) = 12"))).rows).toEqual([["3"]]);
    // The window is the partition: a's average is 52 / 6, b's is 5.
    expect(
      (await run(q("p as v > avg(v) over (rows between unbounded preceding and unbounded following)"))).rows,
    ).toEqual([["1"], ["4"], ["5"]]);
    // FIRST_VALUE's frame is the partition's: a's first value is 10.
    expect((await run(q("p as v > first_value(v) over (order by k)"))).rows).toEqual([["5"]]);
    // A symbol the DEFINE does not name matches every row: a6 (7) then b1 (5), b2 then b3.
    const any = await run(
      "select g, k from ticks match_recognize (order by g, k all rows per match pattern (x y) define y as v = 5) order by g, k",
    );
    expect(any.rows).toEqual([
      ["a", "6"],
      ["b", "1"],
      ["b", "2"],
      ["b", "3"],
    ]);
  });

  it("refuses in DEFINE what Snowflake refuses there, and OVER in MEASURES, with 002040 naming it", async () => {
    const q = (define: string, measures = "match_number() as mn") =>
      `select * from ticks match_recognize (partition by g order by k measures ${measures}
         pattern (d u) define ${define})`;
    for (const [sql, words] of [
      [q("d as v < first(v), u as true"), "FIRST() in DEFINE"],
      [q("d as v < u.v, u as true"), "symbol-qualified column 'u.v' in DEFINE"],
      [q("d as classifier() = 'D', u as true"), "CLASSIFIER() in DEFINE"],
      [q("d as v < sum(v), u as true"), "aggregate SUM() in DEFINE"],
      [q("d as true, u as true", "rank() over (order by v) as r"), "OVER in MEASURES"],
      [
        q("d as sum(v) over (rows between unbounded preceding and current row) > 20, u as true"),
        "SUM() OVER (…) in DEFINE with a frame other than",
      ],
    ] as const) {
      const e = await refusal(sql);
      expect(e?.code, sql).toBe("002040");
      expect(e?.message).toContain(words);
    }
  });

  it("reports malformed clauses as compilation errors", async () => {
    const base = "select * from ticks match_recognize (partition by g order by k";
    expect((await refusal(`${base} measures count(*) as n define d as true)`))?.message).toContain(
      "needs a PATTERN clause",
    );
    expect(
      (await refusal("select * from ticks match_recognize (order by k pattern (a))"))?.message,
    ).toContain("SELECT with no columns");
    expect(
      (await refusal(`${base} all rows per match with unmatched rows pattern (a {- b -}) define a as true)`))
        ?.message,
    ).toContain("WITH UNMATCHED ROWS");
    expect(
      (await refusal(`${base} measures count(*) as n pattern (a | ) define a as true)`))?.message,
    ).toContain("invalid PATTERN");
  });

  it("sits inside a bigger statement: a CTE source, an aliased subquery, a join, an aggregate, CTAS", async () => {
    const shape = `measures match_number() as mn, count(*) as n one row per match ${V_SHAPE}`;
    expect(
      (
        await run(`with src as (select * from ticks where g = 'a')
          select sum(n) from src match_recognize (order by k ${shape})`)
      ).rows,
    ).toEqual([["5"]]);
    expect(
      (
        await run(`select m.g, l.label, m.n
          from (select * from ticks) t match_recognize (partition by t.g order by t.k ${shape}) m
          join labels l on l.g = m.g`)
      ).rows,
    ).toEqual([["a", "first group", "5"]]);
    // Measures may name the source's alias too.
    expect(
      (
        await run(`select peak, lk from (select * from ticks) t match_recognize (partition by t.g order by t.k
          measures max(t.v) as peak, last(t.k) as lk one row per match ${V_SHAPE})`)
      ).rows,
    ).toEqual([["12", "5"]]);
    await session.execute(
      `create table matched as select * from ticks match_recognize (partition by g order by k ${shape})`,
    );
    expect((await run("select g, mn, n from matched")).rows).toEqual([["a", "1", "5"]]);
  });

  it("is refused in a view definition, where the rows would be matched only once", async () => {
    const e = await refusal(
      `create view v_matches as select * from ticks match_recognize (partition by g order by k measures count(*) as n ${V_SHAPE})`,
    );
    expect(e?.code).toBe("002040");
    expect(e?.message).toContain("MATCH_RECOGNIZE in a view");
  });
});
