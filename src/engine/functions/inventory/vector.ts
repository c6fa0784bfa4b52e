/**
 * Inventory: Vector functions (https://docs.snowflake.com/en/sql-reference/functions-vector).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const vector: InventoryEntry[] = inCategory("vector", [
  {
    name: "VECTOR_AVG",
    alsoIn: ["aggregate"],
    status: "unsupported",
    note: "the VECTOR data type is not emulated",
  },
  { name: "VECTOR_COSINE_SIMILARITY", status: "unsupported", note: "the VECTOR data type is not emulated" },
  { name: "VECTOR_INNER_PRODUCT", status: "unsupported", note: "the VECTOR data type is not emulated" },
  { name: "VECTOR_L1_DISTANCE", status: "unsupported", note: "the VECTOR data type is not emulated" },
  { name: "VECTOR_L2_DISTANCE", status: "unsupported", note: "the VECTOR data type is not emulated" },
  {
    name: "VECTOR_MAX",
    alsoIn: ["aggregate"],
    status: "unsupported",
    note: "the VECTOR data type is not emulated",
  },
  {
    name: "VECTOR_MIN",
    alsoIn: ["aggregate"],
    status: "unsupported",
    note: "the VECTOR data type is not emulated",
  },
  { name: "VECTOR_NORMALIZE", status: "unsupported", note: "the VECTOR data type is not emulated" },
  {
    name: "VECTOR_SUM",
    alsoIn: ["aggregate"],
    status: "unsupported",
    note: "the VECTOR data type is not emulated",
  },
  { name: "VECTOR_TRUNCATE", status: "unsupported", note: "the VECTOR data type is not emulated" },
]);
