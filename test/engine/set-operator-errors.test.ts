import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * ORDER BY after a set operation may only name the result's columns (docs: operators-query, the
 * UNION ALL BY NAME example with quoted literals): any other name is Snowflake's 000904 invalid
 * identifier, not DuckDB's binder text.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript(
    "CREATE DATABASE SETOPS; USE SCHEMA SETOPS.PUBLIC; CREATE TABLE l (x INT, y INT); CREATE TABLE r (x INT, y INT);",
  );
});

afterAll(async () => {
  await engine.close();
});

describe("ORDER BY a column the set operation's result lacks", () => {
  it("is 000904 invalid identifier naming the column", async () => {
    const error = await session
      .execute("SELECT 'p' FROM l UNION ALL BY NAME SELECT 'q' FROM r ORDER BY y")
      .then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
    expect(error?.code).toBe("000904");
    expect(error?.message).toMatch(/invalid identifier 'Y'/);
  });
});
