import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./account/helpers.js";

// The first DML statement on a table creates its row-image table (time-travel/history.ts). Sessions
// that start DML on a fresh table together must each see their statement succeed: none may be told
// the image table exists before the session creating it has committed, nor fail because two
// sessions created it at once. Each round uses a new table, so every round repeats that first use.
describe("Time Travel capture under concurrent sessions", () => {
  let a: Account;
  const sessions = 6;
  const rounds = 12;
  beforeAll(async () => {
    a = await openAccount();
    await a.run("create database ttc", "use schema ttc.public");
  });
  afterAll(() => a.close());

  const concurrentRounds = async (statement: (table: string, i: number) => string) => {
    const opened = await Promise.all(Array.from({ length: sessions }, () => a.open({})));
    for (const s of opened) await s.run("use schema ttc.public");
    const failures: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const table = `t_${round}_${Math.random().toString(36).slice(2, 8)}`;
      // CREATE TABLE … AS SELECT fills the table without a DML statement: the image table is not made yet.
      await a.run(
        `create table ${table} as select seq4() as id, 0 as v from table(generator(rowcount => ${sessions}))`,
      );
      const outcomes = await Promise.allSettled(
        opened.map((s, i) => s.run(statement(table, i).replace("%s", table))),
      );
      for (const o of outcomes)
        if (o.status === "rejected") failures.push(String(o.reason?.message ?? o.reason));
    }
    return failures;
  };

  it("UPDATEs of different rows of a fresh table from six sessions all succeed", async () => {
    expect(await concurrentRounds((t, i) => `update ${t} set v = v + 1 where id = ${i}`)).toEqual([]);
  });

  it("UPDATEs of one row from six sessions all succeed, each waiting for the one before (row-lock-wait.ts)", async () => {
    expect(await concurrentRounds(() => "update %s set v = v + 1 where id = 0")).toEqual([]);
  });

  it("INSERTs into a fresh table from six sessions all succeed", async () => {
    expect(await concurrentRounds((t, i) => `insert into ${t} values (${100 + i}, 1)`)).toEqual([]);
  });
});
