/**
 * Column DEFAULT expressions the transpiler does not parse: it takes one primary after DEFAULT
 * (`DEFAULT 5`, `DEFAULT (1 + 5)`, `DEFAULT f(x)`), so `DEFAULT 1 + 5` or `DEFAULT 'a' || 'b'` fails
 * at the operator. Snowflake takes any expression up to the next column constraint or the end of
 * the column, so each unparenthesised default of more than one token is put in parentheses here,
 * and the caller unwraps what this added (`wrapped`) so the stored default reads as written.
 */
import { type Token, tokenize } from "./split/lexer.js";

/** Words that end a column's DEFAULT expression (the column constraints and properties after it). */
const ENDS_DEFAULT = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "UNIQUE",
  "REFERENCES",
  "FOREIGN",
  "COMMENT",
  "COLLATE",
  "AUTOINCREMENT",
  "IDENTITY",
  "WITH",
  "MASKING",
  "TAG",
  "CHECK",
  "ENFORCED",
  "NOT",
  "NULL",
]);

const isPunct = (t: Token | undefined, text: string, sql: string) =>
  t?.kind === "punct" && sql.slice(t.start, t.end) === text;

/** True when `t` ends the default expression that started at `first` (its previous token `prev`). */
function endsDefault(t: Token, prev: Token, sql: string, depth: number): boolean {
  if (depth > 0) return false;
  if (isPunct(t, ",", sql) || isPunct(t, ")", sql)) return true;
  if (t.kind !== "word" || !ENDS_DEFAULT.has(t.upper ?? "")) return false;
  // `x IS NULL`, `x IS NOT NULL`, `NOT NULL` inside the expression after IS.
  const before = prev.kind === "word" ? prev.upper : undefined;
  if (t.upper === "NULL" || t.upper === "NOT") return before !== "IS" && before !== "NOT";
  return true;
}

/**
 * Column definitions (the text inside CREATE TABLE's parentheses) with each multi-token DEFAULT
 * expression in parentheses, and for each DEFAULT in order whether it was wrapped.
 */
export function parenthesiseDefaults(defs: string): { text: string; wrapped: boolean[] } {
  const tokens = tokenize(defs).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const wrapped: boolean[] = [];
  const inserts: { at: number; text: string }[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, "(", defs)) depth++;
    else if (isPunct(t, ")", defs)) depth--;
    if (depth !== 0 || t.kind !== "word" || t.upper !== "DEFAULT") continue;
    const first = i + 1;
    let inner = 0;
    let j = first;
    for (; j < tokens.length; j++) {
      const u = tokens[j]!;
      if (j > first && endsDefault(u, tokens[j - 1]!, defs, inner)) break;
      if (isPunct(u, "(", defs)) inner++;
      else if (isPunct(u, ")", defs)) inner--;
    }
    const last = j - 1;
    const single = last === first;
    const parenthesised =
      isPunct(tokens[first], "(", defs) &&
      isPunct(tokens[last], ")", defs) &&
      closes(tokens, first, last, defs);
    const wrap = last > first && !single && !parenthesised;
    wrapped.push(wrap);
    if (wrap) {
      inserts.push({ at: tokens[first]!.start, text: "(" }, { at: tokens[last]!.end, text: ")" });
    }
    i = last;
  }
  let text = defs;
  for (const ins of inserts.sort((a, b) => b.at - a.at))
    text = text.slice(0, ins.at) + ins.text + text.slice(ins.at);
  return { text, wrapped };
}

/** True when the `(` at `open` is closed by the `)` at `close` (one group, not `(a) + (b)`). */
function closes(tokens: Token[], open: number, close: number, sql: string): boolean {
  let depth = 0;
  for (let k = open; k <= close; k++) {
    if (isPunct(tokens[k], "(", sql)) depth++;
    else if (isPunct(tokens[k], ")", sql)) depth--;
    if (depth === 0 && k < close) return false;
  }
  return true;
}
