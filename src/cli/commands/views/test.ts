/**
 * `mercurios views test [name…] [--format text|json|junit]`: runs the tests of the named views (all
 * with tests by default) on a fresh in-memory engine. Exit 0 when every case passed, 1 otherwise
 * (a CI gate); an invalid test file is an error (exit 1) listing every problem with file:line, and
 * with `--format junit` it is also a JUnit file of errors, so the CI report says what failed.
 */
import type { ViewTestCaseResult } from "../../../api/views/test.js";
import { endSentence, type MercuriosError, ValidationError } from "../../../errors/index.js";
import { createProgress } from "../../progress.js";
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views, ctx) {
    const test = views
      .command("test")
      .argument("[names...]", "views to test (VIEW, SCHEMA.VIEW or DB.SCHEMA.VIEW); all by default")
      .description(
        "run the views' tests (views/<SCHEMA>/<VIEW>.test.yaml) on a fresh in-memory engine (exit 0 all passed, 1 otherwise)",
      );
    test.action(async (names: string[]) => {
      const { runViewTests } = await import("../../../api/views/test.js");
      const report = await import("../../../report/view-tests.js");
      const environment = await ctx.loadEnvironment();
      const format = ctx.globals.format;
      const colors = ctx.output.colors;
      const progress = createProgress(ctx, {
        // The engine is built from the migrations and declarations first: shown live, not a line each.
        quietTasks: ["test engine: migrate", "test engine: apply"],
        onFinished: (event) => {
          if (event.task !== "views test") return event.task.startsWith("test engine");
          for (const line of report.viewTestCaseLines(event.detail as ViewTestCaseResult, colors))
            ctx.output.line(line);
          return true;
        },
      });
      let result: Awaited<ReturnType<typeof runViewTests>>;
      try {
        result = await runViewTests({
          environment,
          ...(names.length > 0 ? { views: names } : {}),
          onProgress: progress.listener,
        });
      } catch (error) {
        progress.finish();
        if (format === "junit" && error instanceof ValidationError && error.code === "VIEW_TESTS_INVALID")
          ctx.output.line(report.invalidViewTestsToJUnit(problemsOf(error)).trimEnd());
        throw error;
      }
      progress.finish();
      if (format === "json") ctx.output.json(result);
      else if (format === "junit") ctx.output.line(report.renderViewTests(result, "junit").trimEnd());
      else if (result.cases.length === 0) ctx.output.line(report.viewTestsToText(result, colors).trimEnd());
      else ctx.output.line(`\n${report.viewTestsSummary(result, colors)}`);
      if (result.failed > 0) ctx.exitCode = 1;
    });
  },
};

function problemsOf(error: ValidationError): { file: string; line?: number; message: string }[] {
  return error.problems.map((problem: MercuriosError) => ({
    file: problem.location?.file ?? "views/",
    ...(problem.location?.line !== undefined ? { line: problem.location.line } : {}),
    message: problem.hint ? `${endSentence(problem.message)} ${problem.hint}` : problem.message,
  }));
}
