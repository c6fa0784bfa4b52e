import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./account/helpers.js";

// Snowflake makes a DML statement wait for rows another transaction has changed (up to LOCK_TIMEOUT
// seconds) and then runs it against the committed rows; DuckDB fails the later writer at once. The
// expected values follow from running the statements one after the other in commit order.
describe("DML waits for rows another session's transaction holds", () => {
  let a: Account;
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database rlw", "use schema rlw.public");
  });
  afterAll(() => a.close());

  const sessionIn = async () => {
    const s = await a.open({});
    await s.run("use schema rlw.public");
    return s;
  };

  it("an UPDATE of a row an open transaction updated runs once that transaction commits, on its committed value", async () => {
    await a.run("create or replace table t1 (id int, v int)", "insert into t1 values (1, 0), (2, 0)");
    const holder = await sessionIn();
    const waiter = await sessionIn();
    await holder.run("begin", "update t1 set v = 5 where id = 1");
    const waiting = waiter.run("update t1 set v = v + 10 where id = 1");
    let settled = false;
    void waiting.then(
      () => (settled = true),
      () => (settled = true),
    );
    // The waiter is still waiting while the holder's transaction is open, whatever it has done so far.
    await holder.run("select 1");
    expect(settled).toBe(false);
    await holder.run("commit");
    const result = await waiting;
    expect(result.rows).toEqual([["1", "0"]]);
    expect((await a.run("select id, v from t1 order by id")).rows).toEqual([
      ["1", "15"],
      ["2", "0"],
    ]);
  });

  it("a DELETE waits for a rolled-back transaction and then deletes the row as it was", async () => {
    await a.run("create or replace table t2 (id int, v int)", "insert into t2 values (1, 0), (2, 0)");
    const holder = await sessionIn();
    const waiter = await sessionIn();
    await holder.run("begin", "update t2 set v = 7 where id = 2");
    const waiting = waiter.run("delete from t2 where id = 2 and v = 0");
    await holder.run("select 1");
    await holder.run("rollback");
    expect((await waiting).rows).toEqual([["1"]]);
    expect((await a.run("select id, v from t2 order by id")).rows).toEqual([["1", "0"]]);
  });

  it("with LOCK_TIMEOUT = 0 the statement does not wait: it fails at once and changes nothing", async () => {
    await a.run("create or replace table t3 (id int, v int)", "insert into t3 values (1, 0)");
    const holder = await sessionIn();
    const waiter = await sessionIn();
    await waiter.run("alter session set lock_timeout = 0");
    await holder.run("begin", "update t3 set v = 1 where id = 1");
    const error = await waiter.error("update t3 set v = 2 where id = 1");
    expect(error.message).toMatch(/conflict/i);
    await holder.run("commit");
    expect((await a.run("select v from t3")).rows).toEqual([["1"]]);
  });
});
