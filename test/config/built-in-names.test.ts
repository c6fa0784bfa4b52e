/**
 * The config rejects var names that templates provide themselves. The two lists live in two modules
 * that may not import each other (DESIGN.md: config and template import only errors), so this test
 * keeps them equal.
 */
import { expect, it } from "vitest";
import { RESERVED_VAR_NAMES } from "../../src/config/schema.js";
import { BUILT_IN_NAMES } from "../../src/template/render.js";

it("reserves exactly the names templates provide", () => {
  expect([...RESERVED_VAR_NAMES].sort()).toEqual([...BUILT_IN_NAMES].sort());
});
