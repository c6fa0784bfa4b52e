/**
 * JavaScript table functions run by partitions, as the tabular JavaScript UDF page describes
 * (developer-guide/udf/javascript/udf-javascript-tabular-functions): initialize() once per
 * partition, processRow() per row in the OVER clause's order, finalize() once per partition; rows
 * from processRow() joined to their input row, rows from finalize() with the PARTITION BY columns
 * and NULL elsewhere; no OVER (or an empty one): the whole input is one partition. Expected values
 * are worked out by hand from the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, type EngineSession, openEngine } from "../../src/engine/index.js";
import { show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.execute("create database udtfp");
  await session.execute("create table sales (region varchar, day int, amount number(10, 2), note varchar)");
  await session.execute(
    "insert into sales values ('east', 2, 5, 'b'), ('east', 1, 10, 'a'), ('west', 1, 7, 'c'), ('east', 3, 1, 'd')",
  );
  // Writes each row with the running total and position, and the partition's total at the end.
  await session.execute(`create function running(amount float) returns table (total float, pos float)
    language javascript as '{
      initialize: function (info, context) { this.total = 0; this.pos = 0; },
      processRow: function (row, writer, context) {
        this.total += row.AMOUNT; this.pos += 1;
        writer.writeRow({TOTAL: this.total, POS: this.pos});
      },
      finalize: function (writer, context) { writer.writeRow({TOTAL: this.total}); }
    }'`);
});
afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<(string | null)[][]> {
  return show(await session.execute(sql)).rows;
}

async function failure(sql: string): Promise<{ code: string; message: string }> {
  const error = (await session.execute(sql).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  if (error === null) throw new Error(`expected ${sql} to fail`);
  return { code: error.code, message: error.message };
}

describe("JavaScript table functions: partitions", () => {
  it("PARTITION BY … ORDER BY: state per partition in order, finalize() rows keep the partition column", async () => {
    expect(
      await rows(`select region, day, total, pos from sales, table(running(amount) over (partition by region order by day))
        order by region, pos nulls last`),
    ).toEqual([
      ["east", "1", "10", "1"],
      ["east", "2", "15", "2"],
      ["east", "3", "16", "3"],
      ["east", null, "16", null],
      ["west", "1", "7", "1"],
      ["west", null, "7", null],
    ]);
  });

  it("ORDER BY … DESC inside OVER orders processRow()", async () => {
    expect(
      await rows(`select s.day, r.pos from sales as s, table(running(s.amount) over (partition by s.region order by s.day desc)) as r
        where s.region = 'east' and r.pos is not null order by r.pos`),
    ).toEqual([
      ["3", "1"],
      ["2", "2"],
      ["1", "3"],
    ]);
  });

  it("no OVER and an empty OVER: the whole input is one partition; finalize() rows have NULL input columns", async () => {
    const expected = [[null, null, "23"]];
    expect(
      await rows("select region, note, total from sales, table(running(amount)) where pos is null"),
    ).toEqual(expected);
    expect(
      await rows("select region, note, total from sales, table(running(amount) over ()) where pos is null"),
    ).toEqual(expected);
    expect(await rows("select count(*) from sales, table(running(amount) over ())")).toEqual([["5"]]);
  });

  it("SELECT * shows the input's columns then the function's, and alias.* each side's", async () => {
    const all = show(
      await session.execute(
        "select * from sales, table(running(amount) over (partition by region)) order by 1, 5",
      ),
    );
    expect(all.columns).toEqual(["REGION", "DAY", "AMOUNT", "NOTE", "TOTAL", "POS"]);
    expect(
      show(
        await session.execute(
          "select t.*, s.* exclude (note) from sales s, table(running(amount)) t limit 1",
        ),
      ).columns,
    ).toEqual(["TOTAL", "POS", "REGION", "DAY", "AMOUNT"]);
  });

  it("a partition expression that is not a column gives NULL input columns in finalize() rows", async () => {
    expect(
      await rows(`select region, total from sales, table(running(amount) over (partition by day > 1))
        where pos is null order by total`),
    ).toEqual([
      [null, "6"],
      [null, "17"],
    ]);
  });

  it("an input with no rows makes no partition: neither initialize() nor finalize() runs", async () => {
    expect(await rows("select * from sales, table(running(amount)) where 1 = 0")).toEqual([]);
    expect(
      await rows("select total from (select * from sales where day > 9) s, table(running(s.amount))"),
    ).toEqual([]);
  });

  it("a call without input rows is one partition of one row (finalize() included)", async () => {
    expect(await rows("select total, pos from table(running(4)) order by pos nulls last")).toEqual([
      ["4", "1"],
      ["4", null],
    ]);
  });

  it("initialize() gets argumentInfo: each argument's type, and its value when constant", async () => {
    await session.execute(`create function info(a varchar, b float) returns table (t varchar)
      language javascript as '{
        initialize: function (info) { this.text = JSON.stringify(info); },
        processRow: function (row, writer) {},
        finalize: function (writer) { writer.writeRow({T: this.text}); }
      }'`);
    expect(await rows("select t from sales, table(info(note, 2.5)) ")).toEqual([
      ['{"A":{"type":"VARCHAR","isConst":false},"B":{"type":"FLOAT","isConst":true,"constValue":2.5}}'],
    ]);
  });

  it("a handler error is Snowflake's JavaScript execution error", async () => {
    await session.execute(`create function broken(a varchar) returns table (t varchar)
      language javascript as '{ processRow: function (row, writer) { throw new Error("no " + row.A); } }'`);
    const error = await failure("select * from sales, table(broken(note) over (partition by region))");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("Uncaught Error: no");
  });

  it("a window frame in OVER is refused", async () => {
    const error = await failure(
      "select * from sales, table(running(amount) over (order by day rows between unbounded preceding and current row))",
    );
    expect(error.code).toBe("001003");
  });

  it("the input may be a join, and a second call reads the first one's rows, finalize() rows included", async () => {
    await session.execute("create table regions (name varchar, boss varchar)");
    await session.execute("insert into regions values ('east', 'ann'), ('west', 'bob')");
    expect(
      await rows(`select g.boss, r.total, t.total from sales s join regions g on g.name = s.region,
          table(running(s.amount) over (partition by g.boss order by s.day)) r,
          table(running(r.total) over (partition by g.boss)) t
        where r.pos is null and t.pos is null order by 1`),
    ).toEqual([
      // ann: 10, 15, 16 and the first call's finalize() 16 sum to 57; bob: 7 + 7. In the second
      // call's finalize() row only the partition column (g.boss) is kept: r.total is NULL.
      ["ann", null, "57"],
      ["bob", null, "14"],
    ]);
  });

  it("a call whose argument names an outer query's column runs per row (each row its own partition)", async () => {
    expect(
      await rows("select s.note, (select max(total) from table(running(s.amount))) from sales s order by 1"),
    ).toEqual([
      ["a", "10"],
      ["b", "5"],
      ["c", "7"],
      ["d", "1"],
    ]);
  });

  it("an argument naming a FROM item that comes later is an invalid identifier", async () => {
    const error = await failure(
      "select * from sales as s, table(running(later.amount)) as r, sales as later",
    );
    expect(error.code).toBe("000904");
    expect(error.message).toContain("invalid identifier 'LATER.AMOUNT'");
  });
});
