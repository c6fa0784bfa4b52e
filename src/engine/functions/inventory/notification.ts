/**
 * Inventory: Notification functions (https://docs.snowflake.com/en/sql-reference/functions-notification).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const notification: InventoryEntry[] = inCategory("notification", [
  { name: "APPLICATION_JSON", status: "n/a", service: "notifications" },
  { name: "EMAIL_INTEGRATION_CONFIG", status: "n/a", service: "notifications" },
  { name: "INTEGRATION", status: "n/a", service: "notifications" },
  { name: "SANITIZE_WEBHOOK_CONTENT", status: "n/a", service: "notifications" },
  { name: "TEXT_HTML", status: "n/a", service: "notifications" },
  { name: "TEXT_PLAIN", status: "n/a", service: "notifications" },
]);
