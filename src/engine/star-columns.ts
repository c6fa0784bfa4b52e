/**
 * `SELECT [t.]* ILIKE … EXCLUDE … REPLACE (…) RENAME …` in the combinations Snowflake documents.
 * The transpiler parses single modifiers, and DuckDB runs those, but neither handles ILIKE with
 * REPLACE / RENAME, nor REPLACE and RENAME of the same column. Such a star is spelled as the
 * explicit column list it stands for, from the columns the catalog knows for the relation:
 *
 * 1. before parsing (`starPlaceholders`), the star and its modifiers become a placeholder call
 *    `MERC_STAR('<qualifier>', 'ILIKE', 'p', 'EXCLUDE', a, …, 'REPLACE', (expr), c, …, 'RENAME', c, d, …)`
 *    that the parser accepts, so name resolution encodes the identifiers and expressions in it;
 * 2. after resolution (`expandStarPlaceholders`), the call becomes the select items, in the
 *    relation's column order.
 */
import { decodeName, encodeName, normaliseIdentifier } from "./identifiers.js";
import type { QualifiedName } from "./hooks.js";
import type { FoundRelation } from "./resolve.js";
import { SnowflakeError, sfErrors } from "./errors.js";
import { type Token, tokenize } from "./split/index.js";

export const STAR_PLACEHOLDER = "MERC_STAR";
/**
 * A star inside COUNT (`COUNT(t.*)`, `COUNT(* ILIKE 'p')`, `COUNT(* EXCLUDE c)`): the bare column list,
 * which COUNT reads as "rows where none of these is NULL" (rewrite-aggregate.ts). Its first argument
 * is the star as written, for the column's name (`writtenStars`).
 */
export const STAR_LIST_PLACEHOLDER = "MERC_STAR_LIST";

const MODIFIERS = new Set(["ILIKE", "EXCLUDE", "REPLACE", "RENAME"]);
const LIST_START = new Set(["SELECT", "DISTINCT", "ALL"]);

interface Edit {
  start: number;
  end: number;
  text: string;
}

