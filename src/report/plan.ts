/** Renderings of a plan: text for terminals, JSON, Markdown. */
import type { Plan } from "../plan/index.js";

export const PLAN_REPORT_SCHEMA_VERSION = 1;

export interface PlanReport {
  schemaVersion: typeof PLAN_REPORT_SCHEMA_VERSION;
  environment: string;
  database: string;
  changes: number;
  destructiveSteps: number;
  steps: {
    number: number;
    sql: string;
    destructive: boolean;
    reason: string;
    object: string;
    category: string;
  }[];
}

export function buildPlanReport(plan: Plan, meta: { environment: string; database: string }): PlanReport {
  return {
    schemaVersion: PLAN_REPORT_SCHEMA_VERSION,
    environment: meta.environment,
    database: meta.database,
    changes: plan.differences.length,
    destructiveSteps: plan.destructiveSteps,
    steps: plan.steps.map((s) => ({
      number: s.number,
      sql: s.sql,
      destructive: s.destructive,
      reason: s.reason,
      object: s.label,
      category: s.category,
    })),
  };
}

/** Ordered DDL, destructive steps marked, as a SQL script people can read (and run). */
export function planToText(report: PlanReport): string {
  if (report.steps.length === 0) return `No changes: ${report.environment} matches the declarations.\n`;
  const lines = [
    `-- Plan for ${report.environment} (${report.database}): ${report.steps.length} step${report.steps.length === 1 ? "" : "s"} for ${report.changes} change${report.changes === 1 ? "" : "s"}${report.destructiveSteps ? `, ${report.destructiveSteps} DESTRUCTIVE` : ""}`,
  ];
  for (const step of report.steps) {
    lines.push(
      "",
      `-- ${step.number}. ${step.destructive ? "[DESTRUCTIVE] " : ""}${step.object}: ${step.reason} [${step.category}]`,
      `${step.sql};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function planToJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function planToMarkdown(report: PlanReport): string {
  if (report.steps.length === 0) return `### Plan: \`${report.environment}\`\n\nNo changes.\n`;
  const lines = [
    `### Plan: \`${report.environment}\` (${report.database})`,
    "",
    `${report.steps.length} steps for ${report.changes} changes${report.destructiveSteps ? `, **${report.destructiveSteps} destructive**` : ""}.`,
    "",
    "```sql",
  ];
  for (const step of report.steps) {
    lines.push(
      `-- ${step.number}. ${step.destructive ? "[DESTRUCTIVE] " : ""}${step.object}: ${step.reason}`,
      `${step.sql};`,
    );
  }
  lines.push("```");
  return `${lines.join("\n")}\n`;
}
