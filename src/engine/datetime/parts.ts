/**
 * Snowflake's date and time parts and their abbreviations ("Supported date and time parts" in the
 * Date & time functions reference), mapped to the canonical names the date/time macros take.
 */

const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  year: ["y", "yy", "yyy", "yyyy", "yr", "years", "yrs"],
  month: ["mm", "mon", "mons", "months"],
  day: ["d", "dd", "days", "dayofmonth"],
  dayofweek: ["weekday", "dow", "dw"],
  dayofweekiso: ["dayofweek_iso", "weekday_iso", "dow_iso", "dw_iso"],
  dayofyear: ["yearday", "doy", "dy"],
  week: ["w", "wk", "weekofyear", "woy", "wy", "weeks"],
  weekiso: ["week_iso", "weekofyeariso", "weekofyear_iso"],
  quarter: ["q", "qtr", "qtrs", "quarters"],
  yearofweek: [],
  yearofweekiso: [],
  hour: ["h", "hh", "hr", "hours", "hrs"],
  minute: ["m", "mi", "min", "minutes", "mins"],
  second: ["s", "sec", "seconds", "secs"],
  millisecond: ["ms", "msec", "milliseconds"],
  microsecond: ["us", "usec", "microseconds"],
  nanosecond: ["ns", "nsec", "nanosec", "nsecond", "nanoseconds", "nanosecs", "nseconds"],
  epoch_second: ["epoch", "epoch_seconds"],
  epoch_millisecond: ["epoch_milliseconds"],
  epoch_microsecond: ["epoch_microseconds"],
  epoch_nanosecond: ["epoch_nanoseconds"],
  timezone_hour: ["tzh"],
  timezone_minute: ["tzm"],
};

const CANONICAL = new Map<string, string>();
for (const [name, synonyms] of Object.entries(SYNONYMS)) {
  CANONICAL.set(name, name);
  for (const s of synonyms) CANONICAL.set(s, name);
}

/** Parts of a day or longer: DATEADD by one of these keeps a DATE a DATE. */
export const DAY_OR_LONGER: ReadonlySet<string> = new Set(["year", "quarter", "month", "week", "day"]);

/**
 * The canonical part written as an argument: a bare word (`year`), a string (`'YEAR'`) or, after
 * name resolution took it for a column, a quoted upper-case name (`"YEAR"`). Null when it is not a part.
 */
export function canonicalPart(written: string): string | null {
  const text = written.trim();
  const m = /^(?:'([^']*)'|"([^"]*)"|([A-Za-z_]+))$/.exec(text);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? m[3] ?? "").trim().toLowerCase();
  return CANONICAL.get(name) ?? null;
}
