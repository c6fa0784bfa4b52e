/**
 * Small readers over `tokenize`'s output for the text rewrites that find a clause in a statement
 * before parsing (ASOF JOIN, CONNECT BY, PIVOT, MATCH_RECOGNIZE, Time Travel): one copy here rather
 * than one per rewrite.
 */
import { type Token, tokenize } from "./lexer.js";

/**
 * The words that open a query's clauses after FROM (WHERE … WINDOW) and the set operators: where a
 * FROM list, a join or a clause written before them ends at depth 0. Each rewrite adds its own words.
 */
export const QUERY_CLAUSE_ENDS: readonly string[] = [
  "WHERE",
  "GROUP",
  "HAVING",
  "QUALIFY",
  "ORDER",
  "LIMIT",
  "FETCH",
  "OFFSET",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
  "WINDOW",
];

/** True when `t` is the keyword or identifier `upper` (unquoted, compared upper-case). */
export const isWord = (t: Token | undefined, upper: string): boolean =>
  t?.kind === "word" && t.upper === upper;

/** True when `t` is the punctuation character `ch`. */
export const isPunct = (sql: string, t: Token | undefined, ch: string): boolean =>
  t?.kind === "punct" && sql[t.start] === ch;

/** Nesting depth of each token relative to the first (a parenthesis has the depth of the text around it). */
export function tokenDepths(sql: string, tokens: Token[]): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(sql, t, ")")) depth--;
    out.push(depth);
    if (isPunct(sql, t, "(")) depth++;
  }
  return out;
}

/** Index of the token closing the parenthesis opened at `open`, or -1. */
export function closingParen(sql: string, tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(sql, tokens[i], "(")) depth++;
    else if (isPunct(sql, tokens[i], ")") && --depth === 0) return i;
  }
  return -1;
}

/**
 * The statement's leading WITH clause, up to (not including) the common table expression that
 * holds `position` and those after it, so the engine's own read of a clause's input can name the
 * CTEs defined before it. `tokens` are the statement's without comments.
 */
export function precedingCtes(sql: string, tokens: Token[], position: number): string {
  if (!isWord(tokens[0], "WITH")) return "";
  let i = isWord(tokens[1], "RECURSIVE") ? 2 : 1;
  let end = -1;
  while (i < tokens.length) {
    const asAt = tokens.findIndex((t, k) => k >= i && isWord(t, "AS"));
    if (asAt < 0 || !isPunct(sql, tokens[asAt + 1], "(")) break;
    const bodyClose = closingParen(sql, tokens, asAt + 1);
    if (bodyClose < 0 || (tokens[bodyClose] as Token).end > position) break;
    end = bodyClose;
    if (!isPunct(sql, tokens[bodyClose + 1], ",")) break;
    i = bodyClose + 2;
  }
  return end < 0 ? "" : `${sql.slice(0, (tokens[end] as Token).end)} `;
}

/**
 * The first token of the FROM item a postfix clause (PIVOT, MATCH_RECOGNIZE) at `keyword` applies
 * to: back to the FROM, JOIN or `,` that opens it at the keyword's depth. Equal to `keyword` when
 * nothing stands between that opener and the keyword.
 */
export function fromItemStart(sql: string, tokens: Token[], keyword: number): number {
  let depth = 0;
  let i = keyword - 1;
  for (; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (isPunct(sql, t, ")")) depth++;
    else if (isPunct(sql, t, "(")) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (isWord(t, "FROM") || isWord(t, "JOIN") || isPunct(sql, t, ","))) break;
  }
  return i + 1;
}

/** A DuckDB statement's tokens (no comments or `;`) and where each of some keywords first stands at depth 0. */
export interface TopLevelKeywords {
  tokens: Token[];
  /** Keyword (upper case) → index in `tokens` of its first depth-0 occurrence. */
  at: Map<string, number>;
  /** The text of tokens [from, to), as written. */
  text(from: number, to: number): string;
}

/** Finds `words` at bracket depth 0 in DuckDB SQL (no backslash escapes in its strings). */
export function topLevelKeywords(duckSql: string, words: readonly string[]): TopLevelKeywords {
  const tokens = tokenize(duckSql, { backslashEscapes: false }).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment" && t.kind !== "semicolon",
  );
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (duckSql[t.start] as string) : "");
  const at = new Map<string, number>();
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const c = ch(tokens[k]);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0) {
      const word = tokens[k]?.upper ?? "";
      if (words.includes(word) && !at.has(word)) at.set(word, k);
    }
  }
  const text = (from: number, to: number): string =>
    duckSql.slice((tokens[from] as Token).start, (tokens[to - 1] as Token).end);
  return { tokens, at, text };
}
