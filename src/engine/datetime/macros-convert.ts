/**
 * DuckDB macros that read and write dates and times as Snowflake does: text in the formats AUTO
 * detection accepts (or an explicit format), epoch numbers, conversions between DATE, TIME and the
 * three timestamps (TIMESTAMP_TZ is the struct of tz.ts), and formatting with Snowflake format
 * elements. Overloads are typed, so DuckDB picks the conversion by the argument's type when it binds.
 * The session's settings arrive as the connection's TimeZone and `merc_*` variables (parameters.ts).
 *
 * DuckDB copies a macro's argument at every use of its parameter, so a parameter used n times in
 * macros nested k deep copies the argument n^k times (binding one TO_CHAR of a TIMESTAMP_TZ took
 * minutes). Every parameter used more than once is therefore bound once with `letIn`.
 */
import { untypedSql } from "../functions/json.js";
import type { MacroDefinition } from "../functions/macros.js";
import { FRACTION_MARK, OFFSET_MARK, tokenizeFormat, toStrftime } from "./format-elements.js";
import { DATETIME_PARAMETER_DEFAULTS } from "./parameters.js";
import { TZ_DUCK_TYPE } from "./tz.js";

const TZ = TZ_DUCK_TYPE;

/** Evaluates `body` with `expr` bound once to `name` (a one-element list and a lambda). */
export const letIn = (expr: string, name: string, body: string): string =>
  `list_transform([${expr}], ${name} -> ${body})[1]`;

const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;
/** A SQL expression for a text with control characters (DuckDB literals cannot escape them). */
const withMarks = (text: string): string =>
  text
    .split(/([\u0001-\u0004])/)
    .filter((part) => part !== "")
    .map((part) => (/^[\u0001-\u0004]$/.test(part) ? `chr(${part.charCodeAt(0)})` : sqlText(part)))
    .join(" || ") || "''";

const formatPattern = (format: string): string => withMarks(toStrftime(tokenizeFormat(format)));
const defaultPattern = (parameter: string): string =>
  formatPattern(DATETIME_PARAMETER_DEFAULTS[parameter] ?? "");
/** The session's output pattern for a type (a `merc_out_*` variable), else Snowflake's default. */
const outputPattern = (variable: string, parameter: string): string =>
  `coalesce(getvariable('${variable}'), ${defaultPattern(parameter)})`;

/** A date or time (of the type named) in a strftime pattern: merc_to_char_fmt's overloads and merc_to_char's arms. */
const FORMAT_BODY = {
  date: (x: string, p: string) => `merc_dt_format(CAST(${x} AS TIMESTAMP), NULL, ${p})`,
  time: (x: string, p: string) => `merc_dt_format(DATE '1970-01-01' + ${x}, NULL, ${p})`,
  ntz: (x: string, p: string) => `merc_dt_format(${x}, NULL, ${p})`,
  ltz: (x: string, p: string) =>
    letIn(x, "merc_x", `merc_dt_format(CAST(merc_x AS TIMESTAMP), merc_dt_session_offset(merc_x), ${p})`),
  tz: (x: string, p: string) =>
    letIn(x, "merc_x", `merc_dt_format(merc_dt_tz_local(merc_x), merc_dt_tz_offset(merc_x), ${p})`),
};

/**
 * A trailing UTC offset after a time (`+07:00`, `-0700`, `+07`, `Z`): group 1 is the text before it,
 * group 2 the offset. A date alone (`2013-04-28`) has no time, so its `-28` is never an offset.
 */
const OFFSET_RE = "^(.*:[^+-]*?)\\s*(Z|[+-]\\d{1,2}:\\d{2}|[+-]\\d{4}|[+-]\\d{1,2})$";

