/**
 * `mercurios sql [--env local] [--local-db PATH] [--format table|json|csv] [--file F | SQL]`:
 * runs statements in order in one session. `--format json` prints one JSON object per statement per
 * line (values as Snowflake displays them); a failing statement prints its error object and exits 1.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { SqlTarget } from "../../api/sql.js";
import type { SqlLine } from "../../api/sql-route/render.js";
import { MercuriosError } from "../../errors/index.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";

const DEFAULT_LOCAL_DB = ".mercurios/local.duckdb";

export const command: CliCommand = {
  register(program: Command, ctx: CliContext) {
    program
      .command("sql")
      .description(
        "run Snowflake SQL on the local engine (default) or an environment (--format table|json|csv)",
      )
      .argument("[sql]", "statements to run, separated by ;")
      .option("-f, --file <file>", "read the statements from a file")
      .action(async (sqlArgument: string | undefined, options: { file?: string }) => {
        const { SqlRenderer, sqlFormat } = await import("../../api/sql-route/render.js");
        const format = sqlFormat(program.opts().format as string | undefined);
        const sql = await readStatements(ctx, sqlArgument, options.file);
        const target = await resolveTarget(ctx);
        const out = ctx.output;
        const print = (line: SqlLine) => (line.stream === "out" ? out.line(line.text) : out.error(line.text));
        if (target.kind === "local") {
          // A process holding the file (`mercurios dev`, `local serve`) answers without this one
          // loading DuckDB (docs/decisions/019); with none, the file is opened here as before.
          const { routeSql, RoutedError } = await import("../../api/sql-route/client.js");
          const routed = await routeSql(target.localDb, {
            sql,
            format,
            secrets: [...(target.secrets ?? [])],
          });
          if (routed) {
            for (const line of routed.lines) print(line);
            if (routed.error) throw new RoutedError(routed.error.code, routed.error.text);
            ctx.exitCode = routed.exitCode;
            return;
          }
        }
        const { runSql } = await import("../../api/sql.js");
        const renderer = new SqlRenderer(format);
        const report = await runSql({
          sql,
          target,
          onStatement: (result) => {
            for (const line of renderer.lines(result)) print(line);
          },
        });
        if (report.failedStatement !== undefined) ctx.exitCode = 1;
      });
  },
};

async function readStatements(
  ctx: CliContext,
  sql: string | undefined,
  file: string | undefined,
): Promise<string> {
  if (sql !== undefined && file !== undefined) {
    throw new MercuriosError("BAD_OPTION", "Give either SQL text or --file, not both.", {
      hint: "mercurios sql 'select 1'  or  mercurios sql --file query.sql",
    });
  }
  if (file !== undefined) {
    const filePath = path.resolve(ctx.cwd, file);
    try {
      return await readFile(filePath, "utf8");
    } catch (error) {
      throw new MercuriosError(
        "SQL_FILE",
        `Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        {
          hint: "Check the --file path.",
          location: { file: filePath },
          cause: error,
        },
      );
    }
  }
  if (sql === undefined || sql.trim() === "") {
    throw new MercuriosError("NO_SQL", "No SQL to run.", {
      hint: "mercurios sql 'select current_date()'  or  mercurios sql --file query.sql",
    });
  }
  return sql;
}

/** The local engine unless --env names a Snowflake environment. */
async function resolveTarget(ctx: CliContext): Promise<SqlTarget> {
  const globals = ctx.globals;
  const wantsOther = globals.env !== undefined && globals.env !== "local";
  if (!wantsOther && globals.localDb) return { kind: "local", localDb: globals.localDb };
  try {
    const environment = await ctx.loadEnvironment();
    if (environment.kind === "snowflake") return { kind: "snowflake", environment };
    return {
      kind: "local",
      localDb: environment.localDb ?? path.resolve(ctx.cwd, DEFAULT_LOCAL_DB),
      secrets: environment.secrets,
    };
  } catch (error) {
    // Without a project the local engine still runs on the default file; a broken config is an error.
    if (wantsOther || !(error instanceof MercuriosError) || error.code !== "CONFIG_NOT_FOUND") throw error;
  }
  return { kind: "local", localDb: path.resolve(ctx.cwd, DEFAULT_LOCAL_DB) };
}
