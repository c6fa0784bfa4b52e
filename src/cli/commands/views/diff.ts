/**
 * `mercurios views diff <name>`: the declared view for the environment against the live one: same
 * or changed definition (as drift compares it) with a text diff, other attributes, and columns
 * added, removed (breaking) or retyped (breaking). Exit 0 same, 2 different or missing, 1 error.
 */
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views, ctx) {
    views
      .command("diff")
      .argument("<name>", "the view: NAME, SCHEMA.NAME or DATABASE.SCHEMA.NAME")
      .description(
        "compare a declared view with the live one: definition, attributes, columns (exit 0 same, 2 different)",
      )
      .action(async (name: string) => {
        const { diffView } = await import("../../../api/views/diff.js");
        const { viewDiffToText } = await import("../../../report/view-diff.js");
        const environment = await ctx.loadEnvironment();
        const report = await diffView({ environment, name });
        if (ctx.globals.format === "json") ctx.output.json(report);
        else ctx.output.line(viewDiffToText(report).trimEnd());
        if (report.status !== "in sync") ctx.exitCode = 2;
      });
  },
};
