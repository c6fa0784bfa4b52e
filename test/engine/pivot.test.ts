import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { pivotColumnName } from "../../src/engine/pivot.js";
import { freshSession, show } from "./helpers.js";

describe("PIVOT's Snowflake forms", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("PIVOT_DB"));
    await session.executeScript(`
      create table visits (shop varchar, weekday varchar, n int);
      insert into visits values
        ('north', 'Mon', 3), ('north', 'Mon', 4), ('north', 'Tue', 1),
        ('south', 'Tue', 10), ('south', 'Wed', 2);
      create table open_days (weekday varchar, busy boolean);
      insert into open_days values ('Tue', true), ('Wed', true), ('Mon', false);
    `);
  });
  afterAll(() => engine.close());

  it("pivots on every distinct value with ANY, naming columns by the quoted value", async () => {
    const r = show(
      await session.execute(
        "select * from visits pivot (sum(n) for weekday in (any order by weekday desc)) order by shop",
      ),
    );
    expect(r.columns).toEqual(["SHOP", "'Wed'", "'Tue'", "'Mon'"]);
    expect(r.rows).toEqual([
      ["north", null, "1", "7"],
      ["south", "2", "10", null],
    ]);
  });

  it("takes the values from a subquery and fills NULLs with DEFAULT ON NULL", async () => {
    const r = show(
      await session.execute(`select * from visits
        pivot (count(n) as visits for weekday in (select weekday from open_days where busy order by weekday)
               default on null (-1))
        order by shop`),
    );
    expect(r.columns).toEqual(["SHOP", "'Tue_VISITS'", "'Wed_VISITS'"]);
    expect(r.rows).toEqual([
      ["north", "1", "0"],
      ["south", "1", "1"],
    ]);
    const sums = show(
      await session.execute(
        "select * from visits pivot (sum(n) for weekday in ('Mon', 'Wed') default on null (0)) order by shop",
      ),
    );
    expect(sums.rows).toEqual([
      ["north", "7", "0"],
      ["south", "0", "2"],
    ]);
  });

  it("keeps AVG's NUMBER scale inside a pivot and reads values through a CTE", async () => {
    const r = show(
      await session.execute(`with v as (select shop, weekday, n from visits)
        select * from v pivot (avg(n) for weekday in (any)) order by shop`),
    );
    expect(r.columns).toEqual(["SHOP", "'Mon'", "'Tue'", "'Wed'"]);
    expect(r.rows).toEqual([
      ["north", "3.500000", "1.000000", null],
      ["south", null, "10.000000", "2.000000"],
    ]);
  });

  it("names a column by the value's alias, with an aggregate alias appended", () => {
    expect(pivotColumnName("'Mon'", null, null)).toBe("'Mon'");
    expect(pivotColumnName("'Mon'", null, "TOTAL")).toBe("'Mon_TOTAL'");
    expect(pivotColumnName("'Mon'", "MONDAY", null)).toBe("MONDAY");
    expect(pivotColumnName("'Mon'", "MONDAY", "TOTAL")).toBe("MONDAY_TOTAL");
  });
});
