/**
 * The mercurios CLI: global flags, one file per command (see commands/index.ts and README.md here),
 * and the single place where errors turn into stderr text and exit codes (0 ok, 1 error, 2 changes).
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { CliCommand } from "./commands/index.js";
import { type CliContext, type CliIo, createContext } from "./context.js";
import { formatError } from "./errors.js";
import { addHelpFooters, checkFormat } from "./help.js";

export type { CliContext, GlobalOptions } from "./context.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const GLOBAL_OPTIONS_WITH_VALUE = new Set([
  "-e",
  "--env",
  "-c",
  "--config",
  "--format",
  "--var",
  "--local-db",
]);

/** True when `--version` / `-V` stands among the global flags, before any command name. */
function asksForVersion(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--version" || arg === "-V") return true;
    if (!arg.startsWith("-")) return false;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
  }
  return false;
}

/**
 * The command word of the line (`sql` in `mercurios --local-db f.duckdb sql …`): the first argument
 * that is neither a global flag nor a global flag's value. Undefined when there is none.
 */
function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("-")) return arg;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
  }
  return undefined;
}

/**
 * The commands to register for `args`: `mercurios sql …` (a short command, run over and over) gets
 * only its own module; every other line gets them all (help, suggestions for a mistyped command).
 * Each command module is small, but together they are ~25 modules to load (docs/decisions/011).
 */
async function commandsFor(args: string[]): Promise<readonly CliCommand[]> {
  if (commandWord(args) === "sql") return [(await import("./commands/sql.js")).command];
  return (await import("./commands/index.js")).commands;
}

/** Builds the program with its global flags and the given commands (commands/index.ts: all of them). */
export function buildProgram(
  io: CliIo,
  commands: readonly CliCommand[],
): { program: Command; ctx: CliContext } {
  const program = new Command("mercurios");
  program
    .description("Schema-as-code toolkit for Snowflake, with a local Snowflake engine on DuckDB.")
    .addOption(
      new Option("-e, --env <name>", "environment from mercurios.config.ts (default: local)").env(
        "MERCURIOS_ENV",
      ),
    )
    .option("-c, --config <path>", "config file (default: mercurios.config.ts in this or a parent directory)")
    .addOption(
      new Option(
        "--format <format>",
        "output format: text, json, markdown, junit, table, csv, mermaid or dot, as the command prints them (its --help lists them)",
      )
        .choices(["text", "json", "markdown", "junit", "table", "csv", "mermaid", "dot"])
        .default("text"),
    )
    .option("--var <key=value>", "set a template var, overriding the config (repeatable)", collect, [])
    .addOption(
      new Option(
        "--local-db <path>",
        "DuckDB file of the local engine (default: .mercurios/local.duckdb)",
      ).env("MERCURIOS_LOCAL_DB"),
    )
    .option("--no-color", "plain output without colours (also when NO_COLOR is set)")
    .option("--debug", "show stack traces of errors")
    // `-V, --version` is answered in main() before parsing, not registered with commander: a root
    // option is read anywhere in the line, and would take `migrate baseline --version 1.2` from the command.
    .addHelpText("after", "\nPrint the version with `mercurios --version` (or -V).")
    .helpOption("-h, --help", "show help")
    .helpCommand(false)
    .showHelpAfterError("(run mercurios --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const ctx = createContext(program, io);
  for (const command of commands) command.register(program, ctx);
  addHelpFooters(program);
  program.hook("preAction", (_program, command) => checkFormat(command, String(program.opts().format)));
  return { program, ctx };
}

/** Runs the CLI on `argv` (as process.argv: node, script, args…) and returns the exit code. */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(io.interactive !== undefined ? { interactive: io.interactive } : {}),
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
  };
  const { program, ctx } = buildProgram(fullIo, await commandsFor(argv.slice(2)));
  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  if (asksForVersion(argv.slice(2))) {
    fullIo.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander has printed its message
    const globals = safeGlobals(ctx);
    ctx.output.error(formatError(error, globals.debug, ctx.output.colors));
    return 1;
  }
}

function safeGlobals(ctx: CliContext): { debug: boolean } {
  try {
    return ctx.globals;
  } catch {
    return { debug: false };
  }
}
