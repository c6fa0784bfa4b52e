/**
 * `mercurios dev`: the view authoring loop. Brings the local engine up to date, then watches views/,
 * migrations/ and the config; each save prints one status block (text) or one JSON line
 * (`--format json`). Ctrl-C closes the watcher, the test session and the engine and exits 0.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";

/** The environment as the context resolves it, but read afresh (the config file was saved). */
async function reloadEnvironment(ctx: CliContext): Promise<ResolvedEnvironment> {
  const { loadConfig, parseVarAssignments, resolveEnvironment } = await import("../../config/index.js");
  const globals = ctx.globals;
  const loaded = await loadConfig({
    cwd: ctx.cwd,
    ...(globals.config ? { configPath: globals.config } : {}),
  });
  const environment = resolveEnvironment(loaded, {
    ...(globals.env ? { env: globals.env } : {}),
    vars: parseVarAssignments(globals.var),
    processEnv: process.env,
    ...(globals.localDb ? { localDb: globals.localDb } : {}),
  });
  ctx.secrets.push(...environment.secrets);
  return environment;
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM. */
function interrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(signal);
    };
    const onInt = stop("SIGINT");
    const onTerm = stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("dev")
      .description(
        "watch views/, migrations/ and the config; on each save apply what changed to the local engine, re-run the view tests and show the first rows",
      )
      .option("--rows <n>", "rows of the changed view to show", "5")
      .action(async (flags: { rows: string }) => {
        const [{ startDev }, { renderDevStatus }, { ConfigError }] = await Promise.all([
          import("../../api/dev/index.js"),
          import("../../report/dev-status.js"),
          import("../../errors/index.js"),
        ]);
        const rows = Number(flags.rows);
        if (!Number.isInteger(rows) || rows < 0) {
          throw new ConfigError("DEV_ROWS", `--rows '${flags.rows}' is not a whole number`, {
            hint: "Pass the number of rows to show, e.g. --rows 10 (0 shows none).",
          });
        }
        const environment = await ctx.loadEnvironment();
        const json = ctx.globals.format === "json";
        const { colors } = ctx.output;
        // Registered before the start round so a Ctrl-C during it is not lost.
        const stop = interrupted();
        let starting = true;
        void stop.then(() => {
          if (starting)
            ctx.output.error("dev: stopping once the start round is done (the engine is mid-write)");
        });
        const session = await startDev({
          environment,
          reloadEnvironment: () => reloadEnvironment(ctx),
          previewRows: rows,
          onStatus: (status) => {
            if (json) ctx.output.line(JSON.stringify({ event: "status", ...status }));
            else {
              const width = ctx.output.width;
              ctx.output.line(`${renderDevStatus(status, colors, width ? { width } : {})}\n`);
            }
          },
          onReady: (watching) => {
            if (json)
              ctx.output.line(JSON.stringify({ event: "ready", environment: environment.name, watching }));
            else
              ctx.output.line(
                `dev: ready, watching ${watching.map((w) => (w.endsWith(".ts") ? w : `${w}/`)).join(", ")} for ${environment.name} (Ctrl-C stops)`,
              );
          },
          onError: (error) => {
            const text = error instanceof Error ? error.message : String(error);
            ctx.output.error(
              `dev: ${text}${ctx.globals.debug && error instanceof Error ? `\n${error.stack}` : ""}`,
            );
          },
        });
        starting = false;
        const signal = await stop;
        await session.close();
        if (json) ctx.output.line(JSON.stringify({ event: "stopped", signal }));
        else ctx.output.line(`dev: stopped (${signal}); watcher, test session and engine closed`);
      });
  },
};
