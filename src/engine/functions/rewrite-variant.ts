/**
 * Snowflake's ARRAY functions, GET and GET_IGNORE_CASE become calls of the JavaScript functions in
 * scalars-variant.ts (`MERC_*`). The transpiler maps them onto DuckDB's LIST functions, which
 * fail on the engine's ARRAY values (DuckDB JSON) and differ in semantics (1-based, no undefined,
 * sets instead of multisets). Every array or VARIANT argument goes through MERC_VARIANT (to_json),
 * so a DuckDB list, a JSON value and a plain scalar all arrive as JSON text.
 */
import type { FoundCall } from "./calls.js";
import { TYPE_PREDICATES } from "./variant.js";

/** Argument kinds: a VARIANT / ARRAY value, an integer, a boolean, a string. */
type Kind = "v" | "n" | "b" | "s";

interface Signature {
  /** Kinds of the parameters, in order; `...v` as the only entry makes the function variadic. */
  params: Kind[] | "...v";
  /** Kind of any further arguments after `params` (at least one is required). */
  rest?: Kind;
  /** Defaults (Snowflake SQL) for trailing optional parameters. */
  defaults?: string[];
  /** The call's opening text when it is not `MERC_<name>(` (e.g. a shared function with a first argument). */
  target?: string;
  /** SQL around the call (`{}` stands for it), e.g. a cast of the text an AS_* function returns. */
  result?: string;
  /** Trailing arguments that must be integer literals, substituted as `{1}`, `{2}` in `result`. */
  literalDefaults?: string[];
  /** Text for a call without arguments, when that is allowed. */
  empty?: string;
}

/** AS_* casts: the VARIANT types accepted (comma-separated) and the SQL type of the result. */
const AS_CASTS: Record<string, [string, string]> = {
  AS_INTEGER: ["INTEGER", "DECIMAL(38,0)"],
  AS_DOUBLE: ["DOUBLE", "DOUBLE"],
  AS_REAL: ["DOUBLE", "DOUBLE"],
  AS_BOOLEAN: ["BOOLEAN", "BOOLEAN"],
  AS_CHAR: ["VARCHAR", "VARCHAR"],
  AS_VARCHAR: ["VARCHAR", "VARCHAR"],
  AS_ARRAY: ["ARRAY", "JSON"],
  AS_OBJECT: ["OBJECT", "JSON"],
};

/**
 * AS_* casts to a date, time or binary type: the accepted VARIANT type and the conversion of the
 * value's text, the text Snowflake writes for such a value inside a VARIANT (the date/time
 * conversion macros of TO_DATE … TO_TIMESTAMP_TZ, hex for BINARY).
 */
const AS_CONVERSIONS: Record<string, [string, string]> = {
  AS_DATE: ["DATE", "merc_to_date({})"],
  AS_TIME: ["TIME", "merc_to_time({})"],
  AS_TIMESTAMP_NTZ: ["TIMESTAMP_NTZ", "merc_to_ntz({})"],
  AS_TIMESTAMP_LTZ: ["TIMESTAMP_LTZ", "merc_to_ltz({})"],
  AS_TIMESTAMP_TZ: ["TIMESTAMP_TZ", "merc_to_tz({})"],
  AS_BINARY: ["BINARY", "unhex({})"],
};

/** AS_DECIMAL / AS_NUMBER(v [, precision [, scale]]): fixed-point values only, NUMBER(38,0) by default. */
const DECIMAL_CAST: Signature = {
  params: ["v"],
  target: "MERC_VARIANT_AS('INTEGER,DECIMAL', ",
  result: "CAST({} AS DECIMAL({1}, {2}))",
  literalDefaults: ["38", "0"],
};

