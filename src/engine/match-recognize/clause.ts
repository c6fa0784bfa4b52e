/**
 * Finds a `<source> MATCH_RECOGNIZE ( … ) [[AS] alias]` in a statement and cuts the clause into its
 * subclauses, as text: the expressions stay Snowflake SQL for the rest of the engine to translate.
 */
import { sfErrors } from "../errors.js";
import { JOIN_CLAUSE_ENDS } from "../join-clause-ends.js";
import { type Token, tokenize } from "../split/index.js";
import { closingParen, fromItemStart, isPunct, isWord } from "../split/token-walk.js";

/** Which rows a match produces. */
export type RowsPerMatch = "ONE" | "ALL";
/** What ALL ROWS PER MATCH does with empty matches and unmatched rows. */
export type EmptyMatches = "SHOW" | "OMIT" | "UNMATCHED";
/** Where the search resumes after a match. */
export type AfterMatchSkip =
  | { kind: "PAST_LAST_ROW" }
  | { kind: "TO_NEXT_ROW" }
  | { kind: "TO_SYMBOL"; which: "FIRST" | "LAST"; symbol: string };

/** One MATCH_RECOGNIZE clause, with the character range of the source and clause it replaces. */
export interface MatchRecognizeClause {
  /** Start of the source (table, view, CTE name or parenthesised subquery) in the statement. */
  start: number;
  /** End of the clause, after its alias if written. */
  end: number;
  /** The source as written, without its alias. */
  source: string;
  /** The source's alias (`t` in `FROM tbl t MATCH_RECOGNIZE`), or null. */
  sourceAlias: string | null;
  /** The alias written after the clause, or null. */
  alias: string | null;
  partitionBy: string[];
  orderBy: string[];
  measures: { expr: string; alias: string }[];
  rowsPerMatch: RowsPerMatch;
  emptyMatches: EmptyMatches;
  skip: AfterMatchSkip;
  pattern: string;
  define: { symbol: string; expr: string }[];
}

/** Words that end a FROM item, so they are never taken for the clause's alias. */
const NOT_ALIASES: ReadonlySet<string> = new Set([
  ...JOIN_CLAUSE_ENDS,
  "ON",
  "USING",
  "LATERAL",
  "SAMPLE",
  "TABLESAMPLE",
  "PIVOT",
  "UNPIVOT",
  "MATCH_RECOGNIZE",
]);

/** The text of tokens first..last (inclusive), as written. */
function span(sql: string, tokens: Token[], first: number, last: number): string {
  return sql.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
}

/** Texts of the comma-separated items of tokens first..last, split at depth 0. */
function items(sql: string, tokens: Token[], first: number, last: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = first;
  for (let i = first; i <= last; i++) {
    if (isPunct(sql, tokens[i], "(")) depth++;
    else if (isPunct(sql, tokens[i], ")")) depth--;
    else if (depth === 0 && isPunct(sql, tokens[i], ",")) {
      if (i > from) out.push(span(sql, tokens, from, i - 1));
      from = i + 1;
    }
  }
  if (last >= from) out.push(span(sql, tokens, from, last));
  return out;
}

/** The source before the keyword: back to the FROM, JOIN or `,` that opens it. */
function sourceOf(sql: string, tokens: Token[], keyword: number): { first: number; alias: number | null } {
  const first = fromItemStart(sql, tokens, keyword);
  if (first > keyword - 1) throw sfErrors.compilation("MATCH_RECOGNIZE needs a table or subquery before it");
  const last = tokens[keyword - 1] as Token;
  const before = tokens[keyword - 2];
  const named = last.kind === "word" || last.kind === "quoted-identifier";
  const aliased =
    named &&
    keyword - 1 > first &&
    before !== undefined &&
    (isWord(before, "AS") ||
      isPunct(sql, before, ")") ||
      before.kind === "word" ||
      before.kind === "quoted-identifier");
  return { first, alias: aliased ? keyword - 1 : null };
}

