/**
 * INSERT OVERWRITE (handlers/insert-overwrite.ts), through a real engine: the target's old rows
 * are gone, the count is the rows inserted, a failing insert leaves the old rows, and inside an
 * open transaction a rollback restores them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { splitOverwrite } from "../../src/engine/handlers/insert-overwrite.js";
import { failure, freshSession, rows, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("use database TEST_DB");
  await session.executeScript(`
    create table src (id integer, city varchar);
    insert into src values (1, 'SF'), (2, 'NY'), (3, 'SF');
    create table dst (id integer, city varchar);
  `);
});
afterAll(() => engine.close());

describe("INSERT OVERWRITE", () => {
  it("replaces the target's rows and counts the rows inserted", async () => {
    await session.execute("insert into dst values (9, 'old'), (8, 'old')");
    const result = show(
      await session.execute("insert overwrite into dst select * from src where city = 'SF'"),
    );
    expect(result.columns).toEqual(["number of rows inserted"]);
    expect(result.rows).toEqual([["2"]]);
    expect(await rows(session, "select id from dst order by id")).toEqual([["1"], ["3"]]);
    await session.execute("insert overwrite into dst (id, city) values (5, 'v')");
    expect(await rows(session, "select * from dst")).toEqual([["5", "v"]]);
  });

  it("keeps the old rows when the insert fails", async () => {
    await failure(session, "insert overwrite into dst select 1 / 0, 'x'");
    expect(await rows(session, "select * from dst")).toEqual([["5", "v"]]);
  });

  it("runs inside the session's transaction", async () => {
    await session.execute("begin");
    await session.execute("insert overwrite into dst select * from src");
    expect(await rows(session, "select count(*) from dst")).toEqual([["3"]]);
    await session.execute("rollback");
    expect(await rows(session, "select * from dst")).toEqual([["5", "v"]]);
  });

  it("leaves any other INSERT alone", () => {
    expect(splitOverwrite('INSERT INTO "A"."B" VALUES (1)')).toBeNull();
    expect(splitOverwrite('INSERT OVERWRITE TABLE "D"."P"."T" SELECT 1')).toEqual({
      clear: 'DELETE FROM "D"."P"."T"',
      insert: 'INSERT INTO "D"."P"."T" SELECT 1',
    });
  });
});
