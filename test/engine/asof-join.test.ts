import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("ASOF JOIN", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("ASOF_DB"));
    await session.executeScript(`
      create table readings (sensor varchar, at_s int, value int);
      insert into readings values ('a', 10, 1), ('a', 20, 2), ('b', 15, 3), ('b', 5, 4);
      create table calibrations (sensor varchar, at_s int, offset_by int);
      insert into calibrations values ('a', 9, 100), ('a', 19, 200), ('b', 16, 300), ('c', 1, 400);
    `);
  });
  afterAll(() => engine.close());

  it("matches the closest earlier row per ON group and null-pads left rows without one", async () => {
    const r = show(
      await session.execute(`select r.sensor, r.at_s, c.offset_by
        from readings r asof join calibrations c
          match_condition (r.at_s >= c.at_s)
          on r.sensor = c.sensor
        order by r.sensor, r.at_s`),
    );
    expect(r.rows).toEqual([
      ["a", "10", "100"],
      ["a", "20", "200"],
      ["b", "5", null],
      ["b", "15", null],
    ]);
  });

  it("supports USING, strict comparisons and no ON at all", async () => {
    const using = show(
      await session.execute(`select r.sensor, r.at_s, c.at_s
        from readings r asof join calibrations c match_condition (r.at_s < c.at_s) using (sensor)
        order by r.sensor, r.at_s`),
    );
    expect(using.rows).toEqual([
      ["a", "10", "19"],
      ["a", "20", null],
      ["b", "5", "16"],
      ["b", "15", "16"],
    ]);
    const any = show(
      await session.execute(`select r.at_s, c.sensor from readings r asof join calibrations c
        match_condition (r.at_s > c.at_s) order by r.at_s`),
    );
    expect(any.rows).toEqual([
      ["5", "c"],
      ["10", "a"],
      ["15", "a"],
      ["20", "a"],
    ]);
  });

  it("refuses what Snowflake refuses, with its codes", async () => {
    const failure = (sql: string) =>
      session.execute(sql).then(
        () => null,
        (e: { code?: string }) => e.code,
      );
    expect(
      await failure("select * from readings r asof join calibrations c match_condition (r.at_s = c.at_s)"),
    ).toBe("010001");
    expect(
      await failure("select * from readings r asof join calibrations c match_condition (c.at_s <= r.at_s)"),
    ).toBe("010002");
    expect(
      await failure(
        "select * from readings r asof join calibrations c match_condition (r.at_s >= c.at_s) on r.sensor = c.sensor or r.value = c.offset_by",
      ),
    ).toBe("010010");
    expect(await failure("with match_condition as (select 1 as x) select * from match_condition")).toBe(
      "001003",
    );
  });
});
