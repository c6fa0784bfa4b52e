/**
 * Type syntax @polyglot-sql/sdk cannot parse, hidden before parsing (docs/decisions/013-structured-and-interval-types.md):
 * structured types (`OBJECT(city VARCHAR, …)`, `ARRAY(NUMBER)`, `MAP(VARCHAR, NUMBER)`, and a cast's
 * trailing `RENAME FIELDS` / `ADD FIELDS`) and interval qualifiers (`INTERVAL YEAR(2) TO MONTH`,
 * `INTERVAL DAY(2) TO SECOND(3)`). Each becomes one custom type name (`typePlaceholder`), which the
 * parser takes wherever a type goes (casts, column definitions, RETURNS) and prints back unchanged;
 * `parseSnowflakeType` reads it back into the declared type, so the catalog keeps Snowflake's type.
 * Interval constants (`INTERVAL '1' DAY`, `INTERVAL '1 year'`) have a string after INTERVAL and are
 * left alone. Strings, quoted identifiers and comments are never touched.
 */
import { parseIntervalQualifier } from "./interval-types.js";
import { isComment, type Token, tokenize } from "./split/index.js";
import { parseSnowflakeType, placeholderText, typePlaceholder } from "./types-map.js";

const STRUCTURED = new Set(["OBJECT", "ARRAY", "MAP"]);
const FIELDS = /^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?$/;
const QUICK = /\b(OBJECT|ARRAY|MAP)\s*\(|\bINTERVAL\s+[A-Z]/i;

/** The statement with every structured type and interval qualifier replaced by its placeholder. */
export function hideTypeSyntax(sql: string): string {
  if (!QUICK.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => !isComment(t));
  const punct = (i: number, ch: string): boolean =>
    tokens[i]?.kind === "punct" && sql[tokens[i]!.start] === ch;
  /** Index of the token closing the parenthesis opened at `open`, or -1. */
  const closing = (open: number): number => {
    let depth = 0;
    for (let k = open; k < tokens.length; k++) {
      if (punct(k, "(")) depth++;
      else if (punct(k, ")") && --depth === 0) return k;
    }
    return -1;
  };
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" || t.start < at) continue;
    // A qualified name (`s.map(`) is a call, not a type.
    if (i > 0 && punct(i - 1, ".")) continue;
    let end = -1;
    if (STRUCTURED.has(t.upper as string) && punct(i + 1, "(")) {
      end = closing(i + 1);
      if (end < 0) continue;
      const mode = tokens[end + 1]?.upper;
      if ((mode === "RENAME" || mode === "ADD") && tokens[end + 2]?.upper === "FIELDS") end += 2;
    } else if (t.upper === "INTERVAL" && FIELDS.test(tokens[i + 1]?.upper ?? "")) {
      end = i + 1;
      if (punct(end + 1, "(")) end = closing(end + 1);
      if (end >= 0 && tokens[end + 1]?.upper === "TO" && FIELDS.test(tokens[end + 2]?.upper ?? "")) {
        end += 2;
        if (punct(end + 1, "(")) end = closing(end + 1);
      }
      if (end < 0 || parseIntervalQualifier(sql.slice(t.start, tokens[end]!.end)) === null) continue;
    } else continue;
    const written = sql.slice(t.start, (tokens[end] as Token).end);
    if (parseSnowflakeType(written) === null) continue;
    out += `${sql.slice(at, t.start)}${typePlaceholder(written.replace(/\s+/g, " "))}`;
    at = (tokens[end] as Token).end;
  }
  return at === 0 ? sql : out + sql.slice(at);
}

/** The text with every placeholder shown as the type it stands for (result column names). */
export function revealTypeSyntax(text: string): string {
  return text.replace(/\bMERC_TYPE_([0-9A-Fa-f]+)\b/g, (whole) => placeholderText(whole) ?? whole);
}
