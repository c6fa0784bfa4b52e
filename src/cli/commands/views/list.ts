/** `mercurios views list`: placeholder until the subcommand lands (issue 9). */
import { MercuriosError } from "../../../errors/index.js";
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views) {
    views.command("list").action(() => {
      throw new MercuriosError("NOT_BUILT", "views list is not built yet");
    });
  },
};
