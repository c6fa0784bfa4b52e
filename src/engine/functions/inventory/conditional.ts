/**
 * Inventory: Conditional expression functions (https://docs.snowflake.com/en/sql-reference/expressions-conditional).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const conditional: InventoryEntry[] = inCategory("conditional", [
  { name: "BETWEEN", syntax: "expr [ NOT ] BETWEEN lower AND upper", status: "todo" },
  { name: "BOOLAND", status: "todo" },
  { name: "BOOLNOT", status: "todo" },
  { name: "BOOLOR", status: "todo" },
  { name: "BOOLXOR", status: "todo" },
  { name: "CASE", syntax: "CASE [ expr ] WHEN … THEN … [ ELSE … ] END", status: "todo" },
  { name: "COALESCE", status: "todo" },
  { name: "DECODE", status: "todo" },
  { name: "EQUAL_NULL", status: "todo" },
  { name: "GREATEST", status: "todo" },
  { name: "GREATEST_IGNORE_NULLS", status: "todo" },
  { name: "IFF", status: "todo" },
  { name: "IFNULL", status: "todo" },
  { name: "IN", syntax: "value [ NOT ] IN (value, … | subquery)", status: "todo" },
  {
    name: "IS DISTINCT FROM",
    page: "is-distinct-from",
    syntax: "expr1 IS [ NOT ] DISTINCT FROM expr2",
    status: "todo",
  },
  { name: "IS NULL", page: "is-null", syntax: "expr IS [ NOT ] NULL", status: "todo" },
  { name: "IS_NULL_VALUE", alsoIn: ["semistructured"], status: "todo" },
  { name: "LEAST", status: "todo" },
  { name: "LEAST_IGNORE_NULLS", status: "todo" },
  { name: "NULLIF", status: "todo" },
  { name: "NULLIFZERO", status: "todo" },
  { name: "NVL", status: "todo" },
  { name: "NVL2", status: "todo" },
  { name: "REGR_VALX", status: "todo" },
  { name: "REGR_VALY", status: "todo" },
  { name: "ZEROIFNULL", status: "todo" },
]);
