/**
 * How `mercurios sql` shows each statement's outcome (table, csv, or one JSON line), as lines for
 * stdout or stderr. One renderer for the direct run and for a holder answering a routed run
 * (docs/decisions/019), so both print the same text by construction. Pure: no engine, no I/O.
 */
import type { SqlStatementOutput } from "../sql.js";

export type SqlFormat = "table" | "json" | "csv";

/** One line the CLI prints, and on which stream. */
export interface SqlLine {
  stream: "out" | "err";
  text: string;
}

/** `--format` as `mercurios sql` reads it: json, csv, anything else a table. */
export function sqlFormat(value: string | undefined): SqlFormat {
  if (value === "json") return "json";
  if (value === "csv") return "csv";
  return "table";
}

/** Renders statements in order; results after the first are separated by an empty line. */
export class SqlRenderer {
  private first = true;

  constructor(private readonly format: SqlFormat) {}

  lines(result: SqlStatementOutput): SqlLine[] {
    if (this.format === "json") return [{ stream: "out", text: JSON.stringify(result) }];
    if ("error" in result) {
      return [
        {
          stream: "err",
          text: `Error in statement ${result.statement}: ${result.error.code} (${result.error.sqlState}): ${result.error.message}`,
        },
      ];
    }
    const lines: SqlLine[] = [];
    if (!this.first) lines.push({ stream: "out", text: "" });
    this.first = false;
    lines.push({ stream: "out", text: this.format === "csv" ? csv(result) : table(result) });
    return lines;
  }
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
