/**
 * Inventory: Encryption functions (https://docs.snowflake.com/en/sql-reference/functions-encryption).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const encryption: InventoryEntry[] = inCategory("encryption", [
  { name: "DECRYPT", status: "todo" },
  { name: "DECRYPT_RAW", status: "todo" },
  { name: "ENCRYPT", status: "todo" },
  { name: "ENCRYPT_RAW", status: "todo" },
  { name: "TRY_DECRYPT", status: "todo" },
  { name: "TRY_DECRYPT_RAW", status: "todo" },
]);
