/**
 * The engine the corpus runs on, cells displayed as `mercurios sql` does.
 *
 * The suite's shared engine is a fresh in-memory engine. A case that needs an engine of its own
 * (account-level statements, see runner.ts) gets a copy of a new engine's file, made once per test
 * process: the copy is byte for byte what opening a new file engine writes (functions, catalog,
 * system account), and opening it skips that install (the file's stamps match), which cost three
 * times as much CPU as the whole open of the copy (0.66 s against 0.20 s per engine, measured in
 * docs/benchmarks.md "Test suite cost"). The show suite opens about 70 such engines.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { displayValue } from "../../../src/engine/format.js";
import { openEngine } from "../../../src/engine/index.js";
import type { Engine } from "../../../src/engine/types.js";
import type { EngineAccess } from "./runner.js";

let scratch: Promise<{ dir: string; template: string }> | undefined;
let copies = 0;

/** A new engine's file, written once per process; removed with its folder when the process exits. */
function prepared(): Promise<{ dir: string; template: string }> {
  scratch ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-conformance-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const template = path.join(dir, "new-account.duckdb");
    await (await openEngine({ path: template })).close();
    return { dir, template };
  })();
  return scratch;
}

/** A fresh engine from a copy of the prepared file; closing it deletes the copy. */
async function openCopy(): Promise<Engine> {
  const { dir, template } = await prepared();
  const file = path.join(dir, `engine-${++copies}.duckdb`);
  await copyFile(template, file);
  const engine = await openEngine({ path: file });
  return {
    path: engine.path,
    openSession: (options) => engine.openSession(options),
    close: async () => {
      try {
        await engine.close();
      } finally {
        await rm(file, { force: true });
        await rm(`${file}.wal`, { force: true });
      }
    },
  };
}

export const engineAccess: EngineAccess = {
  open: () => openEngine({ path: ":memory:" }),
  openFresh: openCopy,
  display: displayValue,
};
