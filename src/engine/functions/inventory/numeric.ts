/**
 * Inventory: Numeric functions (https://docs.snowflake.com/en/sql-reference/functions-numeric).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const numeric: InventoryEntry[] = inCategory("numeric", [
  { name: "ABS", status: "covered" },
  { name: "ACOS", status: "covered" },
  { name: "ACOSH", status: "covered" },
  { name: "ASIN", status: "covered" },
  { name: "ASINH", status: "covered" },
  { name: "ATAN", status: "covered" },
  { name: "ATAN2", status: "covered" },
  { name: "ATANH", status: "covered" },
  { name: "CBRT", status: "covered" },
  { name: "CEIL", status: "covered" },
  { name: "COS", status: "covered" },
  { name: "COSH", status: "covered" },
  { name: "COT", status: "covered" },
  { name: "DEGREES", status: "covered" },
  { name: "DIV0", status: "covered" },
  { name: "DIV0NULL", status: "covered" },
  { name: "EXP", status: "covered" },
  { name: "FACTORIAL", status: "covered" },
  { name: "FLOOR", status: "covered" },
  { name: "LN", status: "covered" },
  { name: "LOG", status: "covered" },
  { name: "MOD", status: "covered" },
  { name: "PI", status: "covered" },
  { name: "POW", aliases: ["POWER"], status: "covered" },
  { name: "RADIANS", status: "covered" },
  { name: "ROUND", status: "covered" },
  { name: "SIGN", status: "covered" },
  { name: "SIN", status: "covered" },
  { name: "SINH", status: "covered" },
  { name: "SQRT", status: "covered" },
  { name: "SQUARE", status: "covered" },
  { name: "TAN", status: "covered" },
  { name: "TANH", status: "covered" },
  { name: "TRUNCATE", aliases: ["TRUNC"], page: "trunc", status: "covered" },
  { name: "WIDTH_BUCKET", status: "covered" },
]);
