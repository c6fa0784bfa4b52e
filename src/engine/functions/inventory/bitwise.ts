/**
 * Inventory: Bitwise expression functions (https://docs.snowflake.com/en/sql-reference/expressions-byte-bit).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const bitwise: InventoryEntry[] = inCategory("bitwise", [
  { name: "BITAND", aliases: ["BIT_AND"], status: "covered" },
  { name: "BITNOT", aliases: ["BIT_NOT"], status: "covered" },
  { name: "BITOR", aliases: ["BIT_OR"], status: "covered" },
  { name: "BITSHIFTLEFT", aliases: ["BIT_SHIFTLEFT"], status: "covered" },
  { name: "BITSHIFTRIGHT", aliases: ["BIT_SHIFTRIGHT"], status: "covered" },
  { name: "BITXOR", aliases: ["BIT_XOR"], status: "covered" },
  { name: "GETBIT", status: "covered" },
]);
