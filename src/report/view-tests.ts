/**
 * The result of running view tests (`mercurios views test`, `dev`, `npm test`) and its renderings:
 * text with each failure's expected and actual rows side by side, JSON, and JUnit XML for CI.
 */
import { xmlText } from "./xml.js";

/** Which expected row meets which actual row in a failed case (see project/view-tests/compare). */
export interface ViewTestRowPair {
  /** Index into `expected`, or null for an actual row nobody expected. */
  expected: number | null;
  /** Index into `actual`, or null for an expected row that did not come. */
  actual: number | null;
  /** Indexes of the columns whose cells differ. */
  differing: number[];
}

/** One test case's outcome. */
export interface ViewTestCaseResult {
  /** Qualified view name, `DB.SCHEMA.VIEW`. */
  view: string;
  /** Test file relative to the project root. */
  file: string;
  /** Line of the case in `file`. */
  line: number;
  name: string;
  status: "passed" | "failed" | "error";
  /** Columns compared (for a failure). */
  columns?: string[];
  /** Expected rows as written, in `columns` order (booleans as `true` / `false`). */
  expected?: (string | number | null)[][];
  /** The view's rows as the engine displays them, in `columns` order. */
  actual?: (string | null)[][];
  /** How expected and actual rows were matched, for the side-by-side table. */
  pairs?: ViewTestRowPair[];
  /** Whether rows were compared in order (`expect.order_by`). */
  ordered?: boolean;
  /** Why it failed, or the error (with file:line). */
  message?: string;
  /** Wall time of the case (truncate, inserts, query, compare). */
  durationMs?: number;
}

/** The outcome of one run. */
export interface ViewTestReport {
  cases: ViewTestCaseResult[];
  passed: number;
  /** Failed and errored cases. */
  failed: number;
  /** Test files run, relative to the project root. */
  files: string[];
}

/** Colour functions for the text rendering (identity by default). */
export interface ViewTestColors {
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
}

const plain: ViewTestColors = { red: (t) => t, green: (t) => t, dim: (t) => t };

const shortView = (name: string) => name.split(".").slice(-2).join(".");

const cellText = (value: string | number | null | undefined) =>
  value === null || value === undefined ? "NULL" : String(value);

/** Beyond this many characters a side-by-side line leaves out the columns that match everywhere. */
export const SIDE_BY_SIDE_MAX_WIDTH = 160;

/** How many leading columns (usually the keys: tenant, shop, day) stay when columns are left out. */
const KEPT_LEADING_COLUMNS = 2;

/**
 * Expected and actual rows side by side, one line per row pair; a differing cell is wrapped in
 * `*…*` (and red), a missing row reads `(no row)`. When the lines would be wider than
 * SIDE_BY_SIDE_MAX_WIDTH, only the leading columns and those that differ somewhere are shown,
 * with a note saying how many matching columns were left out.
 */
export function renderRowsSideBySide(result: ViewTestCaseResult, colors: ViewTestColors = plain): string[] {
  const columns = result.columns ?? [];
  const expected = result.expected ?? [];
  const actual = result.actual ?? [];
  const pairs =
    result.pairs ??
    Array.from({ length: Math.max(expected.length, actual.length) }, (_, i) => ({
      expected: i < expected.length ? i : null,
      actual: i < actual.length ? i : null,
      differing: [] as number[],
    }));
  const mark = (text: string, differs: boolean) => (differs ? `*${text}*` : text);
  const render = (shown: readonly number[]) => {
    const cellsOf = (pair: ViewTestRowPair, side: "expected" | "actual"): string[] | null => {
      const index = pair[side];
      if (index === null) return null;
      const row = side === "expected" ? expected[index] : actual[index];
      return shown.map((c) =>
        side === "actual" ? mark(cellText(row?.[c]), pair.differing.includes(c)) : cellText(row?.[c]),
      );
    };
    const header = shown.map((c) => columns[c] ?? "");
    const rows = pairs.map((pair) => ({
      pair,
      left: cellsOf(pair, "expected"),
      right: cellsOf(pair, "actual"),
    }));
    const widths = header.map((column, k) =>
      Math.max(column.length, ...rows.flatMap((r) => [r.left?.[k]?.length ?? 0, r.right?.[k]?.length ?? 0])),
    );
    const line = (cells: readonly string[] | null) =>
      cells ? cells.map((text, k) => text.padEnd(widths[k] ?? 0)).join("  ") : "(no row)";
    const sideWidth = Math.max(line(header).length, "(no row)".length, "expected".length);
    const out: string[] = [];
    out.push(`      ${"expected".padEnd(sideWidth)} | actual${result.ordered ? " (in order)" : ""}`);
    out.push(`      ${line(header).padEnd(sideWidth)} | ${line(header)}`.trimEnd());
    for (const { pair, left, right } of rows) {
      const differs = pair.differing.length > 0;
      const sign = !differs ? " " : pair.actual === null ? "-" : pair.expected === null ? "+" : "≠";
      const text = `    ${sign} ${line(left).padEnd(sideWidth)} | ${line(right)}`.trimEnd();
      out.push(differs ? colors.red(text) : text);
    }
    return out;
  };
  const all = columns.map((_, c) => c);
  const full = render(all);
  if (Math.max(...full.map((l) => l.length)) <= SIDE_BY_SIDE_MAX_WIDTH) return full;
  // Too wide to read: keep the leading columns and those that differ in a row met on both sides.
  const differing = new Set(
    pairs.flatMap((p) => (p.expected !== null && p.actual !== null ? p.differing : [])),
  );
  const shown = all.filter((c) => c < KEPT_LEADING_COLUMNS || differing.has(c));
  if (differing.size === 0 || shown.length === all.length) return full;
  const left = all.length - shown.length;
  return [
    ...render(shown),
    colors.dim(
      `      (${left} more column${left === 1 ? "" : "s"}, equal in every row met on both sides, not shown)`,
    ),
  ];
}

