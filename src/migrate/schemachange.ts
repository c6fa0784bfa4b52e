/**
 * Shared history with schemachange: read what schemachange applied (its change-history table) and
 * record it in ours as BASELINE rows, so `migrate up` runs nothing schemachange already ran. Versioned
 * scripts match by file name (schemachange's SCRIPT column) or version; repeatables only when the
 * file still renders to the checksum schemachange recorded, so a changed one runs again.
 */
import { MigrationError } from "../errors/index.js";
import { schemachangeChecksum } from "../project/migrations/checksum.js";
import { compareVersions, normaliseVersion } from "../project/migrations/naming.js";
import type { PreparedMigrations, PreparedScript } from "../project/migrations/prepare.js";
import { APPLIED_STATUSES, type HistoryRow, latestRows } from "./history.js";
import type { HistoryChange } from "./history-edits.js";
import { historyRow } from "./runner.js";
import {
  isMissingObject,
  LockedSession,
  type LockOptions,
  type MigrationTarget,
  queryTagFor,
  type RunIdentity,
} from "./session.js";

/** One `Success` row of schemachange's change history. */
export interface SchemachangeRow {
  /** `''` for R and A scripts in schemachange; null here. */
  version: string | null;
  /** The file name without `.jinja`. */
  script: string;
  scriptType: string;
  checksum: string | null;
  installedOn: string | null;
}

/** Reads schemachange's successful rows, oldest first. `table` is a qualified SQL name. */
export async function readSchemachangeHistory(
  target: MigrationTarget,
  table: string,
): Promise<SchemachangeRow[]> {
  try {
    const [result] = await target.driver.executeBatch(
      [
        `SELECT VERSION, SCRIPT, SCRIPT_TYPE, CHECKSUM, INSTALLED_ON FROM ${table} WHERE STATUS = 'Success' ORDER BY INSTALLED_ON`,
      ],
      { queryTag: queryTagFor(target, "schemachange") },
    );
    return result!.rows.map(([version, script, scriptType, checksum, installedOn]) => ({
      version: version === null || version === undefined || version === "" ? null : version,
      script: script ?? "",
      scriptType: (scriptType ?? "").toUpperCase(),
      checksum: checksum ?? null,
      installedOn: installedOn ?? null,
    }));
  } catch (error) {
    if (!isMissingObject(error)) throw error;
    throw new MigrationError(
      "SCHEMACHANGE_HISTORY_MISSING",
      `schemachange's change history ${table} does not exist`,
      {
        location: { object: table },
        hint: "Name the table schemachange used (its -c / change-history-table): mercurios migrate baseline --from-schemachange DATABASE.SCHEMA.TABLE",
        cause: error,
      },
    );
  }
}

/** What a baseline from schemachange would record and why the rest is left alone. */
export interface SchemachangePlan {
  /** Scripts to record as applied, with the schemachange row that says so. */
  baseline: { prepared: PreparedScript; reason: string }[];
  /** Scripts left for `migrate up`, with why. */
  left: { script: string; reason: string }[];
  warnings: string[];
}

/**
 * Decides, without touching any database, which scripts schemachange's rows account for. Pure:
 * `ours` is this project's history, `theirs` schemachange's successful rows.
 */
export function planSchemachangeBaseline(
  prepared: PreparedMigrations,
  theirs: readonly SchemachangeRow[],
  ours: readonly HistoryRow[],
): SchemachangePlan {
  const plan: SchemachangePlan = { baseline: [], left: [], warnings: [] };
  const latestOurs = latestRows(ours);
  const applied = (p: PreparedScript) => {
    const row = latestOurs.get(p.script.key);
    return row !== undefined && APPLIED_STATUSES.includes(row.status);
  };
  const byName = new Map<string, SchemachangeRow>();
  for (const row of theirs) byName.set(row.script.toLowerCase(), row); // oldest first: the newest wins
  const versions = theirs.filter(
    (r) => r.scriptType === "V" && r.version !== null && /^\d+(?:[._]\d+)*$/.test(r.version),
  );
  const used = new Set<SchemachangeRow>();

  for (const p of prepared.versioned) {
    const row =
      byName.get(p.script.scriptName.toLowerCase()) ??
      versions.find((r) => compareVersions(normaliseVersion(r.version!), p.script.versionParts ?? []) === 0);
    if (row?.scriptType !== "V") continue;
    used.add(row);
    if (applied(p)) {
      plan.left.push({ script: p.script.path, reason: "already applied here" });
      continue;
    }
    plan.baseline.push({ prepared: p, reason: `schemachange applied ${row.script}${at(row)}` });
  }
  for (const p of prepared.repeatable) {
    const row = byName.get(p.script.scriptName.toLowerCase());
    if (row?.scriptType !== "R") continue;
    used.add(row);
    if (row.checksum !== schemachangeChecksum(p.sql)) {
      plan.left.push({
        script: p.script.path,
        reason: "changed since schemachange ran it (its checksum differs): migrate up runs it",
      });
    } else if (applied(p) && latestOurs.get(p.script.key)?.checksum === p.checksum) {
      plan.left.push({ script: p.script.path, reason: "already applied here" });
    } else {
      plan.baseline.push({ prepared: p, reason: `schemachange ran this text${at(row)}` });
    }
  }

  // schemachange never runs a version at or below its newest one (without --out-of-order); we stop on it.
  const newest = versions.reduce<number[] | null>((max, r) => {
    const parts = normaliseVersion(r.version!);
    return max === null || compareVersions(parts, max) > 0 ? parts : max;
  }, null);
  const baselined = new Set(plan.baseline.map((b) => b.prepared));
  for (const p of prepared.versioned) {
    if (baselined.has(p) || applied(p) || newest === null) continue;
    if (compareVersions(p.script.versionParts ?? [], newest) < 0) {
      plan.warnings.push(
        `${p.script.path} was never applied by schemachange, whose newest version is ${newest.join(".")}: migrate up will stop on it as out of order (run it with --out-of-order, or baseline it with --version)`,
      );
    }
  }
  for (const row of theirs) {
    if (used.has(row) || row.scriptType === "A") continue;
    if (theirs.some((r) => r !== row && used.has(r) && r.script.toLowerCase() === row.script.toLowerCase()))
      continue;
    plan.warnings.push(`schemachange applied ${row.script}, which is not a script of this project`);
  }
  return plan;
}

function at(row: SchemachangeRow): string {
  return row.installedOn ? ` on ${row.installedOn}` : "";
}

/** Records the plan's scripts as BASELINE rows under the lock; changes nothing else. */
export async function recordSchemachangeBaseline(
  prepared: PreparedMigrations,
  target: MigrationTarget,
  identity: RunIdentity,
  lock: LockOptions,
  theirs: readonly SchemachangeRow[],
): Promise<{ changes: HistoryChange[]; left: SchemachangePlan["left"]; warnings: string[] }> {
  const session = await LockedSession.open(target, identity, lock);
  try {
    const plan = planSchemachangeBaseline(prepared, theirs, session.rows());
    const rows = plan.baseline.map(({ prepared: p }, i) =>
      historyRow(target, identity, p, "BASELINE", session.nextRank() + i),
    );
    await session.append(rows);
    return {
      changes: plan.baseline.map(({ prepared: p, reason }) => ({
        key: p.script.key,
        script: p.script.path,
        version: p.script.version,
        status: "BASELINE" as const,
        reason,
      })),
      left: plan.left,
      warnings: plan.warnings,
    };
  } finally {
    await session.release();
  }
}
