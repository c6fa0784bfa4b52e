/**
 * The status block `mercurios dev` prints after each save: what changed, what was applied, the
 * view tests, the first rows of the changed view and any error with file:line. Compact on purpose:
 * one block per save, read at a glance beside the editor.
 */
import { renderRowsSideBySide, type ViewTestColors, type ViewTestReport } from "./view-tests.js";

/** A file the save touched, relative to the project root. */
export interface DevChangedFile {
  file: string;
  kind: "view" | "test" | "migration" | "config" | "other";
  /** `unlink` when the file was deleted. */
  event?: "change" | "unlink";
}

/** A view the loop brought up to date on the local engine (as syncViews reports it). */
export interface DevAppliedView {
  name: string;
  action: "created" | "replaced" | "unchanged";
  reason: string;
}

/** A problem of this round: where (file:line or object), what, and what to do. */
export interface DevProblem {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  object?: string;
  hint?: string;
}

/** The first rows of a view, as the engine displays them. */
export interface DevPreview {
  view: string;
  columns: string[];
  rows: (string | null)[][];
}

/** Milliseconds spent in each step of the round (0 when the step did not run). */
export interface DevTimings {
  /** Reloading the config (config saves only). */
  configMs: number;
  /** migrate up on the local engine (and rebuilding the test session's tables). */
  migrateMs: number;
  /** Rendering views/ into the declared views and their graph. */
  renderMs: number;
  /** Re-creating the changed views and their dependants on the local engine. */
  applyMs: number;
  /** Running the affected views' tests in the warm test session. */
  testsMs: number;
  /** Querying the first rows of the changed view. */
  previewMs: number;
  /** From the handled save to the finished status (what the block shows). */
  totalMs: number;
}

/** One round of the loop: the outcome of a save (or of the start). */
export interface DevStatus {
  /** `start` for the first round (bringing the engine up), `change` for a save. */
  kind: "start" | "change";
  /** When the round finished, ISO 8601. */
  at: string;
  environment: string;
  changed: DevChangedFile[];
  /** Versioned / repeatable / always scripts migrate up applied, in order. */
  migrations: string[];
  /** Views considered, in creation order; `unchanged` ones are left out of the text. */
  applied: DevAppliedView[];
  /** The tests that ran (null: none ran this round). */
  tests: ViewTestReport | null;
  preview: DevPreview | null;
  errors: DevProblem[];
  /** Notes that are not errors (a deleted view file, skipped steps). */
  notes: string[];
  timings: DevTimings;
}

/** Colour functions (identity by default). */
export interface DevStatusColors extends ViewTestColors {
  bold(text: string): string;
  yellow(text: string): string;
}

const plain: DevStatusColors = {
  red: (t) => t,
  green: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
  yellow: (t) => t,
};

/** `SHOP_DATA.ANALYTICS.TOP_SHOPS` -> `ANALYTICS.TOP_SHOPS`: the database is the same for all. */
const short = (name: string) => name.split(".").slice(-2).join(".");

function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** Label column of the block: `applied  `, `tests    `, … */
const label = (text: string) => text.padEnd(9);
const indent = " ".repeat(9);