/** Text: ✓ / ✗ per case; failures with file:line and the side-by-side table; a summary line. */
export function viewTestsToText(report: ViewTestReport, colors: ViewTestColors = plain): string {
  if (report.cases.length === 0) {
    return "No view tests found: add views/<SCHEMA>/<VIEW>.test.yaml beside a view (docs/guide/view-tests.md).\n";
  }
  const out = report.cases.flatMap((result) => viewTestCaseLines(result, colors));
  out.push("", viewTestsSummary(report, colors));
  return `${out.join("\n")}\n`;
}

/** One case as the text report shows it (a failure with its rows side by side); printed as each case finishes. */
export function viewTestCaseLines(result: ViewTestCaseResult, colors: ViewTestColors = plain): string[] {
  if (result.status === "passed") return [`${colors.green("✓")} ${shortView(result.view)}: ${result.name}`];
  const out = [colors.red(`✗ ${shortView(result.view)}: ${result.name}`) + colors.dim(`  (${result.file}:${result.line})`)];
  if (result.message) for (const line of result.message.split("\n")) out.push(`    ${line}`);
  if (result.status === "failed" && result.columns) out.push(...renderRowsSideBySide(result, colors));
  return out;
}

/** The last line: `2 passed, 1 failed (3 cases in 2 files)`. */
export function viewTestsSummary(report: ViewTestReport, colors: ViewTestColors = plain): string {
  const errors = report.cases.filter((c) => c.status === "error").length;
  const failed = report.failed - errors;
  const summary = [`${report.passed} passed`];
  if (failed > 0) summary.push(`${failed} failed`);
  if (errors > 0) summary.push(`${errors} error${errors === 1 ? "" : "s"}`);
  const fileCount = `${report.files.length} file${report.files.length === 1 ? "" : "s"}`;
  const text = `${summary.join(", ")} (${report.cases.length} case${report.cases.length === 1 ? "" : "s"} in ${fileCount})`;
  return report.failed > 0 ? colors.red(text) : colors.green(text);
}

const xml = xmlText;

/** JUnit XML: one test suite per view, one test case per test; the side-by-side text in each failure. */
export function viewTestsToJUnit(report: ViewTestReport): string {
  const byView = new Map<string, ViewTestCaseResult[]>();
  for (const result of report.cases) {
    const list = byView.get(result.view) ?? [];
    list.push(result);
    byView.set(result.view, list);
  }
  const count = (list: ViewTestCaseResult[], status: ViewTestCaseResult["status"]) =>
    list.filter((c) => c.status === status).length;
  const seconds = (list: ViewTestCaseResult[]) =>
    (list.reduce((sum, c) => sum + (c.durationMs ?? 0), 0) / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mercurios views test" tests="${report.cases.length}" failures="${count(report.cases, "failed")}" errors="${count(report.cases, "error")}" time="${seconds(report.cases)}">`,
  ];
  for (const [view, list] of byView) {
    lines.push(
      `  <testsuite name="${xml(view)}" tests="${list.length}" failures="${count(list, "failed")}" errors="${count(list, "error")}" time="${seconds(list)}" file="${xml(list[0]!.file)}">`,
    );
    for (const result of list) {
      const open = `    <testcase classname="${xml(view)}" name="${xml(result.name)}" file="${xml(result.file)}" line="${result.line}" time="${((result.durationMs ?? 0) / 1000).toFixed(3)}"`;
      if (result.status === "passed") {
        lines.push(`${open}/>`);
        continue;
      }
      const tag = result.status === "failed" ? "failure" : "error";
      const body = [
        `${result.file}:${result.line}`,
        ...(result.message ? [result.message] : []),
        ...(result.status === "failed" && result.columns ? renderRowsSideBySide(result) : []),
      ].join("\n");
      lines.push(`${open}>`);
      lines.push(`      <${tag} message="${xml(result.message ?? "rows differ")}">${xml(body)}</${tag}>`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

export type ViewTestFormat = "text" | "json" | "junit";

/**
 * JUnit for test files that could not run because they are invalid: one test case per problem, each
 * an error naming the file and line, so a CI report says what failed instead of being empty.
 */
export function invalidViewTestsToJUnit(
  problems: readonly { file: string; line?: number; message: string }[],
): string {
  const name = "mercurios views test";
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" tests="${problems.length}" failures="0" errors="${problems.length}">`,
    `  <testsuite name="invalid view test files" tests="${problems.length}" failures="0" errors="${problems.length}">`,
  ];
  for (const problem of problems) {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
    lines.push(
      `    <testcase classname="mercurios.views.invalid" name="${xml(where)}" file="${xml(problem.file)}"${problem.line === undefined ? "" : ` line="${problem.line}"`}>`,
      `      <error message="${xml(problem.message.split("\n")[0]!)}" type="VIEW_TEST_INVALID">${xml(`${where}: ${problem.message}`)}</error>`,
      "    </testcase>",
    );
  }
  lines.push("  </testsuite>", "</testsuites>");
  return `${lines.join("\n")}\n`;
}

export function renderViewTests(
  report: ViewTestReport,
  format: ViewTestFormat,
  colors?: ViewTestColors,
): string {
  switch (format) {
    case "text":
      return viewTestsToText(report, colors);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "junit":
      return viewTestsToJUnit(report);
  }
}
