/**
 * History edits that run no script: `migrate baseline` records scripts as applied, `migrate repair`
 * realigns checksums and clears failures. Both write under the migration lock.
 */
import { compareVersions, normaliseVersion } from "../project/migrations/naming.js";
import type { PreparedMigrations } from "../project/migrations/prepare.js";
import { APPLIED_STATUSES, type HistoryRow, type HistoryStatus, latestRows } from "./history.js";
import { historyRow, targetScript } from "./runner.js";
import { LockedSession, type LockOptions, type MigrationTarget, type RunIdentity } from "./session.js";
import { computeStatus } from "./status.js";

/** What `baseline` and `repair` wrote. */
export interface HistoryChange {
  key: string;
  script: string;
  version: string | null;
  status: HistoryStatus;
  reason: string;
}

/** `migrate baseline --version V`: records versioned scripts up to V as applied without running them. */
export async function baselineHistory(
  prepared: PreparedMigrations,
  target: MigrationTarget,
  identity: RunIdentity,
  lock: LockOptions,
  version: string,
): Promise<HistoryChange[]> {
  targetScript(prepared, version);
  const parts = normaliseVersion(version);
  const session = await LockedSession.open(target, identity, lock);
  try {
    const latest = latestRows(session.rows());
    const rows: HistoryRow[] = [];
    const changes: HistoryChange[] = [];
    for (const p of prepared.versioned) {
      if (compareVersions(p.script.versionParts ?? [], parts) > 0) continue;
      const row = latest.get(p.script.key);
      if (row && APPLIED_STATUSES.includes(row.status)) continue;
      rows.push(historyRow(target, identity, p, "BASELINE", session.nextRank() + rows.length));
      changes.push({
        key: p.script.key,
        script: p.script.path,
        version: p.script.version,
        status: "BASELINE",
        reason: "recorded as applied without running",
      });
    }
    await session.append(rows);
    return changes;
  } finally {
    await session.release();
  }
}

/**
 * `migrate repair`: accepts edited applied versioned scripts (records their current checksums) and
 * clears failed scripts so the next `up` runs them from statement 1.
 */
export async function repairHistory(
  prepared: PreparedMigrations,
  target: MigrationTarget,
  identity: RunIdentity,
  lock: LockOptions,
): Promise<HistoryChange[]> {
  const session = await LockedSession.open(target, identity, lock);
  try {
    const statuses = computeStatus(prepared, session.rows());
    const byKey = new Map([...prepared.versioned, ...prepared.repeatable].map((p) => [p.script.key, p]));
    const rows: HistoryRow[] = [];
    const changes: HistoryChange[] = [];
    for (const s of statuses) {
      const p = byKey.get(s.key);
      if (!p) continue;
      const rank = session.nextRank() + rows.length;
      if (s.state === "changed") {
        rows.push(historyRow(target, identity, p, "REPAIRED", rank));
        changes.push({
          key: s.key,
          script: s.script,
          version: s.version,
          status: "REPAIRED",
          reason: "checksums realigned with the file",
        });
      } else if (s.state === "failed") {
        rows.push(historyRow(target, identity, p, "CLEARED", rank));
        changes.push({
          key: s.key,
          script: s.script,
          version: s.version,
          status: "CLEARED",
          reason: `failure at statement ${s.failedStatement ?? "?"} cleared; next up runs it from statement 1`,
        });
      }
    }
    await session.append(rows);
    return changes;
  } finally {
    await session.release();
  }
}
