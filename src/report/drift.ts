/**
 * The drift report: one versioned, JSON-serialisable document (docs/drift-report-schema.md) and
 * its renderings as text, Markdown (pull-request comment) and JUnit XML (one test case per object).
 */
import { xmlText } from "./xml.js";
import { createTwoFilesPatch } from "diff";
import { type DiffResult, type ObjectDifference, summarise, type UnmanagedObject } from "../diff/index.js";
import { type ChangeCategory, isSqlProperty, type ObjectKind } from "../model/index.js";

export const DRIFT_REPORT_SCHEMA_VERSION = 1;

export interface DriftPropertyEntry {
  property: string;
  declared: string;
  live: string;
  category: ChangeCategory;
  /** Unified diff of the original texts, for SQL bodies (view query, task definition). */
  textDiff?: string;
}

export interface DriftEntry {
  /** missing | changed | unexpected */
  kind: ObjectDifference["kind"];
  objectKind: ObjectKind;
  /** Snowflake kind as people write it: `WAREHOUSE`, `ROLE GRANT`, `FUTURE GRANT`. */
  objectType: string;
  name: string;
  category: ChangeCategory;
  properties: DriftPropertyEntry[];
}

export interface DriftReport {
  schemaVersion: typeof DRIFT_REPORT_SCHEMA_VERSION;
  tool: "mercurios";
  environment: string;
  database: string;
  /** ISO timestamp. */
  generatedAt: string;
  inSync: boolean;
  summary: {
    objectsCompared: number;
    missing: number;
    changed: number;
    unexpected: number;
    byCategory: Record<ChangeCategory, number>;
  };
  drift: DriftEntry[];
  /** Every object compared, with its status: one JUnit test case each. */
  objects: {
    objectType: string;
    name: string;
    category: ChangeCategory;
    status: "in_sync" | DriftEntry["kind"];
  }[];
  introspection?: { roundTrips: number; statements: number; wallMs: number };
  /**
   * Roles, users and warehouses in the account that nothing declares (absent when there are none).
   * Not drift: `inSync` ignores them; `drift --strict` exits 2 on them.
   */
  unmanaged?: { objectType: string; name: string }[];
}

function typeOf(label: string, name: string): string {
  return label.slice(0, label.length - name.length - 1);
}

/** Builds the report document from a diff. */
export function buildDriftReport(
  diff: DiffResult,
  meta: {
    environment: string;
    database: string;
    generatedAt?: Date;
    introspection?: DriftReport["introspection"];
    unmanaged?: readonly UnmanagedObject[];
  },
): DriftReport {
  const summary = summarise(diff);
  const status = new Map(diff.differences.map((d) => [d.key, d.kind]));
  const drift: DriftEntry[] = diff.differences.map((d) => ({
    kind: d.kind,
    objectKind: d.objectKind,
    objectType: typeOf(d.label, d.name),
    name: d.name,
    category: d.category,
    properties: d.properties.map((p) => {
      const entry: DriftPropertyEntry = {
        property: p.label,
        declared: p.declaredText,
        live: p.liveText,
        category: p.category,
      };
      if (isSqlProperty(d.objectKind, p.property)) {
        // One direction everywhere (views diff too): from what is live to what is declared, so `+`
        // lines are what applying the declarations would bring.
        entry.textDiff = createTwoFilesPatch(
          "live",
          "declared",
          `${p.liveText.trim()}\n`,
          `${p.declaredText.trim()}\n`,
          "",
          "",
          {
            context: 3,
          },
        );
        // Keep the hunks only: the file header lines say nothing here.
        entry.textDiff = entry.textDiff.slice(entry.textDiff.indexOf("@@")).trimEnd();
      }
      return entry;
    }),
  }));
  return {
    schemaVersion: DRIFT_REPORT_SCHEMA_VERSION,
    tool: "mercurios",
    environment: meta.environment,
    database: meta.database,
    generatedAt: (meta.generatedAt ?? new Date()).toISOString(),
    inSync: diff.differences.length === 0,
    summary: {
      objectsCompared: diff.compared.length,
      missing: summary.missing,
      changed: summary.changed,
      unexpected: summary.unexpected,
      byCategory: summary.byCategory,
    },
    drift,
    objects: diff.compared.map((c) => ({
      objectType: typeOf(c.label, c.key.slice(c.key.indexOf(":") + 1)),
      name: c.key.slice(c.key.indexOf(":") + 1),
      category: c.category,
      status: status.get(c.key) ?? "in_sync",
    })),
    ...(meta.introspection ? { introspection: meta.introspection } : {}),
    ...(meta.unmanaged && meta.unmanaged.length > 0
      ? { unmanaged: meta.unmanaged.map((u) => ({ objectType: u.objectType, name: u.name })) }
      : {}),
  };
}

/** The unmanaged section of the text report (none when there is nothing unmanaged). */
function unmanagedLines(report: DriftReport): string[] {
  if (!report.unmanaged) return [];
  return [
    "",
    `Unmanaged: ${report.unmanaged.length} in the account, not declared (drift --strict fails on them):`,
    ...report.unmanaged.map((u) => `  ${u.objectType} ${u.name}`),
  ];
}

const VERBS: Record<DriftEntry["kind"], string> = {
  missing: "missing (declared, not live)",
  changed: "changed",
  unexpected: "unexpected (live, not declared)",
};

