/**
 * Statement-shape fix-ups on the transpiler's DuckDB SQL (token level, like the call rewrites):
 * - `FROM VALUES (…), (…) [alias]` is kept bare by the transpiler, which DuckDB cannot parse, and
 *   Snowflake names its columns COLUMN1…COLUMNn: it becomes `FROM (VALUES …) AS alias("COLUMN1", …)`;
 * - `MERGE … UPDATE SET t.col = …`: DuckDB takes only unqualified target columns in SET.
 */
import type { Edit, Lexed } from "./calls.js";

const charAt = (lexed: Lexed, k: number): string => {
  const t = lexed.tokens[k];
  return t && t.kind === "punct" ? lexed.sql[t.start]! : "";
};

/** Index of the token closing the parenthesis opened at token `open`, or -1. */
function closing(lexed: Lexed, open: number): number {
  let depth = 0;
  for (let k = open; k < lexed.tokens.length; k++) {
    const c = charAt(lexed, k);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return k;
  }
  return -1;
}

/** Number of values in the row whose `(` is token `open`. */
function firstRowWidth(lexed: Lexed, open: number): number {
  let columns = 1;
  let depth = 0;
  for (let j = open; j < lexed.tokens.length; j++) {
    const c = charAt(lexed, j);
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (--depth === 0) break;
    } else if (c === "," && depth === 1) columns++;
  }
  return columns;
}

/** `("COLUMN1", …, "COLUMNn")`: Snowflake's names for VALUES columns. */
const columnList = (n: number): string =>
  `(${Array.from({ length: n }, (_, i) => `"COLUMN${i + 1}"`).join(", ")})`;

/** Words that end a FROM item rather than name it. */
const NOT_ALIAS = new Set([
  "WHERE",
  "GROUP",
  "ORDER",
  "HAVING",
  "QUALIFY",
  "LIMIT",
  "WINDOW",
  "UNION",
  "EXCEPT",
  "INTERSECT",
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "ON",
  "USING",
  "LATERAL",
  "OFFSET",
  "FETCH",
]);

export function bareValues(lexed: Lexed): Edit[] {
  const edits: Edit[] = [];
  const { tokens, sql } = lexed;
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.kind !== "word" || tokens[k]!.upper !== "FROM") continue;
    const parenthesised = charAt(lexed, k + 1) === "(";
    const valuesAt = parenthesised ? k + 2 : k + 1;
    if (tokens[valuesAt]?.upper !== "VALUES" || charAt(lexed, valuesAt + 1) !== "(") continue;
    const columns = firstRowWidth(lexed, valuesAt + 1);
    // Last token of the VALUES item: the closing `)` of `(VALUES …)`, or of the last bare row.
    let end: number;
    if (parenthesised) {
      end = closing(lexed, k + 1);
    } else {
      end = closing(lexed, valuesAt + 1);
      while (end >= 0 && charAt(lexed, end + 1) === "," && charAt(lexed, end + 2) === "(")
        end = closing(lexed, end + 2);
    }
    if (end < 0) continue;
    let after = end + 1;
    if (tokens[after]?.upper === "AS") after++;
    const name = tokens[after];
    const named =
      name && (name.kind === "quoted-identifier" || (name.kind === "word" && !NOT_ALIAS.has(name.upper!)));
    if (named && charAt(lexed, after + 1) === "(") continue; // already has a column list
    const alias = named ? sql.slice(name.start, name.end) : '"VALUES"';
    const body = parenthesised
      ? sql.slice(tokens[k + 1]!.start, tokens[end]!.end)
      : `(${sql.slice(tokens[valuesAt]!.start, tokens[end]!.end)})`;
    edits.push({
      start: tokens[k + 1]!.start,
      end: named ? name.end : tokens[end]!.end,
      text: `${body} AS ${alias}${columnList(columns)}`,
    });
  }
  return edits;
}

/** In a MERGE, `UPDATE SET x.col = …` → `UPDATE SET col = …`. */
export function mergeSetTargets(lexed: Lexed): Edit[] {
  const { tokens } = lexed;
  if (tokens[0]?.kind !== "word" || tokens[0].upper !== "MERGE") return [];
  const edits: Edit[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (tokens[k]!.upper !== "UPDATE" || tokens[k + 1]!.upper !== "SET") continue;
    let expectTarget = true;
    let depth = 0;
    for (let j = k + 2; j < tokens.length; j++) {
      const t = tokens[j]!;
      const c = charAt(lexed, j);
      if (c === "(") depth++;
      else if (c === ")") depth--;
      if (depth === 0 && t.kind === "word" && t.upper === "WHEN") break;
      if (
        expectTarget &&
        (t.kind === "word" || t.kind === "quoted-identifier") &&
        charAt(lexed, j + 1) === "."
      ) {
        const column = tokens[j + 2];
        if (column && charAt(lexed, j + 3) === "=")
          edits.push({ start: t.start, end: column.start, text: "" });
      }
      expectTarget = depth === 0 && c === ",";
    }
  }
  return edits;
}
