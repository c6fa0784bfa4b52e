/**
 * `mercurios sql [--env local] [--local-db PATH] [--format table|json|csv] [--file F | SQL]`:
 * runs statements in order in one session. `--format json` prints one JSON object per statement per
 * line (values as Snowflake displays them); a failing statement prints its error object and exits 1.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { SqlStatementOutput, SqlTarget } from "../../api/sql.js";
import { MercuriosError } from "../../errors/index.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./index.js";

const DEFAULT_LOCAL_DB = ".mercurios/local.duckdb";

type SqlFormat = "table" | "json" | "csv";

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
        const format = sqlFormat(program.opts().format as string | undefined);
        const sql = await readStatements(ctx, sqlArgument, options.file);
        const target = await resolveTarget(ctx);
        const { runSql } = await import("../../api/sql.js");
        const out = ctx.output;
        let first = true;
        const report = await runSql({
          sql,
          target,
          onStatement: (result) => {
            if (format === "json") {
              out.line(JSON.stringify(result));
              return;
            }
            if ("error" in result) {
              out.error(
                `Error in statement ${result.statement}: ${result.error.code} (${result.error.sqlState}): ${result.error.message}`,
              );
              return;
            }
            if (!first) out.line();
            first = false;
            out.line(format === "csv" ? csv(result) : table(result));
          },
        });
        if (report.failedStatement !== undefined) ctx.exitCode = 1;
      });
  },
};

function sqlFormat(value: string | undefined): SqlFormat {
  if (value === "json") return "json";
  if (value === "csv") return "csv";
  return "table";
}

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

type Rows = Extract<SqlStatementOutput, { columns: string[] }>;

/** An aligned table, Snowflake CLI style. */
function table(result: Rows): string {
  const cells = result.rows.map((row) => row.map((v) => (v === null ? "NULL" : v.replaceAll("\n", "\\n"))));
  const widths = result.columns.map((name, i) =>
    Math.max(name.length, ...cells.map((row) => (row[i] ?? "").length)),
  );
  const border = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const lines = [border, line(result.columns), `|${widths.map((w) => "-".repeat(w + 2)).join("+")}|`];
  for (const row of cells) lines.push(line(row));
  lines.push(border);
  lines.push(`${result.rowCount} Row(s) produced.`);
  return lines.join("\n");
}

function csvField(value: string | null): string {
  if (value === null) return "";
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(result: Rows): string {
  return [result.columns, ...result.rows].map((row) => row.map(csvField).join(",")).join("\n");
}
