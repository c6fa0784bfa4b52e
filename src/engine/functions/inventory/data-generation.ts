/**
 * Inventory: Data generation functions (https://docs.snowflake.com/en/sql-reference/functions-data-generation).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const dataGeneration: InventoryEntry[] = inCategory("data-generation", [
  { name: "NORMAL", status: "todo" },
  { name: "RANDOM", status: "todo" },
  { name: "RANDSTR", status: "todo" },
  { name: "SEQ1", aliases: ["SEQ2", "SEQ4", "SEQ8"], status: "todo" },
  { name: "UNIFORM", status: "todo" },
  { name: "ZIPF", status: "todo" },
]);
