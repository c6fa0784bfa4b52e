/**
 * Snowflake's PIVOT forms that the transpiler does not parse, rewritten into the form it does
 * (an explicit value list), before translation:
 *
 * - `IN (ANY [ORDER BY …])` and `IN (<subquery>)` (dynamic pivot): the values are read first, by
 *   running a Snowflake query through the engine (so it is authorised and filtered like the
 *   statement itself), and written into the list;
 * - `DEFAULT ON NULL (<expr>)`: the aggregate becomes `COALESCE(<aggregate>, <expr>)`;
 * - column names as Snowflake gives them: a value's literal text (`'2023_Q1'`, quotes included),
 *   its alias when it has one, and `_<ALIAS>` added (inside the quotes) for an aggregate alias.
 *
 * Every rewritten value carries a quoted alias with that name, so the rewritten PIVOT is plain
 * SQL the transpiler knows and DuckDB's own PIVOT runs it.
 */
import { sfErrors } from "./errors.js";
import { type Token, tokenize } from "./split/index.js";
import { closingParen, fromItemStart, isPunct, isWord, precedingCtes } from "./split/token-walk.js";
import type { CellValue } from "./types.js";

/**
 * Runs a Snowflake query and returns its first column's values in the order returned, and whether
 * that column is a number (its values are then written unquoted).
 */
export type PivotValueReader = (snowflakeSql: string) => Promise<{ values: CellValue[]; numeric: boolean }>;

/** Indexes of the depth-0 tokens in [from, to) that are commas. */
function topLevelCommas(sql: string, tokens: Token[], from: number, to: number): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isPunct(sql, tokens[i], "(")) depth++;
    else if (isPunct(sql, tokens[i], ")")) depth--;
    else if (depth === 0 && isPunct(sql, tokens[i], ",")) commas.push(i);
  }
  return commas;
}

/** The text of tokens [from, to] inclusive. */
const span = (sql: string, tokens: Token[], from: number, to: number): string =>
  sql.slice((tokens[from] as Token).start, (tokens[to] as Token).end);

