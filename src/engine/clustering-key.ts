/**
 * A clustering key as SHOW TABLES prints it (`cluster_by`): `LINEAR(<expression>, …)`, each
 * expression's unquoted names and keywords in upper case, as Snowflake resolves them, quoted
 * identifiers and string literals as written, and the expressions joined by ", " (the create-table
 * page's `CLUSTER BY (date, id)` shows `LINEAR(DATE, ID)`).
 */
import { tokenize } from "./split/index.js";

/** The `cluster_by` text of a CLUSTER BY clause, given what its parentheses hold. */
export function clusteringKey(written: string): string {
  const tokens = tokenize(written).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const expressions: string[] = [];
  let current = "";
  let depth = 0;
  let previousEnd: number | null = null;
  for (const t of tokens) {
    const text = written.slice(t.start, t.end);
    if (t.kind === "punct" && text === "," && depth === 0) {
      expressions.push(current);
      current = "";
      previousEnd = null;
      continue;
    }
    if (t.kind === "punct" && text === "(") depth++;
    if (t.kind === "punct" && text === ")") depth--;
    // The spacing inside an expression is kept as written (one space for any run of whitespace).
    if (previousEnd !== null && t.start > previousEnd) current += " ";
    current += t.kind === "word" ? (t.upper ?? text) : text;
    previousEnd = t.end;
  }
  expressions.push(current);
  return `LINEAR(${expressions.filter((e) => e !== "").join(", ")})`;
}
