/**
 * `mercurios apply [--yes] [--allow-destructive]`: runs the plan with the query tag
 * `mercurios/apply/<env>`. Without --yes it asks on a terminal and refuses otherwise. Destructive
 * steps need --allow-destructive. Stops at the first failure and says what was done (exit 1).
 */
import type { AppliedStep, ApplyReport } from "../../api/apply.js";
import type { ProgressEvent } from "../../api/progress.js";
import { PlanError } from "../../errors/index.js";
import type { PlanReport } from "../../report/index.js";
import type { CliContext } from "../context.js";
import { plural } from "../output.js";
import { createProgress } from "../progress.js";
import { confirmOnce } from "../prompt.js";
import type { CliCommand } from "./index.js";

async function askToConfirm(ctx: CliContext, plan: PlanReport): Promise<boolean> {
  if (!ctx.interactive) {
    throw new PlanError(
      "CONFIRMATION_REQUIRED",
      `apply would run ${plural(plan.steps.length, "step")} and needs confirmation.`,
      {
        hint: "Run `mercurios plan` to review, then `mercurios apply --yes` (non-interactive runs must pass --yes).",
      },
    );
  }
  const { planToText } = await import("../../report/index.js");
  ctx.output.line(planToText(plan).trimEnd());
  return confirmOnce(ctx, `Apply ${plural(plan.steps.length, "step")} to ${plan.environment}?`);
}

/** One applied step as apply prints it: what was done (create, revoke, …) to which object. */
export function appliedLine(ctx: CliContext, step: AppliedStep): string {
  return `${ctx.output.colors.green("ok")}   ${`${step.number}.`.padEnd(4)} ${step.action.padEnd(8)} ${step.object}`;
}

/** The failed step's line. */
function failedLine(ctx: CliContext, failed: NonNullable<ApplyReport["failed"]>): string {
  return `${ctx.output.colors.red("FAIL")} ${`${failed.number}.`.padEnd(4)} ${failed.action.padEnd(8)} ${failed.object}: ${failed.error}`;
}

/** Prints an apply step as it finishes (progress of tasks `apply` and `databases and schemas`). */
export function printAppliedStep(ctx: CliContext, event: ProgressEvent): boolean {
  if (event.task !== "apply" && event.task !== "databases and schemas") return false;
  if (event.phase === "done") ctx.output.line(appliedLine(ctx, event.detail as AppliedStep));
  else if (event.phase === "failed")
    ctx.output.line(failedLine(ctx, event.detail as NonNullable<ApplyReport["failed"]>));
  return true;
}

/**
 * Prints what apply did; exported for `up`. With `streamed`, the steps were printed as they ran and
 * only the summary is left.
 */
export function printApply(ctx: CliContext, report: ApplyReport, streamed = false): void {
  const out = ctx.output;
  if (report.plan.steps.length === 0) {
    out.line(`No changes: ${report.environment} matches the declarations.`);
    return;
  }
  if (!report.confirmed) {
    out.line("Not applied.");
    return;
  }
  if (!streamed) {
    for (const step of report.applied) out.line(appliedLine(ctx, step));
    if (report.failed) out.line(failedLine(ctx, report.failed));
  }
  if (report.failed) {
    out.line(
      `Applied ${report.applied.length} of ${plural(report.plan.steps.length, "step")}; ${report.skipped} not run.`,
    );
  } else {
    out.line(`Applied ${plural(report.applied.length, "step")} to ${report.environment}.`);
  }
}

export const command: CliCommand = {
  register(program, ctx) {
    const apply = program
      .command("apply")
      .description("run the plan against the environment (query-tagged; stops at the first failure)")
      .option("-y, --yes", "do not ask for confirmation")
      .option("--allow-destructive", "allow drops, revokes and recreations");
    apply.action(async (flags: { yes?: boolean; allowDestructive?: boolean }) => {
      const { applyChanges } = await import("../../api/apply.js");
      const environment = await ctx.loadEnvironment();
      const progress = createProgress(ctx, { onFinished: (event) => printAppliedStep(ctx, event) });
      let report: ApplyReport;
      try {
        report = await applyChanges({
          environment,
          allowDestructive: flags.allowDestructive === true,
          onProgress: progress.listener,
          ...(flags.yes ? {} : { confirm: (plan: PlanReport) => askToConfirm(ctx, plan) }),
        });
      } finally {
        progress.finish();
      }
      if (ctx.globals.format === "json") ctx.output.json(report);
      else printApply(ctx, report, true);
      if (report.failed) {
        throw new PlanError(
          "APPLY_FAILED",
          `step ${report.failed.number} failed: ${report.failed.sql.split("\n")[0]}`,
          {
            location: { object: report.failed.object },
            hint: `${plural(report.applied.length, "earlier step was", "earlier steps were")} applied and stay applied; fix the cause and run apply again.`,
          },
        );
      }
    });
  },
};
