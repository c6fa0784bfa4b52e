/**
 * `mercurios views preview <name> [--limit N] [--as-role R] [--env E] [--format table|json]`:
 * (re)creates the view and the declared views it reads in the local engine where their definitions
 * changed, then prints its first rows with each column's Snowflake type. `--format json` prints one
 * line in the shape of `mercurios sql --format json`.
 */
import type { Command } from "commander";
import type { PreviewReport, PreviewRows } from "../../../api/views/preview.js";
import { MercuriosError } from "../../../errors/index.js";
import type { CliContext } from "../../context.js";
import type { ViewsSubcommand } from "../views.js";

interface PreviewFlags {
  limit?: string;
  asRole?: string;
}

export const subcommand: ViewsSubcommand = {
  register(views: Command, ctx: CliContext) {
    views
      .command("preview")
      .description("create the view (and the views it reads) in the local engine and show its first rows")
      .argument("<name>", "the view: NAME, SCHEMA.NAME or DATABASE.SCHEMA.NAME")
      .option("-n, --limit <rows>", "rows to show", "10")
      .option("--as-role <role>", "read the rows as this role (tenant roles see their own rows)")
      .addHelpText(
        "after",
        [
          "",
          "Runs on the local engine only (the default environment, or --env naming a local one): preview",
          "creates views, so it refuses a Snowflake environment rather than write there. To compare the",
          "declared view with a Snowflake environment, run `mercurios views diff <name> --env E`.",
          "Run `mercurios up` once first. --format json prints one JSON line, the shape `mercurios sql",
          "--format json` prints for a query; what was (re)created then goes to stderr.",
        ].join("\n"),
      )
      .action(async (name: string, flags: PreviewFlags) => {
        const format = previewFormat(ctx.globals.format as string);
        const limit = parseLimit(flags.limit);
        const environment = await ctx.loadEnvironment();
        const { previewView, PreviewQueryError } = await import("../../../api/views/preview.js");
        let report: PreviewReport;
        try {
          report = await previewView({
            environment,
            name,
            limit,
            ...(flags.asRole ? { asRole: flags.asRole } : {}),
          });
        } catch (error) {
          // A failed read prints the `sql --format json` error line, as `mercurios sql` does.
          if (format === "json" && error instanceof PreviewQueryError) {
            ctx.output.line(JSON.stringify(error.output));
            ctx.output.error(error.describe());
            ctx.exitCode = 1;
            return;
          }
          throw error;
        }
        const changes = syncLines(report);
        if (format === "json") {
          for (const line of changes) ctx.output.error(line);
          ctx.output.line(JSON.stringify(report.result));
          return;
        }
        const colors = ctx.output.colors;
        ctx.output.line(colors.bold(`${report.view}${report.source ? `  (${report.source})` : ""}`));
        for (const line of changes) ctx.output.line(line);
        ctx.output.line();
        ctx.output.line(typedTable(report.result));
        const rows = report.result.rowCount;
        ctx.output.line(
          colors.dim(
            `${rows} row${rows === 1 ? "" : "s"} as role ${report.role}${rows === report.limit ? ` (first ${report.limit}; --limit N for more)` : ""}`,
          ),
        );
      });
  },
};

function previewFormat(format: string): "table" | "json" {
  if (format === "json") return "json";
  if (format === "text" || format === "table") return "table";
  throw new MercuriosError("BAD_OPTION", `views preview prints table or json, not ${format}`, {
    hint: "Use --format table (the default) or --format json.",
  });
}

function parseLimit(value: string | undefined): number {
  const text = (value ?? "10").trim();
  if (!/^\d+$/.test(text)) {
    throw new MercuriosError("BAD_OPTION", `--limit takes a whole number of rows, not '${value}'`, {
      hint: "For example --limit 20.",
    });
  }
  return Number(text);
}

/** One line per view that was (re)created; one line for the rest. */
function syncLines(report: PreviewReport): string[] {
  const lines: string[] = [];
  const unchanged: string[] = [];
  for (const v of report.synced.views) {
    if (v.action === "unchanged") unchanged.push(v.name);
    else lines.push(`${v.action} ${v.name}: ${v.reason}`);
  }
  if (unchanged.length > 0) lines.push(`up to date in the local engine: ${unchanged.join(", ")}`);
  return lines;
}

/** An aligned table with each column's Snowflake type under its name. */
function typedTable(result: PreviewRows): string {
  const cells = result.rows.map((row) => row.map((v) => (v === null ? "NULL" : v.replaceAll("\n", "\\n"))));
  const widths = result.columns.map((name, i) =>
    Math.max(name.length, (result.types[i] ?? "").length, ...cells.map((row) => (row[i] ?? "").length)),
  );
  const border = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    border,
    line(result.columns),
    line(result.types),
    `|${widths.map((w) => "-".repeat(w + 2)).join("+")}|`,
    ...cells.map(line),
    border,
  ].join("\n");
}
