/**
 * `mercurios local serve`: serves the local engine over Snowflake's REST protocol until SIGINT/SIGTERM.
 * The first line printed is `listening on http://<host>:<port>`, for scripts that start it.
 */
import path from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { MercuriosError } from "../../errors/index.js";
import type { CliContext } from "../context.js";

const DEFAULT_LOCAL_DB = ".mercurios/local.duckdb";

export function registerLocalServe(group: Command, ctx: CliContext): void {
  group
    .command("serve")
    .description(
      "serve the local engine over Snowflake's REST protocol (snowflake-sdk: accessUrl http://127.0.0.1:PORT)",
    )
    .addOption(
      new Option("--host <host>", "interface to bind (loopback unless you say otherwise)").default(
        "127.0.0.1",
      ),
    )
    .addOption(new Option("--port <port>", "port; 0 picks a free one").default("8085"))
    .addOption(
      new Option("--latency-ms <ms>", "delay added to every request, to imitate a real account").default("0"),
    )
    .action(async (options: { host: string; port: string; latencyMs: string }) => {
      const port = wholeNumber(options.port, "--port", 65_535);
      const latencyMs = wholeNumber(options.latencyMs, "--latency-ms", 600_000);
      const localDb = await localDbPath(ctx);
      const { serveLocal } = await import("../../api/serve.js");
      const out = ctx.output;
      const server = await serveLocal({
        localDb,
        host: options.host,
        port,
        latencyMs,
        onInternalError: (message) => out.error(`internal error while serving a request: ${message}`),
      });
      out.line(`listening on ${server.url}`);
      out.line(
        out.colors.dim(
          `engine ${localDb}; log in as ADMIN / admin (local only). Stop with Ctrl+C.${latencyMs ? ` Latency ${latencyMs} ms per request.` : ""}`,
        ),
      );
      if (!isLoopback(server.host)) {
        out.error(
          `warning: listening on ${server.host}, not loopback: anyone who can reach this address can log in as ADMIN / admin.`,
        );
      }
      await untilSignal();
      await server.close();
      out.line(out.colors.dim("stopped"));
    });
}

/** `--local-db`, else the local environment's file when a config is present, else the default. */
async function localDbPath(ctx: CliContext): Promise<string> {
  if (ctx.globals.localDb) return ctx.globals.localDb;
  try {
    const environment = await ctx.loadEnvironment();
    if (environment.localDb) return environment.localDb;
  } catch (error) {
    // Without a project the server still runs on the default file; a broken config is still an error.
    if (!(error instanceof MercuriosError) || error.code !== "CONFIG_NOT_FOUND") throw error;
  }
  return path.resolve(ctx.cwd, DEFAULT_LOCAL_DB);
}

function wholeNumber(text: string, flag: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > max) {
    throw new MercuriosError("BAD_OPTION", `${flag} '${text}' is not a whole number from 0 to ${max}.`, {
      hint: `Example: ${flag} ${flag === "--port" ? "0" : "50"}`,
    });
  }
  return value;
}

function isLoopback(host: string): boolean {
  return host === "::1" || host.startsWith("127.") || host === "localhost";
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
