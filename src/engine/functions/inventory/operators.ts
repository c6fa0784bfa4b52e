/**
 * Inventory: Operators (https://docs.snowflake.com/en/sql-reference/operators).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const operators: InventoryEntry[] = inCategory("operators", [
  { name: "+", page: "operators-arithmetic", syntax: "a + b", status: "covered", forms: ["unary: + a"] },
  { name: "-", page: "operators-arithmetic", syntax: "a - b", status: "covered", forms: ["unary: - a"] },
  { name: "*", page: "operators-arithmetic", syntax: "a * b", status: "covered" },
  { name: "/", page: "operators-arithmetic", syntax: "a / b", status: "covered" },
  { name: "%", page: "operators-arithmetic", syntax: "a % b", status: "covered" },
  { name: "=", page: "operators-comparison", syntax: "a = b", status: "covered" },
  { name: "==", page: "operators-comparison", syntax: "a == b", status: "covered" },
  { name: "!=", page: "operators-comparison", syntax: "a != b", status: "covered" },
  { name: "<>", page: "operators-comparison", syntax: "a <> b", status: "covered" },
  { name: "<", page: "operators-comparison", syntax: "a < b", status: "covered" },
  { name: "<=", page: "operators-comparison", syntax: "a <= b", status: "covered" },
  { name: ">", page: "operators-comparison", syntax: "a > b", status: "covered" },
  { name: ">=", page: "operators-comparison", syntax: "a >= b", status: "covered" },
  { name: "AND", page: "operators-logical", syntax: "a AND b", status: "covered" },
  { name: "OR", page: "operators-logical", syntax: "a OR b", status: "covered" },
  { name: "NOT", page: "operators-logical", syntax: "NOT a", status: "covered" },
  {
    name: "UNION",
    page: "operators-query",
    syntax: "query UNION [ ALL ] [ BY NAME ] query",
    status: "covered",
  },
  { name: "INTERSECT", page: "operators-query", syntax: "query INTERSECT query", status: "covered" },
  {
    name: "MINUS",
    aliases: ["EXCEPT"],
    page: "operators-query",
    syntax: "query { MINUS | EXCEPT } query",
    status: "covered",
  },
  { name: "EXISTS", page: "operators-subquery", syntax: "[ NOT ] EXISTS ( subquery )", status: "covered" },
  {
    name: "ANY",
    aliases: ["SOME", "ALL"],
    page: "operators-subquery",
    syntax: "expr op { ANY | SOME | ALL } ( subquery )",
    status: "covered",
  },
  {
    name: "IN",
    page: "operators-subquery",
    syntax: "expr [ NOT ] IN ( subquery )",
    status: "covered",
  },
  { name: "->>", page: "operators-flow", syntax: "statement ->> statement", status: "covered" },
]);
