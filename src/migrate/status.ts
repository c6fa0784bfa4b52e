/**
 * Where each script stands against the change history: applied, pending, failed, changed (an applied
 * versioned script edited since), out of order (pending but older than the newest applied version),
 * or missing (recorded, but its file is gone). Pure: no database.
 */
import { compareVersions, normaliseVersion } from "../project/migrations/naming.js";
import type { PreparedMigrations, PreparedScript } from "../project/migrations/prepare.js";
import { APPLIED_STATUSES, type HistoryRow, latestRows } from "./history.js";

export type ScriptState = "applied" | "pending" | "failed" | "changed" | "out-of-order" | "missing";

/** One script's standing, as `migrate status` reports it. */
export interface ScriptStatus {
  key: string;
  /** File path, or the recorded path for a missing script. */
  script: string;
  kind: "versioned" | "repeatable" | "always";
  version: string | null;
  description: string;
  schema: string | null;
  state: ScriptState;
  /** Why, in a few words: `never run`, `checksum changed`, `failed at statement 3 of 5`, … */
  reason: string;
  checksum: string | null;
  templateChecksum: string | null;
  /** The checksums recorded when it was applied (or failed). */
  recordedChecksum: string | null;
  recordedTemplateChecksum: string | null;
  /** 1-based number of the failed statement, for failed scripts. */
  failedStatement: number | null;
  errorMessage: string | null;
  installedOn: string | null;
  installedBy: string | null;
}

/** Umzug's name for a script: the key; repeatables add their checksum, always-scripts the run id. */
export function migrationName(prepared: PreparedScript, runId: string): string {
  switch (prepared.script.kind) {
    case "repeatable":
      return `${prepared.script.key}#${prepared.checksum.slice(0, 16)}`;
    case "always":
      return `${prepared.script.key}#${runId}`;
    default:
      return prepared.script.key;
  }
}

/** Names of the migrations the history records as applied (umzug's `executed`). */
export function executedNames(rows: readonly HistoryRow[]): string[] {
  return [...latestRows(rows).values()]
    .filter((r) => APPLIED_STATUSES.includes(r.status))
    .map((r) => r.migration);
}

/** The highest applied version, or null. */
export function newestAppliedVersion(rows: readonly HistoryRow[]): number[] | null {
  let newest: number[] | null = null;
  for (const row of latestRows(rows).values()) {
    if (row.scriptType !== "V" || row.version === null || !APPLIED_STATUSES.includes(row.status)) continue;
    const parts = normaliseVersion(row.version);
    if (newest === null || compareVersions(parts, newest) > 0) newest = parts;
  }
  return newest;
}

/** Every script's status, in run order, then missing ones. */
export function computeStatus(prepared: PreparedMigrations, rows: readonly HistoryRow[]): ScriptStatus[] {
  const latest = latestRows(rows);
  const newest = newestAppliedVersion(rows);
  const out: ScriptStatus[] = [];
  const seen = new Set<string>();
  for (const p of [...prepared.versioned, ...prepared.repeatable, ...prepared.always]) {
    seen.add(p.script.key);
    const row = latest.get(p.script.key) ?? null;
    const base = statusBase(p, row);
    out.push({ ...base, ...stateOf(p, row, newest) });
  }
  for (const row of latest.values()) {
    if (seen.has(row.scriptKey) || row.scriptType === "A" || !APPLIED_STATUSES.includes(row.status)) continue;
    if (row.scriptType === "U") continue;
    out.push({
      key: row.scriptKey,
      script: row.script,
      kind: row.scriptType === "R" ? "repeatable" : "versioned",
      version: row.version,
      description: row.description,
      schema: row.schemaName,
      state: "missing",
      reason:
        `applied ${row.installedOn ?? ""} but the file is gone (or not for environment ${prepared.environment})`.replace(
          "  ",
          " ",
        ),
      checksum: null,
      templateChecksum: null,
      recordedChecksum: row.checksum,
      recordedTemplateChecksum: row.templateChecksum,
      failedStatement: null,
      errorMessage: null,
      installedOn: row.installedOn,
      installedBy: row.installedBy,
    });
  }
  return out;
}

function statusBase(p: PreparedScript, row: HistoryRow | null): Omit<ScriptStatus, "state" | "reason"> {
  return {
    key: p.script.key,
    script: p.script.path,
    kind: p.script.kind === "undo" ? "versioned" : p.script.kind,
    version: p.script.version,
    description: p.script.description,
    schema: p.script.schema,
    checksum: p.checksum,
    templateChecksum: p.templateChecksum,
    recordedChecksum: row?.checksum ?? null,
    recordedTemplateChecksum: row?.templateChecksum ?? null,
    failedStatement: row?.status === "FAILED" ? row.failedStatement : null,
    errorMessage: row?.status === "FAILED" ? row.errorMessage : null,
    installedOn: row?.installedOn ?? null,
    installedBy: row?.installedBy ?? null,
  };
}

function stateOf(
  p: PreparedScript,
  row: HistoryRow | null,
  newest: number[] | null,
): Pick<ScriptStatus, "state" | "reason"> {
  if (p.script.kind === "always") return { state: "pending", reason: "runs on every migrate up" };
  if (row?.status === "FAILED") {
    const edited = row.checksum !== p.checksum;
    return {
      state: "failed",
      reason: `failed at statement ${row.failedStatement ?? "?"}${edited ? "; edited since, will restart from statement 1" : "; will resume there"}`,
    };
  }
  const applied = row !== null && APPLIED_STATUSES.includes(row.status);
  if (p.script.kind === "repeatable") {
    if (!applied) return { state: "pending", reason: row ? `${row.status.toLowerCase()}` : "never run" };
    return row.checksum === p.checksum
      ? { state: "applied", reason: row.status === "SUCCESS" ? "up to date" : row.status.toLowerCase() }
      : { state: "pending", reason: "checksum changed, will run again" };
  }
  if (applied) {
    if (row.templateChecksum !== null && row.templateChecksum !== p.templateChecksum) {
      return { state: "changed", reason: "edited after it was applied" };
    }
    if (row.checksum !== null && row.checksum !== p.checksum && row.status !== "BASELINE") {
      return { state: "applied", reason: "renders differently with the current vars (not re-run)" };
    }
    return { state: "applied", reason: row.status === "SUCCESS" ? "applied" : row.status.toLowerCase() };
  }
  if (newest && compareVersions(p.script.versionParts ?? [], newest) < 0) {
    return { state: "out-of-order", reason: `older than the newest applied version ${newest.join(".")}` };
  }
  return { state: "pending", reason: row ? row.status.toLowerCase() : "never run" };
}
