/**
 * Date and time calls and casts in Snowflake SQL, rewritten to the date/time macros before the
 * transpiler runs (it passes `merc_*` calls through untouched), and the casts it emits rewritten
 * after it. Calls are composed here where a macro cannot compose them itself (macros-functions.ts).
 */
import {
  type Edit,
  type FoundCall,
  findCalls,
  type Lexed,
  quoteLiteral,
  stringLiteralValue,
} from "../functions/calls.js";
import { isDateTimeFormat, tokenizeFormat, toStrftime, toStrptime } from "./format-elements.js";
import { fromPartsRewriters } from "./from-parts.js";
import { canonicalPart, DAY_OR_LONGER } from "./parts.js";
import { TZ_DUCK_TYPE } from "./tz.js";
import { convertVariantAware } from "./variant-input.js";

/** What a rewrite needs from the session: TIMESTAMP's meaning (TIMESTAMP_TYPE_MAPPING). */
export interface DateTimeContext {
  timestampTypeMapping?: string;
}

type Target = "date" | "time" | "ntz" | "ltz" | "tz";
type Rewriter = (call: FoundCall, lexed: Lexed, context: DateTimeContext) => string | null;

/** The target of the TIMESTAMP alias under TIMESTAMP_TYPE_MAPPING. */
function mappedTimestamp(context: DateTimeContext): "ntz" | "ltz" | "tz" {
  const mapping = (context.timestampTypeMapping ?? "").toUpperCase();
  if (mapping === "TIMESTAMP_LTZ") return "ltz";
  if (mapping === "TIMESTAMP_TZ") return "tz";
  return "ntz";
}

/**
 * A SQL expression for text that may hold control characters (the strftime pattern markers). Each
 * marker is `merc_dt_mark(n)`, not `chr(n)`: the translation turns CHR into Snowflake's checked
 * merc_chr, whose error branch DuckDB does not fold, and strftime takes only a constant pattern
 * (TO_CHAR(col::TIMESTAMP_NTZ, 'SS.FF9') failed with "strftime format must be a constant").
 */
export function sqlTextExpression(text: string): string {
  const parts = text.split(/([\u0001-\u0004])/).filter((part) => part !== "");
  if (parts.length === 0) return "''";
  return parts
    .map((part) =>
      /^[\u0001-\u0004]$/.test(part) ? `merc_dt_mark(${part.charCodeAt(0)})` : quoteLiteral(part),
    )
    .join(" || ");
}

/**
 * The text of argument `i`. A bare NULL matches every overload of a typed macro, so DuckDB cannot
 * choose one: it becomes a NULL of `nullType` (the result is NULL either way).
 */
const argText = (call: FoundCall, i: number, nullType = "TIMESTAMP"): string => {
  const text = call.args[i]?.text ?? "";
  return /^NULL$/i.test(text.trim()) ? `CAST(NULL AS ${nullType})` : text;
};

/** `TO_DATE(x [, fmt])`-style conversions for one target; `TRY_` ones return NULL instead of failing. */
function conversion(target: Target | "mapped", tryOnly: boolean): Rewriter {
  return (call, lexed, context) => {
    // `CAST(x AS TIME(2))`, `x::DATE(…)`: a type with its precision, not a call of TIME / DATE.
    if (/(::|\bAS)$/i.test(lexed.sql.slice(0, call.nameStart).trimEnd())) return null;
    const t = target === "mapped" ? mappedTimestamp(context) : target;
    const to = tryOnly ? "merc_try_to" : "merc_to";
    const x = argText(call, 0, "VARCHAR");
    if (call.args.length === 1) return convertVariantAware(`${to}_${t}`, x);
    if (call.args.length !== 2) return null;
    const second = call.args[1]!;
    const format = stringLiteralValue(lexed.sql, second.token);
    if (format !== null) {
      if (/^AUTO$/i.test(format.trim())) return convertVariantAware(`${to}_${t}`, x);
      const parse = toStrptime(tokenizeFormat(format));
      if (parse === null) return null;
      const patterns = `[${parse.patterns.map(quoteLiteral).join(", ")}]`;
      return `${to}_${t}_fmt(${x}, ${patterns}, ${quoteLiteral(format)})`;
    }
    // A scale: the number counts 10^-scale seconds since the epoch, an instant in UTC.
    if (/^\d$/.test(second.text) && t !== "time") {
      const epoch = `merc_dt_epoch(${x}, ${second.text})`;
      if (t === "ntz") return epoch;
      if (t === "date") return `CAST(${epoch} AS DATE)`;
      if (t === "ltz") return `timezone('UTC', ${epoch})`;
      return `merc_dt_tz_from_instant(timezone('UTC', ${epoch}))`;
    }
    return null;
  };
}

