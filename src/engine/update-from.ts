/**
 * UPDATE … FROM: Snowflake counts each target row once ("number of rows updated") and reports how
 * many of them joined more than one source row ("number of multi-joined rows updated"); with
 * ERROR_ON_NONDETERMINISTIC_UPDATE = TRUE such a row is an error. DuckDB updates a multi-joined row
 * once per joined row and counts every time, so the engine counts the joined target rows itself
 * with a query over the same target, FROM list and condition, before running the UPDATE.
 */
import { topLevelKeywords } from "./split/token-walk.js";

/**
 * For DuckDB `UPDATE <target> SET … FROM <sources> [WHERE <condition>]`, a query returning one row:
 * the number of target rows the update changes and how many of them join more than one source
 * row. Null for an UPDATE without FROM.
 */
export function updateJoinCounts(duckSql: string): string | null {
  if (!/\bfrom\b/i.test(duckSql)) return null;
  const {
    tokens,
    at: top,
    text,
  } = topLevelKeywords(duckSql, ["UPDATE", "SET", "FROM", "WHERE", "RETURNING"]);
  const update = top.get("UPDATE");
  const set = top.get("SET");
  const from = top.get("FROM");
  if (update !== 0 || set === undefined || from === undefined || from < set) return null;
  const where = top.get("WHERE");
  const end = top.get("RETURNING") ?? tokens.length;
  const target = text(1, set);
  // The target's alias, or its (last) name, qualifies its rowid.
  const name = /("(?:[^"]|"")*"|[A-Za-z_][\w$]*)\s*$/.exec(target)?.[1] ?? target;
  const sources = text(from + 1, where ?? end);
  const condition = where === undefined ? "TRUE" : text(where + 1, end);
  return `SELECT count(*), count(*) FILTER (WHERE merc_joined > 1) FROM (SELECT count(*) AS merc_joined FROM ${target}, ${sources} WHERE ${condition} GROUP BY ${name}.rowid)`;
}
