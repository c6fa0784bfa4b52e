/**
 * `mercurios up [--yes] [--allow-destructive] [--out-of-order]`: create the declared database and
 * schemas, migrate up, then apply the declarations (then sample data where enabled). On a terminal it
 * says what it will do and asks first, as `apply` does (--yes skips the question). Steps are printed
 * as they finish. Exit 0 when everything ran, 1 on the first failure.
 */
import type { ScriptRun } from "../../api/migrate.js";
import type { ProgressEvent } from "../../api/progress.js";
import type { UpPreview } from "../../api/up.js";
import { PlanError } from "../../errors/index.js";
import type { CliContext } from "../context.js";
import { plural } from "../output.js";
import { createProgress, finishedLine } from "../progress.js";
import { confirmOnce } from "../prompt.js";
import { printAppliedStep, printApply } from "./apply.js";
import type { CliCommand } from "./index.js";
import { scriptLine } from "./migrate.js";

async function askToConfirm(ctx: CliContext, preview: UpPreview): Promise<boolean> {
  const out = ctx.output;
  const parts = [
    preview.containers.steps.length > 0
      ? `create ${preview.containers.steps.map((s) => s.object).join(", ")}`
      : "",
    preview.migrations.length > 0
      ? `run ${plural(preview.migrations.length, "migration")} (${preview.migrations.map((s) => s.script).join(", ")})`
      : "",
    preview.declarations.steps.length > 0
      ? `apply the declarations (${plural(preview.declarations.steps.length, "step")} planned now${preview.declarations.destructiveSteps > 0 ? `, ${preview.declarations.destructiveSteps} destructive` : ""})`
      : "",
  ].filter(Boolean);
  out.line(`up will ${parts.join(", then ")} on ${preview.environment}.`);
  if (preview.migrations.length > 0 && preview.declarations.steps.length > 0)
    out.line("The declarations are planned again after the migrations (`mercurios plan` shows the steps).");
  return confirmOnce(ctx, `Bring ${preview.environment} up to date?`);
}

/** Prints a step of `up` as it finishes: migrations and apply steps in their own format. */
function printUpStep(ctx: CliContext, event: ProgressEvent): boolean {
  if (printAppliedStep(ctx, event)) return true;
  if (event.task === "migrate") {
    if (event.phase === "done") ctx.output.line(scriptLine(ctx, event.detail as ScriptRun));
    return event.phase === "done";
  }
  ctx.output.line(finishedLine(event));
  return true;
}

export const command: CliCommand = {
  register(program, ctx) {
    const up = program
      .command("up")
      .description(
        "bring an environment up to date: create the database and schemas, migrate up, then apply the declarations",
      )
      .option("-y, --yes", "do not ask for confirmation on a terminal")
      .option("--allow-destructive", "allow drops, revokes and recreations in the apply step")
      .option("--out-of-order", "also run pending versions older than the newest applied one");
    up.action(async (flags: { yes?: boolean; allowDestructive?: boolean; outOfOrder?: boolean }) => {
      const { upEnvironment } = await import("../../api/up.js");
      const environment = await ctx.loadEnvironment();
      // Steps print as they finish in text output; the summary follows them.
      const streamed = ctx.globals.format === "text";
      const progress = createProgress(ctx, { onFinished: (event) => printUpStep(ctx, event) });
      let result: Awaited<ReturnType<typeof upEnvironment>>;
      try {
        result = await upEnvironment({
          environment,
          allowDestructive: flags.allowDestructive === true,
          outOfOrder: flags.outOfOrder === true,
          onProgress: progress.listener,
          ...(ctx.interactive && !flags.yes
            ? { confirm: (preview: UpPreview) => askToConfirm(ctx, preview) }
            : {}),
        });
      } finally {
        progress.finish();
      }
      if (ctx.globals.format === "json") ctx.output.json(result);
      else if (!result.confirmed) ctx.output.line("Nothing was changed.");
      else {
        for (const warning of result.migrate.warnings) ctx.output.error(`warning: ${warning}`);
        const created = result.containers.applied.length;
        if (created > 0) ctx.output.line(`Databases and schemas: ${plural(created, "created", "created")}.`);
        const scripts = result.migrate.scripts.length;
        ctx.output.line(
          scripts === 0
            ? `Migrations: ${environment.name} is up to date.`
            : `Migrations: ${plural(scripts, "script")} applied.`,
        );
        printApply(ctx, result.apply, streamed);
        if (result.seed)
          ctx.output.line(
            `Sample data: ${result.seed.ran ? result.seed.outcome.summary : `skipped (${result.seed.reason})`}.`,
          );
      }
      if (result.apply.failed) {
        throw new PlanError(
          "APPLY_FAILED",
          `apply step ${result.apply.failed.number} failed: ${result.apply.failed.error}`,
          {
            location: { object: result.apply.failed.object },
            hint: "Migrations ran; fix the cause and run `mercurios up` again.",
          },
        );
      }
    });
  },
};