/** The part argument at `index` as a quoted canonical name, or null. */
function partAt(call: FoundCall, index: number): string | null {
  const part = canonicalPart(argText(call, index));
  return part === null ? null : quoteLiteral(part);
}

const dateAdd: Rewriter = (call) => {
  if (call.args.length !== 3) return null;
  const part = canonicalPart(argText(call, 0));
  if (part === null) return null;
  const name = DAY_OR_LONGER.has(part) ? "merc_dateadd_days" : "merc_dateadd";
  return `${name}(${quoteLiteral(part)}, ${argText(call, 1)}, ${argText(call, 2)})`;
};

const dateDiff: Rewriter = (call) => {
  const part = call.args.length === 3 ? partAt(call, 0) : null;
  if (part === null) return null;
  return `merc_dt_diff(${part}, merc_dt_local(${argText(call, 1)}), merc_dt_local(${argText(call, 2)}))`;
};

const dateTrunc: Rewriter = (call) => {
  const part = call.args.length === 2 ? partAt(call, 0) : null;
  return part === null ? null : `merc_date_trunc(${part}, ${argText(call, 1)})`;
};

/** TRUNC / TRUNCATE of a date or time with a part; TRUNC of a number is left alone. */
const trunc: Rewriter = (call, lexed) => {
  if (call.args.length !== 2) return null;
  const written = stringLiteralValue(lexed.sql, call.args[1]!.token);
  const part = written === null ? null : canonicalPart(written);
  return part === null ? null : `merc_date_trunc(${quoteLiteral(part)}, ${argText(call, 0)})`;
};

const datePart: Rewriter = (call) => {
  const part = call.args.length === 2 ? partAt(call, 0) : null;
  return part === null ? null : `merc_date_part(${part}, ${argText(call, 1)})`;
};

/** EXTRACT(part FROM x), and the comma form EXTRACT(part, x). */
const extract: Rewriter = (call) => {
  if (call.args.length === 2) {
    const part = partAt(call, 0);
    return part === null ? null : `merc_date_part(${part}, ${argText(call, 1)})`;
  }
  const m = call.args.length === 1 ? /^(\S+)\s+FROM\s+([\s\S]+)$/i.exec(argText(call, 0)) : null;
  const part = m ? canonicalPart(m[1]!) : null;
  return part === null || !m ? null : `merc_date_part(${quoteLiteral(part)}, ${m[2]})`;
};

/** YEAR(x), HOUR(x), DAYOFWEEK(x), …: DATE_PART with the function's part. */
function partFunction(part: string): Rewriter {
  return (call) => (call.args.length === 1 ? `merc_date_part('${part}', ${argText(call, 0)})` : null);
}

const lastDay: Rewriter = (call) => {
  if (call.args.length < 1 || call.args.length > 2) return null;
  const part = call.args.length === 2 ? partAt(call, 1) : "'month'";
  if (part === null) return null;
  return `merc_dt_last_day(${part}, CAST(merc_dt_local(${argText(call, 0)}) AS DATE))`;
};

function weekdayStep(helper: string): Rewriter {
  return (call) =>
    call.args.length === 2
      ? `${helper}(CAST(merc_dt_local(${argText(call, 0)}) AS DATE), ${argText(call, 1)})`
      : null;
}

