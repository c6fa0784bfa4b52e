/**
 * The `views diff` report: one declared view against the live one on an environment's target. The
 * definition is compared as drift compares it (canonical SQL), with a unified text diff of the two
 * SELECTs; then the other attributes and the columns. Removed and retyped columns are breaking.
 * Pure: the api builds the document, this module defines it and renders it as text.
 */

/**
 * - `in sync`: same definition (maybe laid out differently), same attributes and columns;
 * - `changed`: something differs;
 * - `missing`: the view does not exist on the target (everything is new).
 */
export type ViewDiffStatus = "in sync" | "changed" | "missing";

/** An attribute (other than the definition) whose declared and live values differ. */
export interface ViewAttributeDifference {
  /** `secure`, `comment`, `owner`, as drift names them. */
  attribute: string;
  declared: string;
  live: string;
}

/** One column of a view's result. */
export interface ViewDiffColumn {
  name: string;
  type: string;
}

/** A change that breaks readers of the view (dashboards, other views). */
export interface BreakingChange {
  kind: "removed" | "retyped";
  column: string;
  /** `BREAKING: column UNITS removed; dashboards or views reading it will fail`. */
  message: string;
}

export interface ViewDiffReport {
  environment: string;
  /** `DB.SCHEMA.VIEW`. */
  view: string;
  /** The file the view is declared in, relative to the project root. */
  source: string | null;
  status: ViewDiffStatus;
  definition: {
    /** Same canonical SQL (whitespace, comments and keyword case aside). False when the view is missing. */
    same: boolean;
    /** The text differs while the definition is the same: only layout changed. */
    layoutOnly: boolean;
    /** Unified diff from the live SELECT to the declared one (hunks only); empty when the texts are equal. */
    textDiff: string;
    declared: string;
    /** Null when the view is missing or its text is hidden from the reading role (secure view). */
    live: string | null;
  };
  attributes: ViewAttributeDifference[];
  columns: {
    declared: ViewDiffColumn[];
    /** Null when the view is missing. */
    live: ViewDiffColumn[] | null;
    added: ViewDiffColumn[];
    removed: ViewDiffColumn[];
    retyped: { name: string; live: string; declared: string }[];
  };
  breaking: BreakingChange[];
  /** Declared views that read this one directly: what a breaking change affects. */
  affected: string[];
  /**
   * Declared views this one reads (directly or not) that differ on the target or are missing there.
   * The declared columns were computed against their live versions.
   */
  upstreamChanged: string[];
}

/** The breaking changes among column changes: every removed and every retyped column. */
export function breakingChanges(columns: ViewDiffReport["columns"]): BreakingChange[] {
  return [
    ...columns.removed.map((c) => ({
      kind: "removed" as const,
      column: c.name,
      message: `BREAKING: column ${c.name} removed; dashboards or views reading it will fail`,
    })),
    ...columns.retyped.map((c) => ({
      kind: "retyped" as const,
      column: c.name,
      message: `BREAKING: column ${c.name} retyped ${c.live} -> ${c.declared}; dashboards or views reading it may fail or change results`,
    })),
  ];
}

function headline(report: ViewDiffReport): string {
  const where = `${report.view} in ${report.environment}`;
  if (report.status === "missing") return `${where}: missing on the target; everything below is new`;
  if (report.status === "in sync")
    return report.definition.layoutOnly
      ? `${where}: in sync: same definition, text differs only in layout`
      : `${where}: in sync`;
  return `${where}: changed`;
}

function definitionLines(report: ViewDiffReport): string[] {
  const d = report.definition;
  if (report.status === "missing")
    return ["definition (new):", ...d.declared.split("\n").map((l) => `  + ${l}`)];
  if (d.live === null)
    return ["definition: the live text is hidden from this role (secure view); not compared"];
  if (d.same && !d.layoutOnly) return ["definition: same"];
  const title = d.same
    ? "definition: same (layout only), text diff live -> declared:"
    : "definition: changed, text diff live -> declared:";
  return [title, ...d.textDiff.split("\n").map((l) => `  ${l}`)];
}

function columnLines(report: ViewDiffReport): string[] {
  const c = report.columns;
  if (c.live === null) return ["columns (new):", ...c.declared.map((col) => `  + ${col.name} ${col.type}`)];
  if (c.added.length + c.removed.length + c.retyped.length === 0)
    return [`columns: same (${c.declared.length}: ${c.declared.map((col) => col.name).join(", ")})`];
  return [
    "columns:",
    ...c.added.map((col) => `  + ${col.name} ${col.type} (added)`),
    ...c.removed.map((col) => `  - ${col.name} ${col.type} (removed)`),
    ...c.retyped.map((col) => `  ~ ${col.name} ${col.live} -> ${col.declared} (retyped)`),
  ];
}

/** Text for terminals: headline, definition, attributes, columns, breaking changes and affected views. */
export function viewDiffToText(report: ViewDiffReport): string {
  const lines = [headline(report), ...(report.source ? [`file: ${report.source}`] : []), ""];
  lines.push(...definitionLines(report));
  if (report.attributes.length > 0) {
    lines.push("attributes:");
    for (const a of report.attributes)
      lines.push(`  ${a.attribute}: live ${a.live} -> declared ${a.declared}`);
  }
  lines.push(...columnLines(report));
  if (report.upstreamChanged.length > 0)
    lines.push(
      `note: it reads ${report.upstreamChanged.join(", ")}, which differ${report.upstreamChanged.length === 1 ? "s" : ""} on the target; the declared columns were read against the live version (apply it, or diff it first)`,
    );
  if (report.breaking.length > 0) {
    lines.push("", ...report.breaking.map((b) => b.message));
    lines.push(
      report.affected.length > 0
        ? `affected declared views (read ${report.view}): ${report.affected.join(", ")}`
        : `affected declared views: none declared here reads ${report.view}; dashboards may still`,
    );
  }
  return `${lines.join("\n")}\n`;
}
