/**
 * Snowflake's ORDER BY and LIMIT forms that the transpiler or DuckDB read differently:
 * - `ORDER BY ALL [ASC|DESC] [NULLS …]` sorts by every select item in order. The transpiler prints
 *   ALL as the quoted column "ALL"; a placeholder carries it through and becomes DuckDB's own
 *   `ORDER BY ALL`, which means the same.
 * - `LIMIT` / `OFFSET` accept NULL, `''` and `$$$$` as "no limit" / "skip nothing"; DuckDB takes
 *   NULL for both but rejects an empty string, so the empty strings become NULL.
 * - The session parameter DEFAULT_NULL_ORDERING = 'FIRST' puts NULLs first when ascending and last
 *   when descending, for every sort key that does not say NULLS FIRST / LAST itself.
 */
import { type Token, tokenize } from "./split/index.js";

/** Placeholder column the transpiler passes through for the ALL of `ORDER BY ALL`. */
export const ORDER_BY_ALL = "MERC_ORDER_BY_ALL";

/** Words that may follow `ORDER BY ALL`; anything else means ALL is not the keyword form. */
const AFTER_ALL = new Set([
  "ASC",
  "DESC",
  "NULLS",
  "LIMIT",
  "OFFSET",
  "FETCH",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
]);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Whether a string token is an empty literal: `''` or `$$$$`. */
function isEmptyString(sql: string, token: Token): boolean {
  const text = sql.slice(token.start, token.end);
  return text === "''" || text === "$$$$";
}

/** Rewrites the Snowflake text before parsing: ORDER BY ALL's placeholder, empty LIMIT / OFFSET values. */
export function orderLimitPrepass(sql: string): string {
  const orderAll = /\border\s+by\s+all\b/i.test(sql);
  const emptyLimit = /\b(limit|offset)\s*(''|\$\$\$\$)/i.test(sql);
  if (!orderAll && !emptyLimit) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word") continue;
    if (orderAll && t.upper === "ORDER" && tokens[i + 1]?.upper === "BY" && tokens[i + 2]?.upper === "ALL") {
      const all = tokens[i + 2] as Token;
      const next = tokens[i + 3];
      const ends =
        next === undefined ||
        next.kind === "semicolon" ||
        (next.kind === "punct" && sql[next.start] === ")") ||
        (next.kind === "word" && AFTER_ALL.has(next.upper ?? ""));
      if (ends) edits.push({ start: all.start, end: all.end, text: ORDER_BY_ALL });
    }
    if ((t.upper === "LIMIT" || t.upper === "OFFSET") && emptyLimit) {
      const value = tokens[i + 1];
      if (value && (value.kind === "string" || value.kind === "dollar-body") && isEmptyString(sql, value))
        edits.push({ start: value.start, end: value.end, text: "NULL" });
    }
  }
  if (edits.length === 0) return sql;
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += sql.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + sql.slice(at);
}

/** After transpiling: the placeholder becomes DuckDB's ORDER BY ALL. */
export function finishOrderByAll(duckSql: string): string {
  if (!duckSql.includes(ORDER_BY_ALL)) return duckSql;
  return duckSql.replace(new RegExp(`\\bORDER BY\\s+"?${ORDER_BY_ALL}"?`, "g"), "ORDER BY ALL");
}

/**
 * DEFAULT_NULL_ORDERING = 'FIRST': each sort key of the parsed statement without its own NULLS
 * FIRST / LAST gets NULLS FIRST when ascending and NULLS LAST when descending (Snowflake's
 * documented meaning). Returns true when a key changed.
 */
export function applyNullsFirstDefault(ast: unknown): boolean {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node as Record<string, unknown>;
    if ("desc" in obj && "nulls_first" in obj && "this" in obj && obj.nulls_first === null) {
      obj.nulls_first = obj.desc !== true;
      changed = true;
    }
    for (const value of Object.values(obj)) visit(value);
  };
  visit(ast);
  return changed;
}
