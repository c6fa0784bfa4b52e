/**
 * Snowflake's JSON result encoding, as the Node driver decodes it (`lib/connection/result/column.js`):
 * every cell is a string or null, and the rowtype tells the driver how to read it.
 */
import type { CellValue, ResultColumn } from "../types.js";

/** One entry of a query response's `rowtype`. */
export interface WireColumn {
  name: string;
  database: string;
  schema: string;
  table: string;
  type: string;
  nullable: boolean;
  length: number | null;
  byteLength: number | null;
  precision: number | null;
  scale: number | null;
  collation: null;
}

const NANOS_PER_SECOND = 1_000_000_000n;
/** Timestamps and times without a known scale are sent at nanosecond precision. */
const DEFAULT_TIME_SCALE = 9;
const TEMPORAL_TYPES = new Set(["time", "timestamp_ntz", "timestamp_ltz", "timestamp_tz"]);

/** Describes a result column the way `rowtype` does; temporal columns always carry a scale. */
export function wireColumn(column: ResultColumn): WireColumn {
  const temporal = TEMPORAL_TYPES.has(column.type);
  const scale = temporal ? (column.scale ?? DEFAULT_TIME_SCALE) : column.scale;
  return {
    name: column.name,
    database: column.database ?? "",
    schema: column.schema ?? "",
    table: column.table ?? "",
    // Drivers know no interval type: its values travel as text in the interval format.
    type: column.type === "interval" ? "text" : column.type,
    nullable: column.nullable,
    length: column.length,
    byteLength: byteLength(column),
    precision: column.precision,
    scale,
    collation: null,
  };
}

const MAX_TEXT_BYTES = 16_777_216;

/** Bytes a column's values may take: 4 per character of text (UTF-8), up to 16 MB; binary as long. */
function byteLength(column: ResultColumn): number | null {
  if (column.length === null) return null;
  if (column.type === "text") return Math.min(column.length * 4, MAX_TEXT_BYTES);
  if (column.type === "binary") return column.length;
  return null;
}

/** Encodes one cell for `rowset`. */
export function wireCell(value: CellValue, column: ResultColumn): string | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      return wireBoolean(value);
    case "date":
      return String(value);
    case "time":
      return typeof value === "bigint" ? secondsWithFraction(value, scaleOf(column)) : String(value);
    case "timestamp_ntz":
    case "timestamp_ltz":
      return typeof value === "bigint" ? secondsWithFraction(value, scaleOf(column)) : String(value);
    case "timestamp_tz":
      if (isZonedTimestamp(value)) {
        // The driver reads "<epoch.fraction> <offsetMinutes + 1440>" when the result version is not 0.
        return `${secondsWithFraction(value.epochNanos, scaleOf(column))} ${value.offsetMinutes + 1440}`;
      }
      return String(value);
    case "binary":
      return value instanceof Uint8Array ? Buffer.from(value).toString("hex").toUpperCase() : String(value);
    default:
      return plainText(value);
  }
}

/** Encodes a whole result's rows. */
export function wireRows(
  rows: readonly CellValue[][],
  columns: readonly ResultColumn[],
): (string | null)[][] {
  return rows.map((row) => columns.map((column, index) => wireCell(row[index] ?? null, column)));
}

function scaleOf(column: ResultColumn): number {
  return column.scale ?? DEFAULT_TIME_SCALE;
}

function wireBoolean(value: Exclude<CellValue, null>): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = String(value).toLowerCase();
  return text === "true" || text === "1" ? "1" : "0";
}

function isZonedTimestamp(value: CellValue): value is { epochNanos: bigint; offsetMinutes: number } {
  return (
    typeof value === "object" && value !== null && !(value instanceof Uint8Array) && "epochNanos" in value
  );
}

function plainText(value: Exclude<CellValue, null>): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex").toUpperCase();
  if (isZonedTimestamp(value)) return String(value.epochNanos);
  return String(value);
}

/**
 * `nanos` since an origin as a signed decimal number of seconds with `scale` fraction digits
 * (`-1.500000000`): the driver multiplies it by 10^scale and floors, so the text must be exact.
 */
export function secondsWithFraction(nanos: bigint, scale: number): string {
  const negative = nanos < 0n;
  const magnitude = negative ? -nanos : nanos;
  const seconds = magnitude / NANOS_PER_SECOND;
  const fraction = magnitude % NANOS_PER_SECOND;
  const sign = negative ? "-" : "";
  if (scale <= 0) return `${sign}${seconds}`;
  const digits = fraction.toString().padStart(9, "0").slice(0, Math.min(scale, 9));
  return `${sign}${seconds}.${digits}`;
}
