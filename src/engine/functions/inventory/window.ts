/**
 * Inventory: Window functions (https://docs.snowflake.com/en/sql-reference/functions-window).
 * Owner: `fid-agg`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const window: InventoryEntry[] = inCategory("window", [
  { name: "CONDITIONAL_CHANGE_EVENT", status: "covered" },
  { name: "CONDITIONAL_TRUE_EVENT", status: "covered" },
  { name: "CUME_DIST", status: "covered" },
  { name: "DENSE_RANK", status: "covered" },
  { name: "FIRST_VALUE", status: "covered" },
  { name: "INTERPOLATE_BFILL", aliases: ["INTERPOLATE_FFILL"], status: "covered" },
  {
    name: "INTERPOLATE_LINEAR",
    page: "interpolate_bfill",
    status: "unsupported",
    note: "linear gap filling is not emulated; INTERPOLATE_FFILL and INTERPOLATE_BFILL are",
  },
  { name: "LAG", status: "covered" },
  { name: "LAST_VALUE", status: "covered" },
  { name: "LEAD", status: "covered" },
  { name: "NTH_VALUE", status: "covered" },
  { name: "NTILE", status: "covered" },
  { name: "PERCENT_RANK", status: "covered" },
  { name: "RANK", status: "covered" },
  { name: "RATIO_TO_REPORT", status: "covered" },
  { name: "ROW_NUMBER", status: "covered" },
]);
