/**
 * `mercurios views <list|preview|test|lineage|diff>`: the view authoring loop. Each subcommand lives
 * in commands/views/<name>.ts and adds itself to the `views` command.
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";
import { subcommand as diff } from "./views/diff.js";
import { subcommand as lineage } from "./views/lineage.js";
import { subcommand as list } from "./views/list.js";
import { subcommand as preview } from "./views/preview.js";
import { subcommand as test } from "./views/test.js";

/** A subcommand of `views`: adds itself with `views.command(...)`. */
export interface ViewsSubcommand {
  register(views: Command, ctx: CliContext): void;
}

const subcommands: readonly ViewsSubcommand[] = [list, preview, test, lineage, diff];

export const command: CliCommand = {
  register(program, ctx) {
    const views = program
      .command("views")
      .description("author views locally: list, preview, test, lineage, diff against an environment");
    for (const sub of subcommands) sub.register(views, ctx);
  },
};
