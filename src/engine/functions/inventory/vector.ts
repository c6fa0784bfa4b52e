/**
 * Inventory: Vector functions (https://docs.snowflake.com/en/sql-reference/functions-vector).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const vector: InventoryEntry[] = inCategory("vector", [
  { name: "VECTOR_AVG", alsoIn: ["aggregate"], status: "todo" },
  { name: "VECTOR_COSINE_SIMILARITY", status: "todo" },
  { name: "VECTOR_INNER_PRODUCT", status: "todo" },
  { name: "VECTOR_L1_DISTANCE", status: "todo" },
  { name: "VECTOR_L2_DISTANCE", status: "todo" },
  { name: "VECTOR_MAX", alsoIn: ["aggregate"], status: "todo" },
  { name: "VECTOR_MIN", alsoIn: ["aggregate"], status: "todo" },
  { name: "VECTOR_NORMALIZE", status: "todo" },
  { name: "VECTOR_SUM", alsoIn: ["aggregate"], status: "todo" },
  { name: "VECTOR_TRUNCATE", status: "todo" },
]);