function problemLocation(problem: DevProblem): string {
  let where = problem.file ?? "";
  if (where && problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  if (problem.object) where = where ? `${where} [${problem.object}]` : problem.object;
  return where;
}

/**
 * A small table: header, rule, rows; NULL for nulls, long cells cut at 40 characters. With a width,
 * only the leading columns that fit (at least one) are kept; `hidden` says how many were left out.
 */
function smallTable(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  width?: number,
): { lines: string[]; hidden: number } {
  const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  const allCells = rows.map((row) => columns.map((_, c) => cut(row[c] ?? "NULL")));
  const allWidths = columns.map((column, c) =>
    Math.max(column.length, ...allCells.map((row) => row[c]!.length)),
  );
  let kept = columns.length;
  if (width !== undefined) {
    kept = 0;
    let used = 0;
    for (const w of allWidths) {
      const next = used + (kept > 0 ? 3 : 0) + w;
      if (kept > 0 && next > width) break;
      used = next;
      kept++;
    }
  }
  const widths = allWidths.slice(0, kept);
  const line = (values: readonly string[]) =>
    values
      .slice(0, kept)
      .map((v, c) => v.padEnd(widths[c]!))
      .join(" | ")
      .trimEnd();
  return {
    lines: [line(columns), widths.map((w) => "-".repeat(w)).join("-+-"), ...allCells.map(line)],
    hidden: columns.length - kept,
  };
}

/** How the block is laid out. */
export interface DevStatusLayout {
  /** The terminal's width in characters: the rows table keeps the columns that fit. Unlimited when absent. */
  width?: number;
}

/** The status block as text lines (no trailing newline). */
export function renderDevStatus(
  status: DevStatus,
  colors: DevStatusColors = plain,
  layout: DevStatusLayout = {},
): string {
  const out: string[] = [];
  const files =
    status.kind === "start"
      ? "start"
      : status.changed.map((c) => (c.event === "unlink" ? `${c.file} (deleted)` : c.file)).join(", ");
  const outcome =
    status.errors.length > 0
      ? colors.red("✗")
      : status.tests && status.tests.failed > 0
        ? colors.yellow("!")
        : colors.green("✓");
  out.push(
    `${outcome} ${colors.bold(clock(status.at))} ${files} ${colors.dim(`(${Math.round(status.timings.totalMs)} ms)`)}`,
  );

  if (status.migrations.length > 0) {
    out.push(`${label("migrated")}${status.migrations.join(", ")}`);
  }
  const applied = status.applied.filter((v) => v.action !== "unchanged");
  applied.forEach((view, i) => {
    const width = Math.max(...applied.map((v) => short(v.name).length));
    out.push(
      `${i === 0 ? label("applied") : indent}${short(view.name).padEnd(width)}  ${view.action}: ${view.reason}`,
    );
  });
  if (
    applied.length === 0 &&
    status.applied.length > 0 &&
    status.kind === "change" &&
    status.errors.length === 0
  ) {
    out.push(`${label("applied")}${colors.dim("nothing: the engine already has these definitions")}`);
  }

  if (status.tests) {
    const tests = status.tests;
    if (tests.cases.length === 0) {
      out.push(`${label("tests")}${colors.dim("none for these views")}`);
    } else {
      const summary = `${tests.passed} passed${tests.failed > 0 ? `, ${tests.failed} failed` : ""}`;
      out.push(`${label("tests")}${tests.failed > 0 ? colors.red(summary) : colors.green(summary)}`);
      for (const result of tests.cases) {
        if (result.status === "passed") continue;
        out.push(
          `${indent}${colors.red(`✗ ${short(result.view)}: ${result.name}`)} ${colors.dim(`(${result.file}:${result.line})`)}`,
        );
        if (result.message) for (const line of result.message.split("\n")) out.push(`${indent}    ${line}`);
        if (result.status === "failed" && result.columns)
          for (const line of renderRowsSideBySide(result, colors)) out.push(`${indent}${line}`);
      }
    }
  }

  if (status.preview) {
    const { view, columns, rows } = status.preview;
    const table = smallTable(
      columns,
      rows,
      layout.width === undefined ? undefined : Math.max(1, layout.width - indent.length),
    );
    const hidden =
      table.hidden > 0 ? `; ${table.hidden} more column${table.hidden === 1 ? "" : "s"} not shown` : "";
    out.push(`${label("rows")}${short(view)} ${colors.dim(`(first ${rows.length}${hidden})`)}`);
    for (const line of table.lines) out.push(`${indent}${line}`);
  }

  for (const problem of status.errors) {
    const where = problemLocation(problem);
    // Engine messages come in lines ("SQL compilation error:\ninvalid identifier …"): one line here.
    const message = problem.message.replace(/\s*\n\s*/g, " ");
    out.push(colors.red(`${label("error")}${where ? `${where}: ` : ""}${message}`));
    if (problem.hint) out.push(`${indent}${colors.dim(problem.hint)}`);
  }
  for (const note of status.notes) out.push(`${label("note")}${note}`);
  return out.join("\n");
}
