/**
 * `mercurios views test [name…] [--format text|json|junit]`: runs the tests of the named views (all
 * with tests by default) on a fresh in-memory engine. Exit 0 when every case passed, 1 otherwise
 * (a CI gate); an invalid test file is an error (exit 1) listing every problem with file:line.
 */
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views, ctx) {
    views
      .command("test")
      .argument("[names...]", "views to test (VIEW, SCHEMA.VIEW or DB.SCHEMA.VIEW); all by default")
      .description(
        "run the views' tests (views/<SCHEMA>/<VIEW>.test.yaml) on a fresh in-memory engine (exit 0 all passed, 1 otherwise)",
      )
      .action(async (names: string[]) => {
        const { runViewTests } = await import("../../../api/views/test.js");
        const { renderViewTests } = await import("../../../report/view-tests.js");
        const environment = await ctx.loadEnvironment();
        const report = await runViewTests({ environment, ...(names.length > 0 ? { views: names } : {}) });
        const format = ctx.globals.format;
        if (format === "json") ctx.output.json(report);
        else if (format === "junit") ctx.output.line(renderViewTests(report, "junit").trimEnd());
        else ctx.output.line(renderViewTests(report, "text", ctx.output.colors).trimEnd());
        if (report.failed > 0) ctx.exitCode = 1;
      });
  },
};