/** Subclause keywords at the clause's top level, each with where its body starts. */
function sectionStarts(
  sql: string,
  tokens: Token[],
  open: number,
  close: number,
): Map<string, [number, number]> {
  const found = new Map<string, [number, number]>();
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (isPunct(sql, t, "(")) depth++;
    else if (isPunct(sql, t, ")")) depth--;
    if (depth !== 0 || t?.kind !== "word") continue;
    const next = tokens[i + 1];
    const key =
      (t.upper === "PARTITION" || t.upper === "ORDER") && isWord(next, "BY")
        ? t.upper
        : t.upper === "MEASURES" || t.upper === "DEFINE"
          ? t.upper
          : (t.upper === "ONE" && isWord(next, "ROW")) || (t.upper === "ALL" && isWord(next, "ROWS"))
            ? "ROWS"
            : t.upper === "AFTER" && isWord(next, "MATCH")
              ? "AFTER"
              : t.upper === "PATTERN" && isPunct(sql, next, "(")
                ? "PATTERN"
                : null;
    if (key === null || found.has(key)) continue;
    const bodyAt =
      key === "PARTITION" || key === "ORDER" ? i + 2 : key === "MEASURES" || key === "DEFINE" ? i + 1 : i;
    found.set(key, [i, bodyAt]);
  }
  return found;
}

/** The words of tokens first..last, upper-cased and joined by single spaces. */
function words(sql: string, tokens: Token[], first: number, last: number): string {
  return tokens
    .slice(first, last + 1)
    .map((t) => (t.kind === "word" ? t.upper : sql.slice(t.start, t.end)))
    .join(" ");
}

/** A symbol as the pattern and CLASSIFIER() name it: unquoted upper-cased, quoted kept. */
export function symbolName(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed.toUpperCase();
}

function parseRows(text: string): { rowsPerMatch: RowsPerMatch; emptyMatches: EmptyMatches } {
  switch (text) {
    case "ONE ROW PER MATCH":
      return { rowsPerMatch: "ONE", emptyMatches: "SHOW" };
    case "ALL ROWS PER MATCH":
    case "ALL ROWS PER MATCH SHOW EMPTY MATCHES":
      return { rowsPerMatch: "ALL", emptyMatches: "SHOW" };
    case "ALL ROWS PER MATCH OMIT EMPTY MATCHES":
      return { rowsPerMatch: "ALL", emptyMatches: "OMIT" };
    case "ALL ROWS PER MATCH WITH UNMATCHED ROWS":
      return { rowsPerMatch: "ALL", emptyMatches: "UNMATCHED" };
    default:
      throw sfErrors.compilation(`MATCH_RECOGNIZE: invalid rows-per-match clause '${text}'`);
  }
}

function parseSkip(sql: string, tokens: Token[], first: number, last: number): AfterMatchSkip {
  const text = words(sql, tokens, first, last);
  if (text === "AFTER MATCH SKIP PAST LAST ROW") return { kind: "PAST_LAST_ROW" };
  if (text === "AFTER MATCH SKIP TO NEXT ROW") return { kind: "TO_NEXT_ROW" };
  const m = /^AFTER MATCH SKIP TO (?:(FIRST|LAST) )?(\S+)$/.exec(text);
  if (m === null) throw sfErrors.compilation(`MATCH_RECOGNIZE: invalid AFTER MATCH SKIP clause '${text}'`);
  const symbol = span(sql, tokens, last, last);
  return { kind: "TO_SYMBOL", which: m[1] === "FIRST" ? "FIRST" : "LAST", symbol: symbolName(symbol) };
}

