/**
 * Snowflake's REGEXP_* functions become calls of the JavaScript scalar functions in scalars.ts
 * (`MERC_REGEXP_*`), with every optional argument spelled out (DuckDB functions are not variadic)
 * and cast to the registered types. The transpiler's own translations lose position, occurrence,
 * parameters and groups. The infix forms (`x RLIKE p`, `x REGEXP p`) reach DuckDB as
 * REGEXP_FULL_MATCH and are renamed after translation.
 */
import type { FoundCall } from "./calls.js";

type Kind = "text" | "number";
/** Each function's parameters after the subject: kind and the default Snowflake documents. */
const SIGNATURES: Record<string, { target: string; rest: Array<[Kind, string]>; json?: boolean }> = {
  REGEXP_COUNT: {
    target: "MERC_REGEXP_COUNT",
    rest: [
      ["text", ""],
      ["number", "1"],
      ["text", "'c'"],
    ],
  },
  REGEXP_INSTR: {
    target: "MERC_REGEXP_INSTR",
    rest: [
      ["text", ""],
      ["number", "1"],
      ["number", "1"],
      ["number", "0"],
      ["text", "'c'"],
      ["number", "-1"],
    ],
  },
  REGEXP_SUBSTR: {
    target: "MERC_REGEXP_SUBSTR",
    rest: [
      ["text", ""],
      ["number", "1"],
      ["number", "1"],
      ["text", "'c'"],
      ["number", "-1"],
    ],
  },
  REGEXP_SUBSTR_ALL: {
    target: "MERC_REGEXP_SUBSTR_ALL",
    json: true,
    rest: [
      ["text", ""],
      ["number", "1"],
      ["number", "1"],
      ["text", "'c'"],
      ["number", "-1"],
    ],
  },
  REGEXP_REPLACE: {
    target: "MERC_REGEXP_REPLACE",
    rest: [
      ["text", ""],
      ["text", "''"],
      ["number", "1"],
      ["number", "0"],
      ["text", "'c'"],
    ],
  },
  REGEXP_LIKE: {
    target: "MERC_REGEXP_LIKE",
    rest: [
      ["text", ""],
      ["text", "'c'"],
    ],
  },
};
SIGNATURES.REGEXP_EXTRACT_ALL = SIGNATURES.REGEXP_SUBSTR_ALL!;
SIGNATURES.RLIKE = SIGNATURES.REGEXP_LIKE!;

export const REGEXP_FUNCTIONS: readonly string[] = Object.keys(SIGNATURES);

const cast = (kind: Kind, text: string): string =>
  `CAST((${text}) AS ${kind === "text" ? "VARCHAR" : "BIGINT"})`;

/** A Snowflake REGEXP_* call as its MERC_REGEXP_* form, or null when the argument count is wrong. */
export function rewriteRegexpCall(call: FoundCall): string | null {
  const signature = SIGNATURES[call.name];
  if (!signature) return null;
  const { rest, target } = signature;
  // The subject and pattern are required; Snowflake reports a wrong count itself, so leave those alone.
  if (call.args.length < 2 || call.args.length > rest.length + 1) return null;
  const args = [cast("text", call.args[0]!.text)];
  rest.forEach(([kind, fallback], i) => {
    const given = call.args[i + 1]?.text;
    args.push(given === undefined ? fallback : cast(kind, given));
  });
  const text = `${target}(${args.join(", ")})`;
  return signature.json ? `PARSE_JSON(${text})` : text;
}

/** After translation: DuckDB's REGEXP_FULL_MATCH (from `RLIKE` / `REGEXP` operators) as MERC_REGEXP_LIKE. */
export function rewriteFullMatch(call: FoundCall): string | null {
  if (call.args.length < 2 || call.args.length > 3) return null;
  const [subject, pattern, parameters] = call.args;
  return `MERC_REGEXP_LIKE(CAST((${subject!.text}) AS VARCHAR), CAST((${pattern!.text}) AS VARCHAR), ${parameters ? `CAST((${parameters.text}) AS VARCHAR)` : "'c'"})`;
}
