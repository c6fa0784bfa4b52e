/**
 * DuckDB macros for Snowflake's date & time functions (DATEADD, DATEDIFF, DATE_TRUNC, DATE_PART and
 * the part functions, LAST_DAY, NEXT_DAY, ADD_MONTHS, CONVERT_TIMEZONE, …). A macro with an untyped
 * parameter cannot call an overloaded one (DuckDB binds macro bodies when they are created), so
 * rewrite.ts composes calls such as `merc_dt_diff(part, merc_dt_local(a), merc_dt_local(b))` at the
 * call site, where the arguments have types. Date parts arrive as canonical lower-case names
 * (parts.ts normalises them when the statement is translated). Overloads are typed: a DATE stays a
 * DATE where Snowflake keeps it one, TIMESTAMP_LTZ is computed in the session time zone (the
 * connection's TimeZone) and TIMESTAMP_TZ in its own offset. WEEK_START and WEEK_OF_YEAR_POLICY
 * arrive as the connection's `merc_week_*` variables. Parameters used more than once are bound once
 * (`letIn`, see macros-convert.ts).
 */
import type { MacroDefinition } from "../functions/macros.js";
import { letIn } from "./macros-convert.js";
import { TZ_DUCK_TYPE } from "./tz.js";

const TZ = TZ_DUCK_TYPE;

/** One overload per date/time type, each given the type's wall-clock TIMESTAMP to work on (used once). */
function perType(
  params: string,
  body: (wall: string) => string,
  extra: { tz?: string; ltz?: string; date?: string; time?: string } = {},
): string[] {
  const p = params === "" ? "" : `${params}, `;
  return [
    `(${p}x DATE) AS ${extra.date ?? body("CAST(x AS TIMESTAMP)")}`,
    `(${p}x TIME) AS ${extra.time ?? body("(DATE '1970-01-01' + x)")}`,
    `(${p}x TIMESTAMP) AS ${body("x")}`,
    `(${p}x TIMESTAMPTZ) AS ${extra.ltz ?? body("CAST(x AS TIMESTAMP)")}`,
    `(${p}x ${TZ}) AS ${extra.tz ?? body("merc_dt_tz_local(x)")}`,
    `(${p}x VARCHAR) AS ${body("merc_to_ntz(x)")}`,
  ];
}

/** The INTERVAL of `merc_n` date parts (nanoseconds round down to the engine's microseconds). */
const INTERVAL = `CASE part
    WHEN 'year' THEN to_months(merc_n * 12)
    WHEN 'quarter' THEN to_months(merc_n * 3)
    WHEN 'month' THEN to_months(merc_n)
    WHEN 'week' THEN to_days(merc_n * 7)
    WHEN 'day' THEN to_days(merc_n)
    WHEN 'hour' THEN to_hours(merc_n)
    WHEN 'minute' THEN to_minutes(merc_n)
    WHEN 'second' THEN to_microseconds(merc_n * 1000000)
    WHEN 'millisecond' THEN to_microseconds(merc_n * 1000)
    WHEN 'microsecond' THEN to_microseconds(merc_n)
    WHEN 'nanosecond' THEN to_microseconds(merc_n // 1000)
    ELSE error('[000005/22023] Invalid date part ' || part) END`;

/** DATEADD on each type; `keepDate` for parts of a day or longer (a DATE stays a DATE). */
function dateAddOverloads(keepDate: boolean): string[] {
  const add = (value: string): string => `${value} + merc_dt_interval(part, n)`;
  return [
    `(part, n, x DATE) AS ${keepDate ? `CAST(${add("x")} AS DATE)` : add("x")}`,
    `(part, n, x TIME) AS ${add("x")}`,
    `(part, n, x TIMESTAMP) AS ${add("x")}`,
    `(part, n, x TIMESTAMPTZ) AS ${add("x")}`,
    `(part, n, x ${TZ}) AS ${letIn("x", "merc_x", `merc_dt_tz_from_local(${add("merc_dt_tz_local(merc_x)")}, merc_dt_tz_offset(merc_x))`)}`,
    `(part, n, x VARCHAR) AS ${add("merc_to_ntz(x)")}`,
  ];
}

/** Parts of a time: truncating a DATE to one of these leaves it unchanged. */
const TIME_PARTS = "('hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond')";

