/**
 * `mercurios init [DIR] [--database D] [--schemas A,B] [--snowflake-env E] [--connection C] [--yes]`:
 * scaffolds a new project. On a terminal it asks for each value (the flag's value or a default
 * pre-filled); elsewhere, or with --yes, it takes the flags and defaults. Never overwrites a file.
 */
import path from "node:path";
import type { InitAnswers } from "../../api/init.js";
import { createPrompter } from "../prompt.js";
import type { CliCommand } from "./index.js";

interface InitFlags {
  database?: string;
  schemas?: string;
  snowflakeEnv?: string;
  connection?: string;
  yes?: boolean;
}

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const command: CliCommand = {
  register(program, ctx) {
    const init = program
      .command("init")
      .argument("[dir]", "folder of the new project (created when missing)", ".")
      .description(
        "start a new project: config, a warehouse and monitor, two roles, a migration, a view with a test, CI",
      )
      .option("--database <name>", "the project database (default: the folder's name, upper-cased)")
      .option("--schemas <list>", "schemas in migration order, comma-separated (default: RAW,ANALYTICS)")
      .option("--snowflake-env <name>", "name of the Snowflake environment in the config (default: dev)")
      .option("--connection <name>", "its connections.toml section (default: the environment's name)")
      .option("-y, --yes", "ask nothing: take the flags and the defaults");
    init.action(async (dir: string, flags: InitFlags) => {
      const { initDefaults, initProject } = await import("../../api/init.js");
      const directory = path.resolve(ctx.cwd, dir);
      const defaults = initDefaults(directory);
      let answers: InitAnswers = {
        database: flags.database ?? defaults.database,
        schemas: flags.schemas !== undefined ? list(flags.schemas) : defaults.schemas,
        snowflakeEnvironment: flags.snowflakeEnv ?? defaults.snowflakeEnvironment,
        connection: flags.connection ?? flags.snowflakeEnv ?? defaults.connection,
      };
      if (ctx.interactive && !flags.yes) answers = await ask(ctx, answers, flags);
      const report = await initProject({ directory, ...answers });
      if (ctx.globals.format === "json") return ctx.output.json(report);
      const out = ctx.output;
      const where = path.relative(ctx.cwd, report.directory) || ".";
      out.line(
        `Created a mercurios project in ${where}: database ${report.answers.database}, schemas ${report.answers.schemas.join(", ")}, environments local and ${report.answers.snowflakeEnvironment}.`,
      );
      for (const file of report.files) out.line(`  ${out.colors.green("+")} ${file}`);
      out.line("");
      out.line("Next, on the local engine (no account needed):");
      if (where !== ".") out.line(`  cd ${where}`);
      out.line(
        "  npx mercurios up           # the database, schemas, warehouse, roles, the table and the view",
      );
      out.line("  npx mercurios drift        # declarations against the engine: in sync (exit 0)");
      out.line("  npx mercurios views test   # the view's tests");
      out.line(
        `Then Snowflake: add [${report.answers.connection}] to ~/.snowflake/connections.toml and run \`npx mercurios plan --env ${report.answers.snowflakeEnvironment}\`.`,
      );
      out.line("CI: .github/workflows/mercurios.yml; see docs/guide/ci.md in the mercurios package.");
      if (!report.packageJson) {
        out.line(
          `CI runs \`npm ci\`, and ${where === "." ? "this folder" : where} has no package.json: run \`npm init -y && npm install --save-dev <mercurios tarball or registry name>\` in it and commit package.json and package-lock.json.`,
        );
      }
    });
  },
};

/** Asks for each value on the terminal, the current one as the default. */
async function ask(
  ctx: Parameters<CliCommand["register"]>[1],
  answers: InitAnswers,
  flags: InitFlags,
): Promise<InitAnswers> {
  const prompter = createPrompter(ctx);
  try {
    const database = (await prompter.ask("Database", answers.database)).toUpperCase();
    const schemas = list(await prompter.ask("Schemas, in migration order", answers.schemas.join(", ")));
    const snowflakeEnvironment = await prompter.ask("Snowflake environment", answers.snowflakeEnvironment);
    const connection = await prompter.ask(
      "Its connections.toml section",
      flags.connection ?? snowflakeEnvironment,
    );
    return { database, schemas, snowflakeEnvironment, connection };
  } finally {
    prompter.close();
  }
}
