/**
 * `mercurios apply [--yes] [--allow-destructive]`: runs the plan with the query tag
 * `mercurios/apply/<env>`. Without --yes it asks on a terminal and refuses otherwise. Destructive
 * steps need --allow-destructive. Stops at the first failure and says what was done (exit 1).
 */
import { createInterface } from "node:readline/promises";
import type { ApplyReport } from "../../api/apply.js";
import { PlanError } from "../../errors/index.js";
import type { PlanReport } from "../../report/index.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";

async function askToConfirm(ctx: CliContext, plan: PlanReport): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new PlanError(
      "CONFIRMATION_REQUIRED",
      `apply would run ${plan.steps.length} steps and needs confirmation.`,
      {
        hint: "Run `mercurios plan` to review, then `mercurios apply --yes` (non-interactive runs must pass --yes).",
      },
    );
  }
  const { planToText } = await import("../../report/index.js");
  ctx.output.line(planToText(plan).trimEnd());
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Apply ${plan.steps.length} steps to ${plan.environment}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Prints what apply did; exported for `up`. */
export function printApply(ctx: CliContext, report: ApplyReport): void {
  const out = ctx.output;
  if (report.plan.steps.length === 0) {
    out.line(`No changes: ${report.environment} matches the declarations.`);
    return;
  }
  if (!report.confirmed) {
    out.line("Not applied.");
    return;
  }
  for (const step of report.applied) out.line(`${out.colors.green("ok")}   ${step.number}. ${step.object}`);
  if (report.failed) {
    out.line(
      `${out.colors.red("FAIL")} ${report.failed.number}. ${report.failed.object}: ${report.failed.error}`,
    );
    out.line(
      `Applied ${report.applied.length} of ${report.plan.steps.length} steps; ${report.skipped} not run.`,
    );
  } else {
    out.line(`Applied ${report.applied.length} steps to ${report.environment}.`);
  }
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("apply")
      .description("run the plan against the environment (query-tagged; stops at the first failure)")
      .option("-y, --yes", "do not ask for confirmation")
      .option("--allow-destructive", "allow drops, revokes and recreations")
      .action(async (flags: { yes?: boolean; allowDestructive?: boolean }) => {
        const { applyChanges } = await import("../../api/apply.js");
        const environment = await ctx.loadEnvironment();
        const report = await applyChanges({
          environment,
          allowDestructive: flags.allowDestructive === true,
          ...(flags.yes ? {} : { confirm: (plan: PlanReport) => askToConfirm(ctx, plan) }),
        });
        if (ctx.globals.format === "json") ctx.output.json(report);
        else printApply(ctx, report);
        if (report.failed) {
          throw new PlanError(
            "APPLY_FAILED",
            `step ${report.failed.number} failed: ${report.failed.sql.split("\n")[0]}`,
            {
              location: { object: report.failed.object },
              hint: `${report.applied.length} earlier steps were applied and stay applied; fix the cause and run apply again.`,
            },
          );
        }
      });
  },
};
