/**
 * Inventory: Window functions (https://docs.snowflake.com/en/sql-reference/functions-window).
 * Owner: `fid-text`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const window: InventoryEntry[] = inCategory("window", [
  { name: "CONDITIONAL_CHANGE_EVENT", status: "todo" },
  { name: "CONDITIONAL_TRUE_EVENT", status: "todo" },
  { name: "CUME_DIST", status: "todo" },
  { name: "DENSE_RANK", status: "todo" },
  { name: "FIRST_VALUE", status: "todo" },
  { name: "INTERPOLATE_BFILL", aliases: ["INTERPOLATE_FFILL", "INTERPOLATE_LINEAR"], status: "todo" },
  { name: "LAG", status: "todo" },
  { name: "LAST_VALUE", status: "todo" },
  { name: "LEAD", status: "todo" },
  { name: "NTH_VALUE", status: "todo" },
  { name: "NTILE", status: "todo" },
  { name: "PERCENT_RANK", status: "todo" },
  { name: "RANK", status: "todo" },
  { name: "RATIO_TO_REPORT", status: "todo" },
  { name: "ROW_NUMBER", status: "todo" },
]);