/** Parses the clause whose keyword is tokens[keyword] (followed by its `(`). */
function parseAt(sql: string, tokens: Token[], keyword: number): MatchRecognizeClause {
  const open = keyword + 1;
  const close = closingParen(sql, tokens, open);
  if (close < 0) throw sfErrors.compilation("MATCH_RECOGNIZE: unclosed parenthesis");
  const { first, alias: aliasAt } = sourceOf(sql, tokens, keyword);
  const sections = sectionStarts(sql, tokens, open, close);
  const ordered = [...sections.entries()].sort((a, b) => a[1][0] - b[1][0]);
  const body = (key: string): [number, number] | null => {
    const at = sections.get(key);
    if (!at) return null;
    const index = ordered.findIndex(([k]) => k === key);
    const nextStart = ordered[index + 1]?.[1][0] ?? close;
    return [at[1], nextStart - 1];
  };
  const part = body("PARTITION");
  const order = body("ORDER");
  const measures = body("MEASURES");
  const rows = body("ROWS");
  const skip = body("AFTER");
  const pattern = sections.get("PATTERN");
  const define = body("DEFINE");
  if (!pattern) throw sfErrors.compilation("MATCH_RECOGNIZE needs a PATTERN clause");
  const patternClose = closingParen(sql, tokens, pattern[0] + 1);
  const rowsParsed = rows ? parseRows(words(sql, tokens, rows[0], rows[1])) : parseRows("ONE ROW PER MATCH");
  let end = close;
  let alias: string | null = null;
  const after = tokens[close + 1];
  if (isWord(after, "AS") && tokens[close + 2]) {
    end = close + 2;
    alias = span(sql, tokens, end, end);
  } else if (
    (after?.kind === "word" && !NOT_ALIASES.has(after.upper ?? "")) ||
    after?.kind === "quoted-identifier"
  ) {
    end = close + 1;
    alias = span(sql, tokens, end, end);
  }
  return {
    start: (tokens[first] as Token).start,
    end: (tokens[end] as Token).end,
    source: span(
      sql,
      tokens,
      first,
      aliasAt === null ? keyword - 1 : isWord(tokens[aliasAt - 1], "AS") ? aliasAt - 2 : aliasAt - 1,
    ),
    sourceAlias: aliasAt === null ? null : span(sql, tokens, aliasAt, aliasAt),
    alias,
    partitionBy: part ? items(sql, tokens, part[0], part[1]) : [],
    orderBy: order ? items(sql, tokens, order[0], order[1]) : [],
    measures: measures ? items(sql, tokens, measures[0], measures[1]).map(measureItem) : [],
    ...rowsParsed,
    skip: skip ? parseSkip(sql, tokens, skip[0], skip[1]) : { kind: "PAST_LAST_ROW" },
    pattern: sql.slice((tokens[pattern[0] + 1] as Token).end, (tokens[patternClose] as Token).start),
    define: define ? items(sql, tokens, define[0], define[1]).map(defineItem) : [],
  };
}

/** `expr [AS] alias` of MEASURES. */
function measureItem(text: string): { expr: string; alias: string } {
  const tokens = tokenize(text).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const last = tokens.length - 1;
  const aliasToken = tokens[last];
  if (last < 1 || (aliasToken?.kind !== "word" && aliasToken?.kind !== "quoted-identifier"))
    throw sfErrors.compilation(`MATCH_RECOGNIZE: a measure needs an alias: '${text}'`);
  const exprLast = isWord(tokens[last - 1], "AS") ? last - 2 : last - 1;
  return { expr: span(text, tokens, 0, exprLast), alias: span(text, tokens, last, last) };
}

/** `symbol AS expr` of DEFINE. */
function defineItem(text: string): { symbol: string; expr: string } {
  const tokens = tokenize(text).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  if (tokens.length < 3 || !isWord(tokens[1], "AS"))
    throw sfErrors.compilation(`MATCH_RECOGNIZE: a DEFINE item is '<symbol> AS <expression>': '${text}'`);
  return { symbol: symbolName(span(text, tokens, 0, 0)), expr: span(text, tokens, 2, tokens.length - 1) };
}

/** The first MATCH_RECOGNIZE clause of the statement, or null. */
export function findClause(sql: string): MatchRecognizeClause | null {
  if (!/\bMATCH_RECOGNIZE\b/i.test(sql)) return null;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (isWord(tokens[i], "MATCH_RECOGNIZE") && isPunct(sql, tokens[i + 1], "("))
      return parseAt(sql, tokens, i);
  }
  return null;
}
