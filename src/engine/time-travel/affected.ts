/**
 * The rows a DuckDB UPDATE or DELETE will change, as a query of their rowids over the same target,
 * sources and condition, run before the statement so that their images can be kept (history.ts).
 */
import { topLevelKeywords } from "../split/token-walk.js";

/**
 * For `UPDATE <target> SET … [FROM <sources>] [WHERE <c>]` or `DELETE FROM <target> [USING
 * <sources>] [WHERE <c>]`: `SELECT <alias>.rowid FROM <target>[, <sources>] WHERE <c>`. Null for
 * another shape (a WITH before the statement, RETURNING), which the caller treats as a history reset.
 */
export function affectedRowids(duckSql: string): string | null {
  const {
    tokens,
    at: top,
    text,
  } = topLevelKeywords(duckSql, ["UPDATE", "DELETE", "SET", "FROM", "USING", "WHERE", "RETURNING"]);
  if (top.has("RETURNING")) return null;
  const where = top.get("WHERE");
  const condition = where === undefined ? "TRUE" : text(where + 1, tokens.length);
  let target: string;
  let sources: string | null = null;
  if (top.get("UPDATE") === 0) {
    const set = top.get("SET");
    const from = top.get("FROM");
    if (set === undefined) return null;
    target = text(1, set);
    if (from !== undefined && from > set) sources = text(from + 1, where ?? tokens.length);
  } else if (top.get("DELETE") === 0 && top.get("FROM") === 1) {
    const using = top.get("USING");
    target = text(2, using ?? where ?? tokens.length);
    if (using !== undefined) sources = text(using + 1, where ?? tokens.length);
  } else return null;
  // The target's alias, or its (last) name, qualifies its rowid.
  const name = /("(?:[^"]|"")*"|[A-Za-z_][\w$]*)\s*$/.exec(target)?.[1] ?? target;
  return `SELECT ${name}.rowid FROM ${target}${sources ? `, ${sources}` : ""} WHERE ${condition}`;
}
