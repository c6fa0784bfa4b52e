/**
 * Finds the table references of a Snowflake query by tokens (names after FROM / JOIN and after
 * commas in a FROM list), skipping CTE names, subqueries and table functions. Used to qualify the
 * names in policy bodies and view bodies, and to expand views over policy-protected tables.
 */
import type { Token } from "./lexer.js";
import { quotePart } from "./names.js";

export interface RelationRef {
  /** Index of the first and last token of the written name. */
  first: number;
  last: number;
  /** Resolved parts as written (1 to 3). */
  parts: string[];
  /** Index of the alias token when one follows (`t`, `AS t`), else -1. */
  alias: number;
}

const CLAUSE_END = new Set([
  "WHERE",
  "GROUP",
  "ORDER",
  "HAVING",
  "LIMIT",
  "QUALIFY",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
  "ON",
  "USING",
  "WINDOW",
  "SELECT",
  "SET",
  "VALUES",
]);

const NOT_ALIAS = new Set([
  ...CLAUSE_END,
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "OUTER",
  "LATERAL",
  "AT",
  "BEFORE",
  "CHANGES",
  "SAMPLE",
  "TABLESAMPLE",
  "PIVOT",
  "UNPIVOT",
  "MATCH_RECOGNIZE",
  "ASOF",
]);

function upper(t: Token | undefined): string {
  return t?.kind === "word" ? t.text.toUpperCase() : "";
}

function partOf(t: Token): string {
  return t.kind === "quoted" ? t.text : t.text.toUpperCase();
}

/** Names defined by WITH … AS ( … ), which are not relations. */
export function cteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      (t.kind === "word" || t.kind === "quoted") &&
      upper(tokens[i + 1]) === "AS" &&
      tokens[i + 2]!.text === "("
    ) {
      const before = tokens[i - 1];
      if (before && (upper(before) === "WITH" || before.text === "," || upper(before) === "RECURSIVE"))
        names.add(partOf(t));
    }
  }
  return names;
}

export function relationRefs(tokens: Token[]): RelationRef[] {
  const ctes = cteNames(tokens);
  const refs: RelationRef[] = [];
  // Paren depth at which a FROM list is open (a stack, for subqueries).
  const fromDepth: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "symbol" && t.text === "(") {
      depth++;
      continue;
    }
    if (t.kind === "symbol" && t.text === ")") {
      depth--;
      while (fromDepth.length > 0 && fromDepth[fromDepth.length - 1]! > depth) fromDepth.pop();
      continue;
    }
    const word = upper(t);
    const inFrom = fromDepth.length > 0 && fromDepth[fromDepth.length - 1] === depth;
    if (inFrom && CLAUSE_END.has(word) && word !== "ON" && word !== "USING") fromDepth.pop();
    const startsRef = word === "FROM" || word === "JOIN" || (inFrom && t.kind === "symbol" && t.text === ",");
    if (word === "FROM" && !inFrom) fromDepth.push(depth);
    if (!startsRef) continue;
    const first = tokens[i + 1];
    if (!first || (first.kind !== "word" && first.kind !== "quoted")) continue;
    if (first.kind === "word" && ["LATERAL", "TABLE", "SELECT", "VALUES"].includes(first.text.toUpperCase()))
      continue;
    if (tokens[i + 2]?.text === "(") continue; // a table function
    let j = i + 1;
    const parts = [partOf(tokens[j]!)];
    while (
      tokens[j + 1]?.text === "." &&
      tokens[j + 2] &&
      (tokens[j + 2]!.kind === "word" || tokens[j + 2]!.kind === "quoted")
    ) {
      parts.push(partOf(tokens[j + 2]!));
      j += 2;
    }
    if (parts.length === 1 && ctes.has(parts[0]!)) continue;
    let alias = -1;
    const next = tokens[j + 1];
    if (upper(next) === "AS" && tokens[j + 2]) alias = j + 2;
    else if (
      next &&
      (next.kind === "quoted" || (next.kind === "word" && !NOT_ALIAS.has(next.text.toUpperCase())))
    )
      alias = j + 1;
    refs.push({ first: i + 1, last: j, parts, alias });
  }
  return refs;
}

/** Qualifies one- and two-part table names with a default database and schema. */
export function qualifyRelations(sql: string, tokens: Token[], database: string, schema: string): string {
  let out = "";
  let last = 0;
  for (const r of relationRefs(tokens)) {
    if (r.parts.length >= 3) continue;
    const start = tokens[r.first]!.start;
    const prefix =
      r.parts.length === 1 ? `${quotePart(database)}.${quotePart(schema)}.` : `${quotePart(database)}.`;
    out += sql.slice(last, start) + prefix;
    last = start;
  }
  return out + sql.slice(last);
}
