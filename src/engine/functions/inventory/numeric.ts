/**
 * Inventory: Numeric functions (https://docs.snowflake.com/en/sql-reference/functions-numeric).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const numeric: InventoryEntry[] = inCategory("numeric", [
  { name: "ABS", status: "covered" },
  { name: "ACOS", status: "todo" },
  { name: "ACOSH", status: "todo" },
  { name: "ASIN", status: "todo" },
  { name: "ASINH", status: "todo" },
  { name: "ATAN", status: "todo" },
  { name: "ATAN2", status: "todo" },
  { name: "ATANH", status: "todo" },
  { name: "CBRT", status: "todo" },
  { name: "CEIL", status: "covered" },
  { name: "COS", status: "todo" },
  { name: "COSH", status: "todo" },
  { name: "COT", status: "todo" },
  { name: "DEGREES", status: "todo" },
  { name: "DIV0", status: "covered" },
  { name: "DIV0NULL", status: "covered" },
  { name: "EXP", status: "todo" },
  { name: "FACTORIAL", status: "covered" },
  { name: "FLOOR", status: "covered" },
  { name: "LN", status: "todo" },
  { name: "LOG", status: "todo" },
  { name: "MOD", status: "covered" },
  { name: "PI", status: "todo" },
  { name: "POW", aliases: ["POWER"], status: "todo" },
  { name: "RADIANS", status: "todo" },
  { name: "ROUND", status: "covered" },
  { name: "SIGN", status: "covered" },
  { name: "SIN", status: "todo" },
  { name: "SINH", status: "todo" },
  { name: "SQRT", status: "todo" },
  { name: "SQUARE", status: "todo" },
  { name: "TAN", status: "todo" },
  { name: "TANH", status: "todo" },
  { name: "TRUNCATE", aliases: ["TRUNC"], page: "trunc", status: "covered" },
  { name: "WIDTH_BUCKET", status: "covered" },
]);
