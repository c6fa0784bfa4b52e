/**
 * A fresh engine for a test, cheaper than a new `:memory:` one: a copy of a new engine's file,
 * written once per test process.
 *
 * The copy is byte for byte what opening a new file engine writes (function macros, catalog tables,
 * system account), and opening it skips that install because the file's install stamps match. The
 * install is most of what a new `:memory:` engine costs: 615 against 188 CPU ms per engine
 * (bench/fresh-engine.ts, docs/benchmarks.md "Test suite cost"). Only for engines with the default
 * catalog options: a catalog with its own clock, account or default user bootstraps differently.
 */
import { rmSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Catalog } from "../../src/engine/catalog/index.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/types.js";

let prepared: Promise<{ dir: string; template: string }> | undefined;
let copies = 0;

/**
 * A new engine's file, written once per process, in the run's scratch folder (test/global-setup.ts
 * removes it at the end of the run; a process outside vitest, a benchmark, removes its own at exit).
 */
function template(): Promise<{ dir: string; template: string }> {
  prepared ??= (async () => {
    const parent = process.env.MERCURIOS_TEST_SCRATCH ?? os.tmpdir();
    const dir = await mkdtemp(path.join(parent, "fresh-engine-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "new-account.duckdb");
    await (await openEngine({ path: file })).close();
    return { dir, template: file };
  })();
  return prepared;
}

/** A fresh engine and how to be done with it: `dispose` closes it and deletes its copy. */
export interface FreshEngine {
  engine: Engine;
  dispose(): Promise<void>;
}

/**
 * Opens a fresh engine from a copy of the prepared file, with `catalog` (a `new Catalog()` with
 * default options) when the caller needs to hold it. The engine is the engine itself, not a wrapper,
 * so tests that reach its internals still can; a copy not disposed of goes with the process's folder.
 */
export async function openFreshEngine(catalog?: Catalog): Promise<FreshEngine> {
  const { dir, template: file } = await template();
  const copy = path.join(dir, `engine-${++copies}.duckdb`);
  await copyFile(file, copy);
  const engine = await openEngine(catalog ? { path: copy, catalog } : { path: copy });
  return {
    engine,
    dispose: async () => {
      try {
        await engine.close();
      } finally {
        await rm(copy, { force: true });
        await rm(`${copy}.wal`, { force: true });
      }
    },
  };
}
