/**
 * Text rewrites of Snowflake SQL before parsing, for constructs the transpiler or DuckDB handle
 * differently. Token-based (the splitter's lexer), so strings and comments are never touched.
 * - `FROM VALUES (…), (…)` becomes `FROM (VALUES …) AS _VALUESn(COLUMN1, …)`: Snowflake names
 *   the columns COLUMN1…n, DuckDB col0…; DuckDB also needs the parentheses.
 * - `UPDATE … SET t.col = …` (UPDATE and MERGE) loses the qualifier, which DuckDB rejects.
 * - GROUP BY ALL next to QUALIFY is spelled out (DuckDB cannot combine them).
 * - An OBJECT constant `{* …}` is OBJECT_CONSTRUCT(* …).
 * - MERGE's `UPDATE ALL BY NAME` / `INSERT ALL BY NAME` become parseable placeholders (merge.ts).
 * - `x [NOT] LIKE | ILIKE ANY | ALL (…)` is one comparison per pattern (like-quantified.ts).
 * - `*` with combined ILIKE / EXCLUDE / REPLACE / RENAME becomes a placeholder (star-columns.ts), and
 *   so does a star in COUNT (`COUNT(t.*)`, `COUNT(* EXCLUDE c)`).
 */
import { type Token, tokenize } from "./split/index.js";
import { QUERY_CLAUSE_ENDS } from "./split/token-walk.js";
import { expandQuantifiedLike } from "./like-quantified.js";
import { mergeAllByNamePlaceholders } from "./merge.js";
import { countStarPlaceholders, starPlaceholders } from "./star-columns.js";
import { selectItems } from "./translate.js";

