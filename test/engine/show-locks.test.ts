/**
 * SHOW LOCKS (the SHOW LOCKS page): a session without an open transaction holds no lock; a DML
 * statement inside BEGIN … COMMIT locks its target table (type PARTITIONS, HOLDING) with the
 * transaction's id and the statement's query id until the transaction ends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/types.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";

let fresh: FreshEngine;
let session: EngineSession;
beforeAll(async () => {
  fresh = await openFreshEngine();
  await fresh.engine.openSession().then(async (s) => {
    await s.executeScript("create database lockdb; create table t1 (i int); create table t2 (i int);");
    await s.close();
  });
  session = await fresh.engine.openSession({ database: "LOCKDB", schema: "PUBLIC" });
});
afterAll(async () => {
  await session.close();
  await fresh.dispose();
});

const COLUMNS = [
  "resource",
  "type",
  "transaction",
  "transaction_started_on",
  "status",
  "acquired_on",
  "query_id",
];

describe("SHOW LOCKS", () => {
  it("lists nothing outside a transaction, even after a write", async () => {
    await session.execute("insert into t1 values (1)");
    const r = await session.execute("show locks");
    expect(r.columns.map((c) => c.name)).toEqual(COLUMNS);
    expect(r.rows).toEqual([]);
  });

  it("lists each table the open transaction wrote once, with the writing statement's id", async () => {
    await session.execute("begin");
    const insert = await session.execute("insert into t1 values (2)");
    await session.execute("update t1 set i = i + 1");
    await session.execute("select * from t2");
    const del = await session.execute("delete from t2");
    const transactions = await session.execute("show transactions");
    const txId = String(transactions.rows[0]?.[0]);
    const r = await session.execute("show locks in account");
    expect(r.rows.map((row) => [row[0], row[1], String(row[2]), row[4], row[6]])).toEqual([
      ["LOCKDB.PUBLIC.T1", "PARTITIONS", txId, "HOLDING", insert.queryId],
      ["LOCKDB.PUBLIC.T2", "PARTITIONS", txId, "HOLDING", del.queryId],
    ]);
    await session.execute("commit");
    expect((await session.execute("show locks")).rows).toEqual([]);
  });

  it("starts empty in the next transaction", async () => {
    await session.execute("begin");
    expect((await session.execute("show locks")).rows).toEqual([]);
    await session.execute("rollback");
  });
});
