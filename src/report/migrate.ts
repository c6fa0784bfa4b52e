/**
 * Markdown (pull-request comments) and JUnit XML (CI test reports) of `migrate up` and `migrate
 * status`. The shapes below are what these renderings read; the runner's reports (src/migrate)
 * have them, and this module does not depend on the runner.
 */
import { xmlText as xml } from "./xml.js";

/** A script `migrate up` ran, or in a dry run would run. */
export interface MigrationRunEntry {
  script: string;
  kind: string;
  version: string | null;
  statementCount: number;
  startStatement: number;
  durationMs: number;
  /** The SQL as sent (secrets masked). */
  sql: string;
}

export interface MigrationRunReport {
  environment: string;
  dryRun: boolean;
  scripts: MigrationRunEntry[];
  warnings: string[];
  /** The script that failed, when the run stopped (the CLI adds it from the error). */
  failed?: { script: string; error: string };
}

export interface MigrationStatusEntry {
  script: string;
  kind: string;
  version: string | null;
  state: string;
  reason: string;
  errorMessage: string | null;
}

export interface MigrationStatusReport {
  environment: string;
  history: string;
  scripts: MigrationStatusEntry[];
  summary: Record<string, number>;
  lock: { owner: string | null; runId: string | null; expiresAt: string | null } | null;
}

/** States of `migrate status` that make it exit 2: the files and the history disagree. */
export const STATUS_STATES_NEEDING_ATTENTION = [
  "pending",
  "failed",
  "changed",
  "out-of-order",
  "missing",
] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const md = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function kindLabel(entry: { kind: string; version: string | null }): string {
  return entry.version ? `${entry.kind} ${entry.version}` : entry.kind;
}

/** Markdown: what ran (or would), with each script's SQL folded away. */
export function migrateUpToMarkdown(report: MigrationRunReport): string {
  const count = report.scripts.length;
  const lines = [`### Migrations: \`${report.environment}\`${report.dryRun ? " (dry run)" : ""}`, ""];
  if (report.failed) {
    lines.push(`❌ \`${md(report.failed.script)}\` failed: ${md(report.failed.error)}`, "");
  }
  lines.push(
    count === 0
      ? `✅ Nothing to run: ${report.environment} is up to date.`
      : report.dryRun
        ? `${plural(count, "script")} would run; nothing was changed.`
        : `${plural(count, "script")} applied.`,
  );
  for (const warning of report.warnings) lines.push("", `⚠️ ${md(warning)}`);
  if (count > 0) {
    lines.push("", "| # | script | kind | statements |", "| ---: | --- | --- | ---: |");
    report.scripts.forEach((s, i) => {
      const resume = s.startStatement > 1 ? ` (from ${s.startStatement})` : "";
      lines.push(`| ${i + 1} | \`${md(s.script)}\` | ${kindLabel(s)} | ${s.statementCount}${resume} |`);
    });
    for (const s of report.scripts) {
      lines.push(
        "",
        `<details><summary>${md(s.script)}</summary>`,
        "",
        "```sql",
        s.sql.replace(/```/g, "` ` `"),
        "```",
        "",
        "</details>",
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** JUnit: one test case per script; a dry run's scripts are skipped ("would run"), a failure fails. */
export function migrateUpToJUnit(report: MigrationRunReport): string {
  const suite = `mercurios migrate up ${report.environment}${report.dryRun ? " (dry run)" : ""}`;
  const classname = `mercurios.migrate.${report.environment}`;
  const cases = report.scripts.map((s) =>
    report.dryRun
      ? `    <testcase classname="${xml(classname)}" name="${xml(s.script)}"><skipped message="dry run: would run ${xml(plural(s.statementCount, "statement"))}"/></testcase>`
      : `    <testcase classname="${xml(classname)}" name="${xml(s.script)}" time="${seconds(s.durationMs)}"/>`,
  );
  if (report.failed) {
    cases.push(
      `    <testcase classname="${xml(classname)}" name="${xml(report.failed.script)}">`,
      `      <failure message="${xml(report.failed.error.split("\n")[0]!)}" type="MIGRATION_FAILED">${xml(report.failed.error)}</failure>`,
      "    </testcase>",
    );
  }
  const tests = report.scripts.length + (report.failed ? 1 : 0);
  const skipped = report.dryRun ? report.scripts.length : 0;
  return junitDocument(suite, tests, report.failed ? 1 : 0, skipped, cases);
}

/** Markdown: the summary and a table of every script that is not simply applied. */
export function migrateStatusToMarkdown(report: MigrationStatusReport): string {
  const attention = report.scripts.filter((s) => s.state !== "applied");
  const counts = Object.entries(report.summary)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(", ");
  const lines = [
    `### Migration status: \`${report.environment}\``,
    "",
    `${attention.length === 0 ? "✅" : "⚠️"} ${counts || "no scripts"} (history \`${md(report.history)}\`).`,
  ];
  if (report.lock)
    lines.push(
      "",
      `🔒 Locked by ${md(report.lock.owner ?? "an unknown runner")} (run ${report.lock.runId ?? "?"}) until ${report.lock.expiresAt ?? "?"}.`,
    );
  if (attention.length > 0) {
    lines.push("", "| state | script | kind | why |", "| --- | --- | --- | --- |");
    for (const s of attention)
      lines.push(`| ${s.state} | \`${md(s.script)}\` | ${kindLabel(s)} | ${md(s.reason)} |`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * JUnit: one test case per script. Applied passes; pending and out-of-order are skipped (they wait
 * for `migrate up`); failed, changed and missing fail (the files and the history disagree).
 */
export function migrateStatusToJUnit(report: MigrationStatusReport): string {
  const classname = `mercurios.migrate.${report.environment}`;
  let failures = 0;
  let skipped = 0;
  const cases = report.scripts.map((s) => {
    const open = `    <testcase classname="${xml(classname)}" name="${xml(s.script)}"`;
    if (s.state === "applied") return `${open}/>`;
    if (s.state === "pending" || s.state === "out-of-order") {
      skipped++;
      return `${open}><skipped message="${xml(`${s.state}: ${s.reason}`)}"/></testcase>`;
    }
    failures++;
    const body = [s.reason, s.errorMessage].filter(Boolean).join("\n");
    return `${open}>\n      <failure message="${xml(`${s.state}: ${s.reason}`)}" type="${xml(s.state)}">${xml(body)}</failure>\n    </testcase>`;
  });
  return junitDocument(
    `mercurios migrate status ${report.environment}`,
    report.scripts.length,
    failures,
    skipped,
    cases,
  );
}

/** One suite inside `<testsuites>`, as CI reporters read it. */
export function junitDocument(
  name: string,
  tests: number,
  failures: number,
  skipped: number,
  cases: readonly string[],
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
