/**
 * Formatting of canonical cells (CellValue): `display` is what people and `mercurios sql` see, as
 * Snowflake displays values with its default output formats; `wire` is the REST protocol's JSON
 * encoding (reference section a: dates as days since epoch, timestamps as epoch seconds with a
 * fraction, timestamp_tz with its offset index, binary as upper-case hex).
 */
import { displayDateTime } from "./datetime/display.js";
import { floatDisplayText } from "./float-display.js";
import type { CellValue, ResultColumn } from "./types.js";

const pad = (n: number | bigint, width: number): string => String(n).padStart(width, "0");

/** Civil date of a day number since 1970-01-01 (proleptic Gregorian). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? y + 1 : y, month, day };
}

function yearText(year: number): string {
  return year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
}

/** `YYYY-MM-DD` for a day number. */
export function dateText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${yearText(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const NANOS_PER_DAY = 86_400_000_000_000n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `HH:MM:SS` plus `.fff…` at `fractionDigits` for nanoseconds since midnight. */
export function timeText(nanosOfDay: bigint, fractionDigits: number): string {
  const totalSeconds = nanosOfDay / 1_000_000_000n;
  const fraction = nanosOfDay % 1_000_000_000n;
  const h = totalSeconds / 3600n;
  const m = (totalSeconds % 3600n) / 60n;
  const s = totalSeconds % 60n;
  const base = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  if (fractionDigits <= 0) return base;
  return `${base}.${pad(fraction, 9).slice(0, fractionDigits)}`;
}

/** `YYYY-MM-DD HH:MM:SS.fff` for nanoseconds since the epoch. */
export function timestampText(epochNanos: bigint, fractionDigits = 3): string {
  const days = floorDiv(epochNanos, NANOS_PER_DAY);
  const nanosOfDay = epochNanos - days * NANOS_PER_DAY;
  return `${dateText(Number(days))} ${timeText(nanosOfDay, fractionDigits)}`;
}

/** Upper-case hex of bytes. */
export function hexText(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out.toUpperCase();
}

/**
 * A cell as Snowflake displays it: dates, times and timestamps in the column's output format (the
 * session's, else Snowflake's defaults: DATE `2026-11-27`, TIMESTAMP_NTZ `2026-11-27 10:00:00.000`,
 * TIMESTAMP_LTZ/TZ with their offset ` -0800`, TIME `10:00:00`), NUMBER at its scale, FLOAT rounded as Snowflake's client shows it (float-display.ts), BOOLEAN `true`,
 * VARIANT as JSON text, BINARY as hex. `null` stays null.
 */
export function displayValue(
  value: CellValue,
  column: Pick<ResultColumn, "type" | "scale" | "outputFormat" | "timeZone">,
): string | null {
  if (value === null) return null;
  const dateTime = displayDateTime(value, column);
  if (dateTime !== undefined) return dateTime;
  switch (column.type) {
    case "boolean":
      return value === true || value === "true" ? "true" : "false";
    case "binary":
      return value instanceof Uint8Array ? hexText(value) : String(value);
    case "real":
      return typeof value === "string" ? floatDisplayText(value) : String(value);
    default:
      return plainText(value);
  }
}

function plainText(value: Exclude<CellValue, null>): string {
  if (value instanceof Uint8Array) return hexText(value);
  if (typeof value === "object") return JSON.stringify({ epochNanos: String(value.epochNanos) });
  return String(value);
}

/**
 * A cell as text the way displayValue shows it, except a FLOAT keeps every digit of its double:
 * what a driver reads (the REST rowset carries the full text) and what a literal must repeat.
 */
export function valueText(
  value: CellValue,
  column: Pick<ResultColumn, "type" | "scale" | "outputFormat" | "timeZone">,
): string | null {
  if (value !== null && column.type === "real") return plainText(value);
  return displayValue(value, column);
}

/** `<seconds>.<fraction>` with `scale` fraction digits for nanoseconds since the epoch. */
function epochSecondsText(epochNanos: bigint, scale: number): string {
  const seconds = floorDiv(epochNanos, 1_000_000_000n);
  const fraction = epochNanos - seconds * 1_000_000_000n;
  if (scale <= 0) return seconds.toString();
  return `${seconds}.${pad(fraction, 9).slice(0, scale)}`;
}

/** A cell in the REST protocol's JSON rowset encoding (always a string or null). */
export function wireValue(value: CellValue, column: Pick<ResultColumn, "type" | "scale">): string | null {
  if (value === null) return null;
  const scale = column.scale ?? 9;
  switch (column.type) {
    case "boolean":
      return value === true || value === "true" ? "1" : "0";
    case "date":
      return String(value);
    case "time":
      return typeof value === "bigint" ? epochSecondsText(value, scale) : String(value);
    case "timestamp_ntz":
    case "timestamp_ltz":
      return typeof value === "bigint" ? epochSecondsText(value, scale) : String(value);
    case "timestamp_tz":
      if (typeof value === "object" && value !== null && "epochNanos" in value)
        return `${epochSecondsText(value.epochNanos, scale)} ${value.offsetMinutes + 1440}`;
      return typeof value === "bigint" ? `${epochSecondsText(value, scale)} 1440` : String(value);
    case "binary":
      return value instanceof Uint8Array ? hexText(value) : String(value);
    default:
      if (value instanceof Uint8Array) return hexText(value);
      if (typeof value === "object") return String(value.epochNanos);
      return String(value);
  }
}
