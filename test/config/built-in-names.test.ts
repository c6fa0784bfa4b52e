/**
 * The config rejects var names that templates provide themselves: one list (src/template/built-ins.ts),
 * which the config reads; a var named like a built-in is refused by both.
 */
import { expect, it } from "vitest";
import { RESERVED_VAR_NAMES, varsSchema } from "../../src/config/schema.js";
import { BUILT_IN_NAMES } from "../../src/template/render.js";

it("reserves exactly the names templates provide", () => {
  expect(RESERVED_VAR_NAMES).toBe(BUILT_IN_NAMES);
  expect([...BUILT_IN_NAMES].sort()).toEqual([
    "database",
    "env",
    "file",
    "kind",
    "schema",
    "schemas",
    "tenants",
    "vars",
  ]);
  expect(varsSchema.safeParse({ tenants: "x" }).success).toBe(false);
  expect(varsSchema.safeParse({ tenant_count: 3 }).success).toBe(true);
});
