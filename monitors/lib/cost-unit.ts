// Shared shape of the platform's four cost units: one monitor governing one warehouse.
// (monitors/lib/ holds helpers; only top-level files in monitors/ are declaration modules.)
import type { MonitorDeclaration } from "mercurios";

/** Notify at 75 % and 90 %, suspend at 100 % (running queries finish), cut off at 110 %. */
export const TRIGGERS: MonitorDeclaration["triggers"] = [
  { percent: 75, action: "NOTIFY" },
  { percent: 90, action: "NOTIFY" },
  { percent: 100, action: "SUSPEND" },
  { percent: 110, action: "SUSPEND_IMMEDIATE" },
];

export interface CostUnit {
  monitor: string;
  warehouse: string;
  credits: number;
  size: string;
  autoSuspend: number;
  comment: string;
}

/** A monthly resource monitor and the warehouse it governs (AUTO_SUSPEND 60 s, AUTO_RESUME). */
export function costUnit(unit: CostUnit): MonitorDeclaration {
  return {
    name: unit.monitor,
    creditQuota: unit.credits,
    frequency: "MONTHLY",
    triggers: TRIGGERS,
    warehouses: [
      {
        name: unit.warehouse,
        size: unit.size,
        autoSuspend: unit.autoSuspend,
        autoResume: true,
        initiallySuspended: true,
        comment: unit.comment,
      },
    ],
  };
}
