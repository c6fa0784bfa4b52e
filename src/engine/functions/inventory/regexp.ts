/**
 * Inventory: String functions (regular expressions) (https://docs.snowflake.com/en/sql-reference/functions-regexp).
 * Owner: `fid-text`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const regexp: InventoryEntry[] = inCategory("regexp", [
  { name: "REGEXP", syntax: "subject [ NOT ] REGEXP pattern", status: "todo" },
  { name: "REGEXP_COUNT", status: "todo" },
  { name: "REGEXP_INSTR", status: "todo" },
  { name: "REGEXP_LIKE", status: "todo" },
  { name: "REGEXP_REPLACE", status: "todo" },
  { name: "REGEXP_SUBSTR", status: "todo" },
  { name: "REGEXP_SUBSTR_ALL", aliases: ["REGEXP_EXTRACT_ALL"], status: "todo" },
  { name: "RLIKE", status: "todo" },
]);
