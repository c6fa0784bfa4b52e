/**
 * The platform's own view tests (views/<SCHEMA>/<VIEW>.test.yaml) inside `npm test`: one vitest
 * case per test case, all run by one shared session (one engine built from the repository's
 * migrations and declarations). A failing case fails with the same side-by-side text as
 * `mercurios views test`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openViewTestSession, type ViewTestReport, type ViewTestSession } from "../../src/api/views/test.js";
import { loadEnvironment } from "../../src/config/index.js";
import { templateContextFor } from "../../src/project/files.js";
import { loadViewTestFiles } from "../../src/project/view-tests/index.js";
import { viewTestsToText } from "../../src/report/view-tests.js";
import { renderTemplate } from "../../src/template/index.js";
import { ROOT } from "../platform/harness.js";

const environment = await loadEnvironment({ cwd: ROOT, env: "local" });
// Read at collection time, so that vitest lists one case per test case.
const { files, problems } = await loadViewTestFiles({
  root: ROOT,
  render: (text, file) => renderTemplate(text, file, templateContextFor(environment, file)).sql,
});

let session: ViewTestSession | undefined;
let report: ViewTestReport;

beforeAll(async () => {
  session = await openViewTestSession(environment);
  report = await session.run();
}, 300_000);

afterAll(async () => {
  await session?.close();
});

it("every view test file of the platform reads without problems", () => {
  expect(problems.map((p) => p.describe())).toEqual([]);
  expect(files.map((f) => f.file)).toContain("views/ANALYTICS/DAILY_SALES_SUMMARY.test.yaml");
});

for (const file of files) {
  describe(file.file, () => {
    for (const testCase of file.cases) {
      it(testCase.name, () => {
        const result = report.cases.find((c) => c.file === file.file && c.name === testCase.name);
        expect(result, "the case ran").toBeDefined();
        if (result && result.status !== "passed") {
          const text = viewTestsToText({ cases: [result], passed: 0, failed: 1, files: [file.file] });
          expect.fail(`\n${text}`);
        }
      });
    }
  });
}
