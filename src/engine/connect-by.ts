/**
 * Snowflake's hierarchical queries (`FROM t START WITH <pred> CONNECT BY <col> = PRIOR <col> …`),
 * which the transpiler does not parse, rewritten before translation into a recursive common table
 * expression in place of the source:
 *
 *   FROM (WITH RECURSIVE __CB AS (
 *           SELECT t.*, 1 AS __CB_LEVEL, <paths>, <roots> FROM t WHERE <pred>
 *           UNION ALL
 *           SELECT t.*, __CB_PRIOR.__CB_LEVEL + 1, … FROM t JOIN __CB AS __CB_PRIOR ON <conditions>)
 *         SELECT * FROM __CB) AS t
 *
 * `PRIOR x` reads the parent row (`__CB_PRIOR.x`); `LEVEL`, `SYS_CONNECT_BY_PATH(e, sep)` and
 * `CONNECT_BY_ROOT e` become columns carried down the recursion; WHERE, ORDER BY and the rest stay
 * where they are, so filters apply after the hierarchy is built, as Snowflake documents. A hierarchy
 * deeper than MAX_LEVELS stops there (a cycle would otherwise never end; Snowflake runs until the
 * statement times out).
 */
import { sfErrors } from "./errors.js";
import { type Token, tokenize } from "./split/index.js";
import { closingParen, isPunct, isWord, QUERY_CLAUSE_ENDS, tokenDepths } from "./split/token-walk.js";

const MAX_LEVELS = 10000;
const CTE = "__CB";
const PRIOR = "__CB_PRIOR";
const LEVEL = "__CB_LEVEL";
/** Marks a bare `*` item until the hidden columns it must leave out are known. */
const STAR_MARK = "\u0000CB_STAR\u0000";

const NOT_COLUMNS = new Set([
  "AND",
  "OR",
  "NOT",
  "IS",
  "NULL",
  "TRUE",
  "FALSE",
  "IN",
  "BETWEEN",
  "LIKE",
  "ILIKE",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "PRIOR",
  "CAST",
  "AS",
  "ESCAPE",
  "RLIKE",
  "REGEXP",
  "DISTINCT",
  "FROM",
]);
const CLAUSE_ENDS = new Set(QUERY_CLAUSE_ENDS);

/** A text edit: replace [start, end) by `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(sql: string, edits: Edit[]): string {
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** What the hierarchy carries besides the row: paths and roots, numbered in order of appearance. */
interface Carried {
  paths: { expr: string; separator: string }[];
  roots: string[];
}

/**
 * The text of tokens [from, to] with the hierarchy's pseudo-columns replaced (LEVEL,
 * SYS_CONNECT_BY_PATH, CONNECT_BY_ROOT), and, for a select list, each replaced bare item named as
 * Snowflake names it.
 */
function replacePseudoColumns(
  sql: string,
  tokens: Token[],
  from: number,
  to: number,
  carried: Carried,
): Edit[] {
  const edits: Edit[] = [];
  for (let i = from; i <= to; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" || isPunct(sql, tokens[i - 1], ".")) continue;
    if (t.upper === "LEVEL" && !isPunct(sql, tokens[i + 1], "(") && !isPunct(sql, tokens[i + 1], ".")) {
      edits.push({ start: t.start, end: t.end, text: LEVEL });
    } else if (t.upper === "SYS_CONNECT_BY_PATH" && isPunct(sql, tokens[i + 1], "(")) {
      const close = closingParen(sql, tokens, i + 1);
      const args = splitArguments(sql, tokens, i + 2, close - 1);
      if (args.length !== 2) throw sfErrors.compilation("SYS_CONNECT_BY_PATH takes two arguments");
      carried.paths.push({ expr: args[0] as string, separator: args[1] as string });
      edits.push({
        start: t.start,
        end: (tokens[close] as Token).end,
        text: `__CB_PATH${carried.paths.length}`,
      });
      i = close;
    } else if (t.upper === "CONNECT_BY_ROOT") {
      // The operator applies to the column (or parenthesised expression) after it.
      const next = tokens[i + 1] as Token | undefined;
      if (next === undefined) continue;
      let last = i + 1;
      if (isPunct(sql, next, "(")) last = closingParen(sql, tokens, i + 1);
      else while (isPunct(sql, tokens[last + 1], ".") && tokens[last + 2]) last += 2;
      carried.roots.push(sql.slice(next.start, (tokens[last] as Token).end));
      edits.push({
        start: t.start,
        end: (tokens[last] as Token).end,
        text: `__CB_ROOT${carried.roots.length}`,
      });
      i = last;
    }
  }
  return edits;
}

function splitArguments(sql: string, tokens: Token[], from: number, to: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i <= to + 1; i++) {
    const t = tokens[i];
    if (i <= to && isPunct(sql, t, "(")) depth++;
    else if (i <= to && isPunct(sql, t, ")")) depth--;
    else if (i > to || (depth === 0 && isPunct(sql, t, ","))) {
      out.push(sql.slice((tokens[start] as Token).start, (tokens[i - 1] as Token).end).trim());
      start = i + 1;
    }
  }
  return out;
}

