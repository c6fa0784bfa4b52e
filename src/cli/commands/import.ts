/**
 * `mercurios import [--kinds …] [--out DIR] [--force]`: reads the live account and writes it as
 * declarations (monitors/, roles/, views/, the config's database and schemas). Prints what it wrote
 * and what it left out. Exit 0, 1 on error (an --out that is not empty, without --force).
 */
import { MercuriosError } from "../../errors/index.js";
import type { CliCommand } from "./index.js";

/** What each kind covers; the examples and formats come after it, from src/cli/help.ts. */
const KINDS = `
Kinds: database (and schemas), warehouses, monitors, roles (grants, future grants), users,
policies (row access), tasks, views. Passwords are never written.`;

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("import")
      .description("read the live account and write it as declarations (monitors/, roles/, views/, config)")
      .option(
        "--out <dir>",
        "folder to write the project to (default: this project; must be empty unless --force)",
      )
      .option("--kinds <list>", "comma-separated kinds to write (default: all)")
      .option("--force", "overwrite existing files")
      .addHelpText("after", KINDS)
      .action(async (flags: { out?: string; kinds?: string; force?: boolean }) => {
        const { importAccount, parseImportKinds, IMPORT_KINDS } = await import("../../api/import.js");
        const requested = flags.kinds === undefined ? undefined : parseImportKinds(flags.kinds.split(","));
        if (requested && (requested.unknown.length > 0 || requested.kinds.length === 0)) {
          throw new MercuriosError(
            "IMPORT_KINDS",
            requested.unknown.length > 0
              ? `--kinds: unknown kind ${requested.unknown.map((k) => `'${k}'`).join(", ")}.`
              : "--kinds names no kind.",
            { hint: `Kinds are ${Object.keys(IMPORT_KINDS).join(", ")}.` },
          );
        }
        const environment = await ctx.loadEnvironment();
        const path = await import("node:path");
        const result = await importAccount({
          environment,
          ...(flags.out !== undefined ? { out: path.resolve(ctx.cwd, flags.out) } : {}),
          ...(requested ? { kinds: requested.kinds } : {}),
          ...(flags.force ? { force: true } : {}),
        });
        const out = ctx.output;
        if (ctx.globals.format === "json") {
          out.json(result);
          return;
        }
        const where = path.relative(ctx.cwd, result.out) || ".";
        out.line(
          `Imported ${result.database} (${result.environment}) into ${where}: ${result.files.length} file(s).`,
        );
        for (const file of result.files) out.line(`  wrote ${file.path} (${file.declarations})`);
        if (result.configFragment !== undefined) {
          out.line("");
          out.line(
            `${where}/mercurios.config.ts exists and was left as it is; these are its entries from the account:`,
          );
          out.line(result.configFragment.trimEnd());
        }
        if (result.notes.length > 0) {
          out.line("");
          out.line("Notes:");
          for (const note of result.notes) out.line(`  - ${note}`);
        }
        out.line("");
        out.line("Next: `mercurios plan` there should show no changes, and `mercurios drift` exit 0.");
      });
  },
};
