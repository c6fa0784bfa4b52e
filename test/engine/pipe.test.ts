import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { pointPipeReferences, splitPipe } from "../../src/engine/pipe.js";
import type { Engine, EngineSession } from "../../src/engine/types.js";

/**
 * The flow operator `->>` (docs: operators-flow): statements run in order, `$n` in a FROM or JOIN
 * clause is the result of the statement n places back, `$n` elsewhere stays a column position.
 */
describe("splitting a chain", () => {
  it("splits on ->> outside strings and comments and drops the final semicolon", () => {
    expect(splitPipe("SELECT 1 ->> SELECT '->>' FROM $1 -- ->> no\n;")).toEqual([
      "SELECT 1",
      "SELECT '->>' FROM $1 -- ->> no",
    ]);
    expect(splitPipe("SELECT '->>' AS arrow")).toBeNull();
  });

  it("points $n after FROM and JOIN at the statement n places back", () => {
    expect(pointPipeReferences("SELECT $1 FROM $2 JOIN $1 ON TRUE", ["q1", "q2"])).toBe(
      "SELECT $1 FROM TABLE(RESULT_SCAN('q1')) JOIN TABLE(RESULT_SCAN('q2')) ON TRUE",
    );
  });
});

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  session = await engine.openSession();
  await session.executeScript("CREATE DATABASE PIPES; USE SCHEMA PIPES.PUBLIC;");
});

afterAll(async () => {
  await engine.close();
});

describe("running a chain", () => {
  it("feeds each statement's result to later ones and returns the last", async () => {
    const result = await session.execute(
      `CREATE TABLE p (n INT) ->> INSERT INTO p VALUES (1), (2), (3)
        ->> SELECT n * 10 AS m FROM p ->> SELECT SUM(m) AS total, (SELECT $1 FROM $2) AS inserted FROM $1`,
    );
    expect(result.columns.map((c) => c.name)).toEqual(["TOTAL", "INSERTED"]);
    expect(result.rows.map((r) => r.map(String))).toEqual([["60", "3"]]);
  });

  it("stops at the first error", async () => {
    await expect(
      session.execute("SELECT 1 ->> SELECT * FROM missing_table ->> CREATE TABLE never (a INT)"),
    ).rejects.toThrow(/does not exist/);
    await expect(session.execute("SELECT * FROM never")).rejects.toThrow(/does not exist/);
  });
});
