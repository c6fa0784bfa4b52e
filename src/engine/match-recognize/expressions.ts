/**
 * DEFINE and MEASURES expressions rewritten into plain Snowflake SQL over helper columns.
 *
 * DEFINE runs over the whole input before matching: navigation (LAG, LEAD, PREV, NEXT,
 * FIRST_VALUE, …) gets the clause's partition and order as its window, and an explicit window's
 * OVER gets them too. What Snowflake refuses in DEFINE (FIRST, symbol-qualified columns,
 * MATCH_NUMBER(), MATCH_SEQUENCE_NUMBER(), CLASSIFIER(), aggregates without a frame) is refused.
 *
 * MEASURES runs over the matched rows, one helper row per (match, row): MATCH_NUMBER(),
 * MATCH_SEQUENCE_NUMBER() and CLASSIFIER() become helper columns; aggregates become window
 * aggregates over the match (to the current row under RUNNING, to its last row under FINAL), with
 * `symbol.` turning into a filter on the classifier; FIRST / LAST / PREV / NEXT / LAG / LEAD
 * become a read of the row the matcher picks (a helper column holds that row's number).
 */
import { sfErrors } from "../errors.js";
import { type Token, tokenize } from "../split/index.js";
import { isPunct } from "../split/token-walk.js";
import { symbolName } from "./clause.js";

/** Aggregates usable as window aggregates over a match. */
const AGGREGATES = new Set([
  "COUNT",
  "SUM",
  "AVG",
  "MIN",
  "MAX",
  "ANY_VALUE",
  "MEDIAN",
  "MODE",
  "STDDEV",
  "STDDEV_SAMP",
  "STDDEV_POP",
  "VARIANCE",
  "VAR_SAMP",
  "VAR_POP",
  "VARIANCE_SAMP",
  "VARIANCE_POP",
  "ARRAY_AGG",
  "LISTAGG",
  "COUNT_IF",
  "BOOLAND_AGG",
  "BOOLOR_AGG",
  "MAX_BY",
  "MIN_BY",
  "KURTOSIS",
  "SKEW",
]);

/** Window functions DEFINE may call without OVER: the clause's partition and order apply. */
const NAVIGATION = new Set([
  "LAG",
  "LEAD",
  "FIRST_VALUE",
  "LAST_VALUE",
  "NTH_VALUE",
  "ROW_NUMBER",
  "RANK",
  "DENSE_RANK",
  "PERCENT_RANK",
  "CUME_DIST",
  "NTILE",
]);

/** Window functions whose DEFINE frame is the partition's, not the matching attempt's. */
const PARTITION_FRAMED = new Set(["LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"]);
const WHOLE_PARTITION = /\bROWS\s+BETWEEN\s+UNBOUNDED\s+PRECEDING\s+AND\s+UNBOUNDED\s+FOLLOWING\b/;

/** The helper columns' names (unquoted, so the engine upper-cases them as written). */
export const HELPER = {
  row: "__MR_ROW",
  matchId: "__MR_MID",
  matchNumber: "__MR_MNO",
  sequence: "__MR_MSN",
  classifier: "__MR_CL",
  excluded: "__MR_EXCL",
  empty: "__MR_EMPTY",
  unmatched: "__MR_UNM",
  last: "__MR_LAST",
} as const;

function significant(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
}

function closing(text: string, tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(text, tokens[i], "(")) depth++;
    else if (isPunct(text, tokens[i], ")") && --depth === 0) return i;
  }
  throw sfErrors.compilation(`MATCH_RECOGNIZE: unclosed parenthesis in '${text}'`);
}

/** Top-level argument texts of the call whose `(` is tokens[open] and `)` tokens[close]. */
function argumentsOf(text: string, tokens: Token[], open: number, close: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < close; i++) {
    if (isPunct(text, tokens[i], "(")) depth++;
    else if (isPunct(text, tokens[i], ")")) depth--;
    else if (depth === 0 && isPunct(text, tokens[i], ",")) {
      out.push(text.slice((tokens[from] as Token).start, (tokens[i] as Token).start).trim());
      from = i + 1;
    }
  }
  if (close > from)
    out.push(text.slice((tokens[from] as Token).start, (tokens[close] as Token).start).trim());
  return out;
}

