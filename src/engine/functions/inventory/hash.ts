/**
 * Inventory: Hash functions (https://docs.snowflake.com/en/sql-reference/functions-hash-scalar).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const hash: InventoryEntry[] = inCategory("hash", [{ name: "HASH", status: "covered" }]);
