/**
 * `mercurios local <subcommand>`: the local engine's own commands. Subcommands register themselves
 * on the group (see local-serve.ts).
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";
import { registerLocalServe } from "./local-serve.js";

/** Subcommands of `local`, one module each. */
const subcommands: readonly ((group: Command, ctx: CliContext) => void)[] = [registerLocalServe];

export const command: CliCommand = {
  register(program, ctx) {
    const group = program
      .command("local")
      .description("the local Snowflake engine on DuckDB (its file: the global --local-db PATH)");
    for (const register of subcommands) register(group, ctx);
  },
};
