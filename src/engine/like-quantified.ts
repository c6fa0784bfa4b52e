/**
 * `subject [NOT] LIKE | ILIKE ANY | SOME | ALL (pattern, …) [ESCAPE 'c']` spelled out as one
 * comparison per pattern, in parentheses, before the transpiler sees it (functions/like_any,
 * ilike_any, like_all). The transpiler expands it itself but gets three forms wrong: with an alias
 * it drops ANY (`c LIKE ('a', 'x') AS m`), `c NOT LIKE ANY (…)` becomes `NOT c LIKE 'a' OR …`
 * (a different predicate), and `NOT c LIKE ANY (…)` reaches DuckDB unexpanded. An infix NOT
 * applies to each pattern (`x NOT LIKE ANY (a, b)` is `x NOT LIKE a OR x NOT LIKE b`); a NOT
 * before the subject, the form the pages document, negates the whole group. A subquery list
 * (`LIKE ANY (SELECT …)`) is left to the transpiler.
 */
import { type Token, tokenize } from "./split/index.js";
import { closingParen, isPunct } from "./split/token-walk.js";

const QUANTIFIED = /\bI?LIKE\s+(?:ANY|SOME|ALL)\s*\(/i;

/** Words that cannot end a subject: the walk back over the subject stops before them. */
const NOT_SUBJECT = new Set([
  "SELECT",
  "WHERE",
  "AND",
  "OR",
  "NOT",
  "WHEN",
  "THEN",
  "ELSE",
  "ON",
  "HAVING",
  "QUALIFY",
  "CASE",
  "IN",
  "IS",
  "BY",
  "AS",
  "SET",
  "RETURN",
  "DISTINCT",
  "ALL",
  "LIKE",
  "ILIKE",
  "BETWEEN",
  "EXISTS",
]);

/** Index of the token opening the group that `close` (`)` or `]`) closes, or -1. */
function openingOf(sql: string, tokens: Token[], close: number): number {
  const [open, shut] = isPunct(sql, tokens[close], ")") ? ["(", ")"] : ["[", "]"];
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (isPunct(sql, tokens[i], shut)) depth++;
    else if (isPunct(sql, tokens[i], open) && --depth === 0) return i;
  }
  return -1;
}

/**
 * Index of the first token of the subject that ends at `last`: names, quoted names, literals,
 * calls, parenthesised expressions, joined by `.`, `:` and `::` and followed by `[…]`; -1 when the
 * text before the operator is no such subject.
 */
function subjectStart(sql: string, tokens: Token[], last: number): number {
  let i = last;
  let start = -1;
  for (;;) {
    const t = tokens[i];
    if (t === undefined) return start;
    if (isPunct(sql, t, ")") || isPunct(sql, t, "]")) {
      const open = openingOf(sql, tokens, i);
      if (open < 0) return -1;
      start = open;
      i = open - 1;
      // A call's name (or an index's array) stands right before its parenthesis or bracket.
      const before = tokens[i];
      if (before?.kind === "word" && !NOT_SUBJECT.has(before.upper ?? "")) continue;
      if (isPunct(sql, t, "]")) continue;
    } else if (
      t.kind === "string" ||
      t.kind === "quoted-identifier" ||
      (t.kind === "word" && !NOT_SUBJECT.has(t.upper ?? ""))
    ) {
      start = i;
      i--;
    } else {
      return start;
    }
    // Joined to what stands before by `.`, `:` or `::`?
    if (isPunct(sql, tokens[i], ".") || isPunct(sql, tokens[i], ":")) {
      i--;
      if (isPunct(sql, tokens[i], ":")) i--;
      continue;
    }
    return start;
  }
}

/** The top-level comma-separated items between `open` and its closing token, as text. */
function listItems(sql: string, tokens: Token[], open: number, close: number): string[] {
  const items: string[] = [];
  let depth = 0;
  let from = tokens[open + 1]?.start ?? 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (isPunct(sql, t, "(") || isPunct(sql, t, "[")) depth++;
    else if (isPunct(sql, t, ")") || isPunct(sql, t, "]")) depth--;
    else if (depth === 0 && isPunct(sql, t, ",")) {
      items.push(sql.slice(from, t?.start).trim());
      from = t?.end ?? from;
    }
  }
  items.push(sql.slice(from, tokens[close]?.start).trim());
  return items;
}