function nameOf(pattern: string): Rewriter {
  return (call) =>
    call.args.length === 1 ? `strftime(merc_dt_local(${argText(call, 0)}), '${pattern}')` : null;
}

const monthsBetween: Rewriter = (call) =>
  call.args.length === 2
    ? `merc_dt_months_between(merc_dt_local(${argText(call, 0)}), merc_dt_local(${argText(call, 1)}))`
    : null;

/** TIME_SLICE(x, n, 'part' [, 'START' | 'END']). */
const timeSlice: Rewriter = (call, lexed) => {
  if (call.args.length < 3 || call.args.length > 4) return null;
  const written = stringLiteralValue(lexed.sql, call.args[2]!.token);
  const part = written === null ? null : canonicalPart(written);
  const end = call.args.length === 4 ? stringLiteralValue(lexed.sql, call.args[3]!.token) : "START";
  if (part === null || end === null || !/^(START|END)$/i.test(end.trim())) return null;
  return `merc_time_slice(${argText(call, 0)}, ${argText(call, 1)}, ${quoteLiteral(part)}, ${/^END$/i.test(end.trim())})`;
};

const addMonths: Rewriter = (call) =>
  call.args.length === 2 ? `merc_add_months(${argText(call, 0)}, ${argText(call, 1)})` : null;

const convertTimezone: Rewriter = (call) => {
  if (call.args.length === 2)
    return `merc_dt_convert_timezone(${argText(call, 0)}, merc_to_ltz(${argText(call, 1)}))`;
  if (call.args.length === 3)
    return `timezone(${argText(call, 1)}, timezone(${argText(call, 0)}, merc_to_ntz(${argText(call, 2)})))`;
  return null;
};

/** TO_CHAR / TO_VARCHAR: with a literal date/time format, the formatting macro; alone, the session's format. */
const toChar: Rewriter = (call, lexed) => {
  if (call.args.length === 1) {
    // An untyped NULL matches every typed overload of the macro.
    return isNullLiteral(argText(call, 0)) ? "CAST(NULL AS VARCHAR)" : `merc_to_char(${argText(call, 0)})`;
  }
  const format = call.args.length === 2 ? stringLiteralValue(lexed.sql, call.args[1]!.token) : null;
  if (format === null || !isDateTimeFormat(format)) return null;
  return `merc_to_char_fmt(${argText(call, 0)}, ${sqlTextExpression(toStrftime(tokenizeFormat(format)))})`;
};

const PART_FUNCTIONS: Record<string, string> = {
  YEAR: "year",
  YEAROFWEEK: "yearofweek",
  YEAROFWEEKISO: "yearofweekiso",
  DAY: "day",
  DAYOFMONTH: "day",
  DAYOFWEEK: "dayofweek",
  DAYOFWEEKISO: "dayofweekiso",
  DAYOFYEAR: "dayofyear",
  WEEK: "week",
  WEEKOFYEAR: "week",
  // The statement printer (after an AST rewrite) spells WEEKOFYEAR this way.
  WEEK_OF_YEAR: "week",
  WEEKISO: "weekiso",
  MONTH: "month",
  QUARTER: "quarter",
  HOUR: "hour",
  MINUTE: "minute",
  SECOND: "second",
};

const FROM_PARTS: Record<string, Rewriter> = Object.fromEntries(
  Object.entries(fromPartsRewriters(argText)).map(([name, rewrite]) => [
    name,
    (call, lexed, context) => rewrite(call, lexed, mappedTimestamp(context)),
  ]),
);