/** True when tokens[i] is a symbol used as a qualifier (`S.col`, `S.*`). */
function isSymbolQualifier(text: string, tokens: Token[], i: number, symbols: Set<string>): boolean {
  const t = tokens[i];
  if (t === undefined || (t.kind !== "word" && t.kind !== "quoted-identifier")) return false;
  if (!isPunct(text, tokens[i + 1], ".") || isPunct(text, tokens[i - 1], ".")) return false;
  return symbols.has(symbolName(text.slice(t.start, t.end)));
}

/** The expression with its `symbol.` qualifiers removed, and the one symbol they name (or null). */
export function stripSymbols(text: string, symbols: Set<string>): { text: string; symbol: string | null } {
  const tokens = significant(text);
  let out = "";
  let at = 0;
  const named = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isSymbolQualifier(text, tokens, i, symbols)) continue;
    const t = tokens[i] as Token;
    named.add(symbolName(text.slice(t.start, t.end)));
    out += text.slice(at, t.start);
    at = (tokens[i + 1] as Token).end;
  }
  if (named.size > 1)
    throw sfErrors.compilation(
      `MATCH_RECOGNIZE: the column references of '${text}' must all name the same symbol or none`,
    );
  return { text: out + text.slice(at), symbol: named.size === 1 ? ([...named][0] as string) : null };
}

/** The expression without the `qualifier.` prefixes of its column references (the source's alias). */
export function stripQualifier(text: string, qualifier: string): string {
  const tokens = significant(text);
  const name = symbolName(qualifier);
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!isSymbolQualifier(text, tokens, i, new Set([name]))) continue;
    out += text.slice(at, (tokens[i] as Token).start);
    at = (tokens[i + 1] as Token).end;
  }
  return out + text.slice(at);
}

/**
 * A DEFINE expression as a predicate over the input rows: `window` is the clause's
 * `PARTITION BY … ORDER BY …`, given to every navigation and window function.
 */
export function defineSql(expr: string, symbols: Set<string>, window: string): string {
  const tokens = significant(expr);
  /** The function whose call closes at each `)`, so an OVER knows what it windows. */
  const calls = new Map<number, string>();
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isSymbolQualifier(expr, tokens, i, symbols))
      throw sfErrors.unsupported(
        `MATCH_RECOGNIZE: symbol-qualified column '${expr.slice(t.start, (tokens[i + 2] ?? t).end)}' in DEFINE`,
      );
    if (t.kind !== "word") continue;
    const name = t.upper as string;
    const opens = isPunct(expr, tokens[i + 1], "(");
    if (name === "CLASSIFIER" || ((name === "MATCH_NUMBER" || name === "MATCH_SEQUENCE_NUMBER") && opens))
      throw sfErrors.unsupported(`MATCH_RECOGNIZE: ${name}() in DEFINE`);
    if (name === "OVER" && isPunct(expr, tokens[i + 1], "(")) {
      // An explicit window: the clause's partition (and order, unless it names one) come first.
      const close = closing(expr, tokens, i + 1);
      const spec = expr.slice((tokens[i + 1] as Token).end, (tokens[close] as Token).start);
      const upperSpec = spec.toUpperCase();
      // Snowflake starts such a frame at the matching attempt, except for these functions; the
      // whole partition's frame is the one case where that start makes no difference.
      const called = calls.get(i - 1) ?? "";
      if (!PARTITION_FRAMED.has(called) && !WHOLE_PARTITION.test(upperSpec))
        throw sfErrors.unsupported(
          `MATCH_RECOGNIZE: ${called}() OVER (…) in DEFINE with a frame other than ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING (its frame starts at the matching attempt)`,
        );
      const partition = /\bPARTITION\s+BY\b/.test(upperSpec) ? "" : window.replace(/\s*ORDER BY[\s\S]*$/, "");
      const order = /\bORDER\s+BY\b/.test(upperSpec) ? "" : window.replace(/^[\s\S]*?(ORDER BY)/, "$1");
      out += `${expr.slice(at, t.start)}OVER (${partition} ${order} ${spec})`;
      at = (tokens[close] as Token).end;
      i = close;
      continue;
    }
    if (!opens) continue;
    const close = closing(expr, tokens, i + 1);
    calls.set(close, name);
    const hasOver = tokens[close + 1]?.kind === "word" && tokens[close + 1]?.upper === "OVER";
    if (name === "FIRST") throw sfErrors.unsupported("MATCH_RECOGNIZE: FIRST() in DEFINE (use FIRST_VALUE)");
    if (name === "LAST") {
      // LAST in DEFINE reads the current row: its frame ends at the row being tested.
      const inner = defineSql(
        expr.slice((tokens[i + 1] as Token).end, (tokens[close] as Token).start),
        symbols,
        window,
      );
      out += `${expr.slice(at, t.start)}(${inner})`;
    } else if ((name === "PREV" || name === "NEXT" || NAVIGATION.has(name)) && !hasOver) {
      const args = expr.slice((tokens[i + 1] as Token).end, (tokens[close] as Token).start);
      const fn = name === "PREV" ? "LAG" : name === "NEXT" ? "LEAD" : name;
      out += `${expr.slice(at, t.start)}${fn}(${defineSql(args, symbols, window)}) OVER (${window})`;
    } else if (AGGREGATES.has(name) && !hasOver) {
      throw sfErrors.unsupported(
        `MATCH_RECOGNIZE: aggregate ${name}() in DEFINE without an explicit window frame (OVER (ROWS BETWEEN …))`,
      );
    } else {
      continue;
    }
    at = (tokens[close] as Token).end;
    i = close;
  }
  return out + expr.slice(at);
}