/**
 * A comment in front of an expansion that keeps the text as written, so a result column named by its
 * expression (translate.ts nameResultColumns) is named `X LIKE ANY (…)`, as Snowflake names it, and
 * not by the expansion: the expansion's length, then the written text in base64.
 */
function marker(written: string, expansion: string): string {
  return `/*MERC_LQ:${expansion.length}:${Buffer.from(written, "utf8").toString("base64")}*/`;
}

const MARKER = /\(\/\*MERC_LQ:(\d+):([A-Za-z0-9+/=]*)\*\//g;

/** `text` with each marked expansion back to the quantified LIKE it was written as. */
export function revealQuantifiedLike(text: string): string {
  if (!text.includes("MERC_LQ:")) return text;
  let out = "";
  let at = 0;
  for (const m of text.matchAll(MARKER)) {
    const expansionEnd = (m.index ?? 0) + m[0].length + Number(m[1]);
    if ((m.index ?? 0) < at || text[expansionEnd] !== ")") continue;
    out += text.slice(at, m.index) + Buffer.from(m[2] ?? "", "base64").toString("utf8");
    at = expansionEnd + 1;
  }
  return out + text.slice(at);
}

/** The statement with every quantified LIKE / ILIKE spelled out (unchanged when it has none). */
export function expandQuantifiedLike(sql: string): string {
  if (!QUANTIFIED.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const edits: { start: number; end: number; text: string }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const op = tokens[k];
    const quantifier = tokens[k + 1];
    if (op?.kind !== "word" || (op.upper !== "LIKE" && op.upper !== "ILIKE")) continue;
    if (quantifier?.kind !== "word" || !["ANY", "SOME", "ALL"].includes(quantifier.upper ?? "")) continue;
    const open = k + 2;
    if (!isPunct(sql, tokens[open], "(")) continue;
    const close = closingParen(sql, tokens, open);
    if (close < 0) continue;
    const first = tokens[open + 1];
    if (first?.kind === "word" && (first.upper === "SELECT" || first.upper === "WITH")) continue;
    const negated = tokens[k - 1]?.kind === "word" && tokens[k - 1]?.upper === "NOT";
    const subjectEnd = negated ? k - 2 : k - 1;
    const start = subjectStart(sql, tokens, subjectEnd);
    if (start < 0) continue;
    let end = tokens[close]?.end ?? sql.length;
    let escapeClause = "";
    const escapeWord = tokens[close + 1];
    if (
      escapeWord?.kind === "word" &&
      escapeWord.upper === "ESCAPE" &&
      tokens[close + 2]?.kind === "string"
    ) {
      escapeClause = ` ESCAPE ${sql.slice(tokens[close + 2]?.start, tokens[close + 2]?.end)}`;
      end = tokens[close + 2]?.end ?? end;
    }
    const subject = sql.slice(tokens[start]?.start, tokens[subjectEnd]?.end);
    const operator = `${negated ? "NOT " : ""}${op.upper}`;
    const joiner = quantifier.upper === "ALL" ? " AND " : " OR ";
    const patterns = listItems(sql, tokens, open, close);
    const expansion = patterns.map((p) => `${subject} ${operator} ${p}${escapeClause}`).join(joiner);
    const written = sql.slice(tokens[start]?.start, end);
    const text = `(${marker(written, expansion)}${expansion})`;
    edits.push({ start: tokens[start]?.start ?? 0, end, text });
  }
  let out = sql;
  // Right to left, so earlier offsets stay valid; a nested quantified LIKE inside an outer one's
  // subject or list is rewritten by the outer edit's text as written, so overlapping edits are skipped.
  let limit = Number.POSITIVE_INFINITY;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    if (e.end > limit) continue;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
