/**
 * Bulk binds as one operation. An `INSERT … VALUES (?, ?, …)` with array binds (one array per
 * placeholder, snowflake-sdk's and the Python connector's bulk form), or with many tuples of scalar
 * binds (`VALUES (?, ?), (?, ?), …`), becomes one `INSERT … SELECT` over a staging table that
 * DuckDB's appender fills: the statement is translated and authorised once, its rows inserted by one
 * DuckDB statement. Each placeholder keeps the meaning a literal of its bind type has (binds.ts):
 * the translated statement is built with a marker literal in the same wrapper (`TO_DATE(…)`,
 * `…::TIMESTAMP_NTZ`, `PARSE_JSON(…)`, …), and the marker is then replaced by the staged column.
 * Any other statement with array binds runs once per row, as before, and reports summed counts.
 */
import type { PreparedQuery } from "./handlers/query.js";
import { type Token, tokenize } from "./split/index.js";
import type { BindValue } from "./types.js";
import { valuesTuples } from "./values-tuples.js";
import { stringLiteral } from "./variables.js";

/** Bind columns for one statement: the bind type and one value per row, per placeholder. */
export interface BatchBinds {
  /** The statement with exactly one VALUES tuple of placeholders (multi-row forms regrouped). */
  sql: string;
  columns: { type: BindValue["type"]; values: (string | null)[] }[];
  rows: number;
}

/** True when any bind carries an array of values. */
export function hasArrayBinds(binds: BindValue[] | Record<string, BindValue>): boolean {
  return Object.values(binds).some((bind) => Array.isArray(bind.value));
}

/**
 * The batch a statement's binds make, or null when they are plain scalar binds of a one-row statement
 * (or named binds, which run row by row).
 */
export function batchOf(sql: string, binds: BindValue[] | Record<string, BindValue>): BatchBinds | null {
  if (!Array.isArray(binds)) return null;
  if (hasArrayBinds(binds)) {
    const rows = Math.max(0, ...binds.map((b) => (Array.isArray(b.value) ? b.value.length : 1)));
    const columns = binds.map((b) => ({
      type: b.type,
      values: Array.isArray(b.value) ? b.value : new Array<string | null>(rows).fill(b.value),
    }));
    return { sql, columns, rows };
  }
  return regroupMultiRow(sql, binds);
}

/** The bind `rows`th row of a batch, as scalar binds. */
export function rowOf(batch: BatchBinds, row: number): BindValue[] {
  return batch.columns.map((column) => ({ type: column.type, value: column.values[row] ?? null }));
}

const NUMERIC = new Set<BindValue["type"]>(["FIXED", "REAL"]);

interface ValuesClause {
  /** Token index of VALUES and of the last token of the last tuple. */
  valuesAt: number;
  end: number;
  /** Each tuple's items, each item the tokens between commas. */
  tuples: Token[][][];
}

/** The statement's `INSERT … VALUES (…)[, (…)]` clause when it ends the statement, else null. */
function insertValues(sql: string, tokens: Token[]): ValuesClause | null {
  if (tokens[0]?.upper !== "INSERT") return null;
  let depth = 0;
  let valuesAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    const ch = punct(sql, tokens[i]);
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && tokens[i]?.upper === "VALUES") {
      valuesAt = i;
      break;
    }
  }
  if (valuesAt < 0) return null;
  const list = valuesTuples(sql, tokens, valuesAt + 1);
  const next = list === null ? undefined : tokens[list.end + 1];
  if (list === null || (next !== undefined && next.kind !== "semicolon")) return null;
  return { valuesAt, end: list.end, tuples: list.tuples };
}

function punct(sql: string, token: Token | undefined): string {
  return token?.kind === "punct" ? (sql[token.start] as string) : "";
}

/** The placeholder an item is, if it is exactly one: `?` or `:n`. */
function placeholderOf(sql: string, item: Token[]): { positional: true } | { number: number } | null {
  if (item.length === 1 && punct(sql, item[0]) === "?") return { positional: true };
  const text =
    item.length > 0 ? sql.slice((item[0] as Token).start, (item[item.length - 1] as Token).end) : "";
  const numbered = /^:(\d+)$/.exec(text);
  return numbered ? { number: Number(numbered[1]) } : null;
}

function meaningful(sql: string): Token[] {
  return tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
}

