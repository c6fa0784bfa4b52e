/**
 * Inventory: Conditional expression functions (https://docs.snowflake.com/en/sql-reference/expressions-conditional).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const conditional: InventoryEntry[] = inCategory("conditional", [
  {
    name: "BETWEEN",
    syntax: "expr [ NOT ] BETWEEN lower AND upper",
    status: "covered",
    note: "bounds and operand compared under their collation (COLLATE, collated columns: src/engine/collation/)",
  },
  { name: "BOOLAND", status: "covered" },
  { name: "BOOLNOT", status: "covered" },
  { name: "BOOLOR", status: "covered" },
  { name: "BOOLXOR", status: "covered" },
  { name: "CASE", syntax: "CASE [ expr ] WHEN … THEN … [ ELSE … ] END", status: "covered" },
  { name: "COALESCE", status: "covered" },
  { name: "DECODE", status: "covered" },
  { name: "EQUAL_NULL", status: "covered" },
  { name: "GREATEST", status: "covered" },
  { name: "GREATEST_IGNORE_NULLS", status: "covered" },
  { name: "IFF", status: "covered" },
  { name: "IFNULL", status: "covered" },
  { name: "IN", syntax: "value [ NOT ] IN (value, … | subquery)", status: "covered" },
  {
    name: "IS DISTINCT FROM",
    page: "is-distinct-from",
    syntax: "expr1 IS [ NOT ] DISTINCT FROM expr2",
    status: "covered",
  },
  { name: "IS NULL", page: "is-null", syntax: "expr IS [ NOT ] NULL", status: "covered" },
  { name: "IS_NULL_VALUE", alsoIn: ["semistructured"], status: "covered" },
  { name: "LEAST", status: "covered" },
  { name: "LEAST_IGNORE_NULLS", status: "covered" },
  { name: "NULLIF", status: "covered" },
  { name: "NULLIFZERO", status: "covered" },
  { name: "NVL", status: "covered" },
  { name: "NVL2", status: "covered" },
  { name: "REGR_VALX", status: "covered" },
  { name: "REGR_VALY", status: "covered" },
  { name: "ZEROIFNULL", status: "covered" },
]);
