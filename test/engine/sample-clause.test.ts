/**
 * SAMPLE / TABLESAMPLE with Snowflake's meaning (sample-clause.ts), through a real engine: methods
 * and their synonyms, fraction and fixed-size samples, seeds, and the forms Snowflake refuses.
 * Fractions are checked by bounds whose chance of failing is below 2^-99, never by exact counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("use database TEST_DB");
  await session.executeScript(`
    create table big (id integer);
    insert into big select seq4() from table(generator(rowcount => 2000));
    create table small (id integer);
    insert into small select seq4() from table(generator(rowcount => 100));
  `);
});
afterAll(() => engine.close());

const count = async (sql: string): Promise<number> => Number((await rows(session, sql))[0]?.[0]);

describe("fraction-based samples", () => {
  it("keep every row at 100, none at 0, some between, with every method spelling", async () => {
    expect(await count("select count(*) from small tablesample (100)")).toBe(100);
    expect(await count("select count(*) from small sample row (0)")).toBe(0);
    for (const method of ["", "bernoulli", "row", "system", "block"]) {
      const n = await count(`select count(*) from small sample ${method} (50)`);
      expect(n, method).toBeGreaterThan(0);
      expect(n, method).toBeLessThan(100);
    }
  });

  it("repeat the same rows for the same seed, with SEED or REPEATABLE", async () => {
    const first = await rows(session, "select id from small sample system (30) seed (82) order by id");
    const again = await rows(session, "select id from small sample block (30) repeatable (82) order by id");
    expect(again).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it("sample each side of a join on its own", async () => {
    const n = await count("select count(*) from big a join small b sample (100) on a.id = b.id");
    expect(n).toBe(100);
  });
});

describe("fixed-size samples", () => {
  it("return n rows, or the whole table when it is smaller", async () => {
    expect(await count("select count(*) from (select * from big sample (10 rows))")).toBe(10);
    expect(await count("select count(*) from (select * from small sample row (500 rows))")).toBe(100);
  });

  it("refuse SYSTEM / BLOCK and a seed", async () => {
    expect((await failure(session, "select * from big sample block (10 rows)")).message).toMatch(
      /fixed number of rows/,
    );
    expect((await failure(session, "select * from big sample row (10 rows) seed (99)")).message).toMatch(
      /fixed-size/,
    );
  });
});

describe("a seed on a subquery", () => {
  it("is refused, and a subquery without a seed is sampled", async () => {
    expect(
      (await failure(session, "select * from (select * from big) sample (1) seed (99)")).message,
    ).toMatch(/subquery/);
    expect(await count("select count(*) from (select * from small) sample (100)")).toBe(100);
  });
});