/** A navigation the matcher resolves to a row: FIRST / LAST / PREV / NEXT (LAG / LEAD as PREV / NEXT). */
export interface Navigation {
  kind: "FIRST" | "LAST" | "PREV" | "NEXT";
  symbol: string | null;
  offset: number;
  final: boolean;
  /** The helper column holding the target row's number. */
  column: string;
  /** What is read: the classifier or sequence number the matcher knows, or an expression of the row. */
  reads: "CLASSIFIER" | "SEQUENCE" | "ROW";
}

/** A measure as SQL over the joined helper rows, and the navigations it needs resolved. */
export interface MeasureSql {
  sql: string;
  navigations: Navigation[];
}

/**
 * Rewrites a MEASURES expression. `final` is the default semantics (FINAL under ONE ROW PER MATCH,
 * RUNNING under ALL ROWS PER MATCH); `source` is the SQL the navigations read rows from; `next`
 * numbers the navigation columns across all measures.
 */
export function measureSql(
  expr: string,
  symbols: Set<string>,
  final: boolean,
  source: string,
  next: () => string,
): MeasureSql {
  const tokens = significant(expr);
  const navigations: Navigation[] = [];
  let out = "";
  let at = 0;
  let semantics: boolean | null = null;
  const frame = (isFinal: boolean) =>
    `OVER (PARTITION BY ${HELPER.matchId} ORDER BY ${HELPER.sequence} ROWS BETWEEN UNBOUNDED PRECEDING AND ${isFinal ? "UNBOUNDED FOLLOWING" : "CURRENT ROW"})`;
  const navigate = (
    kind: Navigation["kind"],
    argument: string,
    offset: number,
    isFinal: boolean,
    fallback: string | null,
  ) => {
    const { text, symbol } = stripSymbols(argument, symbols);
    const compact = text.replace(/\s+/g, "").toUpperCase();
    const reads = /^CLASSIFIER(\(\))?$/.test(compact)
      ? "CLASSIFIER"
      : compact === "MATCH_SEQUENCE_NUMBER()"
        ? "SEQUENCE"
        : "ROW";
    const column = next();
    navigations.push({ kind, symbol, offset, final: isFinal, column, reads });
    const read =
      reads === "ROW"
        ? `(SELECT ${text} FROM ${source} AS __MR_X WHERE __MR_X.${HELPER.row} = ${column})`
        : column.replace(/^__MR_T/, "__MR_V");
    return fallback === null ? read : `IFF(${column} IS NULL, ${fallback}, ${read})`;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isSymbolQualifier(expr, tokens, i, symbols)) {
      // A bare `S.col` is LAST(S.col).
      const column = tokens[i + 2] as Token;
      out += `${expr.slice(at, t.start)}${navigate("LAST", expr.slice(t.start, column.end), 0, semantics ?? final, null)}`;
      at = column.end;
      i += 2;
      semantics = null;
      continue;
    }
    if (t.kind !== "word") continue;
    const name = t.upper as string;
    const opens = isPunct(expr, tokens[i + 1], "(");
    if (
      (name === "RUNNING" || name === "FINAL") &&
      tokens[i + 1]?.kind === "word" &&
      isPunct(expr, tokens[i + 2], "(")
    ) {
      semantics = name === "FINAL";
      out += expr.slice(at, t.start);
      at = (tokens[i + 1] as Token).start;
      continue;
    }
    if (name === "OVER")
      throw sfErrors.unsupported("MATCH_RECOGNIZE: a window function with OVER in MEASURES");
    let replacement: string | null = null;
    let end = t.end;
    if (name === "CLASSIFIER") {
      replacement = HELPER.classifier;
      if (opens) end = (tokens[closing(expr, tokens, i + 1)] as Token).end;
    } else if ((name === "MATCH_NUMBER" || name === "MATCH_SEQUENCE_NUMBER") && opens) {
      replacement = name === "MATCH_NUMBER" ? HELPER.matchNumber : HELPER.sequence;
      end = (tokens[closing(expr, tokens, i + 1)] as Token).end;
    } else if (opens && ["FIRST", "LAST", "PREV", "NEXT", "LAG", "LEAD"].includes(name)) {
      const close = closing(expr, tokens, i + 1);
      const args = argumentsOf(expr, tokens, i + 1, close);
      const kind = name === "LAG" ? "PREV" : name === "LEAD" ? "NEXT" : (name as Navigation["kind"]);
      const offsetText = args[1];
      if ((kind === "FIRST" || kind === "LAST") && args.length !== 1)
        throw sfErrors.compilation(`MATCH_RECOGNIZE: ${name}() takes one argument`);
      if (offsetText !== undefined && !/^\d+$/.test(offsetText))
        throw sfErrors.unsupported(
          `MATCH_RECOGNIZE: ${name}() with an offset that is not an integer literal`,
        );
      replacement = navigate(
        kind,
        args[0] ?? "",
        offsetText === undefined ? 1 : Number(offsetText),
        semantics ?? final,
        args[2] ?? null,
      );
      end = (tokens[close] as Token).end;
      i = close;
    } else if (opens && AGGREGATES.has(name)) {
      const close = closing(expr, tokens, i + 1);
      const args = argumentsOf(expr, tokens, i + 1, close);
      const first = args[0] ?? "";
      const distinct = /^DISTINCT\s/i.test(first);
      const body = distinct ? first.replace(/^DISTINCT\s+/i, "") : first;
      let symbol: string | null = null;
      let value: string;
      const star = /^(?:("?)([^."]+|[^"]+)\1\s*\.\s*)?\*$/.exec(body.trim());
      if (star) {
        symbol = star[2] === undefined ? null : symbolName(star[1] ? `"${star[2]}"` : star[2]);
        value = "1";
      } else {
        ({ text: value, symbol } = stripSymbols(body, symbols));
      }
      const filter = `NOT ${HELPER.empty}${symbol === null ? "" : ` AND ${HELPER.classifier} = '${symbol.replace(/'/g, "''")}'`}`;
      const rest = args
        .slice(1)
        .map((a) => `, ${a}`)
        .join("");
      replacement = `${name}(${distinct ? "DISTINCT " : ""}IFF(${filter}, ${value}, NULL)${rest}) ${frame(semantics ?? final)}`;
      end = (tokens[close] as Token).end;
      i = close;
    } else {
      continue;
    }
    out += `${expr.slice(at, t.start)}${replacement}`;
    at = end;
    if (name === "CLASSIFIER" || name === "MATCH_NUMBER" || name === "MATCH_SEQUENCE_NUMBER")
      i = tokens.findIndex((k) => k.start >= end) - 1;
    if (i < -1) i = tokens.length;
    semantics = null;
  }
  return { sql: out + expr.slice(at), navigations };
}
