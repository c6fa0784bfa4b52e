/**
 * The rows a DuckDB UPDATE or DELETE will change, as a query of their rowids over the same target,
 * sources and condition, run before the statement so that their images can be kept (history.ts).
 */
import { type Token, tokenize } from "../split/index.js";

/**
 * For `UPDATE <target> SET … [FROM <sources>] [WHERE <c>]` or `DELETE FROM <target> [USING
 * <sources>] [WHERE <c>]`: `SELECT <alias>.rowid FROM <target>[, <sources>] WHERE <c>`. Null for
 * another shape (a WITH before the statement, RETURNING), which the caller treats as a history reset.
 */
export function affectedRowids(duckSql: string): string | null {
  const tokens = tokenize(duckSql, { backslashEscapes: false }).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment" && t.kind !== "semicolon",
  );
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (duckSql[t.start] as string) : "");
  const top = new Map<string, number>();
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const c = ch(tokens[k]);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0) {
      const word = tokens[k]?.upper ?? "";
      if (["UPDATE", "DELETE", "SET", "FROM", "USING", "WHERE", "RETURNING"].includes(word) && !top.has(word))
        top.set(word, k);
    }
  }
  if (top.has("RETURNING")) return null;
  const text = (a: number, b: number): string => duckSql.slice(tokens[a]!.start, tokens[b - 1]!.end);
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
