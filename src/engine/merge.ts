/**
 * MERGE through the transpiler, clause by clause. Given a whole MERGE, @polyglot-sql/sdk applies
 * only its dialect-neutral rewrites inside it (DATEDIFF keeps Snowflake's argument order, NVL2 and
 * format calls stay Snowflake's), and it cannot parse `UPDATE ALL BY NAME` / `INSERT ALL BY NAME`.
 * So the statement is split at its clauses and each expression, and the USING subquery, is
 * translated on its own as a SELECT; DuckDB's MERGE then gets the pieces in its own syntax
 * (`UPDATE BY NAME`, `INSERT BY NAME` for ALL BY NAME).
 */
import { decodeName } from "./identifiers.js";
import { type Token, tokenize } from "./split/index.js";

/** Placeholder column of `ALL BY NAME`, which the parser reads as an ordinary SET / INSERT list. */
const ALL_BY_NAME = "MERC_ALL_BY_NAME";

/** Before parsing: `THEN UPDATE ALL BY NAME` / `THEN INSERT ALL BY NAME` as forms the parser accepts. */
export function mergeAllByNamePlaceholders(sql: string): string {
  if (!/\ball\s+by\s+name\b/i.test(sql) || !/^\s*merge\b/i.test(sql)) return sql;
  return sql
    .replace(/\bTHEN\s+UPDATE\s+ALL\s+BY\s+NAME\b/gi, `THEN UPDATE SET ${ALL_BY_NAME} = 0`)
    .replace(/\bTHEN\s+INSERT\s+ALL\s+BY\s+NAME\b/gi, `THEN INSERT (${ALL_BY_NAME}) VALUES (0)`);
}

interface Parsed {
  sql: string;
  tokens: Token[];
}

const punct = (p: Parsed, k: number): string => {
  const t = p.tokens[k];
  return t && t.kind === "punct" ? (p.sql[t.start] as string) : "";
};

/** Index of the first top-level token at or after `from` (before `to`) satisfying `test`, or -1. */
function findTop(p: Parsed, from: number, to: number, test: (k: number) => boolean): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = punct(p, k);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && test(k)) return k;
  }
  return -1;
}

/** Index of the `)` closing the `(` at token `open`, or -1. */
function closingParen(p: Parsed, open: number): number {
  let depth = 0;
  for (let k = open; k < p.tokens.length; k++) {
    const c = punct(p, k);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return k;
  }
  return -1;
}

/** Source text of tokens [a, b). */
const slice = (p: Parsed, a: number, b: number): string =>
  a >= b ? "" : p.sql.slice(p.tokens[a]!.start, p.tokens[b - 1]!.end);

/** Top-level comma-separated pieces of tokens [a, b), as token ranges. */
function splitCommas(p: Parsed, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = a;
  for (;;) {
    const comma = findTop(p, from, b, (k) => punct(p, k) === ",");
    if (comma < 0) {
      out.push([from, b]);
      return out;
    }
    out.push([from, comma]);
    from = comma + 1;
  }
}

const isWord = (p: Parsed, k: number, word: string): boolean => p.tokens[k]?.upper === word;

/** A MERGE in DuckDB SQL, with the query that finds a target row an UPDATE would change twice. */
export interface DuckMerge {
  sql: string;
  /**
   * Returns a row when some target row joins two or more source rows that the WHEN MATCHED clauses
   * act on and at least one of them updates it: Snowflake's nondeterministic merge (error 100090
   * while ERROR_ON_NONDETERMINISTIC_MERGE is TRUE). Null when the MERGE has no WHEN MATCHED clause.
   */
  duplicateCheck: string | null;
}

/**
 * The DuckDB MERGE for resolved Snowflake MERGE text, or null when the statement has a shape this
 * does not know (the caller then hands the whole statement to the transpiler). `translateQuery`
 * turns one Snowflake SELECT into DuckDB SQL.
 */
