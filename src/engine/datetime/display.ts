/**
 * Date and time cells as people see them: the column's output format (the session's
 * DATE_OUTPUT_FORMAT, TIMESTAMP_*_OUTPUT_FORMAT, TIME_OUTPUT_FORMAT) applied to the value, and for
 * TIMESTAMP_LTZ the session time zone. Without settings on the column, Snowflake's defaults (UTC).
 */
import type { CellValue, ResultColumn } from "../types.js";
import { fieldsOfDays, fieldsOfWallClock, NANOS_PER_MINUTE, zoneOffsetMinutes } from "./calendar.js";
import { type FormatToken, renderFormat, tokenizeFormat } from "./format-elements.js";
import { DATETIME_PARAMETER_DEFAULTS, outputFormatFor } from "./parameters.js";

const tokenCache = new Map<string, FormatToken[]>();

function tokensOf(format: string): FormatToken[] {
  let tokens = tokenCache.get(format);
  if (tokens === undefined) {
    tokens = tokenizeFormat(format);
    if (tokenCache.size > 256) tokenCache.clear();
    tokenCache.set(format, tokens);
  }
  return tokens;
}

type DateTimeColumn = Pick<ResultColumn, "type" | "outputFormat" | "timeZone"> & { scale?: number | null };

/**
 * A time or timestamp of scale p has no digits past the p-th: the value cut to it (towards the
 * past, as Snowflake cuts CURRENT_TIMESTAMP(p) and casts to a smaller scale).
 */
function atScale(nanos: bigint, scale: number): bigint {
  if (scale >= 9 || scale < 0) return nanos;
  const unit = 10n ** BigInt(9 - scale);
  const rest = ((nanos % unit) + unit) % unit;
  return nanos - rest;
}

/** The format a column is shown in: its own, else Snowflake's default for the type. */
function formatOf(column: DateTimeColumn): string {
  return column.outputFormat ?? outputFormatFor(column.type, {}) ?? "";
}

function isZoned(value: CellValue): value is { epochNanos: bigint; offsetMinutes: number } {
  return (
    typeof value === "object" && value !== null && !(value instanceof Uint8Array) && "epochNanos" in value
  );
}

/**
 * The display text of a date, time or timestamp cell, or undefined when the column is not one of
 * those (or the cell is not in canonical form).
 */
export function displayDateTime(value: CellValue, column: DateTimeColumn): string | undefined {
  const tokens = (): FormatToken[] => tokensOf(formatOf(column));
  const scale = column.scale ?? 9;
  const render = (tokens: readonly FormatToken[], fields: ReturnType<typeof fieldsOfWallClock>): string =>
    renderFormat(tokens, fields, scale);
  switch (column.type) {
    case "date":
      return typeof value === "number" ? renderFormat(tokens(), fieldsOfDays(value)) : undefined;
    case "time":
      return typeof value === "bigint"
        ? render(tokens(), fieldsOfWallClock(atScale(value, scale), null))
        : undefined;
    case "timestamp_ntz":
      return typeof value === "bigint"
        ? render(tokens(), fieldsOfWallClock(atScale(value, scale), null))
        : undefined;
    case "timestamp_ltz": {
      if (typeof value !== "bigint") return undefined;
      const offset = zoneOffsetMinutes(column.timeZone ?? "UTC", value);
      return render(
        tokens(),
        fieldsOfWallClock(atScale(value, scale) + BigInt(offset) * NANOS_PER_MINUTE, offset),
      );
    }
    case "timestamp_tz": {
      if (typeof value === "bigint") return render(tokens(), fieldsOfWallClock(atScale(value, scale), 0));
      if (!isZoned(value)) return undefined;
      const local = atScale(value.epochNanos, scale) + BigInt(value.offsetMinutes) * NANOS_PER_MINUTE;
      return render(tokens(), fieldsOfWallClock(local, value.offsetMinutes));
    }
    default:
      return undefined;
  }
}

/** Snowflake's default time zone, for callers that show LTZ values outside a session. */
export const DEFAULT_TIME_ZONE = DATETIME_PARAMETER_DEFAULTS.TIMEZONE as string;
