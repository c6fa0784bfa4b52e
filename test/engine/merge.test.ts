import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

describe("MERGE translated clause by clause", () => {
  let engine: Engine | undefined;
  let session: EngineSession;
  beforeEach(async () => {
    await engine?.close();
    ({ engine, session } = await freshSession());
    await session.executeScript(`
      CREATE TABLE tgt (id INT, d DATE, note VARCHAR, n INT);
      CREATE TABLE src (id INT, n INT, d DATE, note VARCHAR);
      INSERT INTO tgt VALUES (1, '2024-01-01', 'old', 0), (2, '2024-01-01', 'old', 0);
      INSERT INTO src VALUES (1, 5, '2024-01-31', NULL), (3, 7, '2024-02-10', 'new');`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it("translates Snowflake functions in ON, WHEN, SET and VALUES and in a USING subquery", async () => {
    await session.execute(`
      MERGE INTO tgt t
        USING (SELECT id, n, d, NVL2(note, note, 'none') AS note FROM src WHERE DATEDIFF(day, '2024-01-01'::DATE, d) > 20) s
        ON t.id = s.id
        WHEN MATCHED AND IFF(s.n > 1, TRUE, FALSE) THEN UPDATE SET t.n = DATEDIFF(day, t.d, s.d), note = s.note
        WHEN NOT MATCHED THEN INSERT (id, d, note, n) VALUES (s.id, s.d, NVL2(s.note, 'had note', 'no note'), s.n)`);
    expect(await rows(session, "SELECT id, note, n FROM tgt ORDER BY id")).toEqual([
      ["1", "none", "30"],
      ["2", "old", "0"],
      ["3", "had note", "7"],
    ]);
  });

  it("updates and inserts ALL BY NAME whatever the column order", async () => {
    const result = await session.execute(
      "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE ALL BY NAME WHEN NOT MATCHED THEN INSERT ALL BY NAME",
    );
    expect(result.rows).toEqual([["1", "1"]]);
    expect(await rows(session, "SELECT id, d, note, n FROM tgt ORDER BY id")).toEqual([
      ["1", "2024-01-31", null, "5"],
      ["2", "2024-01-01", "old", "0"],
      ["3", "2024-02-10", "new", "7"],
    ]);
  });

  it("refuses to update a target row from two source rows (100090) unless the session allows it", async () => {
    await session.execute("INSERT INTO src VALUES (1, 6, '2024-03-01', 'dup')");
    const merge = "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET n = src.n";
    await expect(session.execute(merge)).rejects.toMatchObject({ code: "100090" });
    expect(await rows(session, "SELECT n FROM tgt WHERE id = 1")).toEqual([["0"]]);
    // Two deletes of the same row, or extra joined rows no clause acts on, are deterministic.
    await session.execute(
      "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED AND src.n = 5 THEN UPDATE SET n = src.n",
    );
    expect(await rows(session, "SELECT n FROM tgt WHERE id = 1")).toEqual([["5"]]);
    await session.execute("MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN DELETE");
    expect(await rows(session, "SELECT id FROM tgt")).toEqual([["2"]]);
    await session.execute("INSERT INTO tgt VALUES (1, '2024-01-01', 'back', 0)");
    await session.execute("ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_MERGE = FALSE");
    await session.execute(merge);
    expect(["5", "6"]).toContain((await rows(session, "SELECT n FROM tgt WHERE id = 1"))[0]![0]);
  });
});
