/**
 * Snowflake aggregate forms the transpiler does not carry over, spelled out in Snowflake SQL before
 * translation:
 * - COUNT(a, b, …) counts the rows where every argument is non-NULL; with DISTINCT, the distinct
 *   combinations of such rows (DuckDB's COUNT takes one argument);
 * - HLL is APPROX_COUNT_DISTINCT's other name;
 * - ARRAY_UNIQUE_AGG(x) is the array of x's distinct non-NULL values: ARRAY_AGG(DISTINCT x), and
 *   an empty array (not NULL) when there are none.
 */
import { type FoundCall, type Lexed, overClauseEnd } from "./calls.js";

type Rewriter = (call: FoundCall, lexed: Lexed) => string | null;

const count: Rewriter = (call) => {
  if (call.args.length < 2) return null;
  const texts = call.args.map((a) => a.text);
  const distinct = /^DISTINCT\s+/i.exec(texts[0]!);
  if (distinct) texts[0] = texts[0]!.slice(distinct[0].length);
  if (texts.some((t) => t.startsWith("*"))) return null;
  const allPresent = texts.map((t) => `(${t}) IS NOT NULL`).join(" AND ");
  return distinct
    ? `COUNT(DISTINCT CASE WHEN ${allPresent} THEN ARRAY_CONSTRUCT(${texts.join(", ")}) END)`
    : `COUNT(CASE WHEN ${allPresent} THEN 1 END)`;
};

export const AGGREGATE_REWRITERS: Record<string, Rewriter> = {
  COUNT: count,
  HLL: (call, lexed) => `APPROX_COUNT_DISTINCT${lexed.sql.slice(call.open, call.end)}`,
  ARRAY_UNIQUE_AGG: (call, lexed) => {
    if (call.args.length !== 1 || /^DISTINCT\s/i.test(call.args[0]!.text)) return null;
    const agg = `ARRAY_AGG(DISTINCT ${call.args[0]!.text})`;
    return overClauseEnd(lexed, call.after) ? agg : `COALESCE(${agg}, ARRAY_CONSTRUCT())`;
  },
};
