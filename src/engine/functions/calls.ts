/**
 * Finding function calls in SQL text with the engine's lexer, so rewrites never touch strings,
 * quoted identifiers or comments.
 */
import { isComment, type Token, tokenize } from "../split/index.js";

/** A call `NAME(arg, …)` found in SQL text; all positions are character offsets. */
export interface FoundCall {
  /** Upper-cased function name. */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Offset of `(` and just past `)`. */
  open: number;
  end: number;
  /** Top-level arguments as trimmed text ranges. */
  args: Array<{ start: number; end: number; text: string; token: Token | null }>;
  /** The token index just after `)` among significant tokens. */
  after: number;
}

/** A replacement of `sql.slice(start, end)` by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Lexed {
  sql: string;
  tokens: Token[];
}

/** Significant tokens (comments dropped) of `sql`. */
export function lex(sql: string, backslashEscapes: boolean): Lexed {
  return { sql, tokens: tokenize(sql, { backslashEscapes }).filter((t) => !isComment(t)) };
}

const charAt = (lexed: Lexed, t: Token | undefined): string =>
  t && t.kind === "punct" ? lexed.sql[t.start]! : "";

/** Every call to one of `names` (upper-case), outermost and nested alike, in text order. */
export function findCalls(lexed: Lexed, names: ReadonlySet<string>): FoundCall[] {
  const { tokens } = lexed;
  const out: FoundCall[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word" || !names.has(t.upper!)) continue;
    if (charAt(lexed, tokens[k + 1]) !== "(") continue;
    // A qualified name (`x.TO_CHAR(`) is someone's own function, not the built-in.
    if (charAt(lexed, tokens[k - 1]) === ".") continue;
    let depth = 0;
    let argStart = k + 2;
    const args: FoundCall["args"] = [];
    let j = k + 1;
    for (; j < tokens.length; j++) {
      const c = charAt(lexed, tokens[j]);
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        depth--;
        if (depth === 0) break;
      } else if (c === "," && depth === 1) {
        args.push(argRange(lexed, argStart, j));
        argStart = j + 1;
      }
    }
    if (j >= tokens.length) continue;
    if (argStart < j) args.push(argRange(lexed, argStart, j));
    out.push({
      name: t.upper!,
      nameStart: t.start,
      nameEnd: t.end,
      open: tokens[k + 1]!.start,
      end: tokens[j]!.end,
      args,
      after: j + 1,
    });
  }
  return out;
}

function argRange(lexed: Lexed, from: number, to: number): FoundCall["args"][number] {
  const first = lexed.tokens[from]!;
  const last = lexed.tokens[to - 1]!;
  return {
    start: first.start,
    end: last.end,
    text: lexed.sql.slice(first.start, last.end),
    token: from === to - 1 ? first : null,
  };
}

/** If the tokens from index `k` are `OVER ( … )`, the offset just past `)`, else null. */
export function overClauseEnd(lexed: Lexed, k: number): { start: number; end: number } | null {
  const t = lexed.tokens[k];
  if (t?.kind !== "word" || t.upper !== "OVER" || charAt(lexed, lexed.tokens[k + 1]) !== "(") return null;
  let depth = 0;
  for (let j = k + 1; j < lexed.tokens.length; j++) {
    const c = charAt(lexed, lexed.tokens[j]);
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return { start: t.start, end: lexed.tokens[j]!.end };
  }
  return null;
}

/** Applies non-overlapping edits; an edit overlapping an earlier-kept one is dropped (a later pass redoes it). */
export function applyEdits(sql: string, edits: Edit[]): { sql: string; skipped: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Edit[] = [];
  let skipped = 0;
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd) {
      skipped++;
      continue;
    }
    kept.push(e);
    lastEnd = e.end;
  }
  let out = sql;
  for (const e of kept.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { sql: out, skipped };
}

/** The value of a single-quoted literal token, or null if the token is not one. */
export function stringLiteralValue(sql: string, token: Token | null): string | null {
  if (token?.kind !== "string") return null;
  return sql.slice(token.start + 1, token.end - 1).replaceAll("''", "'");
}

/** A SQL single-quoted literal for `value`. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
