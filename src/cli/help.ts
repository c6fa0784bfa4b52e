/**
 * The end of every command's `--help`: the formats it prints, the global flags (commander lists only
 * a subcommand's own options) and examples to copy.
 */
import type { Command } from "commander";
import { type CommandPath, formatsOf } from "./formats.js";

const GLOBAL_FLAGS = [
  "-e, --env <name>      environment from mercurios.config.ts (default: local; also MERCURIOS_ENV)",
  "-c, --config <path>   config file (default: mercurios.config.ts here or above)",
  "--format <format>     output format (see Formats)",
  "--var <key=value>     set a template var (repeatable)",
  "--local-db <path>     DuckDB file of the local engine (also MERCURIOS_LOCAL_DB)",
  "--no-color            no colours (also NO_COLOR)",
  "--debug               stack traces with errors",
];

/** The help text after a command's own options. */
export function helpFooter(path: CommandPath, examples: readonly string[]): string {
  const formats = formatsOf(path);
  return [
    "",
    `Formats: ${formats.map((f, i) => (i === 0 ? `${f} (default)` : f)).join(", ")}`,
    "",
    "Global flags (before or after the command):",
    ...GLOBAL_FLAGS.map((flag) => `  ${flag}`),
    "",
    "Examples:",
    ...examples.map((example) => `  $ ${example}`),
  ].join("\n");
}

/** Adds the footer to `command`'s help and returns the command. */
export function withHelp(command: Command, path: CommandPath, examples: readonly string[]): Command {
  return command.addHelpText("after", helpFooter(path, examples));
}