/**
 * An expression over the source row with its unqualified columns qualified by `qualifier`,
 * `PRIOR x` read from the parent row and LEVEL as the new row's level.
 */
function qualify(expr: string, qualifier: string): string {
  const tokens = tokenize(expr).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" && t.kind !== "quoted-identifier") continue;
    if (isPunct(expr, tokens[i - 1], ".")) continue;
    if (t.kind === "word" && t.upper === "PRIOR") {
      // PRIOR [q.]col: the parent's column.
      let col = i + 1;
      while (isPunct(expr, tokens[col + 1], ".") && tokens[col + 2]) col += 2;
      const column = tokens[col] as Token;
      edits.push({
        start: t.start,
        end: column.end,
        text: `${PRIOR}.${expr.slice(column.start, column.end)}`,
      });
      i = col;
      continue;
    }
    if (t.kind === "word" && t.upper === "LEVEL" && !isPunct(expr, tokens[i + 1], "(")) {
      edits.push({ start: t.start, end: t.end, text: `(${PRIOR}.${LEVEL} + 1)` });
      continue;
    }
    if (isPunct(expr, tokens[i + 1], ".") || isPunct(expr, tokens[i + 1], "(")) continue;
    if (t.kind === "word" && NOT_COLUMNS.has(t.upper ?? "")) continue;
    if (isWord(tokens[i - 1], "AS")) continue;
    edits.push({ start: t.start, end: t.start, text: `${qualifier}.` });
  }
  return applyEdits(expr, edits);
}

