import { describe, expect, it } from "vitest";
import { displayValue } from "../../../src/engine/format.js";
import { openEngine } from "../../../src/engine/index.js";
import { loadCaseFiles } from "./cases.js";
import { runCase } from "./runner.js";

/**
 * Snowflake documentation examples through the engine's public API. A case marked
 * `expectedFailure` must still fail (with any reason): when it starts passing, this test fails so the
 * marker is removed and the fix is counted (`npx jiti test/engine/conformance/report.ts --record`).
 */
const access = { open: () => openEngine({ path: ":memory:" }), display: displayValue };

for (const file of loadCaseFiles()) {
  describe(`conformance: ${file.area}`, () => {
    for (const c of file.cases) {
      it(c.id, async () => {
        const outcome = await runCase(c, access);
        if (c.expectedFailure) {
          expect(outcome.passed, `${c.id} now passes: remove its expectedFailure (${c.source})`).toBe(false);
        } else {
          expect(outcome.reason ?? "passed", `${c.id} (${c.source})`).toBe("passed");
        }
      }, 30_000);
    }
  });
}