const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Stars with two or more modifiers (or ILIKE with REPLACE / RENAME) become MERC_STAR(…) calls. */
export function starPlaceholders(sql: string): string {
  if (!/\*\s*(ilike|exclude|replace|rename)\b/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const text = (t: Token): string => sql.slice(t.start, t.end);
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (ch(tokens[i]) !== "*" || !MODIFIERS.has(tokens[i + 1]?.upper ?? "")) continue;
    // `*` or `qualifier.*`, right after SELECT [DISTINCT] or a comma of the select list.
    let start = i;
    let qualifier = "";
    if (ch(tokens[i - 1]) === ".") {
      const q = tokens[i - 2];
      if (!q || (q.kind !== "word" && q.kind !== "quoted-identifier")) continue;
      qualifier = q.kind === "word" ? text(q).toUpperCase() : text(q).slice(1, -1).replaceAll('""', '"');
      start = i - 2;
    }
    const before = tokens[start - 1];
    if (!before || !(LIST_START.has(before.upper ?? "") || ch(before) === ",")) continue;
    const args: string[] = [quoteLiteral(qualifier)];
    const kinds: string[] = [];
    let j = i + 1;
    // Index of the `)` closing the group opened at `open`.
    const closing = (open: number): number => {
      let depth = 0;
      for (let k = open; k < tokens.length; k++) {
        const c = ch(tokens[k]);
        if (c === "(" || c === "[" || c === "{") depth++;
        else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return k;
      }
      return -1;
    };
    // Top-level comma-separated pieces between tokens a (exclusive) and b (exclusive), as text.
    const pieces = (a: number, b: number): string[] => {
      const out: string[] = [];
      let depth = 0;
      let from = a + 1;
      for (let k = a + 1; k <= b; k++) {
        const c = ch(tokens[k]);
        if (c === "(" || c === "[" || c === "{") depth++;
        else if (c === ")" || c === "]" || c === "}") depth--;
        if (k === b || (c === "," && depth === 0)) {
          out.push(sql.slice(tokens[from]!.start, tokens[k - 1]!.end));
          from = k + 1;
        }
      }
      return out;
    };
    let ok = true;
    while (ok && MODIFIERS.has(tokens[j]?.upper ?? "")) {
      const kind = tokens[j]!.upper as string;
      kinds.push(kind);
      args.push(`'${kind}'`);
      j++;
      if (kind === "ILIKE") {
        if (tokens[j]?.kind !== "string") ok = false;
        else args.push(text(tokens[j++]!));
        continue;
      }
      const grouped = ch(tokens[j]) === "(";
      const end = grouped ? closing(j) : -1;
      if (grouped && end < 0) {
        ok = false;
        continue;
      }
      let items: string[];
      if (grouped) {
        items = pieces(j, end);
        j = end + 1;
      } else if (kind === "EXCLUDE") {
        items = [text(tokens[j]!)];
        j++;
      } else if (kind === "RENAME" && tokens[j + 1]?.upper === "AS") {
        items = [sql.slice(tokens[j]!.start, tokens[j + 2]!.end)];
        j += 3;
      } else {
        ok = false;
        continue;
      }
      for (const item of items) {
        if (kind === "EXCLUDE") {
          args.push(item);
          continue;
        }
        const m = /^([\s\S]*)\s+AS\s+("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)$/i.exec(item.trim());
        if (!m) {
          ok = false;
          break;
        }
        args.push(kind === "REPLACE" ? `(${m[1]})` : m[1]!.trim(), m[2]!);
      }
    }
    if (!ok) continue;
    // What the transpiler and DuckDB run as written stays as written.
    const combined =
      kinds.length >= 2 && !(kinds.length === 2 && kinds[0] === "EXCLUDE" && kinds[1] === "RENAME");
    if (!combined) continue;
    const last = tokens[j - 1]!;
    edits.push({
      start: tokens[start]!.start,
      end: last.end,
      text: `${STAR_PLACEHOLDER}(${args.join(", ")})`,
    });
    i = j - 1;
  }
  let out = sql;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * `COUNT([DISTINCT] t.* | * ILIKE 'p' | * EXCLUDE …)` become MERC_STAR_LIST(…) calls: Snowflake counts
 * the rows where no column the star stands for is NULL (COUNT(*) stays: it counts every row).
 */
export function countStarPlaceholders(sql: string): string {
  if (!/count\s*\(/i.test(sql) || !/(\.\s*\*|\*\s*(ilike|exclude)\b)/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const text = (t: Token): string => sql.slice(t.start, t.end);
  const edits: Edit[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.upper !== "COUNT" || ch(tokens[i + 1]) !== "(") continue;
    let j = i + 2;
    if (tokens[j]?.upper === "DISTINCT") j++;
    const start = j;
    let qualifier = "";
    const q = tokens[j];
    if (q && (q.kind === "word" || q.kind === "quoted-identifier") && ch(tokens[j + 1]) === ".") {
      if (ch(tokens[j + 2]) !== "*") continue;
      qualifier = q.kind === "word" ? text(q).toUpperCase() : text(q).slice(1, -1).replaceAll('""', '"');
      j += 2;
    } else if (ch(q) !== "*") continue;
    j++;
    const args: string[] = [quoteLiteral(qualifier)];
    let ok = true;
    while (ok && (tokens[j]?.upper === "ILIKE" || tokens[j]?.upper === "EXCLUDE")) {
      const kind = tokens[j++]!.upper as string;
      args.push(`'${kind}'`);
      if (kind === "ILIKE") {
        if (tokens[j]?.kind === "string") args.push(text(tokens[j++]!));
        else ok = false;
      } else if (ch(tokens[j]) === "(") {
        for (j++; j < tokens.length && ch(tokens[j]) !== ")"; j++)
          if (ch(tokens[j]) !== ",") args.push(text(tokens[j]!));
        j++;
      } else if (tokens[j]) args.push(text(tokens[j++]!));
      else ok = false;
    }
    // Only a qualified star or a star with modifiers, closing the call.
    if (!ok || ch(tokens[j]) !== ")" || (qualifier === "" && args.length === 1)) continue;
    const written = sql.slice(tokens[start]!.start, tokens[j - 1]!.end);
    edits.push({
      start: tokens[start]!.start,
      end: tokens[j - 1]!.end,
      text: `${STAR_LIST_PLACEHOLDER}(${quoteLiteral(written)}, ${args.join(", ")})`,
    });
    i = j;
  }
  let out = sql;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A select item's text with each MERC_STAR_LIST(…) put back as written (for its column name). */
export function writtenStars(itemText: string): string {
  if (!itemText.toUpperCase().includes(STAR_LIST_PLACEHOLDER)) return itemText;
  return itemText.replace(
    /MERC_STAR_LIST\(\s*'((?:[^']|'')*)'(?:[^()']|'(?:[^']|'')*')*\)/gi,
    (_, written: string) => written.replaceAll("''", "'"),
  );
}

/** How the expansion reaches the catalog: a relation's column names, in order (empty when unknown). */
export type RelationColumns = (relation: QualifiedName) => string[];

const quoted = (name: string): string => `"${encodeName(name).replaceAll('"', '""')}"`;

/** The Snowflake name an argument stands for: a resolved (encoded, quoted) identifier or a bare word. */
function nameOf(arg: string): string {
  const m = /^"((?:[^"]|"")*)"$/.exec(arg.trim());
  return m ? decodeName(m[1]!.replaceAll('""', '"')) : normaliseIdentifier(arg.trim(), false);
}

