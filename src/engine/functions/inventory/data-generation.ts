/**
 * Inventory: Data generation functions (https://docs.snowflake.com/en/sql-reference/functions-data-generation).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const dataGeneration: InventoryEntry[] = inCategory("data-generation", [
  { name: "NORMAL", status: "covered" },
  { name: "RANDOM", status: "covered" },
  { name: "RANDSTR", status: "covered" },
  { name: "SEQ1", aliases: ["SEQ2", "SEQ4", "SEQ8"], status: "covered" },
  { name: "UNIFORM", status: "covered" },
  { name: "ZIPF", status: "covered" },
]);