/** Week of the year of the bound DATE `merc_w` (WEEK_OF_YEAR_POLICY, WEEK_START). */
const WEEK_OF_YEAR = `CASE WHEN coalesce(getvariable('merc_week_policy'), 0) = 1
    THEN (dayofyear(merc_w) + (isodow(make_date(year(merc_w), 1, 1)) - merc_dt_week_start_day() + 7) % 7 - 1) // 7 + 1
    ELSE (dayofyear(merc_dt_week_start(merc_w) + 3) - 1) // 7 + 1 END`;

export const FUNCTION_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_dt_week_start_day",
    snowflake: "helper: WEEK_START as an ISO weekday (0, the default, is Monday)",
    overloads: [
      "() AS CASE WHEN coalesce(getvariable('merc_week_start'), 0) = 0 THEN 1 ELSE getvariable('merc_week_start') END",
    ],
  },
  {
    name: "merc_dt_week_start",
    snowflake: "helper: the first day of a date's week (WEEK_START)",
    overloads: [
      `(d) AS ${letIn("d", "merc_d", "CAST(merc_d - CAST((isodow(merc_d) - merc_dt_week_start_day() + 7) % 7 AS INTEGER) AS DATE)")}`,
    ],
  },
  {
    name: "merc_dt_week_of_year",
    snowflake: "helper: WEEK / WEEKOFYEAR under WEEK_OF_YEAR_POLICY and WEEK_START",
    overloads: [`(d) AS ${letIn("d", "merc_w", WEEK_OF_YEAR)}`],
  },
  {
    name: "merc_dt_year_of_week",
    snowflake: "helper: YEAROFWEEK under WEEK_OF_YEAR_POLICY and WEEK_START",
    overloads: [
      `(d) AS ${letIn(
        "d",
        "merc_w",
        `CASE WHEN coalesce(getvariable('merc_week_policy'), 0) = 1 THEN year(merc_w)
          ELSE year(merc_dt_week_start(merc_w) + 3) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_local",
    snowflake:
      "helper: the wall-clock TIMESTAMP of a value (TIMESTAMP_LTZ in the session time zone, TIMESTAMP_TZ in its offset)",
    overloads: perType("", (wall) => wall),
  },
  {
    name: "merc_dt_interval",
    snowflake: "helper: an INTERVAL of n date parts",
    overloads: [`(part, n) AS ${letIn("CAST(n AS BIGINT)", "merc_n", INTERVAL)}`],
  },
  {
    name: "merc_dateadd",
    snowflake: "DATEADD / TIMEADD / TIMESTAMPADD (parts below a day; a DATE becomes a TIMESTAMP_NTZ)",
    overloads: dateAddOverloads(false),
  },
  {
    name: "merc_dateadd_days",
    snowflake: "DATEADD / TIMEADD / TIMESTAMPADD with a part of a day or longer (a DATE stays a DATE)",
    overloads: dateAddOverloads(true),
  },
  {
    name: "merc_dt_trunc",
    snowflake: "helper: DATE_TRUNC of a wall-clock TIMESTAMP (weeks start on WEEK_START)",
    overloads: [
      `(part, t) AS ${letIn(
        "t",
        "merc_t",
        `CASE part
          WHEN 'week' THEN CAST(merc_dt_week_start(CAST(merc_t AS DATE)) AS TIMESTAMP)
          WHEN 'nanosecond' THEN merc_t
          ELSE date_trunc(part, merc_t) END`,
      )}`,
    ],
  },
  {
    name: "merc_date_trunc",
    snowflake:
      "DATE_TRUNC / TRUNC(date, part) / TRUNCATE: keeps the argument's type (and a TIMESTAMP_TZ's offset)",
    overloads: perType("part", (wall) => `merc_dt_trunc(part, ${wall})`, {
      date: `CASE WHEN part IN ${TIME_PARTS} THEN x ELSE CAST(merc_dt_trunc(part, CAST(x AS TIMESTAMP)) AS DATE) END`,
      time: "CAST(merc_dt_trunc(part, DATE '1970-01-01' + x) AS TIME)",
      ltz: "CAST(merc_dt_trunc(part, CAST(x AS TIMESTAMP)) AS TIMESTAMPTZ)",
      tz: letIn(
        "x",
        "merc_x",
        "merc_dt_tz_from_local(merc_dt_trunc(part, merc_dt_tz_local(merc_x)), merc_dt_tz_offset(merc_x))",
      ),
    }),
  },
  {
    name: "merc_dt_diff",
    snowflake: "helper: DATEDIFF of two wall-clock TIMESTAMPs (part boundaries crossed)",
    overloads: [
      `(part, a, b) AS ${letIn(
        "struct_pack(a := a, b := b)",
        "merc_ab",
        `CASE part
          WHEN 'year' THEN year(merc_ab.b) - year(merc_ab.a)
          WHEN 'quarter' THEN (year(merc_ab.b) * 4 + quarter(merc_ab.b)) - (year(merc_ab.a) * 4 + quarter(merc_ab.a))
          WHEN 'month' THEN (year(merc_ab.b) * 12 + month(merc_ab.b)) - (year(merc_ab.a) * 12 + month(merc_ab.a))
          WHEN 'week' THEN (merc_dt_week_start(CAST(merc_ab.b AS DATE)) - merc_dt_week_start(CAST(merc_ab.a AS DATE))) // 7
          WHEN 'day' THEN CAST(merc_ab.b AS DATE) - CAST(merc_ab.a AS DATE)
          WHEN 'nanosecond' THEN date_diff('microsecond', merc_ab.a, merc_ab.b) * 1000
          ELSE date_diff(part, merc_ab.a, merc_ab.b) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_part",
    snowflake: "helper: a date or time part of a wall-clock time, its epoch microseconds and offset",
    overloads: [
      `(part, t, e, tzm) AS ${letIn(
        "struct_pack(t := t, e := e, z := tzm)",
        "merc_p",
        `CASE part
          WHEN 'year' THEN year(merc_p.t)
          WHEN 'quarter' THEN quarter(merc_p.t)
          WHEN 'month' THEN month(merc_p.t)
          WHEN 'week' THEN merc_dt_week_of_year(CAST(merc_p.t AS DATE))
          WHEN 'weekiso' THEN weekofyear(merc_p.t)
          WHEN 'yearofweek' THEN merc_dt_year_of_week(CAST(merc_p.t AS DATE))
          WHEN 'yearofweekiso' THEN isoyear(merc_p.t)
          WHEN 'day' THEN day(merc_p.t)
          WHEN 'dayofweek' THEN CASE WHEN coalesce(getvariable('merc_week_start'), 0) = 0 THEN dayofweek(merc_p.t)
            ELSE (isodow(merc_p.t) - getvariable('merc_week_start') + 7) % 7 + 1 END
          WHEN 'dayofweekiso' THEN isodow(merc_p.t)
          WHEN 'dayofyear' THEN dayofyear(merc_p.t)
          WHEN 'hour' THEN hour(merc_p.t)
          WHEN 'minute' THEN minute(merc_p.t)
          WHEN 'second' THEN second(merc_p.t)
          WHEN 'millisecond' THEN (microsecond(merc_p.t) % 1000000) // 1000
          WHEN 'microsecond' THEN microsecond(merc_p.t) % 1000000
          WHEN 'nanosecond' THEN (microsecond(merc_p.t) % 1000000) * 1000
          WHEN 'epoch_second' THEN CAST(floor(merc_p.e / 1000000) AS BIGINT)
          WHEN 'epoch_millisecond' THEN CAST(floor(merc_p.e / 1000) AS BIGINT)
          WHEN 'epoch_microsecond' THEN merc_p.e
          WHEN 'epoch_nanosecond' THEN merc_p.e * 1000
          WHEN 'timezone_hour' THEN CAST(trunc(merc_p.z / 60) AS BIGINT)
          WHEN 'timezone_minute' THEN merc_p.z % 60
          ELSE error('[000005/22023] Invalid date part ' || part) END`,
      )}`,
    ],
  },
  {
    name: "merc_date_part",
    snowflake: "DATE_PART / EXTRACT and YEAR, MONTH, DAY…, HOUR, MINUTE, SECOND, WEEK…, QUARTER",
    overloads: perType(
      "part",
      (wall) => letIn(wall, "merc_l", "merc_dt_part(part, merc_l, epoch_us(merc_l), 0)"),
      {
        ltz: letIn(
          "x",
          "merc_x",
          "merc_dt_part(part, CAST(merc_x AS TIMESTAMP), epoch_us(merc_x), merc_dt_session_offset(merc_x))",
        ),
        tz: letIn(
          "x",
          "merc_x",
          "merc_dt_part(part, merc_dt_tz_local(merc_x), epoch_us(merc_x.merc_tz_utc), merc_dt_tz_offset(merc_x))",
        ),
      },
    ),
  },
  {
    name: "merc_dt_last_day",
    snowflake: "helper: LAST_DAY of a DATE",
    overloads: [
      `(part, d) AS ${letIn(
        "d",
        "merc_d",
        `CAST(CASE part
          WHEN 'year' THEN make_date(year(merc_d), 12, 31)
          WHEN 'quarter' THEN last_day(make_date(year(merc_d), quarter(merc_d) * 3, 1))
          WHEN 'week' THEN merc_dt_week_start(merc_d) + 6
          WHEN 'day' THEN merc_d
          ELSE last_day(merc_d) END AS DATE)`,
      )}`,
    ],
  },
  {
    name: "merc_dt_weekday_index",
    snowflake: "helper: a day name (`mo`, `Tuesday`, …; the first two letters count) as an ISO weekday",
    overloads: [
      `(name) AS ${letIn(
        "name",
        "merc_n",
        `CASE lower(left(trim(merc_n), 2))
          WHEN 'mo' THEN 1 WHEN 'tu' THEN 2 WHEN 'we' THEN 3 WHEN 'th' THEN 4
          WHEN 'fr' THEN 5 WHEN 'sa' THEN 6 WHEN 'su' THEN 7
          ELSE error('[100097/22023] Invalid day of week ''' || merc_n || '''') END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_next_day",
    snowflake: "helper: NEXT_DAY of a DATE (the first such weekday after it)",
    overloads: [
      `(d, name) AS ${letIn("d", "merc_d", "CAST(merc_d + CAST((merc_dt_weekday_index(name) - isodow(merc_d) + 6) % 7 + 1 AS INTEGER) AS DATE)")}`,
    ],
  },
  {
    name: "merc_dt_previous_day",
    snowflake: "helper: PREVIOUS_DAY of a DATE (the last such weekday before it)",
    overloads: [
      `(d, name) AS ${letIn("d", "merc_d", "CAST(merc_d - CAST((isodow(merc_d) - merc_dt_weekday_index(name) + 6) % 7 + 1 AS INTEGER) AS DATE)")}`,
    ],
  },
  {
    name: "merc_dt_add_months",
    snowflake: "helper: ADD_MONTHS of a wall-clock TIMESTAMP (the last day of a month stays the last day)",
    overloads: [
      `(t, n) AS ${letIn(
        "struct_pack(t := t, m := to_months(CAST(n AS BIGINT)))",
        "merc_tm",
        `CASE WHEN CAST(merc_tm.t AS DATE) = last_day(merc_tm.t)
          THEN CAST(last_day(merc_tm.t + merc_tm.m) AS TIMESTAMP) + (merc_tm.t - date_trunc('day', merc_tm.t))
          ELSE merc_tm.t + merc_tm.m END`,
      )}`,
    ],
  },
  {
    name: "merc_add_months",
    snowflake: "ADD_MONTHS: keeps the argument's type",
    overloads: [
      "(x DATE, n) AS CAST(merc_dt_add_months(CAST(x AS TIMESTAMP), n) AS DATE)",
      "(x TIMESTAMP, n) AS merc_dt_add_months(x, n)",
      "(x TIMESTAMPTZ, n) AS CAST(merc_dt_add_months(CAST(x AS TIMESTAMP), n) AS TIMESTAMPTZ)",
      `(x ${TZ}, n) AS ${letIn("x", "merc_x", "merc_dt_tz_from_local(merc_dt_add_months(merc_dt_tz_local(merc_x), n), merc_dt_tz_offset(merc_x))")}`,
      "(x VARCHAR, n) AS merc_dt_add_months(merc_to_ntz(x), n)",
    ],
  },
  {
    name: "merc_dt_months_between",
    snowflake:
      "helper: MONTHS_BETWEEN of two wall-clock TIMESTAMPs (months of 31 days; whole when the days match or both end a month)",
    overloads: [
      `(a, b) AS ${letIn(
        "struct_pack(a := a, b := b)",
        "merc_ab",
        `CAST((year(merc_ab.a) * 12 + month(merc_ab.a)) - (year(merc_ab.b) * 12 + month(merc_ab.b))
          + CASE WHEN day(merc_ab.a) = day(merc_ab.b)
                   OR (CAST(merc_ab.a AS DATE) = last_day(merc_ab.a) AND CAST(merc_ab.b AS DATE) = last_day(merc_ab.b))
                 THEN 0
                 ELSE ((day(merc_ab.a) - day(merc_ab.b)) * 86400
                       + (epoch(merc_ab.a) - epoch(date_trunc('day', merc_ab.a)))
                       - (epoch(merc_ab.b) - epoch(date_trunc('day', merc_ab.b)))) / (31 * 86400) END
          AS DECIMAL(38, 6))`,
      )}`,
    ],
  },
  {
    name: "merc_dt_slice_start",
    snowflake:
      "helper: the start of the TIME_SLICE containing a wall-clock TIMESTAMP (slices aligned to 1970-01-01)",
    overloads: [
      `(t, n, part) AS ${letIn(
        "struct_pack(t := t, n := CAST(n AS BIGINT), m := (year(t) - 1970) * 12 + month(t) - 1, e := CAST(epoch(t) AS BIGINT))",
        "merc_s",
        `CASE part
          WHEN 'year' THEN CAST(DATE '1970-01-01' + to_months(CAST(floor(merc_s.m / (12 * merc_s.n)) AS BIGINT) * 12 * merc_s.n) AS TIMESTAMP)
          WHEN 'quarter' THEN CAST(DATE '1970-01-01' + to_months(CAST(floor(merc_s.m / (3 * merc_s.n)) AS BIGINT) * 3 * merc_s.n) AS TIMESTAMP)
          WHEN 'month' THEN CAST(DATE '1970-01-01' + to_months(CAST(floor(merc_s.m / merc_s.n) AS BIGINT) * merc_s.n) AS TIMESTAMP)
          WHEN 'week' THEN CAST(merc_dt_week_start(DATE '1970-01-01')
            + CAST(floor((CAST(merc_s.t AS DATE) - merc_dt_week_start(DATE '1970-01-01')) / (7 * merc_s.n)) * 7 * merc_s.n AS INTEGER) AS TIMESTAMP)
          WHEN 'day' THEN make_timestamp(CAST(floor(merc_s.e / (86400 * merc_s.n)) AS BIGINT) * 86400 * merc_s.n * 1000000)
          WHEN 'hour' THEN make_timestamp(CAST(floor(merc_s.e / (3600 * merc_s.n)) AS BIGINT) * 3600 * merc_s.n * 1000000)
          WHEN 'minute' THEN make_timestamp(CAST(floor(merc_s.e / (60 * merc_s.n)) AS BIGINT) * 60 * merc_s.n * 1000000)
          WHEN 'second' THEN make_timestamp(CAST(floor(merc_s.e / merc_s.n) AS BIGINT) * merc_s.n * 1000000)
          ELSE error('[000005/22023] Invalid date part ' || part || ' for TIME_SLICE') END`,
      )}`,
    ],
  },
  {
    name: "merc_time_slice",
    snowflake: "TIME_SLICE(x, n, part [, 'START' | 'END']): keeps a DATE a DATE",
    overloads: [
      `(x DATE, n, part, at_end) AS CAST(${letIn(
        "merc_dt_slice_start(CAST(x AS TIMESTAMP), n, part)",
        "merc_t",
        "CASE WHEN at_end THEN merc_t + merc_dt_interval(part, n) ELSE merc_t END",
      )} AS DATE)`,
      `(x TIMESTAMP, n, part, at_end) AS ${letIn(
        "merc_dt_slice_start(x, n, part)",
        "merc_t",
        "CASE WHEN at_end THEN merc_t + merc_dt_interval(part, n) ELSE merc_t END",
      )}`,
      `(x VARCHAR, n, part, at_end) AS ${letIn(
        "merc_dt_slice_start(merc_to_ntz(x), n, part)",
        "merc_t",
        "CASE WHEN at_end THEN merc_t + merc_dt_interval(part, n) ELSE merc_t END",
      )}`,
    ],
  },
  {
    name: "merc_dt_convert_timezone",
    snowflake:
      "helper: CONVERT_TIMEZONE(target, x) of an instant: TIMESTAMP_TZ with the target zone's offset",
    overloads: [
      `(target, i) AS ${letIn(
        "i",
        "merc_i",
        "merc_dt_tz(timezone('UTC', merc_i), CAST(date_diff('minute', timezone('UTC', merc_i), timezone(target, merc_i)) AS INTEGER))",
      )}`,
    ],
  },
];
