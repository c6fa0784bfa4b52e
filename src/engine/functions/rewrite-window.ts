/**
 * Snowflake window functions DuckDB lacks, spelled out before translation with the call's own
 * OVER clause (a rewrite that needs the window cannot be a macro: DuckDB macros are not window
 * functions, and window calls cannot be nested).
 * - CONDITIONAL_TRUE_EVENT(e): how many rows so far (the current one included) had e true;
 * - CONDITIONAL_CHANGE_EVENT(e): how many times e changed so far, NULLs neither changing the value
 *   nor counting as a change (the list of non-NULL values so far, counted by MERC_CHANGE_COUNT);
 * - INTERPOLATE_FFILL / INTERPOLATE_BFILL(e): the last non-NULL value so far / the next one from here.
 * A conditional event's argument may read LAG(x[, k]) over the event's own window (a nested window,
 * which DuckDB refuses): the lagged value of row r is x at row r - k, so the event over rows up to r
 * of e(LAG(x)) is the event over rows up to r - k of e(x) (see laggedArgument).
 */
import { SnowflakeError } from "../errors.js";
import { type Edit, type FoundCall, findCalls, type Lexed, lex, overClauseEnd } from "./calls.js";

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
  const lagged = call.name.startsWith("CONDITIONAL_") ? laggedArgument(arg.text, inner) : null;
  const e = lagged?.text ?? arg.text;
  // A frame ending k rows back is empty for the first k rows: no event yet.
  const orZero = (count: string) => (lagged ? `COALESCE(${count}, 0)` : count);
  const upTo = lagged ? `ROWS BETWEEN UNBOUNDED PRECEDING AND ${lagged.offset} PRECEDING` : UP_TO_HERE;
  let text: string;
  switch (call.name) {
    case "CONDITIONAL_TRUE_EVENT":
      text = orZero(`SUM(CASE WHEN CAST((${e}) AS BOOLEAN) THEN 1 ELSE 0 END) ${window(upTo)}`);
      break;
    case "CONDITIONAL_CHANGE_EVENT":
      text = orZero(`MERC_CHANGE_COUNT(ARRAY_AGG(${e}) ${window(upTo)})`);
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

const sameWindow = (a: string, b: string): boolean =>
  a.replace(/\s+/g, " ").trim().toUpperCase() === b.replace(/\s+/g, " ").trim().toUpperCase();

/**
 * A conditional event's argument whose only window calls are LAG(x[, k]) over the event's own
 * window (`inner`), all with the same k: the argument with each LAG(…) OVER (…) as its x, and k.
 * Null when the argument has no window call or one of another shape (DuckDB then refuses the nesting).
 */
function laggedArgument(argument: string, inner: string): { text: string; offset: number } | null {
  const lexed = lex(argument, true);
  const overs = lexed.tokens.filter((t) => t.kind === "word" && t.upper === "OVER").length;
  if (overs === 0) return null;
  const lags = findCalls(lexed, new Set(["LAG"]));
  if (lags.length !== overs) return null;
  const edits: Edit[] = [];
  let offset: number | null = null;
  for (const lag of lags) {
    const over = overClauseEnd(lexed, lag.after);
    if (!over || lag.args.length < 1 || lag.args.length > 2) return null;
    const clause = argument.slice(over.start, over.end);
    if (!sameWindow(clause.slice(clause.indexOf("(") + 1, -1), inner)) return null;
    const k = lag.args[1] === undefined ? 1 : /^\d+$/.test(lag.args[1].text) ? Number(lag.args[1].text) : NaN;
    if (!(k >= 1) || (offset !== null && k !== offset)) return null;
    offset = k;
    edits.push({ start: lag.nameStart, end: over.end, text: `(${lag.args[0]!.text})` });
  }
  let text = argument;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return offset === null ? null : { text, offset };
}
