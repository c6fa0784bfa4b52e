/**
 * Query clauses the local engine does not emulate, refused with Snowflake's "Unsupported feature"
 * error (002040) naming the clause, rather than a syntax error or a wrong answer.
 *
 * Time Travel (`AT | BEFORE (TIMESTAMP | OFFSET | STATEMENT | STREAM => …)`) and change tracking
 * (`CHANGES (INFORMATION => …)`) are read from the table's history for queries and DML
 * (time-travel/clauses.ts takes them out first); a clause still here is in a statement that path
 * does not cover (a view's definition, a UDF body), refused with Snowflake's "Unsupported feature"
 * error naming the clause, instead of the transpiler's syntax error at `=>` or an answer read from
 * the current rows.
 */
import { sfErrors } from "./errors.js";
import { type Token, tokenize } from "./split/index.js";

const POINT_KINDS = new Set(["TIMESTAMP", "OFFSET", "STATEMENT", "STREAM"]);

/** True when tokens[i] and tokens[i + 1] are `=>`. */
function isArrow(sql: string, tokens: Token[], i: number): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  return (
    a?.kind === "punct" &&
    sql[a.start] === "=" &&
    b?.kind === "punct" &&
    sql[b.start] === ">" &&
    b.start === a.end
  );
}

/**
 * MATCH_RECOGNIZE is emulated when a query runs (match-recognize/, from handlers/query.ts), since
 * the matches are found on the rows of the moment. A clause still here is in a definition kept
 * for later (a view, a function or policy body): the transpiler would drop it and return the
 * input rows, a wrong answer, so it is refused.
 */
export function refuseMatchRecognize(sql: string): void {
  if (!/\bMATCH_RECOGNIZE\b/i.test(sql)) return;
  const tokens = tokenize(sql);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1] as Token;
    if (
      t.kind === "word" &&
      t.upper === "MATCH_RECOGNIZE" &&
      next.kind === "punct" &&
      sql[next.start] === "("
    )
      throw sfErrors.unsupported(
        "MATCH_RECOGNIZE in a view, function or policy definition: the local engine matches rows only when a query runs",
      );
  }
}

/** Throws 002040 when a history clause is left in the statement (see the file comment). */
export function refuseTimeTravel(sql: string): void {
  if (!/=>/.test(sql) || !/\b(AT|BEFORE|CHANGES)\s*\(/i.test(sql)) return;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let i = 0; i + 4 < tokens.length; i++) {
    const t = tokens[i] as Token;
    const open = tokens[i + 1];
    if (t.kind !== "word" || open?.kind !== "punct" || sql[open.start] !== "(") continue;
    const key = tokens[i + 2];
    if (key?.kind !== "word" || !isArrow(sql, tokens, i + 3)) continue;
    if ((t.upper === "AT" || t.upper === "BEFORE") && POINT_KINDS.has(key.upper ?? "")) {
      throw sfErrors.unsupported(
        `${t.upper} (${key.upper} => …) in this statement: the local engine reads table history in queries and DML only`,
      );
    }
    if (t.upper === "CHANGES" && key.upper === "INFORMATION") {
      throw sfErrors.unsupported(
        "CHANGES in this statement: the local engine reads table history in queries and DML only",
      );
    }
  }
}
