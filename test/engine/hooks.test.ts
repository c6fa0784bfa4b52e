/**
 * The catalog seam fails closed: an engine cannot be opened with a security hook missing, so a
 * catalog that forgot `authorise` or the row access rewrite never allows by default.
 */
import { describe, expect, it } from "vitest";
import { allowAllCatalog } from "../../src/engine/allow-all.js";
import type { CatalogHooks } from "../../src/engine/hooks.js";
import { openEngine } from "../../src/engine/index.js";

const SECURITY_HOOKS = [
  "tryExecute",
  "authorise",
  "onObjectCreated",
  "onObjectDropped",
  "onObjectReplaced",
  "onObjectRenamed",
  "rowAccessFilter",
  "rewriteQuery",
  "startSession",
  "recordQuery",
];

describe("catalog hooks", () => {
  it.each(SECURITY_HOOKS)("an engine whose catalog lacks %s does not open", async (hook) => {
    const partial: Record<string, unknown> = { ...allowAllCatalog };
    delete partial[hook];
    await expect(
      openEngine({ path: ":memory:", catalog: partial as unknown as CatalogHooks }),
    ).rejects.toThrow(new RegExp(`lacks ${hook}: every security hook is required`));
  });

  it("the explicit allow-all catalog opens and runs statements", async () => {
    const engine = await openEngine({ path: ":memory:", catalog: allowAllCatalog });
    try {
      const session = await engine.openSession();
      await session.execute("create database d");
      const result = await session.execute("select 6 * 7 as n");
      expect(result.rows).toEqual([["42"]]);
      await session.execute("use role analyst");
      expect(session.state().role).toBe("ANALYST");
    } finally {
      await engine.close();
    }
  });
});
