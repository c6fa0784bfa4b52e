/**
 * A window function inside a LATERAL subquery that reads the outer row is refused, as Snowflake
 * refuses it (functions-window-syntax page), with a message that names the correlation and the way out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript("create table t (id int, v int); insert into t values (1, 5), (2, 7);");
});

afterAll(async () => {
  await engine.close();
});

describe("window functions in a correlated LATERAL subquery", () => {
  it("is refused with a compilation error naming the correlation", async () => {
    const error = await failure(
      session,
      "SELECT x.* FROM t, LATERAL (SELECT t.v AS w, ROW_NUMBER() OVER (ORDER BY t.v) AS rn) x",
    );
    expect(error.code).toBe("002043");
    expect(error.message).toMatch(/^SQL compilation error:\n.*contains a correlation/);
  });

  it("runs once the window function moves out of the subquery", async () => {
    expect(
      await rows(
        session,
        "SELECT x.w, ROW_NUMBER() OVER (ORDER BY x.w DESC) AS rn FROM t, LATERAL (SELECT t.v AS w) x ORDER BY rn",
      ),
    ).toEqual([
      ["7", "1"],
      ["5", "2"],
    ]);
  });
});
