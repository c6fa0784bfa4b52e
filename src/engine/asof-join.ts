/**
 * Snowflake's ASOF JOIN (`l ASOF JOIN r MATCH_CONDITION(l.t >= r.t) [ON … | USING (…)]`), which the
 * transpiler does not parse, rewritten before translation into DuckDB's own form, which it does:
 * `l ASOF LEFT JOIN r ON <equalities> AND l.t >= r.t`. LEFT because Snowflake keeps every left row
 * and null-pads the right side when nothing matches. The clause's rules are checked on the way,
 * with Snowflake's errors (010001, 010002, 010004, 010010).
 */
import { SnowflakeError, sfErrors } from "./errors.js";
import { JOIN_CLAUSE_ENDS } from "./join-clause-ends.js";
import { type Token, tokenize } from "./split/index.js";
import { closingParen, isPunct, isWord } from "./split/token-walk.js";

const COMPILATION = "SQL compilation error:\n";
const COMPARISONS = [">=", "<=", ">", "<"];

const text = (sql: string, tokens: Token[], from: number, to: number): string =>
  from > to ? "" : sql.slice((tokens[from] as Token).start, (tokens[to] as Token).end);

const matchConditionError = (code: string, detail: string): SnowflakeError =>
  new SnowflakeError(code, "42601", `${COMPILATION}MATCH_CONDITION clause is invalid: ${detail}`);

/** The name a relation's columns are qualified with: its alias, else its last name part (upper-cased unless quoted). */
function qualifierOf(sql: string, tokens: Token[], from: number, to: number): string | null {
  const last = tokens[to];
  if (last === undefined || from > to) return null;
  const name = sql.slice(last.start, last.end);
  if (last.kind === "quoted-identifier") return name.slice(1, -1);
  if (last.kind === "word") return name.toUpperCase();
  return null;
}

/** The qualifiers a condition operand names (`t.x` gives T); unqualified columns give nothing. */
function qualifiersIn(sql: string, tokens: Token[], from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let i = from; i + 1 <= to; i++) {
    const t = tokens[i] as Token;
    if ((t.kind === "word" || t.kind === "quoted-identifier") && isPunct(sql, tokens[i + 1], ".")) {
      const name = sql.slice(t.start, t.end);
      out.add(t.kind === "quoted-identifier" ? name.slice(1, -1) : name.toUpperCase());
    }
  }
  return out;
}

/** Start of the relation before `ASOF`: the token after its FROM / JOIN / `,` / condition end. */
function leftRelationStart(sql: string, tokens: Token[], asof: number): number {
  let depth = 0;
  for (let i = asof - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (isPunct(sql, t, ")")) depth++;
    else if (isPunct(sql, t, "(")) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (depth === 0 && (isWord(t, "FROM") || isWord(t, "JOIN") || isPunct(sql, t, ","))) return i + 1;
  }
  return 0;
}

/** The comparison operator at token i (`>=` is two tokens), or null. */
function comparisonAt(sql: string, tokens: Token[], i: number): { op: string; width: number } | null {
  const a = tokens[i];
  if (a?.kind !== "punct") return null;
  const b = tokens[i + 1];
  const two = b?.kind === "punct" && b.start === a.end ? sql.slice(a.start, b.end) : "";
  if (["<=", ">=", "<>", "!="].includes(two)) return { op: two, width: 2 };
  const one = sql[a.start] as string;
  return ["<", ">", "="].includes(one) ? { op: one, width: 1 } : null;
}

/** Splits a condition's tokens [from, to] on depth-0 ANDs; reports whether it has a depth-0 OR. */
function conjuncts(
  sql: string,
  tokens: Token[],
  from: number,
  to: number,
): { parts: [number, number][]; hasOr: boolean } {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  let hasOr = false;
  for (let i = from; i <= to; i++) {
    const t = tokens[i] as Token;
    if (isPunct(sql, t, "(")) depth++;
    else if (isPunct(sql, t, ")")) depth--;
    else if (depth === 0 && isWord(t, "AND")) {
      parts.push([start, i - 1]);
      start = i + 1;
    } else if (depth === 0 && isWord(t, "OR")) hasOr = true;
  }
  parts.push([start, to]);
  return { parts, hasOr };
}