/** The date/time calls rewritten before translation, by upper-case name. */
export const DATETIME_REWRITERS: Readonly<Record<string, Rewriter>> = {
  ...FROM_PARTS,
  DATEADD: dateAdd,
  TIMEADD: dateAdd,
  TIMESTAMPADD: dateAdd,
  DATEDIFF: dateDiff,
  TIMEDIFF: dateDiff,
  TIMESTAMPDIFF: dateDiff,
  DATE_TRUNC: dateTrunc,
  TRUNC: trunc,
  TRUNCATE: trunc,
  DATE_PART: datePart,
  EXTRACT: extract,
  LAST_DAY: lastDay,
  NEXT_DAY: weekdayStep("merc_dt_next_day"),
  PREVIOUS_DAY: weekdayStep("merc_dt_previous_day"),
  DAYNAME: nameOf("%a"),
  MONTHNAME: nameOf("%b"),
  ADD_MONTHS: addMonths,
  MONTHS_BETWEEN: monthsBetween,
  TIME_SLICE: timeSlice,
  CONVERT_TIMEZONE: convertTimezone,
  TO_CHAR: toChar,
  TO_VARCHAR: toChar,
  TO_DATE: conversion("date", false),
  DATE: conversion("date", false),
  TRY_TO_DATE: conversion("date", true),
  TO_TIME: conversion("time", false),
  TIME: conversion("time", false),
  TRY_TO_TIME: conversion("time", true),
  TO_TIMESTAMP: conversion("mapped", false),
  TRY_TO_TIMESTAMP: conversion("mapped", true),
  TO_TIMESTAMP_NTZ: conversion("ntz", false),
  TRY_TO_TIMESTAMP_NTZ: conversion("ntz", true),
  TO_TIMESTAMP_LTZ: conversion("ltz", false),
  TRY_TO_TIMESTAMP_LTZ: conversion("ltz", true),
  TO_TIMESTAMP_TZ: conversion("tz", false),
  TRY_TO_TIMESTAMP_TZ: conversion("tz", true),
  ...Object.fromEntries(Object.entries(PART_FUNCTIONS).map(([name, part]) => [name, partFunction(part)])),
};

const TIMESTAMP_TYPES: ReadonlyArray<readonly [RegExp, Target | "mapped"]> = [
  [/^(TIMESTAMP_NTZ|TIMESTAMPNTZ|DATETIME)$/, "ntz"],
  [/^(TIMESTAMP_LTZ|TIMESTAMPLTZ)$/, "ltz"],
  [/^(TIMESTAMP_TZ|TIMESTAMPTZ)$/, "tz"],
  [/^TIMESTAMP$/, "mapped"],
];

/** Placeholder type names the transpiler passes through; after it, their casts become conversions. */
const MARKER: Record<"ntz" | "ltz" | "tz", string> = { ntz: "MERC_NTZ", ltz: "MERC_LTZ", tz: "MERC_TZ" };

/**
 * Timestamp type names in casts (`::TIMESTAMP_TZ(3)`, `CAST(x AS TIMESTAMP WITH TIME ZONE)`) and
 * typed literals (`TIMESTAMP '…'`) become the marker types, TIMESTAMP as TIMESTAMP_TYPE_MAPPING says:
 * the transpiler would turn both LTZ and TZ into DuckDB's TIMESTAMPTZ.
 */
export function timestampTypeEdits(lexed: Lexed, context: DateTimeContext): Edit[] {
  const { tokens, sql } = lexed;
  const edits: Edit[] = [];
  const punct = (k: number): string =>
    tokens[k]?.kind === "punct" ? sql.slice(tokens[k]!.start, tokens[k]!.end) : "";
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word") continue;
    const kind = TIMESTAMP_TYPES.find(([re]) => re.test(t.upper ?? ""))?.[1];
    if (kind === undefined) continue;
    const target = kind === "mapped" ? mappedTimestamp(context) : kind;
    if (target === "date" || target === "time") continue;
    const previous = tokens[k - 1];
    const afterCast = punct(k - 1) === ":" && punct(k - 2) === ":";
    const afterAs = previous?.kind === "word" && previous.upper === "AS";
    const next = tokens[k + 1];
    if (next?.kind === "string" && !afterCast && !afterAs) {
      // A typed literal: TIMESTAMP '2024-01-01 00:00:00'.
      edits.push({
        start: t.start,
        end: next.end,
        text: `CAST(${sql.slice(next.start, next.end)} AS ${MARKER[target]})`,
      });
      continue;
    }
    if (!afterCast && !afterAs) continue;
    let end = t.end;
    let j = k + 1;
    // TIMESTAMP WITH [LOCAL] TIME ZONE / WITHOUT TIME ZONE.
    const words = (n: number): string[] => tokens.slice(j, j + n).map((w) => w.upper ?? "");
    let resolved: "ntz" | "ltz" | "tz" = target;
    if (t.upper === "TIMESTAMP") {
      if (words(4).join(" ") === "WITH LOCAL TIME ZONE") {
        resolved = "ltz";
        j += 4;
      } else if (words(3).join(" ") === "WITH TIME ZONE") {
        resolved = "tz";
        j += 3;
      } else if (words(3).join(" ") === "WITHOUT TIME ZONE") {
        resolved = "ntz";
        j += 3;
      }
      if (j > k + 1) end = tokens[j - 1]!.end;
    }
    // A precision: TIMESTAMP_TZ(3).
    if (punct(j) === "(" && tokens[j + 1]?.kind !== undefined && punct(j + 2) === ")")
      end = tokens[j + 2]!.end;
    edits.push({ start: t.start, end, text: MARKER[resolved] });
  }
  return edits;
}

