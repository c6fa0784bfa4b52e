/**
 * Snowflake aggregate forms the transpiler does not carry over, spelled out in Snowflake SQL before
 * translation:
 * - COUNT(a, b, …) counts the rows where every argument is non-NULL; with DISTINCT, the distinct
 *   combinations of such rows (DuckDB's COUNT takes one argument);
 * - HLL is APPROX_COUNT_DISTINCT's other name;
 * - ARRAY_UNIQUE_AGG(x) is the array of x's distinct non-NULL values: ARRAY_AGG(DISTINCT x), and
 *   an empty array (not NULL) when there are none.
 * Calls whose WITHIN GROUP / OVER clauses must move with them (TRAILING_REWRITERS):
 * - BITAND_AGG / BITOR_AGG / BITXOR_AGG: numbers rounded to the nearest integer (strings read as
 *   FLOAT first), then DuckDB's BIT_AND / BIT_OR / BIT_XOR;
 * - BOOLXOR_AGG: true when exactly one value is true, NULL when all are NULL;
 * - LISTAGG: the empty string (not NULL) for no values, and no delimiter by default (DuckDB's is ',');
 * - PERCENTILE_CONT of NUMBER(p, s) has scale s + 3, as MEDIAN (a FLOAT stays a FLOAT);
 * - ARRAY_UNION_AGG(a): the multiset union of the group's arrays (a JavaScript function over ARRAY_AGG);
 * - OBJECT_AGG(k, v): one object from the pairs whose key and value are not NULL.
 */
import { type Edit, type FoundCall, type Lexed, overClauseEnd } from "./calls.js";
import { type TrailingClauses, trailingClauses } from "./rewrite-window.js";

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

type TrailingRewriter = (args: string[], clauses: TrailingClauses) => string | null;

const suffix = (c: TrailingClauses) => [c.withinGroup, c.over].filter((x) => x !== null).join(" ");
const windowed = (c: TrailingClauses) => (c.over === null ? "" : ` ${c.over}`);

const bitwise =
  (duck: string): TrailingRewriter =>
  ([x, ...rest], c) => {
    if (x === undefined || rest.length > 0 || c.withinGroup) return null;
    const arg = x.replace(/^DISTINCT\s+/i, "");
    return `${duck}(CAST(ROUND(CAST((${arg}) AS DOUBLE)) AS BIGINT))${windowed(c)}`;
  };

export const TRAILING_REWRITERS: Record<string, TrailingRewriter> = {
  // The transpiler turns BIT_AND back into BITAND_AGG; a placeholder crosses it (finishAggregates).
  BITAND_AGG: bitwise("MERC_BIT_AND"),
  BITOR_AGG: bitwise("MERC_BIT_OR"),
  BITXOR_AGG: bitwise("MERC_BIT_XOR"),
  BOOLXOR_AGG: ([x, ...rest], c) => {
    if (x === undefined || rest.length > 0 || c.withinGroup) return null;
    const w = windowed(c);
    return `CASE WHEN COUNT(${x})${w} = 0 THEN NULL ELSE COUNT_IF(CAST((${x}) AS BOOLEAN))${w} = 1 END`;
  },
  LISTAGG: (args, c) => {
    if (args.length === 0 || args.length > 2) return null;
    const call = `MERC_KEEP_LISTAGG(${args[0]}, ${args[1] ?? "''"}) ${suffix(c)}`;
    return `COALESCE(${call}, '')`;
  },
  PERCENTILE_CONT: (args, c) =>
    args.length === 1 && c.withinGroup
      ? `(MERC_KEEP_PERCENTILE_CONT(${args[0]}) ${suffix(c)} * 1.000)`
      : null,
  ARRAY_UNION_AGG: (args, c) => {
    if (args.length !== 1 || c.withinGroup || /^DISTINCT\s/i.test(args[0]!)) return null;
    // ARRAY_AGG skips NULL rows and gives [] for none; the union of that list of arrays is one array.
    return `MERC_ARRAY_UNION_AGG(COALESCE(ARRAY_AGG(${args[0]})${windowed(c)}, ARRAY_CONSTRUCT()))`;
  },
  OBJECT_AGG: (args, c) => {
    if (args.length !== 2 || c.withinGroup) return null;
    const [k, v] = args;
    // MERC_OBJECT_CONSTRUCT directly: a rewrite's output is not rewritten again in the same pass.
    const pair = `CASE WHEN (${k}) IS NOT NULL AND (${v}) IS NOT NULL THEN MERC_OBJECT_CONSTRUCT(${k}, ${v}) END`;
    return `MERC_OBJECT_MERGE(ARRAY_AGG(${pair})${windowed(c)})`;
  },
};

/**
 * Rewrites that keep the function's own name write it `MERC_KEEP_<name>(` so later passes do not
 * wrap it again; rewriteBeforeTranslate restores the names at the end.
 */
export const KEEP_PREFIX = /\bMERC_KEEP_(\w+)\(/g;

/** The edit for a TRAILING_REWRITERS call, from its name to the end of its WITHIN GROUP / OVER clauses. */
export function rewriteTrailingCall(call: FoundCall, lexed: Lexed): Edit | null {
  const rewriter = TRAILING_REWRITERS[call.name];
  if (!rewriter) return null;
  const clauses = trailingClauses(call, lexed);
  const text = rewriter(
    call.args.map((a) => a.text),
    clauses,
  );
  return text === null ? null : { start: call.nameStart, end: clauses.end, text: `(${text})` };
}

/** On the transpiler's DuckDB SQL: the bitwise aggregates' placeholders become DuckDB's BIT_AND / BIT_OR / BIT_XOR. */
export function finishAggregates(sql: string): string {
  return sql.includes("MERC_BIT_") ? sql.replace(/\bMERC_BIT_(AND|OR|XOR)\(/g, "bit_$1(") : sql;
}
