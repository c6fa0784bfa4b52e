/**
 * LANGUAGE JAVASCRIPT user-defined functions on the real engine and the real QuickJS sandbox: called
 * per row like any function, with the type mapping of Snowflake's JavaScript UDF pages (numbers as
 * doubles, SQL NULL as undefined, variant null as null, Dates, Uint8Array), the return converted in
 * JavaScript to the declared type, Snowflake's error shape, and the sandbox's walls and limits.
 * Expected values are worked out by hand from the documented behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, type EngineSession, openEngine } from "../../src/engine/index.js";
import { show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({
    path: ":memory:",
    javascriptLimits: { timeoutMs: 2000, memoryBytes: 8 * 1024 * 1024 },
  });
  session = await engine.openSession();
  await session.execute("create database jsudf");
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

describe("JavaScript UDFs: calls and types", () => {
  it("runs once per row, arguments by their upper-case names", async () => {
    await session.execute(
      `create or replace function twice(n double) returns double language javascript as 'return N * 2;'`,
    );
    await session.execute("create or replace table nums (n int)");
    await session.execute("insert into nums values (1), (2), (3)");
    expect(await rows("select n, twice(n) from nums order by n")).toEqual([
      ["1", "2"],
      ["2", "4"],
      ["3", "6"],
    ]);
  });

  it("keeps a quoted argument's case, and a qualified call reaches the same function", async () => {
    await session.execute(
      `create or replace function add5_q("n" double) returns double language javascript as 'return n + 5;'`,
    );
    expect(await rows("select add5_q(1.5), jsudf.public.add5_q(0)")).toEqual([["6.5", "5"]]);
  });

  it("passes a number as a double and converts the returned number to text in JavaScript", async () => {
    await session.execute(
      `create or replace function as_text(a double) returns string language javascript as 'return A;'`,
    );
    // 2^53 + 1 is not a double: JavaScript sees 9007199254740992.
    expect(await rows("select as_text(9007199254740993), as_text(0.1::double + 0.2::double)")).toEqual([
      ["9007199254740992", "0.30000000000000004"],
    ]);
  });

  it("gives SQL NULL as undefined and variant null as null; undefined returns NULL", async () => {
    await session.execute(`create or replace function nulls(v variant) returns varchar language javascript as $$
      if (V === undefined) return "sql null";
      if (V === null) return "variant null";
      return undefined;
    $$`);
    expect(await rows("select nulls(null), nulls(parse_json('null')), nulls(parse_json('1'))")).toEqual([
      ["sql null", "variant null", null],
    ]);
  });

  it("passes VARIANT as parsed JSON and returns objects as VARIANT, dropping undefined members", async () => {
    await session.execute(`create or replace function reshape(v variant) returns variant language javascript as $$
      return { n: V.a.length, first: V.a[0], gone: undefined, nothing: null };
    $$`);
    expect(await rows(`select reshape(parse_json('{"a": ["x", "y"]}'))`)).toEqual([
      ['{"first":"x","n":2,"nothing":null}'],
    ]);
  });

  it("passes dates and timestamps as Dates and takes a Date back", async () => {
    await session.execute("alter session set timezone = 'UTC'");
    await session.execute(
      `create or replace function iso(t timestamp_ntz) returns varchar language javascript as 'return T.toISOString();'`,
    );
    await session.execute(
      `create or replace function add_day(d date) returns date language javascript as 'return new Date(D.getTime() + 86400000);'`,
    );
    expect(
      await rows("select iso('2024-02-29 12:34:56.789'::timestamp_ntz), add_day('2024-02-28'::date)"),
    ).toEqual([["2024-02-29T12:34:56.789Z", "2024-02-29"]]);
  });

  it("passes BINARY as a Uint8Array and takes one back", async () => {
    await session.execute(
      `create or replace function rev(b binary) returns binary language javascript as 'return B.reverse();'`,
    );
    expect(await rows("select to_varchar(rev(to_binary('0A0B0C', 'HEX')), 'HEX')")).toEqual([["0C0B0A"]]);
  });

  it("converts the returned value to BOOLEAN and NUMBER in JavaScript", async () => {
    await session.execute(
      `create or replace function truthy(s varchar) returns boolean language javascript as 'return S;'`,
    );
    await session.execute(
      `create or replace function halves(n double) returns number language javascript as 'return N / 2;'`,
    );
    expect(await rows("select truthy('x'), truthy(''), halves(5)")).toEqual([["true", "false", "3"]]);
  });
});

describe("JavaScript UDFs: the body's own name", () => {
  it("a body can call its function by the function's name", async () => {
    await session.execute(
      `create or replace function fact(n double) returns double language javascript as 'return N <= 1 ? 1 : N * FACT(N - 1);'`,
    );
    expect(await rows("select fact(5)")).toEqual([["120"]]);
  });
});

describe("JavaScript table functions (RETURNS TABLE)", () => {
  it("runs processRow() once per input row of a correlated call; writeRow's missing columns are NULL", async () => {
    await session.execute(`create or replace function repeat_it(s varchar, n double) returns table (piece varchar, at double)
      language javascript as '{
        processRow: function (row, rowWriter) {
          for (var i = 1; i <= row.N; i++) rowWriter.writeRow({PIECE: row.S + i, AT: i});
          rowWriter.writeRow({});
        }
      }'`);
    await session.execute("create or replace table words (w varchar, k int)");
    await session.execute("insert into words values ('a', 2), ('b', 1)");
    expect(
      await rows("select w, piece, at from words, table(repeat_it(w, k)) order by w, at nulls last"),
    ).toEqual([
      ["a", "a1", "1"],
      ["a", "a2", "2"],
      ["a", null, null],
      ["b", "b1", "1"],
      ["b", null, null],
    ]);
  });

  it("a handler's finalize() runs once after the partition's rows (no OVER: the whole input), its row with NULL input columns", async () => {
    await session.execute(`create or replace function counts(s varchar) returns table (n double) language javascript as
      '{ processRow: function (row, w) { w.writeRow({N: 1}); }, finalize: function (w) { w.writeRow({N: 0}); } }'`);
    expect(await rows("select w, n from words, table(counts(w)) order by n, w")).toEqual([
      [null, "0"],
      ["a", "1"],
      ["b", "1"],
    ]);
  });
});

describe("JavaScript UDFs: errors and walls", () => {
  it("an uncaught error fails the statement with Snowflake's 100132", async () => {
    await session.execute(`create or replace function boom(n double) returns double language javascript as $$
  if (N > 1) {
    throw new Error("too big: " + N);
  }
  return N;
$$`);
    expect(await rows("select boom(1)")).toEqual([["1"]]);
    const error = await failure("select boom(n) from nums");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("JavaScript execution error: Uncaught Error: too big: 2 in BOOM");
    expect(error.message).toContain(
      `at 'throw new Error("too big: " + N);' position 4\nstackstrace: \nBOOM line: 3`,
    );
  });

  it("an argument the body does not name in upper case is a ReferenceError", async () => {
    await session.execute(
      `create or replace function add5_lower(n double) returns double language javascript as 'return n + 5;'`,
    );
    const error = await failure("select add5_lower(0)");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("ReferenceError");
  });

  it("reaches no host: no require, process, snowflake API, fetch or DuckDB", async () => {
    await session.execute(`create or replace function probe() returns variant language javascript as $$
      return [typeof require, typeof process, typeof snowflake, typeof fetch, typeof __merc_execute,
              typeof globalThis.std, typeof globalThis.os, typeof Deno];
    $$`);
    expect(await rows("select probe()")).toEqual([[JSON.stringify(Array(8).fill("undefined"))]]);
  });

  it("has no eval(), as Snowflake disables it", async () => {
    await session.execute(
      `create or replace function evaluate(s varchar) returns varchar language javascript as 'return eval(S);'`,
    );
    const error = await failure("select evaluate('1 + 1')");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("ReferenceError");
  });

  it("stops an endless loop at the time limit, and the engine keeps working", async () => {
    await session.execute(
      `create or replace function spin() returns double language javascript as 'while (true) {} '`,
    );
    const error = await failure("select spin()");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("time limit");
    expect(await rows("select twice(21)")).toEqual([["42"]]);
  });

  it("stops a body that fills its heap", async () => {
    await session.execute(
      `create or replace function hog() returns double language javascript as 'var a = []; while (true) a.push(new Array(100000).fill(1)); '`,
    );
    const error = await failure("select hog()");
    expect(error.code).toBe("100132");
    expect(error.message).toContain("out of memory");
  });

  it("the helper function cannot be called by name", async () => {
    const error = await failure("select merc_javascript_udf('{}')");
    expect(error.code).toBe("002140");
  });
});
