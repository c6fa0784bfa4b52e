import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { updateJoinCounts } from "../../src/engine/update-from.js";
import { freshSession, rows } from "./helpers.js";

describe("UPDATE … FROM result counts", () => {
  it("builds the counting query from the target, sources and condition", () => {
    expect(
      updateJoinCounts('UPDATE "T" AS "A" SET "V" = 1 FROM "S", (SELECT 1) AS "B" WHERE "A"."K" = "S"."K"'),
    ).toBe(
      'SELECT count(*), count(*) FILTER (WHERE merc_joined > 1) FROM (SELECT count(*) AS merc_joined FROM "T" AS "A", "S", (SELECT 1) AS "B" WHERE "A"."K" = "S"."K" GROUP BY "A".rowid)',
    );
    expect(updateJoinCounts('UPDATE "T" SET "V" = (SELECT 1 FROM "S")')).toBeNull();
  });

  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
    await session.executeScript(`
      CREATE TABLE t (k INT, v INT);
      CREATE TABLE s (k INT, v INT);
      INSERT INTO t VALUES (1, 0), (2, 0), (3, 0);
      INSERT INTO s VALUES (1, 10), (2, 20), (2, 21), (3, 30), (3, 31), (3, 32);`);
  });
  afterAll(async () => {
    await engine.close();
  });

  it("counts each target row once and reports the multi-joined ones", async () => {
    expect(await rows(session, "UPDATE t x SET v = s.v FROM s WHERE x.k = s.k")).toEqual([["3", "2"]]);
    expect(await rows(session, "UPDATE t SET v = -1 WHERE k = 1")).toEqual([["1", "0"]]);
    expect(await rows(session, "UPDATE t SET v = s.v FROM s WHERE t.k = s.k AND s.v = 10")).toEqual([
      ["1", "0"],
    ]);
  });

  it("fails on a multi-joined row when ERROR_ON_NONDETERMINISTIC_UPDATE is TRUE, changing nothing", async () => {
    await session.execute("ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_UPDATE = TRUE");
    await expect(session.execute("UPDATE t SET v = 99 FROM s WHERE t.k = s.k")).rejects.toMatchObject({
      code: "100090",
    });
    expect(await rows(session, "SELECT count(*) FROM t WHERE v = 99")).toEqual([["0"]]);
    expect(await rows(session, "UPDATE t SET v = 5 FROM s WHERE t.k = s.k AND s.v = 10")).toEqual([
      ["1", "0"],
    ]);
  });
});
