/**
 * Inventory: Organization user and organization user group functions (https://docs.snowflake.com/en/sql-reference/functions-organization-users).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const organizationUsers: InventoryEntry[] = inCategory("organization-users", [
  { name: "IS_ORGANIZATION_USER", status: "n/a", service: "organization" },
  { name: "IS_ORGANIZATION_USER_GROUP", status: "n/a", service: "organization" },
]);
