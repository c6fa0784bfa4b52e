/**
 * The flow operator `->>` (Snowflake's pipe): `st1 ->> st2 ->> … ->> stN` runs the statements in
 * order as one request and returns the last one's result. In a FROM (or JOIN) clause, `$n` names the
 * result of the statement n places back in the chain; it reads like RESULT_SCAN of that statement's
 * query id, which is how the engine runs it (result-scan.ts). An error stops the chain.
 */
import { isComment, type Token, tokenize } from "./split/index.js";
import type { StatementResult } from "./types.js";

const PIPE = "->>";

/** Indexes of the `-` tokens that start a `->>` outside strings and comments. */
function pipeStarts(sql: string, tokens: Token[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [a, b, c] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (a.kind !== "punct" || sql.slice(a.start, c.end) !== PIPE) continue;
    if (a.end === b.start && b.end === c.start) starts.push(i);
  }
  return starts;
}

/** The statements of a pipe chain, or null when the text has no `->>` outside strings and comments. */
export function splitPipe(sql: string): string[] | null {
  const tokens = tokenize(sql).filter((t) => !isComment(t));
  const starts = pipeStarts(sql, tokens);
  if (starts.length === 0) return null;
  const parts: string[] = [];
  let from = 0;
  for (const i of starts) {
    parts.push(sql.slice(from, tokens[i]!.start));
    from = tokens[i + 2]!.end;
  }
  parts.push(sql.slice(from));
  return parts.map((part) => part.trim().replace(/;\s*$/, "").trim());
}

/**
 * A chained statement with each `$n` after FROM or JOIN replaced by a scan of the statement n places
 * back (`ids` holds the query ids of the statements before it, oldest first). A `$n` elsewhere is a
 * column position and stays.
 */
export function pointPipeReferences(statement: string, ids: readonly string[]): string {
  const tokens = tokenize(statement).filter((t) => !isComment(t));
  let out = "";
  let last = 0;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const dollar = tokens[i]!;
    const digits = tokens[i + 1]!;
    const before = tokens[i - 1]!;
    if (statement.slice(dollar.start, dollar.end) !== "$" || digits.start !== dollar.end) continue;
    if (!/^\d+$/.test(statement.slice(digits.start, digits.end))) continue;
    if (before.upper !== "FROM" && before.upper !== "JOIN") continue;
    const back = Number(statement.slice(digits.start, digits.end));
    const id = ids[ids.length - back];
    if (back < 1 || id === undefined) continue;
    out += `${statement.slice(last, dollar.start)}TABLE(RESULT_SCAN('${id}'))`;
    last = digits.end;
  }
  return out + statement.slice(last);
}

/** Runs a chain through `execute` (one statement at a time) and returns the last result. */
export async function runPipe(
  parts: readonly string[],
  execute: (statement: string) => Promise<StatementResult>,
): Promise<StatementResult> {
  const ids: string[] = [];
  let result: StatementResult | undefined;
  for (const part of parts) {
    result = await execute(pointPipeReferences(part, ids));
    ids.push(result.queryId);
  }
  return result as StatementResult;
}
