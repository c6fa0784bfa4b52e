/** Renderings of a plan: text for terminals, JSON, Markdown, JUnit. */
import type { Plan } from "../plan/index.js";
import { junitDocument } from "./migrate.js";
import { xmlText as xml } from "./xml.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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
    /** What the statement does: create, replace, alter, drop, grant, revoke, comment, transfer. */
    action: string;
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
      action: stepAction(s.sql),
      destructive: s.destructive,
      reason: s.reason,
      object: s.label,
      category: s.category,
    })),
  };
}

/**
 * What a plan statement does, as one lower-case word from its SQL: a revoke says `revoke` even though
 * the object it concerns is labelled `GRANT …`.
 */
export function stepAction(sql: string): string {
  const head = sql.trimStart().toUpperCase();
  if (/^CREATE\s+OR\s+REPLACE\b/.test(head)) return "replace";
  if (/^GRANT\s+OWNERSHIP\b/.test(head)) return "transfer";
  // A policy attachment is what guards tenant rows: say so rather than a bare `alter`.
  if (/^ALTER\s+(TABLE|VIEW)\b.*\bADD\s+ROW\s+ACCESS\s+POLICY\b/s.test(head)) return "attach";
  if (/^ALTER\s+(TABLE|VIEW)\b.*\bDROP\s+(ALL\s+)?ROW\s+ACCESS\s+POLIC/s.test(head)) return "detach";
  const verb = /^[A-Z]+/.exec(head)?.[0] ?? "";
  const words: Record<string, string> = {
    CREATE: "create",
    ALTER: "alter",
    DROP: "drop",
    GRANT: "grant",
    REVOKE: "revoke",
    COMMENT: "comment",
  };
  return words[verb] ?? (verb.toLowerCase() || "run");
}

/** Ordered DDL, destructive steps marked, as a SQL script people can read (and run). */
export function planToText(report: PlanReport): string {
  if (report.steps.length === 0) return `No changes: ${report.environment} matches the declarations.\n`;
  const lines = [
    `-- Plan for ${report.environment} (${report.database}): ${plural(report.steps.length, "step")} for ${plural(report.changes, "change")}${report.destructiveSteps ? `, ${report.destructiveSteps} DESTRUCTIVE` : ""}`,
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
    `${plural(report.steps.length, "step")} for ${plural(report.changes, "change")}${report.destructiveSteps ? `, **${report.destructiveSteps} destructive**` : ""}.`,
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

/**
 * JUnit: one test case per step, each a failure (the environment differs from its declarations
 * until the step runs; destructive ones say so); no steps is one passing case.
 */
export function planToJUnit(report: PlanReport): string {
  const name = `mercurios plan ${report.environment}`;
  const classname = `mercurios.plan.${report.environment}`;
  if (report.steps.length === 0) {
    const ok = `    <testcase classname="${xml(classname)}" name="${xml(`${report.environment} matches the declarations`)}"/>`;
    return junitDocument(name, 1, 0, 0, [ok]);
  }
  const cases = report.steps.map((step) => {
    const title = `${step.number}. ${step.action} ${step.object}`;
    const message = `${step.destructive ? "DESTRUCTIVE: " : ""}${step.reason}`;
    return [
      `    <testcase classname="${xml(classname)}.${xml(step.category)}" name="${xml(title)}">`,
      `      <failure message="${xml(message)}" type="${step.destructive ? "destructive" : "pending"}">${xml(`${step.sql};`)}</failure>`,
      "    </testcase>",
    ].join("\n");
  });
  return junitDocument(name, report.steps.length, report.steps.length, 0, cases);
}
