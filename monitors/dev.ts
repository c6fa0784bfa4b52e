import { defineMonitor } from "mercurios";
import { costUnit } from "./lib/cost-unit.js";

// Quota and size come from config vars (dev_monitor_credits, dev_warehouse_size), so an environment can
// differ; ADMIN.MONITOR_QUOTAS is filled from the same vars for the cost views.
export default defineMonitor(({ vars }) =>
  costUnit({
    monitor: "MERCURIOS_DEV_MONITOR",
    warehouse: String(vars.dev_warehouse ?? "MERCURIOS_DEV_WH"),
    credits: Number(vars.dev_monitor_credits),
    size: String(vars.dev_warehouse_size),
    autoSuspend: Number(vars.auto_suspend_seconds ?? 60),
    comment: "Development work",
  }),
);
