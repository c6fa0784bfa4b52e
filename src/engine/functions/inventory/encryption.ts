/**
 * Inventory: Encryption functions (https://docs.snowflake.com/en/sql-reference/functions-encryption).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const encryption: InventoryEntry[] = inCategory("encryption", [
  {
    name: "DECRYPT",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
  {
    name: "DECRYPT_RAW",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
  {
    name: "ENCRYPT",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
  {
    name: "ENCRYPT_RAW",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
  {
    name: "TRY_DECRYPT",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
  {
    name: "TRY_DECRYPT_RAW",
    status: "unsupported",
    note: "Snowflake's encryption format and passphrase key derivation are not emulated",
  },
]);