function summaryLine(report: DriftReport): string {
  const s = report.summary;
  if (report.inSync) return `In sync: ${s.objectsCompared} objects compared in ${report.environment}.`;
  return `Drift in ${report.environment}: ${s.missing} missing, ${s.changed} changed, ${s.unexpected} unexpected (security ${s.byCategory.security}, cost ${s.byCategory.cost}, schema ${s.byCategory.schema}) of ${s.objectsCompared} objects compared.`;
}

/** Plain text for terminals. */
export function driftToText(report: DriftReport): string {
  const lines = [summaryLine(report)];
  for (const entry of report.drift) {
    lines.push("", `${entry.objectType} ${entry.name}: ${VERBS[entry.kind]} [${entry.category}]`);
    for (const p of entry.properties) {
      if (p.textDiff) {
        lines.push(`  ${p.property}: declared and live differ, text diff live -> declared:`);
        lines.push(...p.textDiff.split("\n").map((l) => `    ${l}`));
      } else {
        lines.push(`  ${p.property}: declared ${p.declared}, live ${p.live}`);
      }
    }
  }
  lines.push(...unmanagedLines(report));
  return `${lines.join("\n")}\n`;
}

const md = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Markdown for a pull-request comment. */
export function driftToMarkdown(report: DriftReport): string {
  const s = report.summary;
  const lines = [
    `### Drift report: \`${report.environment}\` (${report.database})`,
    "",
    report.inSync ? `✅ ${summaryLine(report)}` : `⚠️ ${summaryLine(report)}`,
  ];
  if (!report.inSync) {
    lines.push(
      "",
      "| | missing | changed | unexpected |",
      "| --- | ---: | ---: | ---: |",
      `| objects | ${s.missing} | ${s.changed} | ${s.unexpected} |`,
      "",
      "| object | drift | category | property | declared | live |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    const details: string[] = [];
    for (const entry of report.drift) {
      const object = `${entry.objectType} \`${md(entry.name)}\``;
      if (entry.properties.length === 0) {
        lines.push(`| ${object} | ${entry.kind} | ${entry.category} | | | |`);
        continue;
      }
      for (const p of entry.properties) {
        if (p.textDiff) {
          lines.push(`| ${object} | ${entry.kind} | ${p.category} | ${p.property} | see diff below | |`);
          details.push(
            "",
            `<details><summary>${entry.objectType} ${md(entry.name)}: ${p.property} (diff live -> declared)</summary>`,
            "",
            "```diff",
            p.textDiff,
            "```",
            "</details>",
          );
        } else {
          lines.push(
            `| ${object} | ${entry.kind} | ${p.category} | ${p.property} | \`${md(p.declared)}\` | \`${md(p.live)}\` |`,
          );
        }
      }
    }
    lines.push(...details);
  }
  lines.push("", `<sub>mercurios drift report, schema v${report.schemaVersion}, ${report.generatedAt}</sub>`);
  return `${lines.join("\n")}\n`;
}

const xml = xmlText;

/** JUnit XML: one test suite per object type, one test case per object; drift is a failure. */
export function driftToJUnit(report: DriftReport): string {
  const byType = new Map<string, DriftReport["objects"]>();
  for (const object of report.objects) {
    const list = byType.get(object.objectType) ?? [];
    list.push(object);
    byType.set(object.objectType, list);
  }
  const entries = new Map(report.drift.map((d) => [`${d.objectType} ${d.name}`, d]));
  const failures = report.drift.length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mercurios drift ${xml(report.environment)}" tests="${report.objects.length}" failures="${failures}" errors="0" timestamp="${report.generatedAt}">`,
  ];
  for (const [type, objects] of byType) {
    const suiteFailures = objects.filter((o) => o.status !== "in_sync").length;
    lines.push(
      `  <testsuite name="${xml(type)}" tests="${objects.length}" failures="${suiteFailures}" errors="0">`,
    );
    for (const object of objects) {
      const classname = `mercurios.drift.${report.environment}.${type.replace(/ /g, "_")}`;
      const entry = entries.get(`${object.objectType} ${object.name}`);
      if (!entry) {
        lines.push(`    <testcase classname="${xml(classname)}" name="${xml(object.name)}"/>`);
        continue;
      }
      const message =
        entry.kind === "changed"
          ? `${entry.properties.map((p) => p.property).join(", ")} changed`
          : VERBS[entry.kind];
      const body =
        entry.properties.length > 0
          ? entry.properties
              .map((p) =>
                p.textDiff
                  ? `${p.property} (diff live -> declared):\n${p.textDiff}`
                  : `${p.property}: declared ${p.declared}, live ${p.live}`,
              )
              .join("\n")
          : `${entry.objectType} ${entry.name} is ${VERBS[entry.kind]}`;
      lines.push(
        `    <testcase classname="${xml(classname)}" name="${xml(object.name)}">`,
        `      <failure message="${xml(message)}" type="${entry.kind}">${xml(body)}</failure>`,
        "    </testcase>",
      );
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

/** Pretty JSON, the documented schema. */
export function driftToJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export type DriftFormat = "text" | "json" | "markdown" | "junit";

export function renderDrift(report: DriftReport, format: DriftFormat): string {
  switch (format) {
    case "text":
      return driftToText(report);
    case "json":
      return driftToJson(report);
    case "markdown":
      return driftToMarkdown(report);
    case "junit":
      return driftToJUnit(report);
  }
}
