/** `mercurios render <file…>`: prints the SQL of templates for the selected environment, secrets masked. */
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("render")
      .description(
        "print the rendered SQL of migration or view templates for an environment (secrets masked)",
      )
      .argument("<file...>", "template files, e.g. migrations/RAW/V1__raw_tables.sql")
      .action(async (files: string[]) => {
        const { renderFiles } = await import("../../api/render.js");
        const environment = await ctx.loadEnvironment();
        const report = await renderFiles({ environment, files, cwd: ctx.cwd });
        const out = ctx.output;
        if (ctx.globals.format === "json") {
          out.json(report);
          return;
        }
        for (const file of report.files) {
          out.line(
            out.colors.dim(`-- ${file.file} (env ${report.environment}, database ${report.database})`),
          );
          out.line(file.sql.replace(/\n$/, ""));
        }
      });
  },
};
