/**
 * Inventory: Differential privacy functions (https://docs.snowflake.com/en/sql-reference/functions-differential-privacy).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const differentialPrivacy: InventoryEntry[] = inCategory("differential-privacy", [
  { name: "DP_INTERVAL_HIGH", status: "n/a", service: "privacy" },
  { name: "DP_INTERVAL_LOW", status: "n/a", service: "privacy" },
  { name: "ESTIMATE_REMAINING_DP_AGGREGATES", alsoIn: ["table"], status: "n/a", service: "privacy" },
]);
