/**
 * `mercurios drift [--format text|json|markdown|junit] [--out FILE] [--include tables]`: compares
 * declarations with the live account. Exit 0 in sync, 2 drift, 1 error.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { MercuriosError } from "../../errors/index.js";
import { withHelp } from "../help.js";
import { createProgress } from "../progress.js";
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    const drift = program
      .command("drift")
      .description("compare declared objects with the live account (exit 0 in sync, 2 drift)")
      .option("--out <file>", "write the report to a file instead of stdout")
      .option("--include <what>", "also compare 'tables' (migrations replayed on a fresh local engine)");
    withHelp(drift, "drift", [
      "mercurios drift                                  # exit 0 in sync, 2 drift",
      "mercurios drift --env prod --format junit --out drift.xml",
      "mercurios drift --env prod --format markdown --out drift.md",
      "mercurios drift --include tables                 # also tables and columns against the migrations",
    ]).action(async (flags: { out?: string; include?: string }) => {
      if (flags.include !== undefined && flags.include.toLowerCase() !== "tables") {
        throw new MercuriosError("BAD_OPTION", `--include '${flags.include}' is not supported.`, {
          hint: "The only value is --include tables.",
        });
      }
      const { checkDrift } = await import("../../api/drift.js");
      const { renderDrift } = await import("../../report/index.js");
      const environment = await ctx.loadEnvironment();
      // Reading a Snowflake account takes round trips; the local engine answers at once.
      const progress = environment.kind === "snowflake" ? createProgress(ctx) : undefined;
      let report: Awaited<ReturnType<typeof checkDrift>>["report"];
      try {
        ({ report } = await checkDrift({
          environment,
          includeTables: flags.include !== undefined,
          ...(progress ? { onProgress: progress.listener } : {}),
        }));
      } finally {
        progress?.finish();
      }
      const text = renderDrift(report, ctx.globals.format);
      if (flags.out) {
        const file = path.resolve(ctx.cwd, flags.out);
        await writeFile(file, ctx.output.mask(text));
        ctx.output.error(`${report.inSync ? "in sync" : "drift found"}: report written to ${flags.out}`);
      } else if (ctx.globals.format === "json") {
        ctx.output.json(report);
      } else {
        ctx.output.line(text.trimEnd());
      }
      if (!report.inSync) ctx.exitCode = 2;
    });
  },
};