/** strptime patterns of the AUTO formats, tried in order on the text without its offset. */
const AUTO_TIMESTAMP_PATTERNS = [
  "%Y-%m-%d %H:%M:%S.%f",
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%d %H",
  "%Y-%m-%d",
  "%d-%b-%Y",
  "%d-%b-%Y %H:%M:%S",
  "%m/%d/%Y",
  "%m/%d/%Y %H:%M:%S.%f",
  "%m/%d/%Y %H:%M:%S",
  "%m/%d/%Y %H:%M",
  "%a, %d %b %Y %H:%M:%S.%f",
  "%a, %d %b %Y %H:%M:%S",
  "%a, %d %b %Y %I:%M:%S.%f %p",
  "%a, %d %b %Y %I:%M:%S %p",
  "%Y-%b-%d %H:%M:%S",
];
const AUTO_TIME_PATTERNS = ["%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "%I:%M:%S.%f %p", "%I:%M:%S %p", "%I:%M %p"];
const patternList = (patterns: readonly string[]): string => `[${patterns.map(sqlText).join(", ")}]`;

/** Marker of a Snowflake error raised inside SQL: error-map.ts turns `[code/state] message` into it. */
export const raise = (code: string, state: string, message: string): string =>
  `error('[${code}/${state}] ' || ${message})`;

/** `'<what> ''<text>'' is not recognized'` for the bound text `text`. */
const notRecognized = (what: string, text: string): string =>
  `'${what} ''' || ${text} || ''' is not recognized'`;

/**
 * The conversions of a text into each type; `strict` raises Snowflake's error, otherwise NULL. Each
 * binds its text and its result once (`merc_c.t`, `merc_c.r`).
 */
function textConverters(strict: boolean): MacroDefinition[] {
  const prefix = strict ? "merc_dt_text" : "merc_dt_try_text";
  /** `value` (an expression of `merc_s`, the bound text) or, when strict, the error for a NULL result. */
  const checked = (value: string, what: string, code: string): string =>
    `(s) AS ${letIn(
      "s",
      "merc_s",
      strict
        ? letIn(
            `struct_pack(t := merc_s, r := ${value})`,
            "merc_c",
            `CASE WHEN merc_c.t IS NOT NULL AND merc_c.r IS NULL THEN ${raise(code, "22007", notRecognized(what, "merc_c.t"))} ELSE merc_c.r END`,
          )
        : value,
    )}`;
  const parsed = (variable: string): string =>
    `CASE WHEN coalesce(getvariable('${variable}'), 'AUTO') = 'AUTO' THEN merc_dt_parse_auto(merc_s)
      ELSE merc_dt_parse_format(merc_s, [getvariable('${variable}')]) END`;
  return [
    {
      name: `${prefix}_timestamp`,
      snowflake: "helper: a timestamp text (AUTO or TIMESTAMP_INPUT_FORMAT) as local time and offset",
      overloads: [
        `(s) AS ${letIn(
          "s",
          "merc_s",
          letIn(
            `struct_pack(t := merc_s, p := ${parsed("merc_in_timestamp")})`,
            "merc_c",
            strict
              ? `CASE WHEN merc_c.t IS NOT NULL AND merc_c.p.local IS NULL
                  THEN ${raise("100035", "22007", notRecognized("Timestamp", "merc_c.t"))} ELSE merc_c.p END`
              : "merc_c.p",
          ),
        )}`,
      ],
    },
    {
      name: `${prefix}_date`,
      snowflake: "helper: a date text (AUTO or DATE_INPUT_FORMAT)",
      overloads: [
        checked(`CAST(struct_extract(${parsed("merc_in_date")}, 'local') AS DATE)`, "Date", "100040"),
      ],
    },
    {
      name: `${prefix}_time`,
      snowflake: "helper: a time text (AUTO or TIME_INPUT_FORMAT)",
      overloads: [
        checked(
          `CASE WHEN coalesce(getvariable('merc_in_time'), 'AUTO') = 'AUTO' THEN merc_dt_parse_time(merc_s)
            ELSE CAST(struct_extract(merc_dt_parse_format(merc_s, [getvariable('merc_in_time')]), 'local') AS TIME) END`,
          "Time",
          "100108",
        ),
      ],
    },
  ];
}

/** Conversions of any value into one type: TO_DATE / TO_TIME / TO_TIMESTAMP_* and casts. */
function converters(strict: boolean): MacroDefinition[] {
  const to = strict ? "merc_to" : "merc_try_to";
  const text = strict ? "merc_dt_text" : "merc_dt_try_text";
  const parts = `${text}_timestamp(x)`;
  return [
    {
      name: `${to}_date`,
      snowflake: strict ? "TO_DATE / DATE / ::DATE" : "TRY_TO_DATE / TRY_CAST(… AS DATE)",
      overloads: [
        "(x DATE) AS x",
        "(x TIMESTAMP) AS CAST(x AS DATE)",
        "(x TIMESTAMPTZ) AS CAST(x AS DATE)",
        `(x ${TZ}) AS CAST(merc_dt_tz_local(x) AS DATE)`,
        `(x VARCHAR) AS ${text}_date(x)`,
        "(x BIGINT) AS CAST(merc_dt_epoch(x, 0) AS DATE)",
        "(x DOUBLE) AS CAST(merc_dt_epoch(x, 0) AS DATE)",
      ],
    },
    {
      name: `${to}_time`,
      snowflake: strict ? "TO_TIME / TIME / ::TIME" : "TRY_TO_TIME / TRY_CAST(… AS TIME)",
      overloads: [
        "(x TIME) AS x",
        "(x TIMESTAMP) AS CAST(x AS TIME)",
        "(x TIMESTAMPTZ) AS CAST(CAST(x AS TIMESTAMP) AS TIME)",
        `(x ${TZ}) AS CAST(merc_dt_tz_local(x) AS TIME)`,
        `(x VARCHAR) AS ${text}_time(x)`,
        "(x BIGINT) AS CAST(merc_dt_epoch(x, 0) AS TIME)",
        "(x DOUBLE) AS CAST(merc_dt_epoch(x, 0) AS TIME)",
      ],
    },
    {
      name: `${to}_ntz`,
      snowflake: strict ? "TO_TIMESTAMP_NTZ / ::TIMESTAMP_NTZ" : "TRY_TO_TIMESTAMP_NTZ",
      overloads: [
        "(x TIMESTAMP) AS x",
        "(x DATE) AS CAST(x AS TIMESTAMP)",
        "(x TIMESTAMPTZ) AS CAST(x AS TIMESTAMP)",
        `(x ${TZ}) AS merc_dt_tz_local(x)`,
        `(x VARCHAR) AS struct_extract(${parts}, 'local')`,
        "(x BIGINT) AS merc_dt_epoch(x, 0)",
        "(x DOUBLE) AS merc_dt_epoch(x, 0)",
      ],
    },
    {
      name: `${to}_ltz`,
      snowflake: strict ? "TO_TIMESTAMP_LTZ / ::TIMESTAMP_LTZ" : "TRY_TO_TIMESTAMP_LTZ",
      overloads: [
        "(x TIMESTAMPTZ) AS x",
        "(x DATE) AS CAST(CAST(x AS TIMESTAMP) AS TIMESTAMPTZ)",
        "(x TIMESTAMP) AS CAST(x AS TIMESTAMPTZ)",
        `(x ${TZ}) AS merc_dt_tz_instant(x)`,
        `(x VARCHAR) AS merc_dt_parts_ltz(${parts})`,
        "(x BIGINT) AS timezone('UTC', merc_dt_epoch(x, 0))",
        "(x DOUBLE) AS timezone('UTC', merc_dt_epoch(x, 0))",
      ],
    },
    {
      name: `${to}_tz`,
      snowflake: strict ? "TO_TIMESTAMP_TZ / ::TIMESTAMP_TZ" : "TRY_TO_TIMESTAMP_TZ",
      overloads: [
        `(x ${TZ}) AS x`,
        "(x DATE) AS merc_dt_tz_from_session_local(CAST(x AS TIMESTAMP))",
        "(x TIMESTAMP) AS merc_dt_tz_from_session_local(x)",
        "(x TIMESTAMPTZ) AS merc_dt_tz_from_instant(x)",
        `(x VARCHAR) AS merc_dt_parts_tz(${parts})`,
        "(x BIGINT) AS merc_dt_tz_from_instant(timezone('UTC', merc_dt_epoch(x, 0)))",
        "(x DOUBLE) AS merc_dt_tz_from_instant(timezone('UTC', merc_dt_epoch(x, 0)))",
      ],
    },
  ];
}

/** Conversions of text in an explicit format (TO_DATE(s, fmt) …); only text takes a format. */
function formatConverters(strict: boolean): MacroDefinition[] {
  const to = strict ? "merc_to" : "merc_try_to";
  /** `value` of the parsed parts `merc_f.p`, or (strict) the error naming the text and the format. */
  const checked = (value: string, what: string): string =>
    `(x VARCHAR, p, f) AS ${letIn(
      "struct_pack(t := x, p := merc_dt_parse_format(x, p))",
      "merc_f",
      strict
        ? letIn(
            `struct_pack(t := merc_f.t, r := ${value})`,
            "merc_c",
            `CASE WHEN merc_c.t IS NOT NULL AND merc_c.r IS NULL
              THEN ${raise("100096", "22007", `'Can''t parse ''' || merc_c.t || ''' as ${what} with format ''' || f || ''''`)}
              ELSE merc_c.r END`,
          )
        : value,
    )}`;
  return [
    {
      name: `${to}_date_fmt`,
      snowflake: "TO_DATE(s, format) (the format converted to strptime when the statement is translated)",
      overloads: [checked("CAST(merc_f.p.local AS DATE)", "date")],
    },
    {
      name: `${to}_time_fmt`,
      snowflake: "TO_TIME(s, format)",
      overloads: [checked("CAST(merc_f.p.local AS TIME)", "time")],
    },
    {
      name: `${to}_ntz_fmt`,
      snowflake: "TO_TIMESTAMP_NTZ(s, format)",
      overloads: [checked("merc_f.p.local", "timestamp")],
    },
    {
      name: `${to}_ltz_fmt`,
      snowflake: "TO_TIMESTAMP_LTZ(s, format)",
      overloads: [checked("merc_dt_parts_ltz(merc_f.p)", "timestamp")],
    },
    {
      name: `${to}_tz_fmt`,
      snowflake: "TO_TIMESTAMP_TZ(s, format)",
      overloads: [checked("merc_dt_parts_tz(merc_f.p)", "timestamp")],
    },
  ];
}

/** Fraction digits: the `FRACTION_MARK n` markers become the first n of the nine digits `digits9`. */
function fractionMarks(text: string, digits9: string): string {
  let out = text;
  for (let digits = 0; digits <= 9; digits++) {
    out = `replace(${out}, chr(${FRACTION_MARK.charCodeAt(0)}) || '${digits}', left(${digits9}, ${digits}))`;
  }
  return out;
}

/** Offset markers: `+07:00`, `+0700`, `+07`, `00`; a value without an offset (NULL) prints `Z`. */
function offsetMarks(text: string, tzm: string): string {
  const mark = (letter: string): string => `chr(${OFFSET_MARK.charCodeAt(0)}) || '${letter}'`;
  const sign = `CASE WHEN ${tzm} < 0 THEN '-' ELSE '+' END`;
  const hours = `lpad(CAST(abs(${tzm}) // 60 AS VARCHAR), 2, '0')`;
  const minutes = `lpad(CAST(abs(${tzm}) % 60 AS VARCHAR), 2, '0')`;
  const z = (value: string): string => `CASE WHEN ${tzm} IS NULL THEN 'Z' ELSE ${value} END`;
  return [
    [mark("A"), z(`${sign} || ${hours} || ':' || ${minutes}`)],
    [mark("B"), z(`${sign} || ${hours} || ${minutes}`)],
    [mark("C"), z(`${sign} || ${hours}`)],
    [mark("D"), `coalesce(${minutes}, '')`],
  ].reduce((acc, [m, value]) => `replace(${acc}, ${m}, ${value})`, text);
}

export const CONVERT_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_dt_mark",
    snowflake: "helper: a pattern marker character (rewrite.ts), foldable so strftime sees a constant",
    overloads: ["(n) AS chr(CAST(n AS INTEGER))"],
  },
  {
    name: "merc_dt_tz",
    snowflake: "helper: a TIMESTAMP_TZ from its UTC time and offset minutes",
    overloads: [
      `(utc, tzm) AS ${letIn(
        "struct_pack(u := CAST(utc AS TIMESTAMP), o := CAST(tzm AS SMALLINT))",
        "merc_z",
        `CASE WHEN merc_z.u IS NULL OR merc_z.o IS NULL THEN NULL::${TZ}
          ELSE CAST(struct_pack(merc_tz_utc := merc_z.u, merc_tz_offset := merc_z.o) AS ${TZ}) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_tz_local",
    snowflake: "helper: the wall-clock time of a TIMESTAMP_TZ in its own offset",
    overloads: [
      `(z) AS ${letIn("z", "merc_z", "merc_z.merc_tz_utc + to_minutes(CAST(merc_z.merc_tz_offset AS BIGINT))")}`,
    ],
  },
  {
    name: "merc_dt_tz_offset",
    snowflake: "helper: the offset minutes of a TIMESTAMP_TZ",
    overloads: ["(z) AS CAST(struct_extract(z, 'merc_tz_offset') AS INTEGER)"],
  },
  {
    name: "merc_dt_tz_instant",
    snowflake: "helper: the instant of a TIMESTAMP_TZ (as TIMESTAMP_LTZ)",
    overloads: ["(z) AS timezone('UTC', struct_extract(z, 'merc_tz_utc'))"],
  },
  {
    name: "merc_dt_session_offset",
    snowflake: "helper: the session time zone's offset (minutes) at an instant",
    overloads: [
      `(i) AS ${letIn("i", "merc_i", "CAST(date_diff('minute', timezone('UTC', merc_i), CAST(merc_i AS TIMESTAMP)) AS INTEGER)")}`,
    ],
  },
  {
    name: "merc_dt_tz_from_instant",
    snowflake: "helper: an instant as TIMESTAMP_TZ with the session time zone's offset",
    overloads: [
      `(i) AS ${letIn("i", "merc_i", "merc_dt_tz(timezone('UTC', merc_i), merc_dt_session_offset(merc_i))")}`,
    ],
  },
  {
    name: "merc_dt_tz_from_local",
    snowflake: "helper: a wall-clock time at a given offset as TIMESTAMP_TZ",
    overloads: [
      `(local, tzm) AS ${letIn(
        "struct_pack(l := local, o := CAST(tzm AS BIGINT))",
        "merc_lo",
        "merc_dt_tz(merc_lo.l - to_minutes(merc_lo.o), merc_lo.o)",
      )}`,
    ],
  },
  {
    name: "merc_dt_tz_from_session_local",
    snowflake: "helper: a wall-clock time in the session time zone as TIMESTAMP_TZ",
    overloads: ["(local) AS merc_dt_tz_from_instant(CAST(local AS TIMESTAMPTZ))"],
  },
  {
    name: "merc_dt_epoch",
    snowflake: "helper: a number of seconds (scaled by 10^scale) since the epoch as TIMESTAMP",
    overloads: [
      "(n, scale) AS make_timestamp(CAST(round(CAST(n AS DECIMAL(38, 9)) * power(10, 6 - scale)) AS BIGINT))",
    ],
  },
  {
    name: "merc_dt_epoch_text",
    snowflake: "helper: an integer in a string is seconds, ms, µs or ns by magnitude (Snowflake's rule)",
    overloads: [
      `(n) AS ${letIn(
        "n",
        "merc_n",
        `make_timestamp(CAST(CASE
          WHEN abs(merc_n) < 31536000000 THEN merc_n * 1000000
          WHEN abs(merc_n) < 31536000000000 THEN merc_n * 1000
          WHEN abs(merc_n) < 31536000000000000 THEN merc_n
          ELSE merc_n // 1000 END AS BIGINT))`,
      )}`,
    ],
  },
  {
    name: "merc_dt_offset_digits",
    snowflake: "helper: offset digits (`0700`, `7`) as minutes",
    overloads: [
      `(d) AS ${letIn(
        "d",
        "merc_d",
        `CASE WHEN length(merc_d) <= 2 THEN CAST(merc_d AS INTEGER) * 60
          ELSE CAST(left(merc_d, length(merc_d) - 2) AS INTEGER) * 60 + CAST(right(merc_d, 2) AS INTEGER) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_offset_minutes",
    snowflake: "helper: `+07:00` / `-0700` / `+07` / `Z` as minutes (NULL for no offset)",
    overloads: [
      `(o) AS ${letIn(
        "o",
        "merc_o",
        `CASE WHEN merc_o IS NULL OR merc_o = '' THEN NULL WHEN upper(merc_o) = 'Z' THEN 0
          ELSE (CASE WHEN starts_with(merc_o, '-') THEN -1 ELSE 1 END)
            * merc_dt_offset_digits(regexp_replace(merc_o, '[^0-9]', '', 'g')) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_clean",
    snowflake: "helper: text ready for strptime (full month names shortened, fraction at 6 digits)",
    overloads: [
      `(s) AS regexp_replace(regexp_replace(s,
          '(?i)\\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]+', '\\1', 'g'),
          '(\\.\\d{6})\\d+', '\\1')`,
    ],
  },
  {
    name: "merc_dt_parts",
    snowflake: "helper: the local time and offset of parsed text",
    overloads: ["(local, o) AS struct_pack(local := local, tzm := merc_dt_offset_minutes(o))"],
  },
  {
    name: "merc_dt_split_parse",
    snowflake: "helper: parse text whose trailing offset (if any) is cut off first",
    overloads: [
      `(t, patterns) AS ${letIn(
        `struct_pack(t := t, m := regexp_matches(t, '${OFFSET_RE}'))`,
        "merc_t",
        `merc_dt_parts(
          try_strptime(merc_dt_clean(CASE WHEN merc_t.m THEN regexp_extract(merc_t.t, '${OFFSET_RE}', 1) ELSE merc_t.t END), patterns),
          CASE WHEN merc_t.m THEN regexp_extract(merc_t.t, '${OFFSET_RE}', 2) ELSE NULL END)`,
      )}`,
    ],
  },
  {
    name: "merc_dt_parse_auto",
    snowflake:
      "helper: a timestamp text in any AUTO format (or an integer by magnitude) as local time and offset",
    overloads: [
      `(s) AS ${letIn(
        `trim(s, ' "')`,
        "merc_a",
        `CASE
          WHEN regexp_full_match(merc_a, '[+-]?\\d+') THEN merc_dt_parts(merc_dt_epoch_text(CAST(merc_a AS HUGEINT)), 'Z')
          ELSE merc_dt_split_parse(regexp_replace(regexp_replace(merc_a, '^(\\d{4}-\\d{1,2}-\\d{1,2})[Tt]', '\\1 '),
            '^[A-Za-z]{3},? ([A-Za-z]{3}) (\\d{1,2}) (\\d{1,2}:\\d{2}:\\d{2}) ([+-]\\d{4}) (\\d{4})$', '\\5-\\1-\\2 \\3 \\4'),
            ${patternList(AUTO_TIMESTAMP_PATTERNS)}) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_parse_format",
    snowflake: "helper: text in an explicit format (a list of strptime patterns) as local time and offset",
    overloads: ["(s, patterns) AS merc_dt_split_parse(regexp_replace(trim(s), '\\s+', ' ', 'g'), patterns)"],
  },
  {
    name: "merc_dt_parse_time",
    snowflake: "helper: a time text in any AUTO format (or a whole timestamp) as TIME",
    overloads: [
      `(s) AS ${letIn(
        "s",
        "merc_m",
        `coalesce(CAST(merc_dt_split_parse(trim(merc_m), ${patternList(AUTO_TIME_PATTERNS)}).local AS TIME),
          CAST(merc_dt_parse_auto(merc_m).local AS TIME))`,
      )}`,
    ],
  },
  {
    name: "merc_dt_parts_ltz",
    snowflake: "helper: parsed text as TIMESTAMP_LTZ (no offset: the session time zone)",
    overloads: [
      `(p) AS ${letIn(
        "p",
        "merc_p",
        `CASE WHEN merc_p.tzm IS NULL THEN CAST(merc_p.local AS TIMESTAMPTZ)
          ELSE timezone('UTC', merc_p.local - to_minutes(CAST(merc_p.tzm AS BIGINT))) END`,
      )}`,
    ],
  },
  {
    name: "merc_dt_parts_tz",
    snowflake: "helper: parsed text as TIMESTAMP_TZ (no offset: the session time zone's)",
    overloads: [
      `(p) AS ${letIn(
        "p",
        "merc_p",
        `CASE WHEN merc_p.tzm IS NULL THEN merc_dt_tz_from_session_local(merc_p.local)
          ELSE merc_dt_tz_from_local(merc_p.local, merc_p.tzm) END`,
      )}`,
    ],
  },
  ...textConverters(true),
  ...textConverters(false),
  ...converters(true),
  ...converters(false),
  ...formatConverters(true),
  ...formatConverters(false),
  {
    name: "merc_dt_instant",
    snowflake: "helper: the UTC time of a value, for comparing TIMESTAMP_TZ values by their instant",
    overloads: [
      `(x ${TZ}) AS struct_extract(x, 'merc_tz_utc')`,
      "(x TIMESTAMPTZ) AS timezone('UTC', x)",
      "(x TIMESTAMP) AS timezone('UTC', CAST(x AS TIMESTAMPTZ))",
      "(x DATE) AS timezone('UTC', CAST(CAST(x AS TIMESTAMP) AS TIMESTAMPTZ))",
      "(x VARCHAR) AS struct_extract(merc_to_tz(x), 'merc_tz_utc')",
    ],
  },
  {
    name: "merc_dt_format",
    snowflake: "helper: a wall-clock time in a strftime pattern with fraction and offset markers",
    overloads: [
      `(local, tzm, p) AS ${letIn(
        "struct_pack(l := local, z := tzm)",
        "merc_lz",
        letIn(
          `struct_pack(s := strftime(merc_lz.l, p),
            f := lpad(CAST((date_part('microseconds', merc_lz.l) % 1000000) * 1000 AS VARCHAR), 9, '0'),
            z := merc_lz.z)`,
          "merc_fm",
          offsetMarks(fractionMarks("merc_fm.s", "merc_fm.f"), "merc_fm.z"),
        ),
      )}`,
    ],
  },
  {
    name: "merc_to_char_fmt",
    snowflake: "TO_CHAR / TO_VARCHAR of a date or time with a format (converted when translated)",
    overloads: [
      `(x DATE, p) AS ${FORMAT_BODY.date("x", "p")}`,
      `(x TIME, p) AS ${FORMAT_BODY.time("x", "p")}`,
      `(x TIMESTAMP, p) AS ${FORMAT_BODY.ntz("x", "p")}`,
      `(x TIMESTAMPTZ, p) AS ${FORMAT_BODY.ltz("x", "p")}`,
      `(x ${TZ}, p) AS ${FORMAT_BODY.tz("x", "p")}`,
      "(x VARCHAR, p) AS x",
      "(x, p) AS CAST(x AS VARCHAR)",
    ],
  },
  {
    name: "merc_variant_text",
    snowflake: "VARIANT to text: a string without its quotes, JSON null as NULL, an object or array as JSON",
    overloads: [
      `(j) AS CASE WHEN json_type(CAST(j AS VARCHAR)) IN ('OBJECT', 'ARRAY') THEN merc_to_json(CAST(j AS VARCHAR))
        ELSE ${untypedSql("json_extract_string(CAST(j AS VARCHAR), '$')")} END`,
    ],
  },
  {
    name: "merc_to_char",
    snowflake: "TO_CHAR / TO_VARCHAR / ::VARCHAR: dates and times in the session's output formats",
    // Dispatched on typeof, with no typed overload: a typed parameter casts its argument (a VARIANT
    // would reach a VARCHAR overload as its JSON text, quotes kept; a JSON overload would take
    // numbers and lose a DECIMAL's scale), and DuckDB cannot choose among typed overloads inside a
    // LATERAL table function's arguments (FLATTEN(INPUT => SPLIT(col, ',')) failed). typeof is
    // constant: one arm remains.
    overloads: [
      `(x) AS CASE typeof(x)
        WHEN 'JSON' THEN merc_variant_text(x)
        WHEN 'DATE' THEN ${FORMAT_BODY.date("CAST(x AS DATE)", outputPattern("merc_out_date", "DATE_OUTPUT_FORMAT"))}
        WHEN 'TIME' THEN ${FORMAT_BODY.time("CAST(x AS TIME)", outputPattern("merc_out_time", "TIME_OUTPUT_FORMAT"))}
        WHEN 'TIMESTAMP WITH TIME ZONE' THEN ${FORMAT_BODY.ltz("CAST(x AS TIMESTAMPTZ)", outputPattern("merc_out_ltz", "TIMESTAMP_OUTPUT_FORMAT"))}
        WHEN '${TZ}' THEN ${FORMAT_BODY.tz(`CAST(x AS ${TZ})`, outputPattern("merc_out_tz", "TIMESTAMP_OUTPUT_FORMAT"))}
        WHEN 'BLOB' THEN upper(hex(CAST(x AS BLOB)))
        WHEN 'DOUBLE' THEN merc_float_text(x)
        ELSE CASE WHEN typeof(x) LIKE 'TIMESTAMP%'
          THEN ${FORMAT_BODY.ntz("CAST(x AS TIMESTAMP)", outputPattern("merc_out_ntz", "TIMESTAMP_NTZ_OUTPUT_FORMAT"))}
          ELSE CAST(x AS VARCHAR) END
      END`,
    ],
  },
];
