/**
 * Snowflake's `{SAMPLE | TABLESAMPLE} [method] (p | n ROWS) [{REPEATABLE | SEED} (s)]`, spelled in
 * the form the transpiler carries to DuckDB with Snowflake's meaning:
 * - ROW is BERNOULLI and no method means BERNOULLI (each row kept with probability p/100).
 * - SYSTEM / BLOCK keep blocks of rows; on the small tables of a local engine Snowflake samples
 *   finer than a block, and DuckDB's blocks are 2,048-row vectors (all or nothing on a small
 *   table), so they are sampled by row as well; a seed still makes the sample repeatable.
 * - `n ROWS` is a fixed-size sample (DuckDB's reservoir); SYSTEM / BLOCK and a seed are refused
 *   with it, as Snowflake refuses them.
 */
import { sfErrors } from "./errors.js";
import { type Token, tokenize } from "./split/index.js";

const METHODS = new Set(["BERNOULLI", "ROW", "SYSTEM", "BLOCK"]);

/** Whether the sample clause at `tokens[at]` samples a subquery: `(SELECT …) [[AS] alias] SAMPLE`. */
function followsSubquery(sql: string, tokens: Token[], at: number): boolean {
  let k = at - 1;
  if (tokens[k]?.kind === "word" || tokens[k]?.kind === "quoted-identifier") k--;
  if (tokens[k]?.upper === "AS") k--;
  const close = tokens[k];
  if (close?.kind !== "punct" || sql[close.start] !== ")") return false;
  let depth = 0;
  for (let j = k; j >= 0; j--) {
    const t = tokens[j] as Token;
    if (t.kind !== "punct") continue;
    if (sql[t.start] === ")") depth++;
    else if (sql[t.start] === "(" && --depth === 0) {
      const first = tokens[j + 1]?.upper;
      return first === "SELECT" || first === "WITH";
    }
  }
  return false;
}

/** Rewrites every sample clause of a statement's text. */
export function normaliseSampleClauses(sql: string): string {
  if (!/\b(table)?sample\b/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const closeOf = (open: number): number => {
    let depth = 0;
    for (let j = open; j < tokens.length; j++) {
      const c = ch(tokens[j]);
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j;
    }
    return -1;
  };
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" || (t.upper !== "SAMPLE" && t.upper !== "TABLESAMPLE")) continue;
    let j = i + 1;
    const method =
      tokens[j]?.kind === "word" && METHODS.has(tokens[j]?.upper ?? "") ? tokens[j]?.upper : undefined;
    if (method) j++;
    if (ch(tokens[j]) !== "(") continue;
    const close = closeOf(j);
    if (close < 0) continue;
    const inner = tokens.slice(j + 1, close);
    const fixed = inner.length > 1 && inner[inner.length - 1]?.upper === "ROWS";
    const amount = sql.slice(
      (inner[0] as Token).start,
      (inner[fixed ? inner.length - 2 : inner.length - 1] as Token).end,
    );
    let end = close;
    let seed: string | undefined;
    const seedWord = tokens[close + 1];
    if ((seedWord?.upper === "REPEATABLE" || seedWord?.upper === "SEED") && ch(tokens[close + 2]) === "(") {
      const seedClose = closeOf(close + 2);
      if (seedClose > 0) {
        seed = sql.slice((tokens[close + 2] as Token).end, (tokens[seedClose] as Token).start).trim();
        end = seedClose;
      }
    }
    if (seed !== undefined && followsSubquery(sql, tokens, i))
      throw sfErrors.compilation("Sampling with a seed (REPEATABLE / SEED) is not supported on a subquery.");
    if (fixed && (method === "SYSTEM" || method === "BLOCK"))
      throw sfErrors.compilation(
        `${method} sampling does not support a fixed number of rows; use ROW or BERNOULLI.`,
      );
    if (fixed && seed !== undefined)
      throw sfErrors.compilation("A seed (REPEATABLE / SEED) is not supported for fixed-size sampling.");
    const replacement = fixed
      ? `TABLESAMPLE (${amount} ROWS)`
      : `TABLESAMPLE BERNOULLI (${amount})${seed === undefined ? "" : ` REPEATABLE (${seed})`}`;
    out += sql.slice(at, t.start) + replacement;
    at = (tokens[end] as Token).end;
    i = end;
  }
  return at === 0 ? sql : out + sql.slice(at);
}
