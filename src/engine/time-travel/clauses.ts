/**
 * Finds Time Travel (`<table> AT | BEFORE (TIMESTAMP | OFFSET | STATEMENT => …)`) and change
 * tracking (`<table> CHANGES (INFORMATION => …) AT | BEFORE (…) [END (…)]`) clauses in a statement
 * and replaces each table reference by a marked subquery, `(SELECT * FROM <table> WHERE
 * 'merc-tt-<n>' IS NOT NULL) [AS alias]`. The rest of the pipeline (name resolution, authorisation,
 * row access and masking policies) sees an ordinary read of the table; after translation
 * (`read.ts`) the table reference just before the marker becomes the table's rows at that point.
 * So a user who may not SELECT the table may not read its history either, and policies apply to
 * historical rows as to current ones.
 */
import { type Token, tokenize } from "../split/index.js";
import { closingParen, isPunct } from "../split/token-walk.js";
import type { QualifiedName } from "../hooks.js";

/** The point a clause names: its kind and the Snowflake expression after `=>`. */
export interface TravelPoint {
  /** AT includes the changes made at the point; BEFORE stops just before it. END is always inclusive. */
  keyword: "AT" | "BEFORE" | "END";
  kind: "TIMESTAMP" | "OFFSET" | "STATEMENT" | "STREAM";
  expression: string;
}

/** One table read at a point in its history, or its changes between two points. */
export interface TravelClause {
  /** The table as written (`my_table`, `db1.public.htt1`). */
  table: string;
  start: TravelPoint;
  /** CHANGES only: DEFAULT (net changes) or APPEND_ONLY (inserted rows). */
  changes?: "DEFAULT" | "APPEND_ONLY";
  /** CHANGES only: the END point (default: now). */
  end?: TravelPoint;
  /**
   * A stream read by name (`FROM s`, streams/references.ts): the stream whose offset starts the
   * changes, and which a DML statement reading it consumes.
   */
  stream?: QualifiedName;
}

export interface ExtractedTravel {
  sql: string;
  clauses: TravelClause[];
}

const POINT_KINDS = new Set(["TIMESTAMP", "OFFSET", "STATEMENT", "STREAM"]);

/** Words after a table reference that start the next clause, not an alias. */
const NOT_ALIAS = new Set([
  "WHERE",
  "JOIN",
  "ON",
  "GROUP",
  "ORDER",
  "LIMIT",
  "FULL",
  "LEFT",
  "RIGHT",
  "INNER",
  "CROSS",
  "NATURAL",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
  "QUALIFY",
  "HAVING",
  "WINDOW",
  "LATERAL",
  "SAMPLE",
  "TABLESAMPLE",
  "PIVOT",
  "UNPIVOT",
  "MATCH_RECOGNIZE",
  "OUTER",
  "USING",
  "FETCH",
  "OFFSET",
  "ASOF",
  "START",
  "CONNECT",
  "SET",
  "WHEN",
  "VALUES",
]); // prettier-ignore

/** The marker literal of clause `index` (read.ts finds it in the DuckDB text). */
export function travelMarker(index: number): string {
  return `'merc-tt-${index}'`;
}

/** Whether the token after a table reference (or its clause) is an alias rather than the next clause. */
export function startsAlias(next: Token | undefined): boolean {
  return (
    next !== undefined &&
    (next.kind === "quoted-identifier" || (next.kind === "word" && !NOT_ALIAS.has(next.upper ?? "")))
  );
}

/**
 * The marked read standing for clause `index`: `(SELECT * FROM <table> WHERE <marker> IS NOT NULL)`,
 * with ` AS <alias>` when the statement gives it none.
 */
export function markedRead(table: string, index: number, alias: string | null): string {
  return `(SELECT * FROM ${table} WHERE ${travelMarker(index)} IS NOT NULL)${alias === null ? "" : ` AS ${alias}`}`;
}

