/**
 * Reads of a stream by name (`SELECT … FROM s`, `INSERT … SELECT … FROM s`, `MERGE … USING s`)
 * become the change read of its table that the Time Travel machinery already performs: `s` is
 * replaced by the marked read of its table (time-travel/clauses.ts), with a CHANGES clause from
 * the stream's offset. So reading a stream is authorised and filtered as a read of its table, and,
 * checked by the caller, of the stream itself (Snowflake requires SELECT on both).
 */
import type { Directory } from "../directory.js";
import type { QualifiedName } from "../hooks.js";
import { displayQualified } from "../identifiers.js";
import { type Token, tokenize } from "../split/index.js";
import { isPunct } from "../split/token-walk.js";
import { markedRead, startsAlias, type TravelClause } from "../time-travel/clauses.js";
import { findStream } from "./definition.js";

/** The statement with its stream reads replaced, and the clauses they add (numbered from `first`). */
export interface ExpandedStreams {
  sql: string;
  clauses: TravelClause[];
}

/** Words that open a list of FROM items at their depth. */
const OPENERS = new Set(["FROM", "JOIN", "USING"]);
/** Words that end a FROM list at their depth. */
const CLOSERS = new Set([
  "WHERE",
  "GROUP",
  "ORDER",
  "HAVING",
  "QUALIFY",
  "LIMIT",
  "SELECT",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
  "ON",
  "SET",
  "VALUES",
  "WINDOW",
  "FETCH",
  "WHEN",
  "RETURNING",
]);

const isName = (t: Token | undefined): boolean => t?.kind === "word" || t?.kind === "quoted-identifier";

/**
 * Replaces each FROM item that names a stream (and no table or view) by its table's marked read.
 * `resolve` turns a written name into the session's qualified name.
 */
export function expandStreamReferences(
  sql: string,
  first: number,
  directory: Directory,
  resolve: (written: string) => QualifiedName,
): ExpandedStreams {
  if (!directory.hasStreams || !/\b(FROM|JOIN|USING)\b/i.test(sql)) return { sql, clauses: [] };
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const inFrom: boolean[] = [false];
  const clauses: TravelClause[] = [];
  let depth = 0;
  let out = "";
  let copied = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isPunct(sql, t, "(")) inFrom[++depth] = false;
    else if (isPunct(sql, t, ")")) depth = Math.max(0, depth - 1);
    else if (t.kind === "word" && OPENERS.has(t.upper ?? "")) inFrom[depth] = true;
    else if (t.kind === "word" && CLOSERS.has(t.upper ?? "")) inFrom[depth] = false;
    const prev = tokens[i - 1];
    const opens =
      (prev?.kind === "word" && OPENERS.has(prev.upper ?? "")) ||
      (isPunct(sql, prev, ",") && inFrom[depth] === true);
    if (!opens || !isName(t)) continue;
    let last = i;
    while (isPunct(sql, tokens[last + 1], ".") && isName(tokens[last + 2])) last += 2;
    const after = tokens[last + 1];
    if (isPunct(sql, after, "(") || isPunct(sql, after, ".")) continue;
    const written = sql.slice(t.start, (tokens[last] as Token).end);
    let name: QualifiedName;
    try {
      name = resolve(written);
    } catch {
      continue;
    }
    if (directory.relation(name)) continue;
    const stream = findStream(directory, name);
    if (!stream) continue;
    const table = displayQualified(stream.table.database, stream.table.schema, stream.table.name);
    const lastPart = sql.slice((tokens[last] as Token).start, (tokens[last] as Token).end);
    const index = first + clauses.length;
    clauses.push({
      table,
      start: {
        keyword: "AT",
        kind: "STREAM",
        expression: `'${displayQualified(name.database, name.schema, name.name).replaceAll("'", "''")}'`,
      },
      changes: stream.appendOnly ? "APPEND_ONLY" : "DEFAULT",
      stream: name,
    });
    out += sql.slice(copied, t.start) + markedRead(table, index, startsAlias(after) ? null : lastPart);
    copied = (tokens[last] as Token).end;
    i = last;
  }
  if (clauses.length === 0) return { sql, clauses };
  return { sql: out + sql.slice(copied), clauses };
}
