/**
 * The tuples of a `VALUES (…), (…)` list, read from a statement's tokens (no parse). Three passes
 * read VALUES lists as written: bulk binds (batch-binds.ts), the INSERT checks (insert-values.ts) and
 * the common type of a FROM VALUES column (values-types.ts).
 */
import type { Token } from "./split/lexer.js";

/** A VALUES list: each tuple's items (the tokens between top-level commas), and where it ends. */
export interface ValuesTuples {
  tuples: Token[][][];
  /** Token index of the last tuple's closing parenthesis. */
  end: number;
}

/**
 * The list whose first tuple opens at `tokens[at]`. Items split at commas outside (), [] and {} (an
 * ARRAY or OBJECT constant is one item); an empty item is an empty run. The list ends at the first
 * tuple not followed by `, (`. Null when `tokens[at]` is not `(` or a tuple is not closed.
 */
export function valuesTuples(sql: string, tokens: readonly Token[], at: number): ValuesTuples | null {
  const ch = (t: Token | undefined): string => (t?.kind === "punct" ? (sql[t.start] as string) : "");
  if (ch(tokens[at]) !== "(") return null;
  const tuples: Token[][][] = [];
  let i = at;
  for (;;) {
    const items: Token[][] = [[]];
    let depth = 0;
    for (i = i + 1; i < tokens.length; i++) {
      const c = ch(tokens[i]);
      if (depth === 0 && c === ")") break;
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth--;
      if (depth === 0 && c === ",") items.push([]);
      else (items[items.length - 1] as Token[]).push(tokens[i] as Token);
    }
    if (i >= tokens.length) return null;
    tuples.push(items);
    if (ch(tokens[i + 1]) !== "," || ch(tokens[i + 2]) !== "(") return { tuples, end: i };
    i += 2;
  }
}
