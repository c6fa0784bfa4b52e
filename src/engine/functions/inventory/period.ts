/**
 * Inventory: Period functions (https://docs.snowflake.com/en/sql-reference/functions-period).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const period: InventoryEntry[] = inCategory("period", [
  { name: "PERIOD_BEGIN", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_CONSTRUCT", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_CONTAINS", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_END", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_EQUALS", status: "unsupported", note: "the PERIOD data type is not emulated" },
  {
    name: "PERIOD_IMMEDIATELY_PRECEDES",
    status: "unsupported",
    note: "the PERIOD data type is not emulated",
  },
  {
    name: "PERIOD_IMMEDIATELY_SUCCEEDS",
    status: "unsupported",
    note: "the PERIOD data type is not emulated",
  },
  { name: "PERIOD_INTERSECT", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_LDIFF", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_MEETS", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_OVERLAPS", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_PRECEDES", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_RDIFF", status: "unsupported", note: "the PERIOD data type is not emulated" },
  { name: "PERIOD_SUCCEEDS", status: "unsupported", note: "the PERIOD data type is not emulated" },
]);
