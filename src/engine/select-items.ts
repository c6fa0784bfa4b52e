/**
 * The items of a statement's outermost SELECT list, found from its tokens (no parse): Snowflake
 * names an unaliased expression's column after its text, and several passes need those texts.
 */
import { tokenize } from "./split/index.js";
import { QUERY_CLAUSE_ENDS } from "./split/token-walk.js";

const SELECT_LIST_END = new Set(["FROM", ...QUERY_CLAUSE_ENDS, "INTO"]);

/**
 * The source text of each item of the statement's outermost SELECT list, in order. Snowflake names
 * an unaliased expression's column after its text, upper-cased.
 */
export function selectItemTexts(sql: string): string[] | null {
  return selectItems(sql)?.map((item) => item.text) ?? null;
}

/** One item of a SELECT list: its text and position in the statement. */
export interface SelectItem {
  text: string;
  start: number;
  end: number;
}

/** The items of the statement's outermost SELECT list, with positions. */
export function selectItems(sql: string): SelectItem[] | null {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  let depth = 0;
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    const ch = t.kind === "punct" ? sql[t.start] : "";
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && t.upper === "SELECT") {
      start = i + 1;
      break;
    }
  }
  if (start < 0) return null;
  while (start < tokens.length && ["DISTINCT", "ALL"].includes(tokens[start]?.upper ?? "")) start++;
  if (tokens[start]?.upper === "TOP") start += 2;
  const items: SelectItem[] = [];
  const push = (a: number, b: number): void => {
    items.push({ text: sql.slice(a, b), start: a, end: b });
  };
  let itemStart = tokens[start]?.start;
  let lastEnd = itemStart;
  depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    const ch = t.kind === "punct" ? sql[t.start] : "";
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (depth < 0) break;
    // `a IS [NOT] DISTINCT FROM b` is an expression, not the FROM clause.
    const distinctFrom = t.upper === "FROM" && tokens[i - 1]?.upper === "DISTINCT";
    // `WITHIN GROUP (ORDER BY …)` belongs to an aggregate call, not the GROUP BY clause.
    const withinGroup = t.upper === "GROUP" && tokens[i - 1]?.upper === "WITHIN";
    if (
      depth === 0 &&
      (ch === "," ||
        (t.kind === "word" && SELECT_LIST_END.has(t.upper ?? "") && !distinctFrom && !withinGroup))
    ) {
      if (itemStart !== undefined && lastEnd !== undefined) push(itemStart, lastEnd);
      if (ch !== ",") return items;
      itemStart = tokens[i + 1]?.start;
      lastEnd = itemStart;
      continue;
    }
    if (t.kind === "semicolon") break;
    lastEnd = t.end;
  }
  if (itemStart !== undefined && lastEnd !== undefined && lastEnd > itemStart) push(itemStart, lastEnd);
  return items;
}
