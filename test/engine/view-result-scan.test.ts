/**
 * Views over TABLE(RESULT_SCAN(…)): Snowflake evaluates the scan (and LAST_QUERY_ID()) when the view
 * is read, in the reading session (stored-procedures-javascript: stproc_view is created before the
 * CALL whose result it shows). Expected values worked out by hand from the statements run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";
import { show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.execute("create database scans");
});
afterAll(async () => {
  await engine.close();
});

describe("a view over RESULT_SCAN(LAST_QUERY_ID())", () => {
  it("reads the statement before the one reading the view, each time", async () => {
    await session.execute("create or replace view last_result (v) as select $1 from table(result_scan(last_query_id()))");
    await session.execute("select 'first' union all select 'second'");
    expect(show(await session.execute("select v from last_result order by v")).rows).toEqual([["first"], ["second"]]);
    await session.execute("select 'third'");
    expect(show(await session.execute("select * from last_result")).rows).toEqual([["third"]]);
  });

  it("reads a CALL's returned value, as the documentation's stproc_view does", async () => {
    await session.execute(`create or replace procedure two_rows() returns variant language javascript as $$ return {key1: [{A: 1}, {A: 2}]}; $$`);
    await session.execute(`create or replace view call_rows (a) as
      select value:A::number from (select $1:key1 as t from table(result_scan(last_query_id()))) r, lateral flatten(input => r.t)`);
    await session.execute("call two_rows()");
    expect(show(await session.execute("select a from call_rows order by a")).rows).toEqual([["1"], ["2"]]);
  });

  it("reads the reading session's own results, not the creator's", async () => {
    const other = await engine.openSession();
    await other.execute("use schema scans.public");
    await other.execute("select 42");
    expect(show(await other.execute("select v from last_result")).rows).toEqual([["42"]]);
    await other.close();
  });
});
