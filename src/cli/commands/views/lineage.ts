/**
 * `mercurios views lineage [name] [--env E] [--format text|mermaid|dot|json]`: what a view reads
 * (tables, views, and each column's sources where the SQL parser can tell) and what reads it; the
 * whole project's graph without a name. Derived from the SQL alone: no database is opened.
 */
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views, ctx) {
    views
      .command("lineage")
      .argument("[name]", "a declared view (VIEW, SCHEMA.VIEW or DB.SCHEMA.VIEW); none: the whole project")
      .description(
        "what a view reads (tables, views, columns) and what reads it, from the SQL (--format text|mermaid|dot|json)",
      )
      .action(async (name: string | undefined) => {
        // The root --format; formats lineage has no rendering for (markdown, junit, …) print text.
        const format = views.parent?.opts<{ format?: string }>().format ?? "text";
        const environment = await ctx.loadEnvironment();
        const { viewLineage } = await import("../../../api/views/lineage.js");
        const report = await viewLineage({ environment, ...(name ? { name } : {}) });
        const render = await import("../../../report/lineage.js");
        if (format === "json") ctx.output.json(render.lineageJson(report));
        else if (format === "mermaid") ctx.output.line(render.renderLineageMermaid(report));
        else if (format === "dot") ctx.output.line(render.renderLineageDot(report));
        else ctx.output.line(render.renderLineageText(report));
      });
  },
};
