/**
 * Column names of parenthesised queries. Snowflake names an unaliased expression's column after its
 * text in every query, not only the outermost: `SELECT * FROM (SELECT seq2(0) FROM …)` shows a
 * column SEQ2(0), and the outer query can refer to it as "SEQ2(0)". DuckDB would name it after its
 * own rendering of the expression, so each parenthesised query gets the aliases the outermost
 * SELECT gets (translate.ts nameResultColumns), written into the text before the statement is parsed.
 */
import { tokenize } from "./split/index.js";

/** An insertion or replacement in a statement's text. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Adds Snowflake's column names to the unaliased items of every parenthesised query (derived tables,
 * CTE bodies, subqueries) of `sql`. `nameItems` gives the alias edits for one query's outermost
 * SELECT list, positions relative to that query's text; it returns [] for a text it cannot parse.
 */
export function nameSubqueryColumns(sql: string, nameItems: (query: string) => Edit[]): string {
  if (!/\(\s*(select|with)\b/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const edits: Edit[] = [];
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    const ch = t.kind === "punct" ? sql[t.start] : "";
    if (ch === "(") open.push(i);
    else if (ch === ")") {
      const start = open.pop();
      if (start === undefined) continue;
      const first = tokens[start + 1];
      if (first?.upper !== "SELECT" && first?.upper !== "WITH") continue;
      const from = (tokens[start] as (typeof tokens)[number]).end;
      for (const edit of nameItems(sql.slice(from, t.start)))
        edits.push({ start: edit.start + from, end: edit.end + from, text: edit.text });
    }
  }
  if (edits.length === 0) return sql;
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of edits) {
    // Queries nest but their select lists do not overlap; an overlap means a misread, so stop.
    if (edit.start < at) return sql;
    out += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + sql.slice(at);
}
