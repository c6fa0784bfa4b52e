/**
 * Shape: a DuckDB result becomes Snowflake result columns (names decoded back to Snowflake names,
 * Snowflake types) and canonical cells (see CellValue in types.ts).
 */
import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  type DuckDBResultReader,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBValue,
  DuckDBArrayValue,
} from "./duckdb.js";
import { plainJsonText, UNDEFINED_TEXT } from "./functions/json.js";
import { decodeName } from "./identifiers.js";
import { formatDayTime, parseIntervalQualifier, TIMESTAMP_DIFFERENCE } from "./interval-types.js";
import { fromDuckType } from "./types-map.js";
import type { CellValue, ResultColumn } from "./types.js";

/** Decimal text of an unscaled integer at a scale: (150n, 2) -> "1.50". */
export function scaledText(value: bigint, scale: number): string {
  if (scale === 0) return value.toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** A DuckDB value as plain JSON-able data (for VARIANT / ARRAY / OBJECT text). */
function toJsonData(value: DuckDBValue): unknown {
  if (value === null) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object") return value;
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue)
    return value.items.map(toJsonData);
  if (value instanceof DuckDBStructValue) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value.entries)) out[decodeName(k)] = toJsonData(v);
    return out;
  }
  if (value instanceof DuckDBMapValue) {
    const out: Record<string, unknown> = {};
    for (const e of value.entries) out[String(e.key)] = toJsonData(e.value);
    return out;
  }
  if (value instanceof DuckDBDecimalValue) return Number(scaledText(value.value, value.scale));
  return String(value);
}

const isNested = (value: DuckDBValue): boolean =>
  value instanceof DuckDBListValue ||
  value instanceof DuckDBArrayValue ||
  value instanceof DuckDBStructValue ||
  value instanceof DuckDBMapValue;

/** Converts one DuckDB value to its canonical cell for a column of the given Snowflake type. */
export function toCell(value: DuckDBValue, column: ResultColumn): CellValue {
  if (value === null) return null;
  switch (column.type) {
    case "fixed": {
      if (value instanceof DuckDBDecimalValue) return scaledText(value.value, value.scale);
      if (typeof value === "bigint") return scaledText(value, column.scale ?? 0);
      if (typeof value === "number") return scaledText(BigInt(Math.trunc(value)), column.scale ?? 0);
      return String(value);
    }
    case "real":
      return typeof value === "number" ? realText(value) : String(value);
    case "boolean":
      return value === true;
    case "date":
      return value instanceof DuckDBDateValue ? value.days : null;
    case "time":
      return value instanceof DuckDBTimeValue ? value.micros * 1000n : null;
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz": {
      let nanos: bigint | null = null;
      if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue)
        nanos = value.micros * 1000n;
      else if (value instanceof DuckDBTimestampNanosecondsValue) nanos = value.nanos;
      else if (value instanceof DuckDBTimestampMillisecondsValue) nanos = value.millis * 1_000_000n;
      else if (value instanceof DuckDBTimestampSecondsValue) nanos = value.seconds * 1_000_000_000n;
      if (value instanceof DuckDBStructValue && column.type === "timestamp_tz") return zonedCell(value);
      if (nanos === null) return null;
      return column.type === "timestamp_tz" ? { epochNanos: nanos, offsetMinutes: 0 } : nanos;
    }
    case "binary":
      return value instanceof DuckDBBlobValue ? value.bytes : null;
    case "interval":
      return value instanceof DuckDBIntervalValue ? intervalCell(value, column.sqlType) : String(value);
    case "variant":
    case "object":
    case "array":
      // Shown as Snowflake shows it: typed values (a DATE inside a VARIANT) without the engine's
      // mark, an undefined element as `undefined`, and an undefined value alone (an array's
      // missing element read by index) as NULL.
      if (typeof value === "string") return value === UNDEFINED_TEXT ? null : plainJsonText(value);
      return plainJsonText(JSON.stringify(toJsonData(value)));
    default:
      // Text made from a VARIANT (JSON_EXTRACT_PATH_TEXT, a VARIANT concatenated) never shows the
      // mark of a typed value (docs/decisions/021).
      if (typeof value === "string") return plainJsonText(value);
      // Nested values are shown as JSON; a scalar DuckDB value (a UUID, an interval) as its text,
      // not as a JSON string with quotes (UUID_STRING() showed "…" with them).
      if (isNested(value)) return JSON.stringify(toJsonData(value));
      return String(value);
  }
}

const DAY_MICROS = 86_400_000_000n;

/**
 * An interval cell: a year-month interval is shown as its number of months (as Snowflake shows a
 * column of that type), a day-time one in the interval format of its type (`+19 13:25:41.000000000`).
 */
function intervalCell(value: DuckDBIntervalValue, sqlType: string): CellValue {
  const q = parseIntervalQualifier(sqlType) ?? TIMESTAMP_DIFFERENCE;
  if (q.family === "year-month") return String(value.months);
  return formatDayTime((BigInt(value.months) * 30n + BigInt(value.days)) * DAY_MICROS + value.micros, q);
}

/** A TIMESTAMP_TZ cell from its DuckDB struct (datetime/tz.ts): the UTC time and the offset. */
function zonedCell(value: DuckDBStructValue): CellValue {
  const utc = value.entries.merc_tz_utc;
  const offset = value.entries.merc_tz_offset;
  if (!(utc instanceof DuckDBTimestampValue) || offset === null || offset === undefined) return null;
  return { epochNanos: utc.micros * 1000n, offsetMinutes: Number(offset) };
}

/** Snowflake's decimal text for a FLOAT. */
export function realText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(value);
}

/** What shapeColumns reads: a reader or a materialized result. */
type DescribedResult = Pick<DuckDBResultReader, "columnCount" | "columnName" | "columnType">;

/** Result columns of a DuckDB result, with Snowflake names and types. */
export function shapeColumns(result: DescribedResult): ResultColumn[] {
  const columns: ResultColumn[] = [];
  for (let i = 0; i < result.columnCount; i++) {
    const type = result.columnType(i);
    const mapped = fromDuckType(type.toString(), type.alias);
    columns.push({ name: decodeName(result.columnName(i)), nullable: true, ...mapped });
  }
  return columns;
}

/** Canonical rows of a DuckDB result. */
export function shapeRows(result: DuckDBResultReader, columns: ResultColumn[]): CellValue[][] {
  const rows = result.getRows();
  const out: CellValue[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as DuckDBValue[];
    const cells: CellValue[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) cells[c] = toCell(row[c] as DuckDBValue, columns[c] as ResultColumn);
    out[r] = cells;
  }
  return out;
}