const AGGREGATE =
  /\b(sum|count|count_if|avg|min|max|median|mode|listagg|array_agg|object_agg|stddev|stddev_pop|stddev_samp|variance|var_pop|var_samp|any_value|approx_count_distinct|hll|booland_agg|boolor_agg|bitand_agg|bitor_agg|percentile_cont|percentile_disc|corr|covar_pop|covar_samp|kurtosis|skew|min_by|max_by|approx_percentile)\s*\(/i;

/**
 * DuckDB cannot combine QUALIFY with GROUP BY ALL: spell ALL out as the positions of the select
 * items that hold no aggregate (which is what GROUP BY ALL means).
 */
function expandGroupByAll(sql: string): string {
  if (!/\bqualify\b/i.test(sql) || !/\bgroup\s+by\s+all\b/i.test(sql)) return sql;
  const items = selectItems(sql);
  if (!items) return sql;
  const positions = items.flatMap((item, i) => (AGGREGATE.test(item.text) ? [] : [String(i + 1)]));
  if (positions.length === 0) return sql;
  return sql.replace(/\bgroup\s+by\s+all\b/i, `GROUP BY ${positions.join(", ")}`);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const NOT_ALIAS = new Set([
  ...QUERY_CLAUSE_ENDS,
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "ON",
  "LATERAL",
  "SAMPLE",
  "TABLESAMPLE",
  "PIVOT",
  "UNPIVOT",
  "WHEN",
  "USING",
  "ASOF",
  "MATCH_CONDITION",
]);

function apply(sql: string, edits: Edit[]): string {
  if (edits.length === 0) return sql;
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += sql.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + sql.slice(at);
}

/** Quick test: does the text contain anything the pre-pass rewrites? */
function mayNeed(sql: string): boolean {
  return /\bvalues\b/i.test(sql) || /\bset\b/i.test(sql);
}

/** Placeholder the transpiler passes through for `* ILIKE 'pattern'` (it cannot parse that). */
export const STAR_ILIKE = "MERC_STAR_ILIKE";

/** `SELECT * ILIKE 'p'` becomes a placeholder call, finished as DuckDB's COLUMNS(c -> c ILIKE 'p'). */
function starIlike(sql: string): string {
  if (!/\*\s*ilike\b/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const edits: Edit[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const star = tokens[i] as Token;
    const ilike = tokens[i + 1] as Token;
    const pattern = tokens[i + 2] as Token;
    if (
      star.kind !== "punct" ||
      sql[star.start] !== "*" ||
      ilike.upper !== "ILIKE" ||
      pattern.kind !== "string"
    )
      continue;
    const before = tokens[i - 1];
    const prevText = before === undefined ? "" : sql.slice(before.start, before.end);
    if (before?.upper !== "SELECT" && before?.upper !== "DISTINCT" && prevText !== "," && prevText !== "(")
      continue;
    edits.push({
      start: star.start,
      end: pattern.end,
      text: `${STAR_ILIKE}(${sql.slice(pattern.start, pattern.end)})`,
    });
  }
  return apply(sql, edits);
}

/** An OBJECT constant over the row, `{* [ILIKE …|EXCLUDE …]}`, is OBJECT_CONSTRUCT(* …) (the parser knows only that). */
function objectConstantStar(sql: string): string {
  if (!/\{\s*\*/.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const edits: Edit[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (ch(tokens[i]) !== "{" || ch(tokens[i + 1]) !== "*") continue;
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      const c = ch(tokens[j]);
      if (c === "{" || c === "(" || c === "[") depth++;
      else if (c === "}" || c === ")" || c === "]") depth--;
      if (depth !== 0) continue;
      const open = tokens[i] as Token;
      const close = tokens[j] as Token;
      edits.push({ start: open.start, end: open.end, text: "OBJECT_CONSTRUCT(" });
      edits.push({ start: close.start, end: close.end, text: ")" });
      i = j;
      break;
    }
  }
  return apply(sql, edits);
}

/** After transpiling: the placeholder becomes a COLUMNS() filter on column names. */
export function finishStarIlike(duckSql: string): string {
  if (!duckSql.toUpperCase().includes(STAR_ILIKE)) return duckSql;
  return duckSql.replace(
    /MERC_STAR_ILIKE\(('(?:[^']|'')*')\)/gi,
    (_m, pattern: string) => `COLUMNS(c -> c ILIKE ${pattern})`,
  );
}

export function prepass(input: string): string {
  const sql = mergeAllByNamePlaceholders(
    starIlike(
      starPlaceholders(
        countStarPlaceholders(objectConstantStar(expandGroupByAll(expandQuantifiedLike(input)))),
      ),
    ),
  );
  if (!mayNeed(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const edits: Edit[] = [];
  let counter = 0;

  // Index just past the group that opens at tokens[i] ("("), or -1.
  const closeOf = (i: number): number => {
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      const c = ch(tokens[j]);
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j;
    }
    return -1;
  };
  const topLevelCommas = (open: number, close: number): number => {
    let depth = 0;
    let commas = 0;
    for (let j = open + 1; j < close; j++) {
      const c = ch(tokens[j]);
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth--;
      else if (c === "," && depth === 0) commas++;
    }
    return commas;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word") continue;
    // FROM / JOIN / USING [ ( ] VALUES (…), (…) [ ) ] [AS] [alias [(cols)]]
    if (t.upper === "VALUES") {
      const prev = tokens[i - 1];
      const prev2 = tokens[i - 2];
      const wrapped = ch(prev) === "(" && ["FROM", "JOIN", "USING"].includes(prev2?.upper ?? "");
      if (!wrapped && !["FROM", "JOIN", "USING"].includes(prev?.upper ?? "")) continue;
      let j = i + 1;
      if (ch(tokens[j]) !== "(") continue;
      const firstClose = closeOf(j);
      if (firstClose < 0) continue;
      const columns = topLevelCommas(j, firstClose) + 1;
      let last = firstClose;
      j = firstClose + 1;
      while (ch(tokens[j]) === "," && ch(tokens[j + 1]) === "(") {
        const close = closeOf(j + 1);
        if (close < 0) break;
        last = close;
        j = close + 1;
      }
      if (wrapped) {
        if (ch(tokens[j]) !== ")") continue;
        last = j;
        j++;
      }
      let alias: string | null = null;
      let aliasEnd = last;
      const hasAs = tokens[j]?.upper === "AS";
      const aliasToken = tokens[hasAs ? j + 1 : j];
      if (
        aliasToken &&
        (aliasToken.kind === "quoted-identifier" ||
          (aliasToken.kind === "word" && !NOT_ALIAS.has(aliasToken.upper ?? "")))
      ) {
        alias = sql.slice(aliasToken.start, aliasToken.end);
        aliasEnd = hasAs ? j + 1 : j;
        if (ch(tokens[aliasEnd + 1]) === "(") continue; // has its own column names
      }
      const names = Array.from({ length: columns }, (_, k) => `COLUMN${k + 1}`).join(", ");
      const body = sql.slice(
        (tokens[wrapped ? i : i] as Token).start,
        (tokens[wrapped ? last - 1 : last] as Token).end,
      );
      const startToken = wrapped ? (prev as Token) : t;
      counter++;
      edits.push({
        start: startToken.start,
        end: (tokens[aliasEnd] as Token).end,
        text: `(${body}) AS ${alias ?? `_VALUES${counter}`}(${names})`,
      });
      i = aliasEnd;
      continue;
    }
    // UPDATE … SET a.b = …, c = … : drop qualifiers of assignment targets.
    if (t.upper === "SET" && tokens.slice(Math.max(0, i - 40), i).some((x) => x.upper === "UPDATE")) {
      let j = i + 1;
      let depth = 0;
      let atTarget = true;
      for (; j < tokens.length; j++) {
        const c = ch(tokens[j]);
        const w = (tokens[j] as Token).upper;
        if (
          depth === 0 &&
          (w === "WHEN" || w === "FROM" || w === "WHERE" || (tokens[j] as Token).kind === "semicolon")
        )
          break;
        if (c === "(") depth++;
        else if (c === ")") depth--;
        else if (c === "," && depth === 0) {
          atTarget = true;
          continue;
        }
        if (atTarget) {
          atTarget = false;
          // name(.name)* =
          let k = j;
          while (ch(tokens[k + 1]) === "." && tokens[k + 2] !== undefined) k += 2;
          if (k > j && ch(tokens[k + 1]) === "=") {
            edits.push({ start: (tokens[j] as Token).start, end: (tokens[k] as Token).start, text: "" });
            j = k;
          }
        }
      }
      i = j - 1;
    }
  }
  return apply(sql, edits);
}
