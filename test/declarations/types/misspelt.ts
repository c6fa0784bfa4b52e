// Declarations with misspelt keys: test/declarations/types.test.ts expects a type error on each
// line marked `// error`, and none elsewhere (this file is compiled by that test, not run).
import { defineMonitor, defineRole, defineTask, defineUser, defineWarehouse } from "../../../src/project/declarations/define.js";

export const literal = defineRole({ name: "A", coment: "x" }); // error
export const inFunction = defineRole(({ database }) => ({ name: "B", coment: database })); // error
export const nested = defineRole(() => ({ name: "C", grants: [{ privileges: ["USAGE"], on: "DATABASE", nme: "X" }] })); // error
export const deeper = defineMonitor(() => ({ name: "M", creditQuota: 1, warehouses: [{ name: "W", sise: "XSMALL" }] })); // error
export const warehouse = defineWarehouse(({ vars }) => ({ name: "W", size: String(vars.size), autoSuspnd: 60 })); // error
export const user = defineUser(() => ({ name: "U", defaultRoll: "R" })); // error
export const task = defineTask(() => ({ schema: "ADMIN", name: "T", warehouse: "W", schedule: "60 MINUTE", as: "SELECT 1", stat: "started" })); // error