/** Strips one pair of enclosing parentheses from a token range. */
function unwrap(sql: string, tokens: Token[], from: number, to: number): [number, number] {
  while (isPunct(sql, tokens[from], "(") && closingParen(sql, tokens, from) === to) {
    from++;
    to--;
  }
  return [from, to];
}

/** The depth-0 comparison in [from, to]: its index and operator, or null. */
function topComparison(sql: string, tokens: Token[], from: number, to: number) {
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const t = tokens[i] as Token;
    if (isPunct(sql, t, "(")) depth++;
    else if (isPunct(sql, t, ")")) depth--;
    else if (depth === 0) {
      const c = comparisonAt(sql, tokens, i);
      if (c) return { at: i, ...c };
    }
  }
  return null;
}

/** Snowflake's text of an ON condition in 010010: upper-case, one space around `=`. */
function shownCondition(sql: string, tokens: Token[], from: number, to: number): string {
  const { parts, hasOr } = conjuncts(sql, tokens, from, to);
  if (hasOr) {
    const ors: string[] = [];
    let depth = 0;
    let start = from;
    for (let i = from; i <= to + 1; i++) {
      const t = tokens[i];
      if (t && isPunct(sql, t, "(")) depth++;
      else if (t && isPunct(sql, t, ")")) depth--;
      else if (i > to || (depth === 0 && isWord(t, "OR"))) {
        ors.push(`(${shownCondition(sql, tokens, start, i - 1)})`);
        start = i + 1;
      }
    }
    return ors.join(" OR ");
  }
  const [a, b] = parts[0] as [number, number];
  const cmp = topComparison(sql, tokens, a, b);
  if (!cmp) return text(sql, tokens, a, b).toUpperCase();
  return `${text(sql, tokens, a, cmp.at - 1).toUpperCase()} ${cmp.op} ${text(sql, tokens, cmp.at + cmp.width, b).toUpperCase()}`;
}

const onError = (shown: string): SnowflakeError =>
  new SnowflakeError(
    "010010",
    "42601",
    `${COMPILATION}ON clause for ASOF JOIN must contain conjunctions of equality conditions only. Disjunctions are not allowed. Each side of an equality condition must only refer to either the left table or the right table. ${shown} is invalid.`,
  );

