/**
 * Inventory: Bitwise expression functions (https://docs.snowflake.com/en/sql-reference/expressions-byte-bit).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const bitwise: InventoryEntry[] = inCategory("bitwise", [
  { name: "BITAND", aliases: ["BIT_AND"], status: "todo" },
  { name: "BITNOT", aliases: ["BIT_NOT"], status: "todo" },
  { name: "BITOR", aliases: ["BIT_OR"], status: "todo" },
  { name: "BITSHIFTLEFT", aliases: ["BIT_SHIFTLEFT"], status: "todo" },
  { name: "BITSHIFTRIGHT", aliases: ["BIT_SHIFTRIGHT"], status: "todo" },
  { name: "BITXOR", aliases: ["BIT_XOR"], status: "todo" },
  { name: "GETBIT", status: "todo" },
]);
