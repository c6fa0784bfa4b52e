import { defineMonitor } from "mercurios";
import { costUnit } from "./lib/cost-unit.js";

// Quota and size come from config vars (analytics_monitor_credits, analytics_warehouse_size), so an environment can
// differ; ADMIN.MONITOR_QUOTAS is filled from the same vars for the cost views.
export default defineMonitor(({ vars }) =>
  costUnit({
    monitor: "MERCURIOS_ANALYTICS_MONITOR",
    warehouse: String(vars.analytics_warehouse ?? "MERCURIOS_ANALYTICS_WH"),
    credits: Number(vars.analytics_monitor_credits),
    size: String(vars.analytics_warehouse_size),
    autoSuspend: Number(vars.auto_suspend_seconds ?? 60),
    comment: "Analytics queries from dashboards and tenants",
  }),
);
