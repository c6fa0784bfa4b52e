// A resource monitor and the warehouse it governs: one unit of cost.
// Guide: node_modules/mercurios/docs/guide/declarations.md
import { defineMonitor } from "mercurios";

export default defineMonitor({
  name: "__PREFIX___MONITOR",
  creditQuota: 10,
  frequency: "MONTHLY",
  startTimestamp: "IMMEDIATELY",
  triggers: [
    { percent: 80, action: "NOTIFY" },
    { percent: 100, action: "SUSPEND" },
    { percent: 110, action: "SUSPEND_IMMEDIATE" },
  ],
  warehouses: [
    {
      name: "__PREFIX___WH",
      size: "XSMALL",
      autoSuspend: 60,
      autoResume: true,
      initiallySuspended: true,
      comment: "Queries and deployments of __DATABASE__",
    },
  ],
});
