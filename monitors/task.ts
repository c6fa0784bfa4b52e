import { defineMonitor, defineTask } from "mercurios";
import { costUnit } from "./lib/cost-unit.js";
import { partialSql } from "./lib/sql-file.js";

// Quota and size come from config vars (task_monitor_credits, task_warehouse_size), so an environment can
// differ; ADMIN.MONITOR_QUOTAS is filled from the same vars for the cost views.
export default defineMonitor(({ vars }) =>
  costUnit({
    monitor: "MERCURIOS_TASK_MONITOR",
    warehouse: String(vars.task_warehouse ?? "MERCURIOS_TASK_WH"),
    credits: Number(vars.task_monitor_credits),
    size: String(vars.task_warehouse_size),
    autoSuspend: Number(vars.auto_suspend_seconds ?? 60),
    comment: "Scheduled tasks: STANDARD refresh and cost snapshots",
  }),
);

/**
 * The STANDARD refresh: one task per table, chained so receipt lines merge after receipts and stock
 * after articles. The root runs every 15 minutes; each task runs the MERGE in
 * migrations/_partials/standard_merge_<table>.sql (the same statement `mercurios seed` runs).
 * On the local engine the tasks are declared suspended: `mercurios seed` refreshes on demand.
 */
const REFRESH_ORDER = [
  "SHOPS",
  "SUPPLIERS",
  "ARTICLES",
  "CUSTOMERS",
  "RECEIPTS",
  "RECEIPT_LINES",
  "STOCK_LEVELS",
] as const;

export const refreshTasks = REFRESH_ORDER.map((table, index) =>
  defineTask(({ env, database, vars }) => ({
    schema: "STANDARD",
    name: `REFRESH_${table}`,
    warehouse: String(vars.task_warehouse ?? "MERCURIOS_TASK_WH"),
    ...(index === 0 ? { schedule: "15 MINUTE" } : { after: [`REFRESH_${REFRESH_ORDER[index - 1]}`] }),
    as: partialSql(`standard_merge_${table.toLowerCase()}`, { env, database }),
    state: env === "local" ? "suspended" : "started",
    comment: `STANDARD refresh: MERGE ${table} from RAW (latest _FIVETRAN_SYNCED per key, deletes removed)`,
  })),
);

/** Daily cost snapshot at 06:00 UTC, after ACCOUNT_USAGE has caught up with the day before. */
export const dailyCostSnapshot = defineTask(({ env, database, vars }) => ({
  schema: "ADMIN",
  name: "DAILY_COST_SNAPSHOT",
  warehouse: String(vars.task_warehouse ?? "MERCURIOS_TASK_WH"),
  schedule: "USING CRON 0 6 * * * UTC",
  as: partialSql("admin_cost_snapshot", { env, database }),
  state: env === "local" ? "suspended" : "started",
  comment: "One row per monitor per day in ADMIN.COST_SNAPSHOTS",
}));
