/**
 * STRTOK_SPLIT_TO_TABLE: any character of the delimiter list splits (regular-expression characters
 * are plain characters there), empty tokens are dropped, a space is the default delimiter, and an
 * empty or NULL string gives no rows (unlike SPLIT_TO_TABLE).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

const tokens = (call: string): Promise<(string | null)[][]> =>
  rows(session, `SELECT "INDEX", "VALUE" FROM TABLE(${call}) ORDER BY "INDEX"`);

describe("STRTOK_SPLIT_TO_TABLE", () => {
  it("splits on a space by default and drops empty tokens", async () => {
    expect(await tokens("STRTOK_SPLIT_TO_TABLE('  a  b|c ')")).toEqual([
      ["1", "a"],
      ["2", "b|c"],
    ]);
  });

  it("splits on each character of the list, regular-expression characters included", async () => {
    expect(await tokens("STRTOK_SPLIT_TO_TABLE('a]b^c-d\\\\e.f', ']^-\\\\.')")).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["3", "c"],
      ["4", "d"],
      ["5", "e"],
      ["6", "f"],
    ]);
  });

  it("gives no rows for an empty string, NULL, or delimiters only", async () => {
    expect(await tokens("STRTOK_SPLIT_TO_TABLE('', ' ')")).toEqual([]);
    expect(await tokens("STRTOK_SPLIT_TO_TABLE(NULL, ' ')")).toEqual([]);
    expect(await tokens("STRTOK_SPLIT_TO_TABLE('|||', '|')")).toEqual([]);
  });
});
