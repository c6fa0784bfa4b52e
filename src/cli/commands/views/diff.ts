/** `mercurios views diff`: placeholder until the subcommand lands (issue 9). */
import { MercuriosError } from "../../../errors/index.js";
import type { ViewsSubcommand } from "../views.js";

export const subcommand: ViewsSubcommand = {
  register(views) {
    views.command("diff").action(() => {
      throw new MercuriosError("NOT_BUILT", "views diff is not built yet");
    });
  },
};
