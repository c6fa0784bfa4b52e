/**
 * SYSTEM$STREAM_HAS_DATA('<stream>'): whether the stream has change records past its offset. The
 * engine answers it before translation by reading the stream (through the whole pipeline, so the
 * session needs SELECT on the stream and its table, as reading it would) and writes TRUE or FALSE in
 * the call's place. An unaliased call in the outermost SELECT keeps Snowflake's column name, the
 * call's text upper-cased.
 */
import { displayQualified } from "../identifiers.js";
import type { QualifiedName } from "../hooks.js";
import { type Token, tokenize } from "../split/index.js";
import { isPunct } from "../split/token-walk.js";
import { selectItems } from "../select-items.js";
import { hasAlias } from "../variables.js";

const FUNCTION = "SYSTEM$STREAM_HAS_DATA";

/** Whether the stream has rows: runs `SELECT COUNT(*) …` over it as a Snowflake query. */
export type StreamHasRows = (stream: QualifiedName) => Promise<boolean>;

/** Names the unaliased outermost select items that call the function after their text. */
function nameCallColumns(sql: string): string {
  const items = selectItems(sql);
  if (!items) return sql;
  let out = sql;
  for (const item of [...items].reverse()) {
    if (!item.text.toUpperCase().includes(FUNCTION) || hasAlias(item.text)) continue;
    const name = item.text.replace(/\s+/g, " ").toUpperCase().replaceAll('"', '""');
    out = `${out.slice(0, item.end)} AS "${name}"${out.slice(item.end)}`;
  }
  return out;
}

/** The statement with each SYSTEM$STREAM_HAS_DATA('<name>') call replaced by its answer. */
export async function answerStreamHasData(
  sql: string,
  resolve: (written: string) => QualifiedName,
  hasRows: StreamHasRows,
): Promise<string> {
  if (!sql.toUpperCase().includes(FUNCTION)) return sql;
  const named = nameCallColumns(sql);
  const tokens = tokenize(named).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  let out = "";
  let copied = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const argument = tokens[i + 2];
    const close = tokens[i + 3];
    if (t.upper !== FUNCTION || !isPunct(named, tokens[i + 1], "(") || argument?.kind !== "string") continue;
    if (!isPunct(named, close, ")")) continue;
    const written = named.slice(argument.start + 1, argument.end - 1).replaceAll("''", "'");
    const stream = resolve(written);
    const answer = (await hasRows(stream)) ? "TRUE" : "FALSE";
    out += named.slice(copied, t.start) + answer;
    copied = (close as Token).end;
    i += 3;
  }
  return out + named.slice(copied);
}

/** The Snowflake query that counts a stream's first row. */
export function streamRowsQuery(stream: QualifiedName): string {
  return `SELECT COUNT(*) FROM (SELECT 1 FROM ${displayQualified(stream.database, stream.schema, stream.name)} LIMIT 1)`;
}