function aliasOf(relation: FoundRelation): string | null {
  const alias = (relation.holder as { alias?: unknown } | null)?.alias ?? relation.node.alias;
  if (typeof alias !== "object" || alias === null) return null;
  const a = alias as { name?: unknown; quoted?: unknown };
  if (typeof a.name !== "string") return null;
  // Name resolution has encoded and quoted it by now, or left it as written.
  return a.quoted ? decodeName(a.name) : a.name.toUpperCase();
}

/** ILIKE's pattern as a JavaScript test (case-insensitive; `%` any run, `_` one character). */
function ilikeTest(pattern: string): (name: string) => boolean {
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replaceAll("%", "[\\s\\S]*")
    .replaceAll("_", "[\\s\\S]");
  const regex = new RegExp(`^${re}$`, "i");
  return (name) => regex.test(name);
}

/** Replaces each MERC_STAR(…) of resolved Snowflake text by the select items it stands for. */
export function expandStarPlaceholders(
  sql: string,
  relations: readonly FoundRelation[],
  relationColumns: RelationColumns | undefined,
): string {
  if (!sql.includes(STAR_PLACEHOLDER)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const list = tokens[i]!.upper === STAR_LIST_PLACEHOLDER;
    if ((tokens[i]!.upper !== STAR_PLACEHOLDER && !list) || ch(tokens[i + 1]) !== "(") continue;
    // Arguments at depth 1.
    const args: string[] = [];
    let depth = 0;
    let from = i + 2;
    let k = i + 1;
    for (; k < tokens.length; k++) {
      const c = ch(tokens[k]);
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (--depth === 0) break;
      }
      if (c === "," && depth === 1) {
        args.push(sql.slice(tokens[from]!.start, tokens[k - 1]!.end));
        from = k + 1;
      }
    }
    args.push(sql.slice(tokens[from]!.start, tokens[k - 1]!.end));
    edits.push({
      start: tokens[i]!.start,
      end: tokens[k]!.end,
      text: starItems(list ? args.slice(1) : args, relations, relationColumns, list),
    });
    i = k;
  }
  let out = sql;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function starItems(
  args: string[],
  relations: readonly FoundRelation[],
  relationColumns: RelationColumns | undefined,
  bare = false,
): string {
  const qualifier = args[0]!.slice(1, -1).replaceAll("''", "'");
  const sources = relations.filter((r) => r.holder !== null);
  const chosen = qualifier
    ? sources.filter((r) => aliasOf(r) === qualifier || (aliasOf(r) === null && r.name.name === qualifier))
    : sources;
  const columns = chosen.map((r) => ({ relation: r, names: relationColumns?.(r.name) ?? [] }));
  if (chosen.length === 0 || columns.some((c) => c.names.length === 0)) {
    throw sfErrors.compilation(
      bare
        ? "COUNT(t.*) and COUNT(* ILIKE …) / COUNT(* EXCLUDE …) need the columns of the tables or views they read; the local engine cannot expand them over a subquery, CTE or table function."
        : "SELECT * with ILIKE, EXCLUDE, REPLACE and RENAME combined needs the columns of the tables or views it reads; the local engine cannot expand it over a subquery, CTE or table function.",
    );
  }
  let ilike: ((name: string) => boolean) | null = null;
  const exclude = new Set<string>();
  const replace = new Map<string, string>();
  const rename = new Map<string, string>();
  let kind = "";
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const marker = /^'(ILIKE|EXCLUDE|REPLACE|RENAME)'$/.exec(arg);
    if (marker) {
      kind = marker[1]!;
      continue;
    }
    if (kind === "ILIKE") ilike = ilikeTest(arg.slice(1, -1).replaceAll("''", "'"));
    else if (kind === "EXCLUDE") exclude.add(nameOf(arg));
    else if (kind === "REPLACE") replace.set(nameOf(args[++i]!), arg);
    else if (kind === "RENAME") rename.set(nameOf(arg), nameOf(args[++i]!));
  }
  const items: string[] = [];
  for (const { relation, names } of columns) {
    const alias = aliasOf(relation);
    const prefix = qualifier || columns.length > 1 ? `${quoted(alias ?? relation.name.name)}.` : "";
    for (const name of names) {
      if (exclude.has(name) || (ilike && !ilike(name))) continue;
      const value = replace.get(name) ?? `${prefix}${quoted(name)}`;
      items.push(bare ? value : `${value} AS ${quoted(rename.get(name) ?? name)}`);
    }
  }
  if (items.length === 0) {
    throw new SnowflakeError("001080", "42601", "SQL compilation error:\nSELECT with no columns");
  }
  return items.join(", ");
}
