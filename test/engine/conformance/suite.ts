/**
 * One category's conformance suite: every case of `cases/<category>/` through the engine's public
 * API (one shared engine per suite, see runner.ts), then the inventory check: each `covered`
 * function of the category has at least one passing case in the category's directory.
 *
 * A case marked `expectedFailure` must still fail (with any reason): when it starts passing, the
 * test fails so the marker is removed and the fix is counted
 * (`npx jiti test/engine/conformance/report.ts --record`).
 */
import { afterAll, describe, expect, it } from "vitest";
import { inventoryOf } from "../../../src/engine/functions/inventory/index.js";
import { engineAccess } from "./access.js";
import { type ConformanceCase, loadCaseFiles } from "./cases.js";
import { entryKey, exercisedEntries, isInventoryCategory } from "./coverage.js";
import { type CaseOutcome, CaseRunner } from "./runner.js";

/** Defines the vitest suite of one case category (call it from `suites/<category>.test.ts`). */
export function conformanceSuite(category: string): void {
  const files = loadCaseFiles(category);
  const runner = new CaseRunner(engineAccess);
  const outcomes = new Map<ConformanceCase, CaseOutcome>();
  const outcomeOf = async (c: ConformanceCase): Promise<CaseOutcome> => {
    let outcome = outcomes.get(c);
    if (outcome === undefined) {
      outcome = await runner.run(c);
      outcomes.set(c, outcome);
    }
    return outcome;
  };
  afterAll(() => runner.close());

  describe(`conformance: ${category}`, () => {
    for (const file of files) {
      for (const c of file.cases) {
        it(`${file.page}: ${c.id}`, async () => {
          const outcome = await outcomeOf(c);
          if (c.expectedFailure) {
            expect(outcome.passed, `${c.id} now passes: remove its expectedFailure (${c.source})`).toBe(
              false,
            );
          } else {
            expect(outcome.reason ?? "passed", `${c.id} (${c.source})`).toBe("passed");
          }
        }, 180_000);
      }
    }

    if (isInventoryCategory(category)) {
      it("every covered function has a passing case here", async () => {
        const cases = files.flatMap((f) => f.cases);
        const missing: string[] = [];
        for (const entry of inventoryOf(category).filter((e) => e.status === "covered")) {
          const exercising = cases.filter((c) =>
            exercisedEntries(c).some((e) => entryKey(e) === entryKey(entry)),
          );
          let passing = false;
          for (const c of exercising) if ((await outcomeOf(c)).passed) passing = true;
          if (!passing) missing.push(entry.name);
        }
        expect(missing, "covered in the inventory but without a passing case").toEqual([]);
      }, 600_000);
    }
  });
}