const CAST_TARGETS: Record<string, Target> = {
  DATE: "date",
  TIME: "time",
  TIMESTAMP: "ntz",
  MERC_NTZ: "ntz",
  MERC_LTZ: "ltz",
  MERC_TZ: "tz",
};

/**
 * After translation: casts to date/time types become the conversion macros (Snowflake's parsing of
 * text, its conversions between the timestamp kinds, TIMESTAMP_TZ's struct), and casts to text the
 * formatting in the session's output formats. `TRY_CAST` gives the NULL-returning conversions.
 */
export function castEdits(lexed: Lexed): Edit[] {
  const edits: Edit[] = [];
  for (const call of findCalls(lexed, CAST_NAMES)) {
    if (call.args.length !== 1) continue;
    // The precision of TIME(p) is the result type's (inferred on the Snowflake text), not DuckDB's.
    const m = /^([\s\S]+?)\s+AS\s+([A-Z_]+)(?:\s*\(\s*\d\s*\))?$/i.exec(call.args[0]!.text);
    if (!m) continue;
    const type = m[2]!.toUpperCase();
    const tryOnly = call.name === "TRY_CAST";
    // A typed NULL needs no conversion (and would match every overload of the macros).
    if (isNullLiteral(m[1]!)) {
      if (type.startsWith("MERC_")) edits.push({ start: call.nameStart, end: call.end, text: nullOf(type) });
      continue;
    }
    if (type === "TEXT" || type === "VARCHAR") {
      if (!tryOnly) edits.push({ start: call.nameStart, end: call.end, text: `merc_to_char(${m[1]})` });
      continue;
    }
    const target = CAST_TARGETS[type];
    if (target === undefined) continue;
    edits.push({
      start: call.nameStart,
      end: call.end,
      text: convertVariantAware(`${tryOnly ? "merc_try_to" : "merc_to"}_${target}`, m[1]!),
    });
  }
  return edits;
}

/** `NULL`, also in parentheses (as rewriters wrap their arguments). */
function isNullLiteral(text: string): boolean {
  return /^[\s(]*NULL[\s)]*$/i.test(text);
}

const CAST_NAMES: ReadonlySet<string> = new Set(["CAST", "TRY_CAST"]);

/** A NULL of a marker type's DuckDB type. */
function nullOf(marker: string): string {
  if (marker === "MERC_LTZ") return "CAST(NULL AS TIMESTAMPTZ)";
  if (marker === "MERC_TZ") return `CAST(NULL AS ${TZ_DUCK_TYPE})`;
  return "CAST(NULL AS TIMESTAMP)";
}

/** True when the text may hold something these rewrites change (a cheap pre-check). */
export const DATETIME_HINT =
  /TIMESTAMP|DATE|TIME|TRUNC|EXTRACT|YEAR|MONTH|DAY|WEEK|QUARTER|HOUR|MINUTE|SECOND|TO_CHAR|TO_VARCHAR|ADD_MONTHS|CONVERT_TIMEZONE/i;
