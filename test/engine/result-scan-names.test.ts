/**
 * RESULT_SCAN of a result whose columns share a name (result_scan page: a join's two ID columns):
 * the scan's columns are ID and ID_1, so each can be selected and filtered by name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { uniqueNames } from "../../src/engine/result-scan.js";
import { freshSession, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table a (id int, n varchar);
    create table b (id int, a_id int, n varchar);
    insert into a values (1, 'one'), (2, 'two');
    insert into b values (10, 1, 'ten'), (20, 2, 'twenty');
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("RESULT_SCAN with repeated column names", () => {
  it("numbers the repeats after the first", () => {
    expect(uniqueNames(["ID", "N", "ID", "A_ID", "N", "ID"])).toEqual([
      "ID",
      "N",
      "ID_1",
      "A_ID",
      "N_1",
      "ID_2",
    ]);
  });

  it("scans a join's result by the unique names", async () => {
    await session.execute("SELECT * FROM a JOIN b ON b.a_id = a.id ORDER BY a.id");
    const result = show(
      await session.execute("SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE id_1 = 20"),
    );
    expect(result.columns).toEqual(["ID", "N", "ID_1", "A_ID", "N_1"]);
    expect(result.rows).toEqual([["2", "two", "20", "2", "twenty"]]);
  });
});
