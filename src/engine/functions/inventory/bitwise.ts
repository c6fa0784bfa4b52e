/**
 * Inventory: Bitwise expression functions (https://docs.snowflake.com/en/sql-reference/expressions-byte-bit).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const bitwise: InventoryEntry[] = inCategory("bitwise", [
  { name: "BITAND", status: "todo" },
  { name: "BITNOT", status: "todo" },
  { name: "BITOR", status: "todo" },
  { name: "BITSHIFTLEFT", status: "todo" },
  { name: "BITSHIFTRIGHT", status: "todo" },
  { name: "BITXOR", status: "todo" },
  { name: "GETBIT", status: "todo" },
]);
