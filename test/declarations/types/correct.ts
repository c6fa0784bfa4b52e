// Correct declarations in both forms: test/declarations/types.test.ts expects no type error here.
import { defineMonitor, defineRole, defineUser, defineWarehouse } from "../../../src/project/declarations/define.js";

export const role = defineRole(({ database, schemas }) => ({
  name: "OK",
  comment: "fine",
  parents: ["SYSADMIN"],
  grants: [
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    ...schemas.map((schema) => ({ privileges: ["USAGE", "CREATE VIEW"], on: "SCHEMA", name: schema })),
  ],
  futureGrants: [{ privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA", name: "ANALYTICS" }],
}));
export const literal = defineRole({ name: "R", comment: null, parents: [] });
export const monitor = defineMonitor(({ vars }) => ({
  name: "M",
  creditQuota: Number(vars.quota),
  frequency: "MONTHLY",
  startTimestamp: "IMMEDIATELY",
  triggers: [
    { percent: 80, action: "NOTIFY" },
    { percent: 100, action: "SUSPEND" },
  ],
  warehouses: [{ name: "W", size: "XSMALL", autoSuspend: null, autoResume: true, comment: "c" }],
}));
export const warehouse = defineWarehouse({ name: "W2", size: "X-Small", resourceMonitor: null });
export const user = defineUser({ name: "U", type: "SERVICE", rsaPublicKey: { env: "KEY" }, roles: ["R"] });
