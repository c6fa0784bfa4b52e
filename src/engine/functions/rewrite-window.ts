/**
 * Snowflake window functions DuckDB lacks, spelled out before translation with the call's own
 * OVER clause (a rewrite that needs the window cannot be a macro: DuckDB macros are not window
 * functions, and window calls cannot be nested).
 * - CONDITIONAL_TRUE_EVENT(e): how many rows so far (the current one included) had e true;
 * - CONDITIONAL_CHANGE_EVENT(e): how many times e changed so far, NULLs neither changing the value
 *   nor counting as a change (the list of non-NULL values so far, counted by MERC_CHANGE_COUNT);
 * - INTERPOLATE_FFILL / INTERPOLATE_BFILL(e): the last non-NULL value so far / the next one from here.
 */
import { SnowflakeError } from "../errors.js";
import { type Edit, type FoundCall, type Lexed, lex, overClauseEnd } from "./calls.js";

export const WINDOW_FUNCTIONS = [
  "CONDITIONAL_TRUE_EVENT",
  "CONDITIONAL_CHANGE_EVENT",
  "INTERPOLATE_FFILL",
  "INTERPOLATE_BFILL",
] as const;

const UP_TO_HERE = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
const FROM_HERE = "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING";

/** True when the window's text (inside OVER's parentheses) has its own frame clause. */
function hasFrame(inner: string): boolean {
  const lexed = lex(inner, true);
  let depth = 0;
  for (const t of lexed.tokens) {
    const c = t.kind === "punct" ? inner[t.start] : "";
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && t.kind === "word" && (t.upper === "ROWS" || t.upper === "RANGE")) return true;
  }
  return false;
}

/** The clauses after a call: `WITHIN GROUP (…)` and `OVER (…)` as written, and where they end. */
export interface TrailingClauses {
  withinGroup: string | null;
  over: string | null;
  end: number;
}

/** Reads the optional `WITHIN GROUP (…)` and `OVER (…)` after a call. */
export function trailingClauses(call: FoundCall, lexed: Lexed): TrailingClauses {
  let k = call.after;
  let end = call.end;
  let withinGroup: string | null = null;
  const { tokens, sql } = lexed;
  if (
    tokens[k]?.upper === "WITHIN" &&
    tokens[k + 1]?.upper === "GROUP" &&
    sql[tokens[k + 2]?.start ?? -1] === "("
  ) {
    let depth = 0;
    for (let j = k + 2; j < tokens.length; j++) {
      const c = tokens[j]!.kind === "punct" ? sql[tokens[j]!.start] : "";
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        withinGroup = sql.slice(tokens[k]!.start, tokens[j]!.end);
        end = tokens[j]!.end;
        k = j + 1;
        break;
      }
    }
  }
  const over = overClauseEnd(lexed, k);
  if (over) end = over.end;
  return { withinGroup, over: over ? sql.slice(over.start, over.end) : null, end };
}

/** The edit replacing `NAME(e) OVER (w)`, or null when the call has no OVER clause or not one argument. */
export function rewriteWindowCall(call: FoundCall, lexed: Lexed): Edit | null {
  const over = overClauseEnd(lexed, call.after);
  const arg = call.args[0];
  if (!over || !arg || call.args.length !== 1) return null;
  const clause = lexed.sql.slice(over.start, over.end);
  const inner = clause.slice(clause.indexOf("(") + 1, -1).trim();
  const framed = hasFrame(inner);
  const window = (frame: string) => `OVER (${inner} ${frame})`;
  const e = arg.text;
  let text: string;
  switch (call.name) {
    case "CONDITIONAL_TRUE_EVENT":
      text = `SUM(CASE WHEN CAST((${e}) AS BOOLEAN) THEN 1 ELSE 0 END) ${window(UP_TO_HERE)}`;
      break;
    case "CONDITIONAL_CHANGE_EVENT":
      text = `MERC_CHANGE_COUNT(ARRAY_AGG(${e}) ${window(UP_TO_HERE)})`;
      break;
    case "INTERPOLATE_FFILL":
    case "INTERPOLATE_BFILL":
      if (framed)
        throw new SnowflakeError(
          "002303",
          "0A000",
          `SQL compilation error: Sliding window frame unsupported for function ${call.name}`,
        );
      text =
        call.name === "INTERPOLATE_FFILL"
          ? `LAST_VALUE(${e}) IGNORE NULLS ${window(UP_TO_HERE)}`
          : `FIRST_VALUE(${e}) IGNORE NULLS ${window(FROM_HERE)}`;
      break;
    default:
      return null;
  }
  if (framed && call.name.startsWith("CONDITIONAL_")) return null;
  return { start: call.nameStart, end: over.end, text: `(${text})` };
}
