/**
 * A file engine writes the Snowflake function macros once (src/engine/install-stamp.ts): a later open
 * with the same definitions only sets up what does not persist, and the functions still work; changed
 * definitions are written again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine.js";
import { functionHooks } from "../../src/engine/functions/index.js";
import type { FunctionHooks } from "../../src/engine/hooks.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real function hooks, recording how install was asked to run and with which stamp. */
function recording(stamp: string) {
  const calls: (boolean | undefined)[] = [];
  const hooks: FunctionHooks = {
    ...functionHooks,
    stamp: () => stamp,
    install: async (connection, options) => {
      calls.push(options?.definitionsStored);
      await functionHooks.install(connection, options);
    },
  };
  return { hooks, calls };
}

async function runs(file: string, hooks: FunctionHooks) {
  const engine = await createEngine({ path: file, functions: hooks });
  try {
    const session = await engine.openSession();
    // Macros of several families: numeric (DIV0), conditional (IFF), date/time.
    const result = await session.execute(
      "select div0(1, 0) as d, iff(true, 'a', 'b') as t, dateadd(day, 1, '2024-02-28'::date) as n",
    );
    return result.rows;
  } finally {
    await engine.close();
  }
}

describe("function macros in a file engine", () => {
  it("are written at the first open, kept at the next, written again when they change", async () => {
    const file = path.join(dir, "engine.duckdb");
    const first = recording("stamp-1");
    const expected = await runs(file, first.hooks);
    expect(first.calls).toEqual([undefined]);

    const second = recording("stamp-1");
    expect(await runs(file, second.hooks)).toEqual(expected);
    expect(second.calls).toEqual([true]);

    const changed = recording("stamp-2");
    expect(await runs(file, changed.hooks)).toEqual(expected);
    expect(changed.calls).toEqual([undefined]);
  }, 180_000);

  it("are always written into an in-memory engine", async () => {
    const memory = recording("stamp-1");
    await runs(":memory:", memory.hooks);
    await runs(":memory:", memory.hooks);
    expect(memory.calls).toEqual([undefined, undefined]);
  }, 120_000);
});
