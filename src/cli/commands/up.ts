/**
 * `mercurios up`: migrate up, then apply the declarations (then sample data where enabled).
 * Exit 0 when everything ran, 1 on the first failure.
 */
import { PlanError } from "../../errors/index.js";
import { printApply } from "./apply.js";
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("up")
      .description("bring an environment up to date: migrate up, then apply declarations")
      .option("--allow-destructive", "allow drops, revokes and recreations in the apply step")
      .action(async (flags: { allowDestructive?: boolean }) => {
        const { upEnvironment } = await import("../../api/up.js");
        const environment = await ctx.loadEnvironment();
        const result = await upEnvironment({
          environment,
          allowDestructive: flags.allowDestructive === true,
        });
        if (ctx.globals.format === "json") ctx.output.json(result);
        else {
          const created = result.containers.applied;
          if (created.length > 0)
            ctx.output.line(`databases and schemas: ${created.map((step) => step.object).join(", ")}`);
          ctx.output.line(`migrate: ${result.migrate.scripts.length} scripts applied`);
          printApply(ctx, result.apply);
          if (result.seed)
            ctx.output.line(
              `seed: ${result.seed.ran ? result.seed.outcome.summary : `skipped (${result.seed.reason})`}`,
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