/** The rewrite of the SELECT that holds the CONNECT BY at token `connect`; null if its shape is not one we know. */
function rewriteOne(sql: string, tokens: Token[], connect: number): string | null {
  const depth = tokenDepths(sql, tokens);
  const level = depth[connect] as number;
  // The SELECT block: back to its SELECT, forward to where its depth ends.
  let select = connect;
  while (select >= 0 && !(isWord(tokens[select], "SELECT") && depth[select] === level)) select--;
  if (select < 0) return null;
  let end = connect;
  while (
    end + 1 < tokens.length &&
    (depth[end + 1] as number) >= level &&
    tokens[end + 1]?.kind !== "semicolon"
  ) {
    if (
      depth[end + 1] === level &&
      ["UNION", "EXCEPT", "MINUS", "INTERSECT"].includes(tokens[end + 1]?.upper ?? "")
    )
      break;
    end++;
  }
  const at = (word: string, next?: string): number[] => {
    const out: number[] = [];
    for (let i = select; i <= end; i++)
      if (
        depth[i] === level &&
        isWord(tokens[i], word) &&
        (next === undefined || isWord(tokens[i + 1], next))
      )
        out.push(i);
    return out;
  };
  const from = at("FROM")[0];
  const start = at("START", "WITH")[0];
  if (from === undefined || from > connect) return null;
  // Each clause runs to the next clause keyword at this depth.
  const clauseEnd = (i: number): number => {
    let j = i;
    while (j + 1 <= end) {
      const t = tokens[j + 1] as Token;
      if (
        depth[j + 1] === level &&
        (CLAUSE_ENDS.has(t.upper ?? "") ||
          isWord(t, "START") ||
          (isWord(t, "CONNECT") && isWord(tokens[j + 2], "BY")))
      )
        break;
      j++;
    }
    return j;
  };
  const sourceEnd = clauseEnd(from);
  const sourceTokens = tokens.slice(from + 1, sourceEnd + 1);
  if (
    sourceTokens.some((t, k) => depth[from + 1 + k] === level && (isWord(t, "JOIN") || isPunct(sql, t, ",")))
  )
    throw sfErrors.unsupported(
      "CONNECT BY over a join (the local engine runs it over one table or subquery)",
    );
  const source = sql.slice((tokens[from + 1] as Token).start, (tokens[sourceEnd] as Token).end);
  const lastSource = tokens[sourceEnd] as Token;
  const qualifier = sql.slice(lastSource.start, lastSource.end);
  const connectEnd = clauseEnd(connect + 1);
  const conditions = sql.slice((tokens[connect + 2] as Token).start, (tokens[connectEnd] as Token).end);
  const startPredicate =
    start === undefined
      ? null
      : sql.slice((tokens[start + 2] as Token).start, (tokens[clauseEnd(start + 1)] as Token).end);

  // The pseudo-columns in the select list and in the clauses that stay.
  const carried: Carried = { paths: [], roots: [] };
  const edits: Edit[] = [];
  for (const [a, b] of splitItems(sql, tokens, depth, select + 1, from - 1, level)) {
    const first = tokens[a] as Token;
    const last = tokens[b] as Token;
    // A bare pseudo-column item keeps Snowflake's name for it: its text, upper-cased.
    const bare =
      (a === b && first.upper === "LEVEL") ||
      (first.upper === "SYS_CONNECT_BY_PATH" && closingParen(sql, tokens, a + 1) === b) ||
      (first.upper === "CONNECT_BY_ROOT" && b <= a + 3 && !isWord(tokens[b - 1], "AS"));
    edits.push(...replacePseudoColumns(sql, tokens, a, b, carried));
    if (bare) {
      const written = sql.slice(first.start, last.end).toUpperCase().replace(/\s+/g, " ");
      edits.push({ start: last.end, end: last.end, text: ` AS "${written.replace(/"/g, '""')}"` });
    }
    if (a === b && isPunct(sql, first, "*"))
      edits.push({ start: first.end, end: first.end, text: STAR_MARK });
  }
  // The clauses that stay (WHERE, ORDER BY, …): everything after the source but START WITH and CONNECT BY.
  const startEnd = start === undefined ? -1 : clauseEnd(start + 1);
  let segment = sourceEnd + 1;
  for (let i = sourceEnd + 1; i <= end + 1; i++) {
    const dropped = (i >= connect && i <= connectEnd) || (start !== undefined && i >= start && i <= startEnd);
    if (i <= end && !dropped) continue;
    if (i - 1 >= segment) edits.push(...replacePseudoColumns(sql, tokens, segment, i - 1, carried));
    segment = i + 1;
  }

  const hidden = [
    LEVEL,
    ...carried.paths.map((_, n) => `__CB_PATH${n + 1}`),
    ...carried.roots.map((_, n) => `__CB_ROOT${n + 1}`),
  ];
  const anchorExtras = [
    `1 AS ${LEVEL}`,
    ...carried.paths.map((p, n) => `${p.separator} || CAST(${p.expr} AS VARCHAR) AS __CB_PATH${n + 1}`),
    ...carried.roots.map((r, n) => `${r} AS __CB_ROOT${n + 1}`),
  ];
  const recursiveExtras = [
    `${PRIOR}.${LEVEL} + 1`,
    ...carried.paths.map(
      (p, n) =>
        `${PRIOR}.__CB_PATH${n + 1} || ${p.separator} || CAST(${qualify(p.expr, qualifier)} AS VARCHAR)`,
    ),
    ...carried.roots.map((_, n) => `${PRIOR}.__CB_ROOT${n + 1}`),
  ];
  const anchor = `SELECT ${qualifier}.*, ${anchorExtras.join(", ")} FROM ${source}${startPredicate === null ? "" : ` WHERE ${startPredicate}`}`;
  const recursive = `SELECT ${qualifier}.*, ${recursiveExtras.join(", ")} FROM ${source} JOIN ${CTE} AS ${PRIOR} ON (${qualify(conditions, qualifier)}) AND ${PRIOR}.${LEVEL} < ${MAX_LEVELS}`;
  const derived = `(WITH RECURSIVE ${CTE} AS (${anchor} UNION ALL ${recursive}) SELECT * FROM ${CTE}) AS ${qualifier}`;

  // Drop START WITH and CONNECT BY; the source becomes the derived table.
  edits.push({
    start: (tokens[from + 1] as Token).start,
    end: (tokens[sourceEnd] as Token).end,
    text: derived,
  });
  edits.push({ start: (tokens[connect] as Token).start, end: (tokens[connectEnd] as Token).end, text: "" });
  if (start !== undefined)
    edits.push({
      start: (tokens[start] as Token).start,
      end: (tokens[clauseEnd(start + 1)] as Token).end,
      text: "",
    });
  const out = applyEdits(sql, edits);
  return out.split(STAR_MARK).join(` EXCLUDE (${hidden.join(", ")})`);
}

/** The select list's items as token ranges. */
function splitItems(
  sql: string,
  tokens: Token[],
  depth: number[],
  from: number,
  to: number,
  level: number,
): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  if (isWord(tokens[start], "DISTINCT")) start++;
  for (let i = start; i <= to + 1; i++) {
    if (i > to || (depth[i] === level && isPunct(sql, tokens[i], ","))) {
      if (i - 1 >= start) out.push([start, i - 1]);
      start = i + 1;
    }
  }
  return out;
}

/** The statement with every CONNECT BY query rewritten (see the file comment). */
export function rewriteConnectBy(sql: string): string {
  if (!/\bCONNECT\s+BY\b/i.test(sql)) return sql;
  let out = sql;
  for (let guard = 0; guard < 20; guard++) {
    const tokens = tokenize(out).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
    const connect = tokens.findIndex((t, i) => isWord(t, "CONNECT") && isWord(tokens[i + 1], "BY"));
    if (connect < 0) return out;
    const next = rewriteOne(out, tokens, connect);
    if (next === null) throw sfErrors.unsupported("CONNECT BY outside a SELECT … FROM");
    out = next;
  }
  return out;
}
