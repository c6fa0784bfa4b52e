/**
 * Inventory: Conversion functions (https://docs.snowflake.com/en/sql-reference/functions-conversion).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const conversion: InventoryEntry[] = inCategory("conversion", [
  { name: "CAST", status: "covered", forms: ["operator: ::"] },
  { name: "TO_ARRAY", alsoIn: ["semistructured"], status: "todo" },
  { name: "TO_BINARY", status: "todo" },
  { name: "TO_BOOLEAN", status: "todo" },
  { name: "TO_CHAR", aliases: ["TO_VARCHAR"], status: "todo" },
  { name: "TO_DECFLOAT", status: "todo" },
  { name: "TO_DECIMAL", aliases: ["TO_NUMBER", "TO_NUMERIC"], status: "covered" },
  { name: "TO_DOUBLE", status: "todo" },
  { name: "TO_JSON", alsoIn: ["semistructured"], status: "todo" },
  { name: "TO_OBJECT", alsoIn: ["semistructured"], status: "todo" },
  { name: "TO_UUID", status: "todo" },
  { name: "TO_VARIANT", status: "todo" },
  { name: "TO_XML", alsoIn: ["semistructured"], status: "todo" },
  { name: "TRY_CAST", status: "todo" },
  { name: "TRY_TO_BINARY", status: "todo" },
  { name: "TRY_TO_BOOLEAN", status: "todo" },
  { name: "TRY_TO_DECFLOAT", status: "todo" },
  { name: "TRY_TO_DECIMAL", aliases: ["TRY_TO_NUMBER", "TRY_TO_NUMERIC"], status: "covered" },
  { name: "TRY_TO_DOUBLE", status: "todo" },
  { name: "TRY_TO_UUID", status: "todo" },
]);
