/**
 * A LAG over the same window inside CONDITIONAL_TRUE_EVENT / CONDITIONAL_CHANGE_EVENT (Snowflake's
 * CONDITIONAL_TRUE_EVENT page nests one so). DuckDB cannot nest window calls; the rewrite reads the
 * lagged value as the row k places back, so the event counts rows up to k rows before the current
 * one. Expected values are counted by hand from the rows below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    CREATE TABLE readings (site INT, seq INT, v INT);
    INSERT INTO readings VALUES
      (1, 1, 5), (1, 2, 5), (1, 3, NULL), (1, 4, 0), (1, 5, 7), (1, 6, NULL), (1, 7, 7),
      (2, 1, 0), (2, 2, 3);
  `);
});

afterAll(async () => {
  await engine.close();
});

const column = async (sql: string): Promise<(string | null)[]> =>
  (await rows(session, sql)).map((row) => row[0] ?? null);

describe("a LAG nested in a conditional event's argument", () => {
  it("counts the rows whose previous value met the condition", async () => {
    expect(
      await column(`SELECT CONDITIONAL_TRUE_EVENT(LAG(v) OVER (PARTITION BY site ORDER BY seq) > 4)
          OVER (PARTITION BY site ORDER BY seq) FROM readings ORDER BY site, seq`),
    ).toEqual(["0", "1", "2", "2", "2", "3", "3", "0", "0"]);
  });

  it("takes LAG's offset", async () => {
    expect(
      await column(`SELECT CONDITIONAL_TRUE_EVENT(LAG(v, 2) OVER (PARTITION BY site ORDER BY seq) > 4)
          OVER (PARTITION BY site ORDER BY seq) FROM readings ORDER BY site, seq`),
    ).toEqual(["0", "0", "1", "2", "2", "2", "3", "0", "0"]);
  });

  it("counts the changes of the previous value", async () => {
    expect(
      await column(`SELECT CONDITIONAL_CHANGE_EVENT(LAG(v) OVER (PARTITION BY site ORDER BY seq))
          OVER (PARTITION BY site ORDER BY seq) FROM readings ORDER BY site, seq`),
    ).toEqual(["0", "0", "0", "0", "1", "2", "2", "0", "0"]);
  });
});