/** `VALUES (?, ?), (?, ?), …` with scalar binds: one tuple and a column of values per placeholder. */
function regroupMultiRow(sql: string, binds: BindValue[]): BatchBinds | null {
  const tokens = meaningful(sql);
  const clause = insertValues(sql, tokens);
  if (clause === null || clause.tuples.length < 2) return null;
  const width = clause.tuples[0]?.length ?? 0;
  if (width === 0 || clause.tuples.length * width !== binds.length) return null;
  for (const tuple of clause.tuples) {
    if (tuple.length !== width) return null;
    for (const item of tuple) {
      const placeholder = placeholderOf(sql, item);
      if (placeholder === null || !("positional" in placeholder)) return null;
    }
  }
  const columns: BatchBinds["columns"] = [];
  for (let k = 0; k < width; k++) {
    let type = (binds[k] as BindValue).type;
    const values: (string | null)[] = [];
    for (let row = 0; row < clause.tuples.length; row++) {
      const bind = binds[row * width + k] as BindValue;
      // FIXED and REAL share one literal form (a number); other mixes run row by row.
      if (bind.type !== type) {
        if (!NUMERIC.has(bind.type) || !NUMERIC.has(type)) return null;
        type = "FIXED";
      }
      values.push(bind.value as string | null);
    }
    columns.push({ type, values });
  }
  const first = tokens[clause.valuesAt + 1] as Token;
  const tuple = `(${Array.from({ length: width }, () => "?").join(", ")})`;
  const last = tokens[clause.end] as Token;
  return {
    sql: `${sql.slice(0, first.start)}${tuple}${sql.slice(last.end)}`,
    columns,
    rows: clause.tuples.length,
  };
}

/** The statement the batch runs, translated once, with marker literals where the binds go. */
export interface BatchTemplate {
  /** Snowflake SQL with each placeholder replaced by its marker in its bind type's wrapper. */
  sql: string;
  markers: string[];
}

/** A one-tuple `INSERT … VALUES` of bare placeholders, with markers; null for any other shape. */
export function batchTemplate(batch: BatchBinds): BatchTemplate | null {
  const tokens = meaningful(batch.sql);
  const clause = insertValues(batch.sql, tokens);
  if (clause === null || clause.tuples.length !== 1) return null;
  // Fixed markers keep the template's text stable, so its translation is cached across batches.
  const markers = batch.columns.map((_, k) => `${MARKER_PREFIX}${k + 1}`);
  if (batch.sql.includes(MARKER_PREFIX)) return null;
  let out = "";
  let at = 0;
  let next = 0;
  for (const item of clause.tuples[0] as Token[][]) {
    const placeholder = placeholderOf(batch.sql, item);
    if (placeholder === null) return null;
    const k = "positional" in placeholder ? next++ : placeholder.number - 1;
    const column = batch.columns[k];
    if (column === undefined) return null;
    const start = (item[0] as Token).start;
    out += batch.sql.slice(at, start) + wrap(column.type, stringLiteral(markers[k] as string));
    at = (item[item.length - 1] as Token).end;
  }
  return { sql: out + batch.sql.slice(at), markers };
}

const MARKER_PREFIX = "__mercurios_bind_";

/** The literal form binds.ts gives each bind type, around a marker string. */
function wrap(type: BindValue["type"], marker: string): string {
  switch (type) {
    case "DATE":
      return `TO_DATE(${marker})`;
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return `${marker}::${type}`;
    case "TIME":
      return `${marker}::TIME`;
    case "VARIANT":
      return `PARSE_JSON(${marker})`;
    case "BINARY":
      return `TO_BINARY(${marker}, 'HEX')`;
    default:
      // Numbers, booleans and text are staged as text: the INSERT casts them to the column's type.
      return marker;
  }
}

/**
 * The prepared INSERT's DuckDB SQL with its VALUES tuple turned into a SELECT of `expressions` (one
 * per marker) over `source`, aliased "__binds"; null when the translation does not have that shape
 * (the batch then runs row by row).
 */
