/**
 * Arithmetic with a VARCHAR operand: Snowflake coerces the text to a number (data-type-conversion:
 * VARCHAR is coercible to NUMBER and FLOAT), so `'5' - 2` is 3 and a text column can be added to a
 * number; text that is not a number fails with 100038. The coerced text is a NUMBER of scale 5, as
 * the stored procedures page's `a - b` (BIGINT minus the JavaScript text of a double) shows:
 * -235.00000. Against a FLOAT, the text is a FLOAT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession("VARCHAR_ARITHMETIC"));
  await session.execute("create table t (s varchar, n int, f float)");
  await session.execute("insert into t values ('5', 2, 0.5), ('-4730168494964875000', 3, 1.5)");
});
afterAll(async () => {
  await engine.close();
});

describe("arithmetic with a VARCHAR operand", () => {
  it("a text column on either side of + - * is a NUMBER of scale 5", async () => {
    expect(await rows(session, "select s - n, n + s, s * n from t where n = 2")).toEqual([
      ["3.00000", "7.00000", "10.00000"],
    ]);
  });

  it("keeps a long integer's digits (no detour through a double)", async () => {
    expect(await rows(session, "select -4730168494964875235 - s from t where n = 3")).toEqual([
      ["-235.00000"],
    ]);
  });

  it("a text literal is coerced the same way, and division follows the NUMBER rules", async () => {
    expect(await rows(session, "select '5' - 2, cast('7' / 2 as number(10, 2))")).toEqual([
      ["3.00000", "3.50"],
    ]);
  });

  it("against a FLOAT the text is a FLOAT", async () => {
    const result = show(await session.execute("select f + s from t where n = 2"));
    expect(result.rows).toEqual([["5.5"]]);
    expect(result.types).toEqual(["FLOAT"]);
  });

  it("a UDF's VARCHAR result is coerced by its declared type, as the stored procedures page's num_test", async () => {
    await session.execute("create function five() returns varchar as $$'5'$$");
    await session.execute(
      "create function num_text(a double) returns string language javascript as 'return A;'",
    );
    expect(await rows(session, "select five() * 2, num_text(7) - 1")).toEqual([["10.00000", "6.00000"]]);
  });

  it("text that is not a number fails with 100038", async () => {
    const error = await session.execute("select 'abc' - n from t").then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe("100038");
    expect(error?.message).toContain("Numeric value 'abc' is not recognized");
  });
});
