/**
 * `mercurios views list`: every declared view with its schema, secure flag, row access policy, file
 * and status on the environment's target (in sync, changed, missing), and the live views nobody
 * declares. A listing: exit 0 whatever the status; `mercurios drift` is the gate (exit 2).
 */
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views, ctx) {
    views
      .command("list")
      .description(
        "list the declared views and their status on the target (a listing: exit 0; drift is the gate)",
      )
      .action(async () => {
        const { listViews } = await import("../../../api/views/list.js");
        const { viewsListToText } = await import("../../../report/views-list.js");
        const environment = await ctx.loadEnvironment();
        const report = await listViews({ environment });
        if (ctx.globals.format === "json") ctx.output.json(report);
        else ctx.output.line(viewsListToText(report).trimEnd());
      });
  },
};
