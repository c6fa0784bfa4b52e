/** `mercurios render <file…>`: prints the SQL of templates for the selected environment, secrets masked. */
import type { RenderReport } from "../../api/render.js";
import { MercuriosError } from "../../errors/index.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";

/** Renders with mercurios.config.ts, or (none, but a schemachange-config.yml here) as schemachange would. */
async function render(ctx: CliContext, files: string[]): Promise<RenderReport> {
  try {
    const environment = await ctx.loadEnvironment();
    const { renderFiles } = await import("../../api/render.js");
    return await renderFiles({ environment, files, cwd: ctx.cwd });
  } catch (error) {
    if (!(error instanceof MercuriosError) || error.code !== "CONFIG_NOT_FOUND" || ctx.globals.config)
      throw error;
    const { findSchemachangeProject, renderSchemachangeFiles } = await import("../../api/schemachange.js");
    const { parseVarAssignments } = await import("../../config/index.js");
    const found = findSchemachangeProject(ctx.cwd, { vars: parseVarAssignments(ctx.globals.var) });
    if (!found) throw error;
    ctx.secrets.push(...found.config.secrets);
    return renderSchemachangeFiles(found.config, { root: ctx.cwd, files, cwd: ctx.cwd });
  }
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("render")
      .description(
        "print the rendered SQL of migration or view templates for an environment (secrets masked)",
      )
      .argument("<file...>", "template files, e.g. migrations/RAW/V1__raw_tables.sql")
      .action(async (files: string[]) => {
        const report = await render(ctx, files);
        const out = ctx.output;
        if (ctx.globals.format === "json") {
          out.json(report);
          return;
        }
        for (const file of report.files) {
          out.line(
            out.colors.dim(
              `-- ${file.file} (${report.database ? `env ${report.environment}, database ${report.database}` : "schemachange-config.yml"})`,
            ),
          );
          out.line(file.sql.replace(/\n$/, ""));
        }
      });
  },
};