const SIGNATURES: Record<string, Signature> = {
  ARRAY_CONSTRUCT: { params: "...v", empty: "CAST('[]' AS JSON)" },
  ARRAY_CONSTRUCT_COMPACT: { params: "...v", empty: "CAST('[]' AS JSON)" },
  ARRAYS_ZIP: { params: "...v" },
  ARRAY_SIZE: { params: ["v"] },
  ARRAY_CONTAINS: { params: ["v", "v"] },
  ARRAY_POSITION: { params: ["v", "v"] },
  ARRAY_APPEND: { params: ["v", "v"] },
  ARRAY_PREPEND: { params: ["v", "v"] },
  ARRAY_INSERT: { params: ["v", "n", "v"] },
  ARRAY_CAT: { params: ["v", "v"] },
  ARRAY_COMPACT: { params: ["v"] },
  ARRAY_DISTINCT: { params: ["v"] },
  ARRAY_EXCEPT: { params: ["v", "v"] },
  ARRAY_INTERSECTION: { params: ["v", "v"] },
  ARRAYS_OVERLAP: { params: ["v", "v"] },
  ARRAY_FLATTEN: { params: ["v"] },
  ARRAY_GENERATE_RANGE: { params: ["n", "n", "n"], defaults: ["1"] },
  ARRAY_MAX: { params: ["v"] },
  ARRAY_MIN: { params: ["v"] },
  ARRAY_REMOVE: { params: ["v", "v"] },
  ARRAY_REMOVE_AT: { params: ["v", "n"] },
  ARRAY_REVERSE: { params: ["v"] },
  ARRAY_SLICE: { params: ["v", "n", "n"] },
  ARRAY_SORT: { params: ["v", "b", "b"], defaults: ["TRUE", "CAST(NULL AS BOOLEAN)"] },
  ARRAY_TO_STRING: { params: ["v", "s"] },
  ARRAYS_TO_OBJECT: { params: ["v", "v"] },
  GET: { params: ["v", "v"] },
  GET_IGNORE_CASE: { params: ["v", "v"] },
  OBJECT_INSERT: { params: ["v", "v", "v", "b"], defaults: ["FALSE"] },
  OBJECT_DELETE: { params: ["v"], rest: "v" },
  OBJECT_PICK: { params: ["v"], rest: "v" },
  OBJECT_KEYS: { params: ["v"] },
  ARRAY_REPEAT: { params: ["v", "n"] },
  STRIP_NULL_VALUE: { params: ["v"] },
  TO_OBJECT: { params: ["v"] },
  CHECK_JSON: { params: ["v"] },
  TO_ARRAY: { params: ["v"] },
  TYPEOF: { params: ["v"] },
  ...Object.fromEntries(
    Object.keys(TYPE_PREDICATES).map((name) => [name, { params: ["v"], target: `MERC_IS_TYPE('${name}', ` }]),
  ),
  ...Object.fromEntries(
    Object.entries(AS_CASTS).map(([name, [types, sqlType]]) => [
      name,
      { params: ["v"], target: `MERC_VARIANT_AS('${types}', `, result: `CAST({} AS ${sqlType})` },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(AS_CONVERSIONS).map(([name, [type, result]]) => [
      name,
      { params: ["v"], target: `MERC_VARIANT_AS('${type}', `, result },
    ]),
  ),
  AS_DECIMAL: DECIMAL_CAST,
  AS_NUMBER: DECIMAL_CAST,
};

export const VARIANT_FUNCTIONS: readonly string[] = Object.keys(SIGNATURES);

function wrap(kind: Kind, text: string): string {
  switch (kind) {
    case "v":
      // A bare NULL has no type DuckDB can hand a function; it is a VARIANT NULL.
      return /^NULL$/i.test(text.trim()) ? "CAST(NULL AS JSON)" : `MERC_VARIANT(${text})`;
    case "n":
      return `CAST((${text}) AS BIGINT)`;
    case "b":
      return `CAST((${text}) AS BOOLEAN)`;
    default:
      return `CAST((${text}) AS VARCHAR)`;
  }
}

/** A call as its MERC_* form, or null when the argument count does not fit (Snowflake reports it). */
export function rewriteVariantCall(call: FoundCall): string | null {
  const signature = SIGNATURES[call.name];
  if (!signature) return null;
  const open = signature.target ?? `MERC_${call.name}(`;
  if (call.args.length === 0) return signature.empty ?? null;
  if (signature.params === "...v") return `${open}${call.args.map((a) => wrap("v", a.text)).join(", ")})`;
  const { params } = signature;
  if (signature.rest !== undefined) {
    if (call.args.length <= params.length) return null;
    const kinds = call.args.map((_, i) => params[i] ?? (signature.rest as Kind));
    return `${open}${call.args.map((a, i) => wrap(kinds[i]!, a.text)).join(", ")})`;
  }
  const literals = signature.literalDefaults ?? [];
  const defaults = signature.defaults ?? [];
  const extra = call.args.slice(params.length).map((a) => a.text.trim());
  // Trailing literal arguments (AS_DECIMAL's precision and scale) go into `result`, not the call.
  if (literals.length > 0 && (extra.length > literals.length || extra.some((text) => !/^\d+$/.test(text))))
    return null;
  const fixed = literals.length > 0 ? call.args.slice(0, params.length) : call.args;
  if (fixed.length > params.length || fixed.length < params.length - defaults.length) return null;
  const args = params.map((kind, i) => {
    const text = fixed[i]?.text;
    return text === undefined ? defaults[i - (params.length - defaults.length)]! : wrap(kind, text);
  });
  const inner = `${open}${args.join(", ")})`;
  if (signature.result === undefined) return inner;
  const values = literals.map((fallback, i) => extra[i] ?? fallback);
  return signature.result
    .replace("{}", inner)
    .replace(/\{(\d)\}/g, (_, n: string) => values[Number(n) - 1] ?? "");
}
