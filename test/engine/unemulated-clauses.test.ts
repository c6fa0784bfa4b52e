import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("Time Travel and CHANGES", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("TT_DB"));
    await session.executeScript("create table kept (a int); insert into kept values (1);");
  });
  afterAll(() => engine.close());

  const refusal = (sql: string) =>
    session.execute(sql).then(
      () => null,
      (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
    );

  // Time Travel itself is emulated (time-travel.test.ts), and AT(STREAM => …) with streams
  // (streams.test.ts); these are the forms it does not cover.
  it("refuses Time Travel in a view definition, whose expansion does not read history", async () => {
    const e = await refusal("create view past as select * from kept at(offset => -60)");
    expect(e?.code).toBe("002040");
    expect(e?.message).toContain("AT (OFFSET");
  });

  it("leaves AT and BEFORE used as names or functions alone", async () => {
    const r = show(await session.execute(`select a as "AT", a >= 1 as "BEFORE" from kept`));
    expect(r.columns).toEqual(["AT", "BEFORE"]);
    expect(r.rows).toEqual([["1", "true"]]);
  });
});

describe("MATCH_RECOGNIZE", () => {
  it("returns the matches, never the unmatched input rows, and is refused in a view definition", async () => {
    const { engine, session } = await freshSession("MR_DB");
    try {
      await session.executeScript(
        "create table ticks (k int, v int); insert into ticks values (1, 5), (2, 3), (3, 9);",
      );
      const clause =
        "match_recognize (order by k measures match_number() as m, count(*) as n pattern (d u) define d as v < lag(v), u as v > lag(v))";
      const r = show(await session.execute(`select * from ticks ${clause}`));
      expect(r.columns).toEqual(["M", "N"]);
      expect(r.rows).toEqual([["1", "2"]]);
      const e = await session.execute(`create view matches as select * from ticks ${clause}`).then(
        () => null,
        (err: { code?: string; message?: string }) => err,
      );
      expect(e?.code).toBe("002040");
      expect(e?.message).toContain("MATCH_RECOGNIZE");
    } finally {
      await engine.close();
    }
  });
});
