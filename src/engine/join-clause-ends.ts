import { QUERY_CLAUSE_ENDS } from "./split/token-walk.js";
/**
 * Words that end a join's ON condition or trailing clause at parenthesis depth 0: the next clause
 * of the query, the next join, or a set operator. Shared by the text rewrites that cut a join's
 * tail out of a statement before parsing (asof-join.ts, directed-joins.ts).
 */
export const JOIN_CLAUSE_ENDS: ReadonlySet<string> = new Set([
  ...QUERY_CLAUSE_ENDS,
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "ASOF",
]);
