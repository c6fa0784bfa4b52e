/**
 * ARRAY and OBJECT constants in Snowflake text, spelled as the constructor calls they stand for,
 * after result columns are named (so a column keeps the constant's text as its name).
 */
import { type Token, tokenize } from "../split/index.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

function apply(sql: string, edits: Edit[]): string {
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Words after which `[` opens an ARRAY constant rather than indexing what precedes it. */
const BEFORE_CONSTANT = new Set([
  "SELECT",
  "DISTINCT",
  "ALL",
  "WHERE",
  "AND",
  "OR",
  "NOT",
  "ON",
  "THEN",
  "ELSE",
  "WHEN",
  "IN",
  "IS",
  "VALUES",
  "SET",
  "RETURN",
  "BY",
  "HAVING",
  "QUALIFY",
  "AS",
  "LIKE",
  "ILIKE",
  "BETWEEN",
]);

/**
 * ARRAY constants `[a, b]` and OBJECT constants `{'k': v, …}` are ARRAY_CONSTRUCT(a, b) and
 * OBJECT_CONSTRUCT('k', v, …): the transpiler makes DuckDB lists and structs of them, which
 * cannot mix types and lose Snowflake's NULL handling. A `[` after an operand is an index.
 */
export function semistructuredConstants(sql: string): string {
  if (!/[[{]/.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const edits: Edit[] = [];
  const closing = (open: number): number => {
    let depth = 0;
    for (let j = open; j < tokens.length; j++) {
      const c = ch(tokens[j]);
      if (c === "(" || c === "[" || c === "{") depth++;
      else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return j;
    }
    return -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const c = ch(tokens[i]);
    if (c !== "[" && c !== "{") continue;
    const before = tokens[i - 1];
    const prev = ch(before);
    const operand =
      before !== undefined &&
      (before.kind === "quoted-identifier" ||
        before.kind === "string" ||
        prev === ")" ||
        prev === "]" ||
        prev === "}" ||
        (before.kind === "word" && !BEFORE_CONSTANT.has(before.upper ?? "")));
    if (c === "[" && operand) continue;
    const close = closing(i);
    if (close < 0) continue;
    if (c === "{") {
      // `{* …}` is handled by objectConstantStar; a key must be a string literal followed by `:`.
      if (ch(tokens[i + 1]) === "*" || close === i + 1) {
        if (close === i + 1) {
          edits.push({ start: tokens[i]!.start, end: tokens[close]!.end, text: "OBJECT_CONSTRUCT()" });
          i = close;
        }
        continue;
      }
      let depth = 0;
      let pairs = true;
      for (let j = i + 1; j < close; j++) {
        const cj = ch(tokens[j]);
        if (cj === "(" || cj === "[" || cj === "{") depth++;
        else if (cj === ")" || cj === "]" || cj === "}") depth--;
        else if (depth === 0 && (j === i + 1 || cj === ",")) {
          const key = cj === "," ? j + 1 : j;
          if (tokens[key]?.kind !== "string" || ch(tokens[key + 1]) !== ":" || ch(tokens[key + 2]) === ":")
            pairs = false;
          else edits.push({ start: tokens[key + 1]!.start, end: tokens[key + 1]!.end, text: "," });
        }
      }
      if (!pairs) {
        edits.length = 0;
        return sql;
      }
      edits.push({ start: tokens[i]!.start, end: tokens[i]!.end, text: "OBJECT_CONSTRUCT(" });
      edits.push({ start: tokens[close]!.start, end: tokens[close]!.end, text: ")" });
      continue;
    }
    edits.push({ start: tokens[i]!.start, end: tokens[i]!.end, text: "ARRAY_CONSTRUCT(" });
    edits.push({ start: tokens[close]!.start, end: tokens[close]!.end, text: ")" });
  }
  return apply(sql, edits);
}
