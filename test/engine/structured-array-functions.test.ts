/**
 * Array functions over structured ARRAYs keep a structured type (data-types-structured page):
 * ARRAY_CAT of ARRAY(NUMBER NOT NULL) and ARRAY(NUMBER(2, 1)) is ARRAY(NUMBER(38,1)) (the page's
 * example); ARRAY_SLICE keeps the first argument's type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

describe("structured ARRAY functions' types", () => {
  it("types ARRAY_CAT by the elements' common type", async () => {
    expect(
      await rows(
        session,
        `select system$typeof(array_cat([1, 2, 3]::array(number not null), [5.5, null]::array(number(2, 1)))),
                system$typeof(array_cat(['a']::array(varchar), ['b']::array(varchar)))`,
      ),
    ).toEqual([["ARRAY(NUMBER(38,1))[LOB]", "ARRAY(VARCHAR)[LOB]"]]);
  });

  it("keeps the first argument's type through ARRAY_SLICE", async () => {
    expect(
      await rows(
        session,
        `select system$typeof(array_slice([1, 2, 3]::array(number), 0, 2)),
                system$typeof(array_slice([1.5, 2.5]::array(number(3, 1)), 1, 2))`,
      ),
    ).toEqual([["ARRAY(NUMBER(38,0))[LOB]", "ARRAY(NUMBER(3,1))[LOB]"]]);
  });
});
