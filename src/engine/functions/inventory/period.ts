/**
 * Inventory: Period functions (https://docs.snowflake.com/en/sql-reference/functions-period).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const period: InventoryEntry[] = inCategory("period", [
  { name: "PERIOD_BEGIN", status: "todo" },
  { name: "PERIOD_CONSTRUCT", status: "todo" },
  { name: "PERIOD_CONTAINS", status: "todo" },
  { name: "PERIOD_END", status: "todo" },
  { name: "PERIOD_EQUALS", status: "todo" },
  { name: "PERIOD_IMMEDIATELY_PRECEDES", status: "todo" },
  { name: "PERIOD_IMMEDIATELY_SUCCEEDS", status: "todo" },
  { name: "PERIOD_INTERSECT", status: "todo" },
  { name: "PERIOD_LDIFF", status: "todo" },
  { name: "PERIOD_MEETS", status: "todo" },
  { name: "PERIOD_OVERLAPS", status: "todo" },
  { name: "PERIOD_PRECEDES", status: "todo" },
  { name: "PERIOD_RDIFF", status: "todo" },
  { name: "PERIOD_SUCCEEDS", status: "todo" },
]);