/** Rewrites the first ASOF JOIN at or after character `from`; null when none is left. */
function rewriteNext(sql: string, from: number): { sql: string; next: number } | null {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let k = 0; k < tokens.length; k++) {
    if ((tokens[k] as Token).start < from) continue;
    if (!isWord(tokens[k], "ASOF") || !isWord(tokens[k + 1], "JOIN")) continue;
    const mc = tokens.findIndex((t, i) => i > k + 1 && isWord(t, "MATCH_CONDITION"));
    if (mc < 0 || !isPunct(sql, tokens[mc + 1], "("))
      throw sfErrors.syntax(1, 0, "ASOF JOIN needs MATCH_CONDITION");
    if (isWord(tokens[k + 2], "LATERAL"))
      throw new SnowflakeError(
        "010004",
        "42601",
        `${COMPILATION}ASOF JOIN is not supported for joins with LATERAL table functions or LATERAL views.`,
      );
    const leftStart = leftRelationStart(sql, tokens, k);
    // After an earlier join's ON, the left side is that join's result: no single qualifier.
    const afterJoin = tokens.slice(leftStart, k).some((t) => isWord(t, "ON") || isWord(t, "USING"));
    const left = afterJoin ? null : qualifierOf(sql, tokens, leftStart, k - 1);
    const right = qualifierOf(sql, tokens, k + 2, mc - 1);
    const mcClose = closingParen(sql, tokens, mc + 1);
    const [cFrom, cTo] = unwrap(sql, tokens, mc + 2, mcClose - 1);
    const cmp = topComparison(sql, tokens, cFrom, cTo);
    const { parts, hasOr } = conjuncts(sql, tokens, cFrom, cTo);
    if (!cmp || !COMPARISONS.includes(cmp.op) || parts.length > 1 || hasOr)
      throw matchConditionError(
        "010001",
        "Only comparison operators '>=', '>', '<=' and '<' are allowed. Keywords such as AND and OR are not allowed.",
      );
    const lhs = qualifiersIn(sql, tokens, cFrom, cmp.at - 1);
    const rhs = qualifiersIn(sql, tokens, cmp.at + cmp.width, cTo);
    if ((right !== null && lhs.has(right)) || (left !== null && rhs.has(left)))
      throw matchConditionError(
        "010002",
        "The left side allows only column references from the left side table, and the right side allows only column references from the right side table.",
      );
    const match = text(sql, tokens, cFrom, cTo);
    // What follows MATCH_CONDITION: ON <equalities> | USING (<columns>) | nothing.
    let end = mcClose;
    const equalities: string[] = [];
    if (isWord(tokens[mcClose + 1], "USING") && isPunct(sql, tokens[mcClose + 2], "(")) {
      const close = closingParen(sql, tokens, mcClose + 2);
      if (left === null || right === null) return null;
      for (const column of text(sql, tokens, mcClose + 3, close - 1).split(","))
        equalities.push(
          `"${left.replace(/"/g, '""')}".${column.trim()} = "${right.replace(/"/g, '""')}".${column.trim()}`,
        );
      end = close;
    } else if (isWord(tokens[mcClose + 1], "ON")) {
      // The ON condition runs to the next depth-0 clause keyword or JOIN.
      let depth = 0;
      let i = mcClose + 2;
      for (; i < tokens.length; i++) {
        const t = tokens[i] as Token;
        if (isPunct(sql, t, "(")) depth++;
        else if (isPunct(sql, t, ")")) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (t.kind === "semicolon" || JOIN_CLAUSE_ENDS.has(t.upper ?? ""))) break;
      }
      const [oFrom, oTo] = unwrap(sql, tokens, mcClose + 2, i - 1);
      const on = conjuncts(sql, tokens, oFrom, oTo);
      if (on.hasOr) throw onError(shownCondition(sql, tokens, oFrom, oTo));
      for (const [a, b] of on.parts) {
        const [pa, pb] = unwrap(sql, tokens, a, b);
        const c = topComparison(sql, tokens, pa, pb);
        if (c?.op !== "=") throw onError(shownCondition(sql, tokens, pa, pb));
        equalities.push(text(sql, tokens, pa, pb));
      }
      end = i - 1;
    }
    const right_ = text(sql, tokens, k + 2, mc - 1);
    const rewritten = `ASOF LEFT JOIN ${right_} ON ${[...equalities, match].join(" AND ")}`;
    const startAt = (tokens[k] as Token).start;
    const endAt = (tokens[end] as Token).end;
    return { sql: sql.slice(0, startAt) + rewritten + sql.slice(endAt), next: startAt + rewritten.length };
  }
  return null;
}

/** The statement with every Snowflake ASOF JOIN in DuckDB's form (see the file comment). */
export function rewriteAsofJoins(sql: string): string {
  if (!/\bMATCH_CONDITION\b/i.test(sql) && !/\bASOF\s+JOIN\b/i.test(sql)) return sql;
  let out = sql;
  let from = 0;
  for (let guard = 0; guard < 50; guard++) {
    const step = rewriteNext(out, from);
    if (step === null) break;
    out = step.sql;
    from = step.next;
  }
  refuseKeywordNames(out);
  return out;
}

/**
 * MATCH_CONDITION is reserved: unquoted, it may name an object or alias only after AS
 * (`FROM t AS match_condition`); anywhere else left over it is a syntax error, as in Snowflake.
 */
function refuseKeywordNames(sql: string): void {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  tokens.forEach((t, i) => {
    if (isWord(t, "MATCH_CONDITION") && !isWord(tokens[i - 1], "AS")) {
      let line = 1;
      let lineStart = 0;
      for (let c = 0; c < t.start; c++) {
        if (sql[c] !== "\n") continue;
        line++;
        lineStart = c + 1;
      }
      throw sfErrors.syntax(line, t.start - lineStart, sql.slice(t.start, t.end));
    }
  });
}