/** True when tokens[i] and tokens[i + 1] are `=>`. */
function isArrow(sql: string, tokens: Token[], i: number): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  return isPunct(sql, a, "=") && isPunct(sql, b, ">") && b?.start === a?.end;
}

/** `WORD ( KEY => expr )` at tokens[i]: the key, the expression's text and the closing index. */
function arrowClause(
  sql: string,
  tokens: Token[],
  i: number,
): { word: string; key: string; expression: string; close: number } | null {
  const word = tokens[i];
  const key = tokens[i + 2];
  if (word?.kind !== "word" || !isPunct(sql, tokens[i + 1], "(") || key?.kind !== "word") return null;
  if (!isArrow(sql, tokens, i + 3)) return null;
  const close = closingParen(sql, tokens, i + 1);
  const first = tokens[i + 5];
  if (close < 0 || first === undefined) return null;
  const expression = sql.slice(first.start, (tokens[close] as Token).start).trim();
  return { word: word.upper ?? "", key: key.upper ?? "", expression, close };
}

/** The point of `AT | BEFORE | END (KIND => expr)` at tokens[i], or null. */
function pointAt(sql: string, tokens: Token[], i: number): { point: TravelPoint; close: number } | null {
  const clause = arrowClause(sql, tokens, i);
  if (!clause || !["AT", "BEFORE", "END"].includes(clause.word) || !POINT_KINDS.has(clause.key)) return null;
  const point = {
    keyword: clause.word as TravelPoint["keyword"],
    kind: clause.key as TravelPoint["kind"],
    expression: clause.expression,
  };
  return { point, close: clause.close };
}

/** The first token of the dotted name ending at tokens[last], or -1 when none ends there. */
function nameStart(sql: string, tokens: Token[], last: number): number {
  let i = last;
  const isName = (t: Token | undefined) => t?.kind === "word" || t?.kind === "quoted-identifier";
  if (!isName(tokens[i])) return -1;
  while (isPunct(sql, tokens[i - 1], ".") && isName(tokens[i - 2])) i -= 2;
  return i;
}

/** Extracts every clause (see the file comment); `sql` unchanged when there is none. */
export function extractTravelClauses(sql: string): ExtractedTravel {
  if (!/=>/.test(sql) || !/\b(AT|BEFORE|CHANGES)\s*\(/i.test(sql)) return { sql, clauses: [] };
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const clauses: TravelClause[] = [];
  let out = "";
  let copied = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" || !["AT", "BEFORE", "CHANGES"].includes(t.upper ?? "")) continue;
    const first = nameStart(sql, tokens, i - 1);
    if (first < 0) continue;
    let close: number;
    let clause: TravelClause;
    const table = sql.slice((tokens[first] as Token).start, (tokens[i - 1] as Token).end);
    if (t.upper === "CHANGES") {
      const changes = arrowClause(sql, tokens, i);
      if (changes?.key !== "INFORMATION") continue;
      const start = pointAt(sql, tokens, changes.close + 1);
      if (!start || start.point.keyword === "END") continue;
      const information = changes.expression.toUpperCase() === "APPEND_ONLY" ? "APPEND_ONLY" : "DEFAULT";
      clause = { table, start: start.point, changes: information };
      close = start.close;
      const end = tokens[close + 1]?.upper === "END" ? pointAt(sql, tokens, close + 1) : null;
      if (end) {
        clause.end = end.point;
        close = end.close;
      }
    } else {
      const start = pointAt(sql, tokens, i);
      if (!start) continue;
      clause = { table, start: start.point };
      close = start.close;
    }
    const lastPart = sql.slice((tokens[i - 1] as Token).start, (tokens[i - 1] as Token).end);
    const subquery = markedRead(table, clauses.length, startsAlias(tokens[close + 1]) ? null : lastPart);
    out += sql.slice(copied, (tokens[first] as Token).start) + subquery;
    copied = (tokens[close] as Token).end;
    clauses.push(clause);
    i = close;
  }
  if (clauses.length === 0) return { sql, clauses };
  return { sql: out + sql.slice(copied), clauses };
}
