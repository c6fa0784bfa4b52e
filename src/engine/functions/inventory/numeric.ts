/**
 * Inventory: Numeric functions (https://docs.snowflake.com/en/sql-reference/functions-numeric).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const numeric: InventoryEntry[] = inCategory("numeric", [
  { name: "ABS", status: "todo" },
  { name: "ACOS", status: "todo" },
  { name: "ACOSH", status: "todo" },
  { name: "ASIN", status: "todo" },
  { name: "ASINH", status: "todo" },
  { name: "ATAN", status: "todo" },
  { name: "ATAN2", status: "todo" },
  { name: "ATANH", status: "todo" },
  { name: "CBRT", status: "todo" },
  { name: "CEIL", status: "todo" },
  { name: "COS", status: "todo" },
  { name: "COSH", status: "todo" },
  { name: "COT", status: "todo" },
  { name: "DEGREES", status: "todo" },
  { name: "DIV0", status: "todo" },
  { name: "DIV0NULL", status: "todo" },
  { name: "EXP", status: "todo" },
  { name: "FACTORIAL", status: "todo" },
  { name: "FLOOR", status: "todo" },
  { name: "LN", status: "todo" },
  { name: "LOG", status: "todo" },
  { name: "MOD", status: "todo" },
  { name: "PI", status: "todo" },
  { name: "POW", aliases: ["POWER"], status: "todo" },
  { name: "RADIANS", status: "todo" },
  { name: "ROUND", status: "todo" },
  { name: "SIGN", status: "todo" },
  { name: "SIN", status: "todo" },
  { name: "SINH", status: "todo" },
  { name: "SQRT", status: "todo" },
  { name: "SQUARE", status: "todo" },
  { name: "TAN", status: "todo" },
  { name: "TANH", status: "todo" },
  { name: "TRUNCATE", aliases: ["TRUNC"], page: "trunc", status: "todo" },
  { name: "WIDTH_BUCKET", status: "todo" },
]);
