/**
 * The engine the corpus runs on, cells displayed as `mercurios sql` does. The cases of a category
 * share a fresh in-memory engine; a case that needs an engine of its own (account-level statements,
 * see runner.ts; most SHOW cases) gets a copy of a new engine's file (../fresh-engine.ts), which
 * skips the install a new in-memory engine pays: the show suite opens about 70 of them.
 */
import { displayValue } from "../../../src/engine/format.js";
import { openEngine } from "../../../src/engine/index.js";
import { openFreshEngine } from "../fresh-engine.js";
import type { EngineAccess } from "./runner.js";

export const engineAccess: EngineAccess = {
  open: () => openEngine({ path: ":memory:" }),
  openFresh: async () => {
    const { engine, dispose } = await openFreshEngine();
    return { path: engine.path, openSession: (options) => engine.openSession(options), close: dispose };
  },
  display: displayValue,
};
