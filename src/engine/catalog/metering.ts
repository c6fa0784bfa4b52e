/**
 * Credit metering for warehouses, the way Snowflake bills (see README.md in this folder):
 * a warehouse bills while STARTED, per second, at its size's credits per hour times its running
 * clusters, with at least 60 seconds billed each time it resumes; it suspends itself AUTO_SUSPEND
 * seconds after its last query. Resource monitors add up those credits per period and fire their
 * triggers: NOTIFY is recorded, SUSPEND / SUSPEND_IMMEDIATE suspend the warehouses they govern.
 */
import type { CatalogEnv } from "./context.js";
import { catalogError } from "./errors.js";
import type { ResourceMonitor, Warehouse, WarehouseRun } from "./model.js";
import { creditsPerHour } from "./sizes.js";

/** Starts billing a warehouse from `at`. */
export function openRun(w: Warehouse, at: number, minimum: boolean): void {
  w.runningSince = at;
  w.runMinimum = minimum;
  w.lastActivity = at;
}

/** Stops billing a warehouse at `at`, recording the run. */
export function closeRun(env: CatalogEnv, w: Warehouse, at: number): void {
  if (w.runningSince === null) return;
  env.store.addRun({
    warehouse: w.name,
    size: w.size,
    start: w.runningSince,
    end: Math.max(at, w.runningSince),
    clusters: w.state === "STARTED" ? w.minClusterCount : 1,
    minimum: w.runMinimum,
  });
  w.runningSince = null;
}

/** Credits a run costs: per second, with the 60-second minimum after a resume. */
export function runCredits(run: WarehouseRun, upTo = run.end): number {
  let seconds = Math.max(0, (Math.min(run.end, upTo) - run.start) / 1000);
  if (run.minimum) seconds = Math.max(60, seconds);
  return (seconds * creditsPerHour(run.size) * run.clusters) / 3600;
}

/** When a started warehouse suspends itself if nothing runs on it (null: it never does). */
function autoSuspendAt(w: Warehouse): number | null {
  if (w.state !== "STARTED" || w.autoSuspend === null || w.autoSuspend <= 0) return null;
  return (w.lastActivity ?? w.resumedOn) + w.autoSuspend * 1000;
}

/** Applies auto-suspend lazily: a warehouse idle longer than AUTO_SUSPEND stops at that moment. */
export function settleWarehouse(env: CatalogEnv, w: Warehouse, now = env.now()): boolean {
  const suspendAt = autoSuspendAt(w);
  if (suspendAt === null || now < suspendAt) return false;
  closeRun(env, w, suspendAt);
  w.state = "SUSPENDED";
  w.updatedOn = suspendAt;
  return true;
}

/**
 * Every warehouse run so far, the open ones cut at `now`, or where auto-suspend ends them when
 * nothing has settled the warehouse since (an idle warehouse bills nothing after it stops).
 */
export function allRuns(env: CatalogEnv, now = env.now()): WarehouseRun[] {
  const runs = [...env.store.runs];
  for (const w of env.store.warehouses.values()) {
    if (w.runningSince !== null)
      runs.push({
        warehouse: w.name,
        size: w.size,
        start: w.runningSince,
        end: Math.max(Math.min(now, autoSuspendAt(w) ?? now), w.runningSince),
        clusters: w.minClusterCount,
        minimum: w.runMinimum,
      });
  }
  return runs;
}

/** Start of the monitor's current period (quotas reset at each period boundary). */
export function periodStart(m: ResourceMonitor, now: number): number {
  if (m.frequency === "NEVER") return m.startTime;
  const start = new Date(m.startTime);
  let cursor = new Date(start);
  let k = 0;
  for (;;) {
    const next = new Date(start);
    k++;
    if (m.frequency === "DAILY") next.setUTCDate(start.getUTCDate() + k);
    else if (m.frequency === "WEEKLY") next.setUTCDate(start.getUTCDate() + 7 * k);
    else if (m.frequency === "MONTHLY") next.setUTCMonth(start.getUTCMonth() + k);
    else next.setUTCFullYear(start.getUTCFullYear() + k);
    if (next.getTime() > now) return cursor.getTime();
    cursor = next;
  }
}

/** Warehouses a monitor governs: its own, or every warehouse when it is the account monitor. */
export function governed(env: CatalogEnv, m: ResourceMonitor): Warehouse[] {
  const all = [...env.store.warehouses.values()];
  if (env.store.account.resourceMonitor === m.name) return all;
  return all.filter((w) => w.resourceMonitor === m.name);
}

/** Credits used in the monitor's current period. */
export function usedCredits(env: CatalogEnv, m: ResourceMonitor, now = env.now()): number {
  const names = new Set(governed(env, m).map((w) => w.name));
  const from = Math.max(periodStart(m, now), m.startTime);
  let total = 0;
  for (const run of allRuns(env, now)) {
    if (!names.has(run.warehouse) || run.end < from) continue;
    const clipped = run.start < from ? { ...run, start: from, minimum: false } : run;
    total += runCredits(clipped);
  }
  return total;
}

/** Forgets a monitor's fired triggers and lets the warehouses it suspended resume. */
export async function resetMonitor(env: CatalogEnv, m: ResourceMonitor): Promise<void> {
  m.firedTriggers = [];
  for (const w of env.store.warehouses.values()) {
    if (w.suspendedByMonitor !== m.name) continue;
    w.suspendedByMonitor = null;
    await env.store.putWarehouse(w);
  }
}

/** Checks every monitor with a quota and fires the triggers newly crossed. */
export async function checkMonitors(env: CatalogEnv, now = env.now()): Promise<void> {
  for (const m of env.store.monitors.values()) {
    if (m.creditQuota === null || m.creditQuota <= 0) continue;
    if (m.endTime !== null && now > m.endTime) continue;
    const period = periodStart(m, now);
    if (m.period !== period) {
      // A new period: quotas start over and monitor suspensions lift.
      await resetMonitor(env, m);
      m.period = period;
      await env.store.putMonitor(m);
    }
    const used = usedCredits(env, m, now);
    const pct = (used / m.creditQuota) * 100;
    let changed = false;
    for (const t of [...m.triggers].sort((a, b) => a.percent - b.percent)) {
      if (pct < t.percent || m.firedTriggers.includes(t.percent)) continue;
      m.firedTriggers.push(t.percent);
      changed = true;
      await env.store.addNotification({
        monitor: m.name,
        percent: t.percent,
        action: t.action,
        at: now,
        usedCredits: used,
      });
      if (t.action === "SUSPEND" || t.action === "SUSPEND_IMMEDIATE") {
        for (const w of governed(env, m)) {
          if (w.state === "STARTED") closeRun(env, w, now);
          w.state = "SUSPENDED";
          w.suspendedByMonitor = m.name;
          w.updatedOn = now;
          await env.store.putWarehouse(w);
        }
      }
    }
    if (changed) await env.store.putMonitor(m);
  }
}

/** The error Snowflake gives for a query on a warehouse its monitor suspended. */
export function quotaExceeded(warehouse: string, monitor: string) {
  return catalogError(
    "000606",
    "57P03",
    `Warehouse '${warehouse}' cannot be resumed because resource monitor '${monitor}' has exceeded its quota.`,
  );
}

/** Snowflake's error when a suspended warehouse cannot auto-resume. */
export function warehouseSuspended(warehouse: string) {
  return catalogError(
    "000606",
    "57P03",
    `No active warehouse selected in the current session. Select an active warehouse with the 'use warehouse' command. Warehouse '${warehouse}' is suspended and AUTO_RESUME is false.`,
  );
}
