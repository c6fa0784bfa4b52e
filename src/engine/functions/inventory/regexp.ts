/**
 * Inventory: String functions (regular expressions) (https://docs.snowflake.com/en/sql-reference/functions-regexp).
 * Owner: `fid-semi` (was `fid-text`); only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const regexp: InventoryEntry[] = inCategory("regexp", [
  { name: "REGEXP", syntax: "subject [ NOT ] REGEXP pattern", status: "covered" },
  { name: "REGEXP_COUNT", status: "covered" },
  { name: "REGEXP_INSTR", status: "covered" },
  { name: "REGEXP_LIKE", status: "covered" },
  { name: "REGEXP_REPLACE", status: "covered" },
  { name: "REGEXP_SUBSTR", status: "covered" },
  { name: "REGEXP_SUBSTR_ALL", aliases: ["REGEXP_EXTRACT_ALL"], status: "covered" },
  { name: "RLIKE", status: "covered" },
]);
