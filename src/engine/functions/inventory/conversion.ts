/**
 * Inventory: Conversion functions (https://docs.snowflake.com/en/sql-reference/functions-conversion).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const conversion: InventoryEntry[] = inCategory("conversion", [
  { name: "CAST", status: "covered", forms: ["operator: ::"] },
  { name: "TO_ARRAY", alsoIn: ["semistructured"], status: "covered" },
  { name: "TO_BINARY", status: "covered" },
  { name: "TO_BOOLEAN", status: "covered" },
  { name: "TO_CHAR", aliases: ["TO_VARCHAR"], status: "covered" },
  { name: "TO_DECFLOAT", status: "unsupported", note: "the DECFLOAT data type is not emulated" },
  { name: "TO_DECIMAL", aliases: ["TO_NUMBER", "TO_NUMERIC"], status: "covered" },
  { name: "TO_DOUBLE", status: "covered" },
  { name: "TO_JSON", alsoIn: ["semistructured"], status: "covered" },
  { name: "TO_OBJECT", alsoIn: ["semistructured"], status: "covered" },
  { name: "TO_UUID", status: "covered" },
  { name: "TO_VARIANT", status: "covered" },
  { name: "TO_XML", alsoIn: ["semistructured"], status: "covered" },
  { name: "TRY_CAST", status: "covered" },
  { name: "TRY_TO_BINARY", status: "covered" },
  { name: "TRY_TO_BOOLEAN", status: "covered" },
  { name: "TRY_TO_DECFLOAT", status: "unsupported", note: "the DECFLOAT data type is not emulated" },
  { name: "TRY_TO_DECIMAL", aliases: ["TRY_TO_NUMBER", "TRY_TO_NUMERIC"], status: "covered" },
  { name: "TRY_TO_DOUBLE", status: "covered" },
  { name: "TRY_TO_UUID", status: "covered" },
]);
