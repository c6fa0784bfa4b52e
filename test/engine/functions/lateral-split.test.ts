/**
 * SPLIT_TO_TABLE and STRTOK_SPLIT_TO_TABLE joined laterally (split_to_table and strtok_split_to_table
 * pages): SEQ numbers the input rows of a base table, each row's parts stay with it, and LEFT JOIN
 * LATERAL without ON joins like the comma form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    create table lines (id int, v varchar);
    insert into lines values (10, 'x-y'), (20, 'z'), (30, null), (40, 'p-q-r');
    create view lines_view as select * from lines;
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("lateral splits", () => {
  it("numbers a base table's input rows in SEQ, with or without an alias", async () => {
    const expected = [
      ["10", "1", "1", "x"],
      ["10", "1", "2", "y"],
      ["20", "2", "1", "z"],
      ["40", "4", "1", "p"],
      ["40", "4", "2", "q"],
      ["40", "4", "3", "r"],
    ];
    expect(
      await rows(
        session,
        "SELECT id, seq, index, value FROM lines, LATERAL SPLIT_TO_TABLE(lines.v, '-') ORDER BY seq, index",
      ),
    ).toEqual(expected);
    expect(
      await rows(
        session,
        "SELECT l.id, s.seq, s.index, s.value FROM lines l, TABLE(STRTOK_SPLIT_TO_TABLE(l.v, '-')) s ORDER BY 2, 3",
      ),
    ).toEqual(expected);
  });

  it("keeps each row's parts with it over a view (SEQ is not numbered there)", async () => {
    expect(
      await rows(
        session,
        "SELECT id, value FROM lines_view v, LATERAL SPLIT_TO_TABLE(v.v, '-') ORDER BY id, index",
      ),
    ).toEqual([
      ["10", "x"],
      ["10", "y"],
      ["20", "z"],
      ["40", "p"],
      ["40", "q"],
      ["40", "r"],
    ]);
  });

  it("joins LEFT JOIN LATERAL without ON like the comma form", async () => {
    expect(
      await rows(
        session,
        "SELECT t.id, s.value FROM lines t LEFT JOIN LATERAL STRTOK_SPLIT_TO_TABLE(t.v, '-') s ORDER BY t.id, s.value",
      ),
    ).toEqual([
      ["10", "x"],
      ["10", "y"],
      ["20", "z"],
      ["40", "p"],
      ["40", "q"],
      ["40", "r"],
    ]);
  });
});
