/**
 * Snowflake's ARRAY functions, GET and GET_IGNORE_CASE become calls of the JavaScript functions in
 * scalars-variant.ts (`MERC_*`). The transpiler maps them onto DuckDB's LIST functions, which
 * fail on the engine's ARRAY values (DuckDB JSON) and differ in semantics (1-based, no undefined,
 * sets instead of multisets). Every array or VARIANT argument goes through MERC_VARIANT (to_json),
 * so a DuckDB list, a JSON value and a plain scalar all arrive as JSON text.
 */
import type { FoundCall } from "./calls.js";

/** Argument kinds: a VARIANT / ARRAY value, an integer, a boolean, a string. */
type Kind = "v" | "n" | "b" | "s";

interface Signature {
  /** Kinds of the parameters, in order; `...v` as the only entry makes the function variadic. */
  params: Kind[] | "...v";
  /** Kind of any further arguments after `params` (at least one is required). */
  rest?: Kind;
  /** Defaults (Snowflake SQL) for trailing optional parameters. */
  defaults?: string[];
  /** Text for a call without arguments, when that is allowed. */
  empty?: string;
}

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
  const target = `MERC_${call.name}`;
  if (call.args.length === 0) return signature.empty ?? null;
  if (signature.params === "...v") return `${target}(${call.args.map((a) => wrap("v", a.text)).join(", ")})`;
  const { params } = signature;
  if (signature.rest !== undefined) {
    if (call.args.length <= params.length) return null;
    const kinds = call.args.map((_, i) => params[i] ?? (signature.rest as Kind));
    return `${target}(${call.args.map((a, i) => wrap(kinds[i]!, a.text)).join(", ")})`;
  }
  const defaults = signature.defaults ?? [];
  if (call.args.length > params.length || call.args.length < params.length - defaults.length) return null;
  const args = params.map((kind, i) => {
    const given = call.args[i]?.text;
    return given === undefined ? defaults[i - (params.length - defaults.length)]! : wrap(kind, given);
  });
  return `${target}(${args.join(", ")})`;
}
