/**
 * Calendar arithmetic on canonical cells (days since the epoch, nanoseconds): civil dates of day
 * numbers (proleptic Gregorian, as Snowflake), and the UTC offset of an IANA time zone at an instant
 * (from the runtime's time zone database through Intl).
 */
import type { DateTimeFields } from "./format-elements.js";

export const NANOS_PER_SECOND = 1_000_000_000n;
export const NANOS_PER_MINUTE = 60_000_000_000n;
export const NANOS_PER_DAY = 86_400_000_000_000n;

/** Floor division for bigints (toward negative infinity). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Civil date of a day number since 1970-01-01. */
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

/** Day of the week of a day number, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** The fields of a day number (midnight). */
export function fieldsOfDays(days: number): DateTimeFields {
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: 0,
    minute: 0,
    second: 0,
    nanos: 0,
    weekday: weekdayOfDays(days),
    offsetMinutes: null,
  };
}

/** The fields of a wall-clock time given as nanoseconds since the epoch (read as UTC). */
export function fieldsOfWallClock(epochNanos: bigint, offsetMinutes: number | null): DateTimeFields {
  const days = floorDiv(epochNanos, NANOS_PER_DAY);
  const ofDay = epochNanos - days * NANOS_PER_DAY;
  const fields = fieldsOfDays(Number(days));
  const seconds = Number(ofDay / NANOS_PER_SECOND);
  return {
    ...fields,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor((seconds % 3600) / 60),
    second: seconds % 60,
    nanos: Number(ofDay % NANOS_PER_SECOND),
    offsetMinutes,
  };
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The offset from UTC, in minutes, of a time zone at an instant (epoch nanoseconds). */
export function zoneOffsetMinutes(timeZone: string, epochNanos: bigint): number {
  return Math.round(zoneOffsetSeconds(timeZone, epochNanos) / 60);
}

/**
 * The offset from UTC, in seconds, of a time zone at an instant (epoch nanoseconds): whole seconds,
 * since local mean times before standard time have them (Asia/Kolkata in 1900 was +05:21:10).
 */
export function zoneOffsetSeconds(timeZone: string, epochNanos: bigint): number {
  if (/^(UTC|GMT|Etc\/UTC|Z)$/i.test(timeZone)) return 0;
  const epochMs = Number(floorDiv(epochNanos, 1_000_000n));
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(wholeSecondMs))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === "BC") year = 1 - year;
  const asUtc = Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const utcFix = new Date(asUtc);
  // Date.UTC maps years 0-99 to 1900-1999.
  if (year >= 0 && year < 100) utcFix.setUTCFullYear(year);
  return Math.round((utcFix.getTime() - wholeSecondMs) / 1000);
}
