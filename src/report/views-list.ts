/**
 * The `views list` report: every declared view of an environment with its attributes and its status
 * on the target, plus the live views of the managed database that nothing declares. Pure: the api
 * builds the document, this module defines it and renders it as an aligned text table.
 */

/** Where a view stands on the target, as `drift` would judge it. */
export type ViewListStatus = "in sync" | "changed" | "missing" | "not declared";

/** One row of the listing. */
export interface ViewListEntry {
  /** `DB.SCHEMA.VIEW`. */
  name: string;
  schema: string;
  /** The view's own name (last part). */
  view: string;
  /** Declared secure (or, for a view not declared, live secure). */
  secure: boolean;
  /** `ADMIN.TENANT_ISOLATION on (TENANT_ID)`, or null when none is declared. */
  rowAccessPolicy: string | null;
  /** File the view is declared in (relative to the project root); null for a view not declared. */
  source: string | null;
  status: ViewListStatus;
  /** For `changed`: which attributes differ (`definition`, `secure`, `comment`, `owner`), as drift names them. */
  changed: string[];
}

export interface ViewsListReport {
  environment: string;
  database: string;
  views: ViewListEntry[];
  summary: { views: number; inSync: number; changed: number; missing: number; notDeclared: number };
}

/** Counts entries per status. */
export function summariseViewList(views: readonly ViewListEntry[]): ViewsListReport["summary"] {
  const count = (status: ViewListStatus) => views.filter((v) => v.status === status).length;
  return {
    views: views.length,
    inSync: count("in sync"),
    changed: count("changed"),
    missing: count("missing"),
    notDeclared: count("not declared"),
  };
}

/** `4 views: 3 in sync, 1 changed` (statuses with no view are left out). */
export function viewListSummaryLine(report: ViewsListReport): string {
  const s = report.summary;
  const parts = [
    [s.inSync, "in sync"],
    [s.changed, "changed"],
    [s.missing, "missing"],
    [s.notDeclared, "not declared"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${n} ${label}`);
  const noun = s.views === 1 ? "view" : "views";
  return parts.length > 0
    ? `${s.views} ${noun}: ${parts.join(", ")}`
    : `0 views: the project declares none and ${report.database} has none`;
}

function statusText(entry: ViewListEntry): string {
  return entry.status === "changed" ? `changed (${entry.changed.join(", ")})` : entry.status;
}

/** Pads every column but the last to its widest cell. */
function alignedTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** The aligned table and the summary line. */
export function viewsListToText(report: ViewsListReport): string {
  const header = ["SCHEMA", "VIEW", "SECURE", "ROW ACCESS POLICY", "FILE", "STATUS"];
  const rows = report.views.map((v) => [
    v.schema,
    v.view,
    v.secure ? "yes" : "no",
    v.rowAccessPolicy ?? "-",
    v.source ?? "-",
    statusText(v),
  ]);
  const lines = report.views.length > 0 ? alignedTable([header, ...rows]) : [];
  return `${[...lines, ...(lines.length > 0 ? [""] : []), viewListSummaryLine(report)].join("\n")}\n`;
}