export function mergeToDuck(sql: string, translateQuery: (snowflake: string) => string): DuckMerge | null {
  const tokens = tokenize(sql).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment" && t.kind !== "semicolon",
  );
  const p: Parsed = { sql, tokens };
  const end = tokens.length;
  if (!isWord(p, 0, "MERGE") || !isWord(p, 1, "INTO")) return null;
  const expr = (a: number, b: number): string =>
    translateQuery(`SELECT ${slice(p, a, b)}`).replace(/^\s*SELECT\s+/i, "");
  const using = findTop(p, 2, end, (k) => isWord(p, k, "USING"));
  const on = findTop(p, using + 1, end, (k) => isWord(p, k, "ON"));
  const firstWhen = findTop(p, on + 1, end, (k) => isWord(p, k, "WHEN"));
  if (using < 0 || on < 0 || firstWhen < 0) return null;
  let source = slice(p, using + 1, on);
  if (punct(p, using + 1) === "(") {
    // The subquery is the group right after USING; what follows it is its alias.
    const closeAt = closingParen(p, using + 1);
    if (closeAt < 0) return null;
    source = `(${translateQuery(slice(p, using + 2, closeAt))}) ${slice(p, closeAt + 1, on)}`;
  }
  const target = slice(p, 2, using);
  const condition = expr(on + 1, firstWhen);
  const parts = [`MERGE INTO ${target} USING ${source} ON ${condition}`];
  // The first WHEN MATCHED clause whose condition holds decides what happens to a joined row.
  const matched: string[] = [];
  let at = firstWhen;
  while (at < end) {
    const next = findTop(p, at + 1, end, (k) => isWord(p, k, "WHEN"));
    const stop = next < 0 ? end : next;
    const then = findTop(p, at, stop, (k) => isWord(p, k, "THEN"));
    if (then < 0) return null;
    const and = findTop(p, at, then, (k) => isWord(p, k, "AND"));
    const head = slice(p, at, and < 0 ? then : and);
    const whenCondition = and < 0 ? "" : ` AND ${expr(and + 1, then)}`;
    const action = translateAction(p, then + 1, stop, expr);
    if (action === null) return null;
    parts.push(`${head}${whenCondition} THEN ${action}`);
    if (/^WHEN\s+MATCHED$/i.test(head.trim()))
      matched.push(
        `WHEN ${whenCondition ? whenCondition.replace(/^ AND /, "") : "TRUE"} THEN '${action === "DELETE" ? "D" : "U"}'`,
      );
    at = stop;
  }
  // The target's own name or alias qualifies its rowid.
  const targetName = /("(?:[^"]|"")*"|\w+)\s*$/.exec(target)?.[1] ?? target;
  const decided = `CASE ${matched.join(" ")} END`;
  const duplicateCheck = matched.length
    ? `SELECT 1 FROM ${target} JOIN ${source} ON ${condition} GROUP BY ${targetName}.rowid HAVING count(${decided}) >= 2 AND count(*) FILTER (WHERE ${decided} = 'U') >= 1 LIMIT 1`
    : null;
  return { sql: parts.join(" "), duplicateCheck };
}

function translateAction(
  p: Parsed,
  a: number,
  b: number,
  expr: (a: number, b: number) => string,
): string | null {
  if (isWord(p, a, "DELETE")) return "DELETE";
  if (isWord(p, a, "UPDATE") && isWord(p, a + 1, "SET")) {
    const assignments = splitCommas(p, a + 2, b).map(([x, y]) => {
      const eq = findTop(p, x, y, (k) => punct(p, k) === "=");
      return eq < 0 ? null : { target: slice(p, x, eq), value: [eq + 1, y] as const };
    });
    if (assignments.some((s) => s === null)) return null;
    const list = assignments as Array<{ target: string; value: readonly [number, number] }>;
    if (list.length === 1 && isAllByName(list[0]!.target)) return "UPDATE BY NAME";
    return `UPDATE SET ${list.map((s) => `${s.target} = ${expr(s.value[0], s.value[1])}`).join(", ")}`;
  }
  if (isWord(p, a, "INSERT")) {
    let k = a + 1;
    let columns = "";
    if (punct(p, k) === "(") {
      const close = closingParen(p, k);
      if (close < 0 || close >= b) return null;
      columns = slice(p, k + 1, close);
      k = close + 1;
    }
    if (isAllByName(columns)) return "INSERT BY NAME";
    if (!isWord(p, k, "VALUES") || punct(p, k + 1) !== "(") return null;
    const close = closingParen(p, k + 1);
    if (close < 0 || close >= b) return null;
    const values = splitCommas(p, k + 2, close).map(([x, y]) => expr(x, y));
    return `INSERT ${columns ? `(${columns}) ` : ""}VALUES (${values.join(", ")})`;
  }
  return null;
}

/** True for the ALL BY NAME placeholder column, as written or resolved (quoted, encoded). */
function isAllByName(text: string): boolean {
  const bare = text.trim().replace(/^"|"$/g, "");
  return decodeName(bare).toUpperCase() === ALL_BY_NAME;
}
