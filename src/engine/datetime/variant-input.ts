/**
 * A VARIANT converted to a date or time type. Snowflake reads a JSON number as seconds since the
 * epoch, an instant (so `PARSE_JSON(0)::TIMESTAMP_NTZ` is the wall-clock time of 1970-01-01 00:00 UTC
 * in the session time zone, while `0::TIMESTAMP_NTZ` is 1970-01-01 00:00), and any other JSON as its
 * text (a string without its quotes; JSON null is NULL). DuckDB's JSON is a VARCHAR: a `(x JSON)` overload of the conversion macros is ambiguous with
 * every other overload, so the call site asks `typeof` instead, which DuckDB folds to a constant when
 * it binds the statement (the VARIANT branch costs nothing for other types).
 */
import { untypedSql } from "../functions/json.js";
import type { MacroDefinition } from "../functions/macros.js";

export const VARIANT_INPUT_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_dt_converted",
    snowflake: "helper: marks a value a date/time conversion produced (never a VARIANT)",
    overloads: ["(x) AS x"],
  },
  {
    name: "merc_dt_is_json",
    snowflake: "helper: true for a VARIANT (JSON) value of any kind (a constant once the statement is bound)",
    overloads: ["(x) AS typeof(x) = 'JSON'"],
  },
  {
    name: "merc_dt_json_number",
    snowflake: "helper: true for a VARIANT (JSON) holding a number",
    overloads: [
      "(x) AS merc_dt_is_json(x) AND json_type(TRY_CAST(x AS JSON)) IN ('UBIGINT', 'BIGINT', 'HUGEINT', 'DOUBLE')",
    ],
  },
  {
    name: "merc_dt_json_text",
    snowflake: "helper: the text of a VARIANT that is not a number (a string without quotes, NULL for null)",
    overloads: [`(x) AS ${untypedSql("json_extract_string(TRY_CAST(x AS JSON), '$')")}`],
  },
  {
    name: "merc_dt_json_instant",
    snowflake: "helper: a VARIANT number as the instant that many seconds after the epoch",
    overloads: ["(x) AS timezone('UTC', merc_dt_epoch(TRY_CAST(TRY_CAST(x AS JSON) AS DECIMAL(38, 9)), 0))"],
  },
];

/** Text that cannot be a VARIANT: a literal or a typed NULL. */
const NOT_VARIANT = /^\s*(?:'(?:[^']|'')*'|[-+]?\d[\d.eE+-]*|CAST\(NULL AS [A-Z ]+\))\s*$/i;

/** Calls whose result is never a VARIANT: the date/time conversion macros and helpers, and casts. */
const NEVER_VARIANT_CALL = /^\s*(?:merc_(?:(?:try_)?to_[a-z_]+|dt_[a-z_]+)|(?:try_)?cast)\s*\(/i;
/** The end of a cast whose result is a VARIANT (JSON, or a semi-structured type a later pass converts). */
const CAST_TO_JSON = /\bAS\s+(?:JSON|VARIANT|OBJECT|ARRAY)\s*\)\s*$/i;

/** True when `text` is one call `name(…)` whose parenthesis closes at the very end (quotes skipped). */
function isOneCall(text: string, open: number): boolean {
  let depth = 0;
  let quote: string | null = null;
  const body = text.trimEnd();
  for (let i = open; i < body.length; i++) {
    const c = body[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i === body.length - 1;
  }
  return false;
}

/**
 * `convert(x)` (a conversion macro, `merc_to_ntz` …) for a value of any type, a VARIANT number read
 * as an instant (the macros convert an instant, a TIMESTAMPTZ, in the session time zone). The result
 * is marked with `merc_dt_converted` so a conversion of it is not composed again (nested casts would
 * otherwise grow the text fourfold per level).
 */
export function convertVariantAware(convert: string, x: string): string {
  const call = NEVER_VARIANT_CALL.exec(x);
  const typed = call !== null && isOneCall(x, call[0].length - 1) && !CAST_TO_JSON.test(x);
  if (typed || NOT_VARIANT.test(x)) return `${convert}(${x})`;
  const instant = `${convert}(merc_dt_json_instant(${x}))`;
  const text = `${convert}(merc_dt_json_text(${x}))`;
  return `merc_dt_converted(CASE WHEN merc_dt_json_number(${x}) THEN ${instant} WHEN merc_dt_is_json(${x}) THEN ${text} ELSE ${convert}(${x}) END)`;
}