export function stagedInsert(
  prepared: PreparedQuery,
  markers: string[],
  source: string,
  expressions: readonly string[],
): string | null {
  if (prepared.kind !== "INSERT") return null;
  const duckSql = prepared.duckSql;
  const tokens = tokenize(duckSql, { backslashEscapes: false }).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment",
  );
  const clause = insertValues(duckSql, tokens);
  if (clause === null || clause.tuples.length !== 1) return null;
  const open = tokens[clause.valuesAt + 1] as Token;
  const close = tokens[clause.end] as Token;
  const seen = new Array<number>(markers.length).fill(0);
  let items = "";
  let at = open.end;
  for (let i = clause.valuesAt + 2; i < clause.end; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "string") continue;
    const k = markers.findIndex((m) => duckSql.slice(t.start, t.end) === `'${m}'`);
    if (k < 0) continue;
    seen[k] = (seen[k] ?? 0) + 1;
    items += `${duckSql.slice(at, t.start)}${expressions[k] ?? `"__binds"."c${k + 1}"`}`;
    at = t.end;
  }
  items += duckSql.slice(at, close.start);
  if (seen.some((n) => n !== 1)) return null;
  // A marker anywhere outside the tuple would be left behind as text.
  const rest = duckSql.slice(0, open.start) + duckSql.slice(close.end);
  if (markers.some((m) => rest.includes(m))) return null;
  const values = tokens[clause.valuesAt] as Token;
  return `${duckSql.slice(0, values.start)}SELECT ${items} FROM ${source} AS "__binds"${duckSql.slice(close.end)}`;
}

const INTEGER = /^[-+]?\d{1,18}$/;
const DECIMAL = /^[-+]?(\d*)\.?(\d*)$/;

/**
 * The expression a staged column (text) becomes in the INSERT. Numbers get a narrow exact type when
 * every value fits one: DuckDB parses text into a 38-digit DECIMAL about ten times slower than into
 * a BIGINT or an 18-digit DECIMAL, and the INSERT casts the value to the column's type either way.
 */
export function stagedExpression(
  type: BindValue["type"],
  values: readonly (string | null)[],
  column: string,
): string {
  if (type === "BOOLEAN") return `CAST(${column} AS BOOLEAN)`;
  if (type !== "FIXED" && type !== "REAL") return column;
  let integers = true;
  let whole = 0;
  let scale = 0;
  for (const raw of values) {
    if (raw === null) continue;
    const value = raw.trim();
    if (INTEGER.test(value)) {
      whole = Math.max(whole, value.replace(/^[-+]/, "").length);
      continue;
    }
    integers = false;
    const m = DECIMAL.exec(value);
    if (!m) return column;
    whole = Math.max(whole, (m[1] as string).length);
    scale = Math.max(scale, (m[2] as string).length);
  }
  if (integers) return `CAST(${column} AS BIGINT)`;
  if (whole + scale <= 18) return `CAST(${column} AS DECIMAL(18,${scale}))`;
  return column;
}

/** Characters that may separate values and stand for NULL in a column sent as one string. */
const CONTROL_CHARACTERS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(31 - i)).filter(
  (c) => !"\t\n\r".includes(c),
);

const ANY_CONTROL = /[\x01-\x1f]/;

/**
 * One column of values as one string for DuckDB to split: a separator that no value contains and a
 * NULL marker that no value equals, or null when the values use every candidate character.
 */
export function packColumn(
  values: readonly (string | null)[],
): { text: string; separator: string; nullMarker: string } | null {
  const used = new Set<string>();
  for (const value of values) {
    if (value === null || !ANY_CONTROL.test(value)) continue;
    for (const c of CONTROL_CHARACTERS) if (value.includes(c)) used.add(c);
  }
  const free = CONTROL_CHARACTERS.filter((c) => !used.has(c));
  const [separator, nullMarker] = free;
  if (separator === undefined || nullMarker === undefined) return null;
  return { text: values.map((v) => (v === null ? nullMarker : v)).join(separator), separator, nullMarker };
}

/** Values as staged: booleans and epoch-millisecond dates as binds.ts reads them. */
export function stagedValue(type: BindValue["type"], value: string | null): string | null {
  if (value === null) return null;
  if (type === "BOOLEAN") return /^(true|1|yes|on|t|y)$/i.test(value.trim()) ? "true" : "false";
  if (type === "DATE" && /^-?\d+$/.test(value)) return new Date(Number(value)).toISOString().slice(0, 10);
  if (type === "FIXED" || type === "REAL") return value.trim();
  return value;
}