/** A Snowflake name as displayed: unquoted upper-cased, quoted as written. */
function displayedName(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toUpperCase();
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The SQL literal of a value read for a dynamic pivot. */
function literalOf(value: CellValue, numeric: boolean): string {
  if (numeric || typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * The name Snowflake gives a pivot column: the value's alias, else its literal text; an aggregate
 * alias is appended with `_` (inside a string literal's closing quote).
 */
export function pivotColumnName(
  literal: string,
  valueAlias: string | null,
  aggregateAlias: string | null,
): string {
  const base = valueAlias ?? literal.replace(/\\'/g, "''");
  if (aggregateAlias === null) return base;
  if (valueAlias === null && base.endsWith("'")) return `${base.slice(0, -1)}_${aggregateAlias}'`;
  return `${base}_${aggregateAlias}`;
}

/** One PIVOT clause, located in the statement's tokens. */
interface PivotClause {
  /** Token of the PIVOT keyword, its `(` and its `)`. */
  keyword: number;
  close: number;
  aggregate: string;
  aggregateAlias: string | null;
  valueColumn: string;
  /** The IN list's `(` and `)` tokens. */
  inOpen: number;
  inClose: number;
  defaultOnNull: string | null;
}

function parseClause(sql: string, tokens: Token[], keyword: number): PivotClause | null {
  const open = keyword + 1;
  if (!isPunct(sql, tokens[open], "(")) return null;
  const close = closingParen(sql, tokens, open);
  if (close < 0) return null;
  let forAt = -1;
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    if (isPunct(sql, tokens[i], "(")) depth++;
    else if (isPunct(sql, tokens[i], ")")) depth--;
    else if (depth === 0 && isWord(tokens[i], "FOR")) {
      forAt = i;
      break;
    }
  }
  if (forAt < 0) return null;
  let aggregateEnd = forAt - 1;
  let aggregateAlias: string | null = null;
  const last = tokens[aggregateEnd] as Token;
  if (
    (last.kind === "word" || last.kind === "quoted-identifier") &&
    !isPunct(sql, tokens[aggregateEnd - 1], "(")
  ) {
    // `SUM(x) total` or `SUM(x) AS total`: the alias follows the call's closing parenthesis.
    if (isPunct(sql, tokens[aggregateEnd - 1], ")") || isWord(tokens[aggregateEnd - 1], "AS")) {
      aggregateAlias = displayedName(sql.slice(last.start, last.end));
      aggregateEnd -= isWord(tokens[aggregateEnd - 1], "AS") ? 2 : 1;
    }
  }
  const inAt = tokens.findIndex((t, i) => i > forAt && i < close && isWord(t, "IN"));
  if (inAt < 0 || !isPunct(sql, tokens[inAt + 1], "(")) return null;
  const inClose = closingParen(sql, tokens, inAt + 1);
  if (inClose < 0 || inClose > close) return null;
  let defaultOnNull: string | null = null;
  if (
    isWord(tokens[inClose + 1], "DEFAULT") &&
    isWord(tokens[inClose + 2], "ON") &&
    isWord(tokens[inClose + 3], "NULL")
  ) {
    const dOpen = inClose + 4;
    const dClose = isPunct(sql, tokens[dOpen], "(") ? closingParen(sql, tokens, dOpen) : -1;
    if (dClose < 0 || dClose + 1 !== close) return null;
    defaultOnNull = span(sql, tokens, dOpen + 1, dClose - 1);
  } else if (inClose + 1 !== close) return null;
  return {
    keyword,
    close,
    aggregate: span(sql, tokens, open + 1, aggregateEnd),
    aggregateAlias,
    valueColumn: span(sql, tokens, forAt + 1, inAt - 1),
    inOpen: inAt + 1,
    inClose,
    defaultOnNull,
  };
}

/** The relation a PIVOT applies to: the text between its FROM / JOIN / `,` and the keyword. */
function pivotSource(sql: string, tokens: Token[], keyword: number): string {
  const first = fromItemStart(sql, tokens, keyword);
  if (first > keyword - 1) throw sfErrors.compilation("PIVOT needs a table or subquery before it");
  return span(sql, tokens, first, keyword - 1);
}

interface PivotValue {
  literal: string;
  alias: string | null;
}

/** The values of an explicit IN list, each with its alias if written. */
function listedValues(sql: string, tokens: Token[], clause: PivotClause): PivotValue[] {
  const from = clause.inOpen + 1;
  const bounds = [from - 1, ...topLevelCommas(sql, tokens, from, clause.inClose), clause.inClose];
  const values: PivotValue[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const first = (bounds[k] as number) + 1;
    let last = (bounds[k + 1] as number) - 1;
    let alias: string | null = null;
    const aliasToken = tokens[last] as Token;
    if (isWord(tokens[last - 1], "AS")) {
      alias = displayedName(sql.slice(aliasToken.start, aliasToken.end));
      last -= 2;
    }
    values.push({ literal: span(sql, tokens, first, last), alias });
  }
  return values;
}

/** The values of a dynamic pivot (ANY or a subquery), read now. */
async function dynamicValues(
  sql: string,
  tokens: Token[],
  clause: PivotClause,
  read: PivotValueReader,
): Promise<PivotValue[] | null> {
  const first = tokens[clause.inOpen + 1];
  const withPrefix = precedingCtes(sql, tokens, (tokens[clause.keyword] as Token).start);
  let query: string;
  if (isWord(first, "ANY")) {
    const orderAt = clause.inOpen + 2;
    const orderBy =
      isWord(tokens[orderAt], "ORDER") && isWord(tokens[orderAt + 1], "BY")
        ? span(sql, tokens, orderAt + 2, clause.inClose - 1)
        : clause.valueColumn;
    const source = pivotSource(sql, tokens, clause.keyword);
    query = `${withPrefix}SELECT DISTINCT ${clause.valueColumn} FROM ${source} WHERE ${clause.valueColumn} IS NOT NULL ORDER BY ${orderBy}`;
  } else if (isWord(first, "SELECT") || isWord(first, "WITH")) {
    const subquery = span(sql, tokens, clause.inOpen + 1, clause.inClose - 1);
    query = isWord(first, "WITH") ? subquery : `${withPrefix}${subquery}`;
  } else {
    return null;
  }
  const seen = new Set<string>();
  const values: PivotValue[] = [];
  const { values: readValues, numeric } = await read(query);
  for (const value of readValues) {
    if (value === null) continue;
    const literal = literalOf(value, numeric);
    if (seen.has(literal)) continue;
    seen.add(literal);
    values.push({ literal, alias: null });
  }
  if (values.length === 0) throw sfErrors.compilation("Dynamic PIVOT found no values to pivot on");
  return values;
}

/** Rewrites the first PIVOT clause at or after token `from`; null when there is none left. */
async function rewriteNext(
  sql: string,
  from: number,
  read: PivotValueReader,
): Promise<{ sql: string; next: number } | null> {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.start < from || !isWord(t, "PIVOT")) continue;
    const clause = parseClause(sql, tokens, k);
    if (clause === null) continue;
    const values = (await dynamicValues(sql, tokens, clause, read)) ?? listedValues(sql, tokens, clause);
    const items = values.map(
      (v) => `${v.literal} AS ${quoteName(pivotColumnName(v.literal, v.alias, clause.aggregateAlias))}`,
    );
    const aggregate =
      clause.defaultOnNull === null
        ? clause.aggregate
        : `COALESCE(${clause.aggregate}, ${clause.defaultOnNull})`;
    const rewritten = `PIVOT(${aggregate} FOR ${clause.valueColumn} IN (${items.join(", ")}))`;
    const end = (tokens[clause.close] as Token).end;
    return { sql: sql.slice(0, t.start) + rewritten + sql.slice(end), next: t.start + rewritten.length };
  }
  return null;
}

/** The statement with every PIVOT clause in the form the transpiler parses (see the file comment). */
export async function expandPivots(sql: string, read: PivotValueReader): Promise<string> {
  if (!/\bPIVOT\b/i.test(sql)) return sql;
  let out = sql;
  let from = 0;
  for (let guard = 0; guard < 100; guard++) {
    const step = await rewriteNext(out, from, read);
    if (step === null) return out;
    out = step.sql;
    from = step.next;
  }
  return out;
}

/**
 * DuckDB SQL: the transpiler leaves a cast's Snowflake type as written inside a PIVOT aggregate
 * (`CAST(AVG(x) AS NUMBER(38, 6))`, from the engine's AVG scale), and DuckDB has no NUMBER type:
 * such casts become DECIMAL casts. Only words outside strings and quoted names are touched.
 */
export function pivotCastTypes(duckSql: string): string {
  if (!/\bPIVOT\b/i.test(duckSql)) return duckSql;
  const tokens = tokenize(duckSql, { backslashEscapes: false });
  let out = duckSql;
  for (let k = tokens.length - 2; k > 0; k--) {
    const t = tokens[k] as Token;
    if (isWord(t, "NUMBER") && isWord(tokens[k - 1], "AS") && isPunct(duckSql, tokens[k + 1], "("))
      out = `${out.slice(0, t.start)}DECIMAL${out.slice(t.end)}`;
  }
  return out;
}
