import { defineMonitor } from "mercurios";
import { costUnit } from "./lib/cost-unit.js";

// Quota and size come from config vars (loading_monitor_credits, loading_warehouse_size), so an environment can
// differ; ADMIN.MONITOR_QUOTAS is filled from the same vars for the cost views.
export default defineMonitor(({ vars }) =>
  costUnit({
    monitor: "MERCURIOS_LOADING_MONITOR",
    warehouse: String(vars.loading_warehouse ?? "MERCURIOS_LOADING_WH"),
    credits: Number(vars.loading_monitor_credits),
    size: String(vars.loading_warehouse_size),
    autoSuspend: Number(vars.auto_suspend_seconds ?? 60),
    comment: "Fivetran and Lambda connector loads into RAW",
  }),
);
