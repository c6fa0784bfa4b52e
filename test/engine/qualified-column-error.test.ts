import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeEach(async () => {
  ({ engine, session } = await freshSession("D"));
  await session.execute("create table d.public.sales (shop varchar, units int)");
  await session.execute("create view d.public.daily as select shop, units from d.public.sales");
});
afterEach(async () => {
  await engine.close();
});

describe("a qualified column the relation lacks", () => {
  it("is Snowflake's invalid identifier naming alias and column (view and table)", async () => {
    for (const relation of ["d.public.daily", "d.public.sales"]) {
      const error = await failure(
        session,
        `select d.shop, sum(d.unitz) from ${relation} as d group by d.shop`,
      );
      expect([error.code, error.message]).toEqual([
        "000904",
        "SQL compilation error:\ninvalid identifier 'D.UNITZ'",
      ]);
    }
  });
});
