/**
 * Snowflake sequences: `seq.NEXTVAL` (optionally qualified) becomes DuckDB's
 * `nextval('"DB.S"."SEQ"')`. Done on the text before parsing, outside strings and comments; the
 * sequence is named by a placeholder call the transpiler passes through.
 */
import { displayQualified, duckSchemaName, encodeName, quoteDuck } from "./identifiers.js";
import { type NameScope, qualify } from "./resolve.js";
import { tokenize } from "./split/index.js";

const PLACEHOLDER = "MERC_NEXTVAL";

/** Rewrites `a.b.c.NEXTVAL` to `MERC_NEXTVAL('<duck name>')`; returns the text unchanged without any. */
export function rewriteNextval(sql: string, scope: NameScope): string {
  return replaceNextval(sql, scope, (name) => {
    const duck = `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(name.name))}`;
    return `${PLACEHOLDER}('${duck.replaceAll("'", "''")}')`;
  });
}

/**
 * `seq.NEXTVAL` as Snowflake records it in a column default: the sequence named in full, resolved
 * when the default is declared (DESCRIBE TABLE shows `DB1.PUBLIC.SEQ1.NEXTVAL` for `seq1.nextval`).
 */
export function qualifyNextval(sql: string, scope: NameScope): string {
  return replaceNextval(
    sql,
    scope,
    (name) => `${displayQualified(name.database, name.schema, name.name)}.NEXTVAL`,
  );
}

/** Replaces each `[[db.]schema.]seq.NEXTVAL` outside strings and comments by `render(<its full name>)`. */
function replaceNextval(
  sql: string,
  scope: NameScope,
  render: (name: { database: string; schema: string; name: string }) => string,
): string {
  if (!/nextval/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const isDot = (i: number): boolean => {
    const t = tokens[i];
    return t !== undefined && t.kind === "punct" && sql[t.start] === ".";
  };
  const part = (i: number): string | null => {
    const t = tokens[i];
    if (t === undefined) return null;
    if (t.kind === "word") return (t.upper as string).toString();
    if (t.kind === "quoted-identifier") return sql.slice(t.start + 1, t.end - 1).replaceAll('""', '"');
    return null;
  };
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.kind !== "word" || t.upper !== "NEXTVAL" || !isDot(i - 1)) continue;
    const parts: string[] = [];
    let j = i - 2;
    while (j >= 0 && parts.length < 3) {
      const p = part(j);
      if (p === null) break;
      parts.unshift(p);
      if (!isDot(j - 1)) break;
      j -= 2;
    }
    if (parts.length === 0) continue;
    const first = tokens[i - 2 * parts.length];
    if (first === undefined) continue;
    const name = qualify(
      {
        name: parts[parts.length - 1] as string,
        schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
        database: parts.length === 3 ? (parts[0] as string) : null,
      },
      scope,
    );
    out += `${sql.slice(at, first.start)}${render(name)}`;
    at = t.end;
  }
  return out + sql.slice(at);
}

/** After transpiling: the placeholder becomes DuckDB's nextval. */
export function finishNextval(duckSql: string): string {
  return duckSql.includes(PLACEHOLDER) || duckSql.includes(PLACEHOLDER.toLowerCase())
    ? duckSql.replace(/MERC_NEXTVAL\(/gi, "nextval(")
    : duckSql;
}
