/**
 * `mercurios plan`: the ordered DDL that brings the environment to its declarations, destructive
 * steps marked. Exit 0 when there is nothing to do, 2 when there are changes.
 */
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    const plan = program
      .command("plan")
      .description(
        "print the ordered DDL that brings the environment to its declarations (exit 2 if changes)",
      );
    plan.action(async () => {
      const { planChanges } = await import("../../api/plan.js");
      const { planToJUnit, planToMarkdown, planToText } = await import("../../report/index.js");
      const environment = await ctx.loadEnvironment();
      const { report } = await planChanges({ environment });
      const out = ctx.output;
      const format = ctx.globals.format;
      if (format === "json") out.json(report);
      else if (format === "markdown") out.line(planToMarkdown(report).trimEnd());
      else if (format === "junit") out.line(planToJUnit(report).trimEnd());
      else out.line(planToText(report).trimEnd());
      if (report.steps.length > 0) ctx.exitCode = 2;
    });
  },
};
