/** The engine the corpus runs on: a fresh in-memory engine, cells displayed as `mercurios sql` does. */
import { displayValue } from "../../../src/engine/format.js";
import { openEngine } from "../../../src/engine/index.js";
import type { EngineAccess } from "./runner.js";

export const engineAccess: EngineAccess = {
  open: () => openEngine({ path: ":memory:" }),
  display: displayValue,
};
