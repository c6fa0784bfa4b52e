/**
 * LANGUAGE JAVASCRIPT stored procedures on the real engine and the real QuickJS sandbox: the
 * documented API (snowflake.execute / createStatement, ResultSet, SfDate), argument case rules,
 * return conversion, Snowflake's error shapes, the session's privileges, and the sandbox's walls
 * and limits. Expected values are Snowflake's documented behaviour, worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, type EngineSession, openEngine } from "../../src/engine/index.js";
import { show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({
    path: ":memory:",
    javascriptLimits: { timeoutMs: 3000, memoryBytes: 8 * 1024 * 1024 },
  });
  session = await engine.openSession();
  await session.execute("create database jsproc");
});
afterAll(async () => {
  await engine.close();
});

async function call(sql: string): Promise<{ columns: string[]; types: string[]; rows: (string | null)[][] }> {
  return show(await session.execute(sql));
}

async function failure(sql: string): Promise<{ code: string; sqlState: string; message: string }> {
  const error = (await session.execute(sql).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; sqlState: string; message: string } | null;
  if (error === null) throw new Error(`expected ${sql} to fail`);
  return { code: error.code, sqlState: error.sqlState, message: error.message };
}

describe("JavaScript procedures: results", () => {
  it("returns a string under the procedure's name, typed by RETURNS", async () => {
    await session.execute(
      `create or replace procedure greet() returns varchar language javascript as $$ return 'hi ' + 'there'; $$`,
    );
    expect(await call("call greet()")).toEqual({
      columns: ["GREET"],
      types: ["VARCHAR(16777216)"],
      rows: [["hi there"]],
    });
  });

  it("binds arguments as upper-case variables and converts numbers to FLOAT", async () => {
    await session.execute(
      `create or replace procedure area(width float, height float) returns float language javascript as $$ return WIDTH * HEIGHT; $$`,
    );
    expect((await call("call area(2.5, 4)")).rows).toEqual([["10"]]);
  });

  it("an argument spelled in lower case is not defined (Snowflake's case rule)", async () => {
    await session.execute(
      `create or replace procedure lower_arg(x float) returns float language javascript as $$ return x; $$`,
    );
    const error = await failure("call lower_arg(1)");
    expect(error.code).toBe("100132");
    expect(error.message).toMatch(
      /^JavaScript execution error: Uncaught ReferenceError: .*'?x'? is not defined in LOWER_ARG/,
    );
  });

  it("returns a JavaScript object as VARIANT JSON", async () => {
    await session.execute(
      `create or replace procedure obj() returns variant language javascript as $$ return {a: 1, b: [true, null, "x"]}; $$`,
    );
    const result = await call("call obj()");
    expect(result.types).toEqual(["VARIANT"]);
    expect(JSON.parse(result.rows[0]?.[0] as string)).toEqual({ a: 1, b: [true, null, "x"] });
  });

  it("keeps a VARIANT result for RESULT_SCAN, which reads it as VARIANT", async () => {
    await session.execute(
      `create or replace procedure rows_json() returns variant language javascript as $$ return {key1: [{A: 1}, {A: 2}]}; $$`,
    );
    await session.execute("call rows_json()");
    const result = await call(
      "select f.value:A as a from (select $1 as v from table(result_scan(last_query_id()))) r, lateral flatten(input => r.v:key1) f",
    );
    expect(result.rows).toEqual([["1"], ["2"]]);
  });

  it("returns undefined as NULL", async () => {
    await session.execute(
      `create or replace procedure nothing() returns varchar language javascript as $$ var a = 1; $$`,
    );
    expect((await call("call nothing()")).rows).toEqual([[null]]);
  });
});

describe("JavaScript procedures: the statement API", () => {
  it("runs statements with binds through snowflake.execute and reads rows with next/getColumnValue", async () => {
    await session.execute("create or replace table jsproc.public.pets (name varchar, legs int)");
    await session.execute(`create or replace procedure add_pet(name varchar, legs float) returns float language javascript as $$
      snowflake.execute({sqlText: "insert into jsproc.public.pets values (?, ?)", binds: [NAME, LEGS]});
      var rs = snowflake.execute({sqlText: "select name, legs from jsproc.public.pets order by name"});
      var total = 0;
      while (rs.next()) total += rs.getColumnValue(2) + rs.getColumnValue('NAME').length;
      return total;
    $$`);
    await session.execute("call add_pet('cat', 4)");
    expect((await call("call add_pet('emu', 2)")).rows).toEqual([["12"]]);
  });

  it("gives Statement and ResultSet metadata: counts, names, SQL text, query id, row counts", async () => {
    await session.execute(`create or replace procedure meta() returns variant language javascript as $$
      var st = snowflake.createStatement({sqlText: "select 1 as a, 'x' as b union all select 2, 'y'"});
      var notYet;
      try { st.getQueryId(); } catch (e) { notYet = e.message; }
      var rs = st.execute();
      rs.next();
      var ins = snowflake.createStatement({sqlText: "insert into jsproc.public.pets values ('ant', 6), ('bee', 6)"});
      ins.execute();
      return {cols: st.getColumnCount(), rows: st.getRowCount(), name: st.getColumnName(2), text: st.getSqlText(),
        sameId: st.getQueryId() === rs.getQueryId(), idShape: /^[0-9a-f-]{36}$/.test(rs.getQueryId()),
        notYet: notYet, prop: rs.B, str: rs.getColumnValueAsString(1), inserted: ins.getNumRowsInserted(),
        isNumber: rs.isColumnNumber(1), isText: rs.isColumnText(2)};
    $$`);
    const result = JSON.parse((await call("call meta()")).rows[0]?.[0] as string);
    expect(result).toEqual({
      cols: 2,
      rows: 2,
      name: "B",
      text: "select 1 as a, 'x' as b union all select 2, 'y'",
      sameId: true,
      idShape: true,
      notYet: "Statement is not executed yet.",
      prop: "x",
      str: "1",
      inserted: 2,
      isNumber: true,
      isText: true,
    });
  });

  it("reads timestamps as SfDate (epoch seconds, nanoseconds, scale, time zone)", async () => {
    await session.execute(`create or replace procedure ts(tsv varchar) returns variant language javascript as $$
      var rs = snowflake.execute({sqlText: "select '" + TSV + "'::timestamp_ntz(9), '2020-01-01 00:00:00 +05:30'::timestamp_tz"});
      rs.next();
      var d = rs.getColumnValue(1);
      return [d.getEpochSeconds(), d.getNanoSeconds(), d.getScale(), rs.getColumnValue(2).getTimezone(),
        rs.getColumnValue(2).toString(), new Date(0).toString()];
    $$`);
    expect(JSON.parse((await call("call ts('1970-01-01 00:00:01.987654')")).rows[0]?.[0] as string)).toEqual([
      1,
      987654000,
      9,
      330,
      "Wed Jan 01 2020 00:00:00 GMT+0530",
      "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)",
    ]);
  });

  it("a failing statement throws an error with code, state and message that the body can catch", async () => {
    await session.execute(`create or replace procedure caught() returns varchar language javascript as $$
      try { snowflake.execute({sqlText: "select * from no_such_table"}); return "no"; }
      catch (err) { return err.code + " " + err.state + " " + err.message; }
    $$`);
    expect((await call("call caught()")).rows[0]?.[0]).toMatch(
      /^2003 42S02 SQL compilation error:\nObject '(JSPROC\.PUBLIC\.)?NO_SUCH_TABLE' does not exist or not authorized\.$/,
    );
  });

  it("an uncaught failing statement fails the CALL with the statement's message", async () => {
    await session.execute(`create or replace procedure uncaught() returns varchar language javascript as $$
      var x = 1;
      snowflake.execute({sqlText: "select * from no_such_table"});
    $$`);
    const error = await failure("call uncaught()");
    expect(error.code).toBe("100183");
    expect(error.sqlState).toBe("P0000");
    expect(error.message).toMatch(
      /^Execution error in store procedure UNCAUGHT:\nSQL compilation error:\nObject '(JSPROC\.PUBLIC\.)?NO_SUCH_TABLE' does not exist/,
    );
    expect(error.message).toMatch(/\nAt Snowflake\.execute, line 3 position 16$/);
  });

  it("a thrown error becomes 100132 JavaScript execution error naming the line", async () => {
    await session.execute(`create or replace procedure thrower() returns varchar language javascript as $$
      var a = 1;
      throw new Error("custom failure");
    $$`);
    const error = await failure("call thrower()");
    expect(error).toEqual({
      code: "100132",
      sqlState: "P0000",
      message:
        "JavaScript execution error: Uncaught Error: custom failure in THROWER at 'throw new Error(\"custom failure\");' position 6\nstackstrace: \nTHROWER line: 3",
    });
  });

  it("statements run with the caller's session role and privileges", async () => {
    await session.execute("create role js_reader");
    await session.execute("grant role js_reader to user admin");
    await session.execute("grant usage on database jsproc to role js_reader");
    await session.execute("grant usage on schema jsproc.public to role js_reader");
    await session.execute(`create or replace procedure jsproc.public.peek() returns varchar language javascript as $$
      try { snowflake.execute({sqlText: "select count(*) from jsproc.public.pets"}); return "read"; }
      catch (e) { return "refused " + e.code; }
    $$`);
    await session.execute("grant usage on procedure jsproc.public.peek() to role js_reader");
    await session.execute("use role js_reader");
    try {
      const result = await call("call jsproc.public.peek()");
      expect(result.rows[0]?.[0]).toMatch(/^refused \d+$/);
    } finally {
      await session.execute("use role accountadmin");
    }
    expect((await call("call jsproc.public.peek()")).rows).toEqual([["read"]]);
  });
});

describe("JavaScript procedures: definitions and conversions", () => {
  it("takes the body after a comment between AS and $$ (even one that mentions $$)", async () => {
    await session.execute(`create or replace procedure commented() returns varchar language javascript as
      -- "$$" is the delimiter
      /* a block comment */
      $$ return 'body ran'; $$`);
    expect((await call("call commented()")).rows).toEqual([["body ran"]]);
  });

  it("passes ARRAY and OBJECT arguments as JavaScript values and returns an ARRAY", async () => {
    await session.execute(`create or replace procedure arrays(names array, extra object) returns array language javascript as $$
      return NAMES.concat([EXTRA.k, NAMES.length]);
    $$`);
    const result = await call("call arrays(ARRAY_APPEND(TO_ARRAY('A'), 'B'), OBJECT_CONSTRUCT('k', 'v'))");
    expect(result.types).toEqual(["ARRAY"]);
    expect(JSON.parse(result.rows[0]?.[0] as string)).toEqual(["A", "B", "v", 2]);
  });

  it("binds a Date as an instant (TIMESTAMP_LTZ) and returns one under RETURNS TIMESTAMP_NTZ as its UTC wall clock", async () => {
    await session.execute(`create or replace procedure dates() returns timestamp_ntz language javascript as $$
      var d = new Date(Date.UTC(2020, 1, 29, 12, 30, 0));
      var rs = snowflake.execute({sqlText: "select to_char(convert_timezone('UTC', ?::timestamp_tz), 'YYYY-MM-DD HH24:MI')", binds: [d]});
      rs.next();
      if (rs.getColumnValue(1) !== "2020-02-29 12:30") throw new Error("bound as " + rs.getColumnValue(1));
      return d;
    $$`);
    expect((await call("call dates()")).rows).toEqual([["2020-02-29 12:30:00.000"]]);
  });

  it("an API error reads as its message and carries the call site in stackTraceTxt", async () => {
    await session.execute(`create or replace procedure sites() returns varchar language javascript as $$
      var out = [];
      try { snowflake.createStatement({sqltext: "select 1"}); } catch (e) { out.push("Failed: " + e); }
      try {
        snowflake.execute({sqlText: "select * from nowhere_at_all"});
      } catch (e) { out.push(e.stackTraceTxt); }
      try {
        var st = snowflake.createStatement({sqlText: "select * from nowhere_at_all"});
        st.execute();
      } catch (e) { out.push(e.stackTraceTxt); }
      return out.join("|");
    $$`);
    // Line 5 "        snowflake.execute(": "execute" starts at 18; line 9 "        st.execute();": at 11.
    expect((await call("call sites()")).rows).toEqual([
      [
        "Failed: empty argument passed|Snowflake.execute, line 5 position 18|Statement.execute, line 9 position 11",
      ],
    ]);
  });
});

describe("JavaScript UDFs", () => {
  // They run since decision 020 (test/engine/javascript-udfs.test.ts); a type without a mapping stays refused.
  it("with a result type the engine does not map are created but a call is refused as unsupported", async () => {
    await session.execute(
      "create or replace function js_udf(a double) returns timestamp_tz language javascript as $$ return new Date(A); $$",
    );
    const error = await failure("select js_udf(1)");
    expect(error.code).toBe("002040");
    expect(error.message).toMatch(
      /Unsupported feature 'calling a JAVASCRIPT user-defined function \(JS_UDF\)/,
    );
  });
});

describe("JavaScript procedures: the sandbox", () => {
  it("has no Node globals: require, process, Buffer, and the host's Function do not reach Node", async () => {
    await session.execute(`create or replace procedure probe() returns variant language javascript as $$
      var g = (function () { return this; })() || globalThis;
      var ctorProcess = (function () { try { return typeof Function("return process")(); } catch (e) { return "error"; } })();
      return {require: typeof require, process: typeof process, buffer: typeof Buffer, module: typeof module,
        globalProcess: typeof g.process, ctorProcess: ctorProcess, host: typeof __merc_execute,
        imports: (function () { try { return typeof eval("import('fs')"); } catch (e) { return "error"; } })()};
    $$`);
    const result = JSON.parse((await call("call probe()")).rows[0]?.[0] as string);
    expect(result).toEqual({
      require: "undefined",
      process: "undefined",
      buffer: "undefined",
      module: "undefined",
      globalProcess: "undefined",
      ctorProcess: "error",
      host: "undefined",
      imports: expect.stringMatching(/^(error|object)$/),
    });
  });

  it("stops an infinite loop with a clear error, and the engine keeps working", async () => {
    await session.execute(
      `create or replace procedure spin() returns varchar language javascript as $$ while (true) {} $$`,
    );
    const error = await failure("call spin()");
    expect(error.code).toBe("100132");
    expect(error.message).toMatch(/SPIN exceeded the local engine's JavaScript time limit/);
    expect((await call("call greet()")).rows).toEqual([["hi there"]]);
  });

  it("an infinite loop cannot be caught and swallowed by the body", async () => {
    await session.execute(
      `create or replace procedure spin_caught() returns varchar language javascript as $$ try { while (true) {} } catch (e) { return "swallowed"; } $$`,
    );
    expect((await failure("call spin_caught()")).message).toMatch(/time limit/);
  });

  it("stops a body that allocates without bound", async () => {
    await session.execute(
      `create or replace procedure hog() returns varchar language javascript as $$ var a = []; while (true) a.push(new Uint8Array(1 << 20)); $$`,
    );
    const error = await failure("call hog()");
    expect(error.code).toBe("100132");
    expect(error.message).toBe(
      "JavaScript out of memory error: UDF thread memory limit exceeded (the local engine's limit is 8 MB)",
    );
  });

  it("ends unbounded recursion with a JavaScript error, not a host crash", async () => {
    await session.execute(
      `create or replace procedure deep() returns varchar language javascript as $$ function f(n) { return f(n + 1) + 1; } return f(0); $$`,
    );
    const error = await failure("call deep()");
    expect(error.code).toBe("100132");
    expect(error.message).toMatch(
      /^JavaScript execution error: Uncaught (RangeError|InternalError): .*stack/i,
    );
  });
});
