/**
 * Resolve names: walks a parsed statement (polyglot's Snowflake AST) and applies Snowflake's
 * identifier rules. Every identifier is normalised (unquoted -> upper-case) and encoded for DuckDB
 * (see identifiers.ts); every table reference is qualified with the session's current database and
 * schema and pointed at its DuckDB schema. Returns the relations the statement refers to.
 */
import { sfErrors } from "./errors.js";
import type { QualifiedName } from "./hooks.js";
import { duckSchemaName, encodeName, normaliseIdentifier } from "./identifiers.js";

/** Where a session stands for name resolution. */
export interface NameScope {
  database: string | null;
  schema: string | null;
  /** Session parameter QUOTED_IDENTIFIERS_IGNORE_CASE: quoted names fold to upper case too. */
  quotedIgnoreCase?: boolean;
  /** Session parameter TIMESTAMP_TYPE_MAPPING: what the TIMESTAMP alias means (not a name rule, but translation depends on it). */
  timestampTypeMapping?: string;
}

/** A polyglot identifier node. */
export interface IdentNode {
  name: string;
  quoted: boolean;
  span?: { start: number; end: number; line: number; column: number };
  [key: string]: unknown;
}

/** A polyglot table reference node. */
export interface TableRefNode {
  name: IdentNode;
  schema: IdentNode | null;
  catalog: IdentNode | null;
  [key: string]: unknown;
}

type Json = unknown;

export function isIdent(node: Json): node is IdentNode {
  return (
    typeof node === "object" &&
    node !== null &&
    typeof (node as IdentNode).name === "string" &&
    typeof (node as IdentNode).quoted === "boolean" &&
    !("args" in node) &&
    !("style" in node)
  );
}

export function isTableRef(node: Json): node is TableRefNode {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Record<string, unknown>;
  return isIdent(n.name) && "schema" in n && "catalog" in n && "alias_explicit_as" in n;
}

/** Qualifies a written (already normalised) name against the scope. */
export function qualify(
  parts: { database?: string | null; schema?: string | null; name: string },
  scope: NameScope,
): QualifiedName {
  const database = parts.database ?? scope.database;
  if (database === null || database === undefined) throw sfErrors.noCurrentDatabase();
  const schema = parts.schema ?? scope.schema;
  if (schema === null || schema === undefined) throw sfErrors.noCurrentSchema();
  return { database, schema, name: parts.name };
}

/** Names of the table reference, normalised but not qualified. */
export function refParts(ref: TableRefNode): {
  database: string | null;
  schema: string | null;
  name: string;
} {
  return {
    database: ref.catalog ? normaliseIdentifier(ref.catalog.name, ref.catalog.quoted) : null,
    schema: ref.schema ? normaliseIdentifier(ref.schema.name, ref.schema.quoted) : null,
    name: normaliseIdentifier(ref.name.name, ref.name.quoted),
  };
}

function encodeIdent(node: IdentNode): void {
  node.name = encodeName(normaliseIdentifier(node.name, node.quoted));
  node.quoted = true;
}

/** Points a table reference node at the DuckDB relation of `name`. */
export function pointAt(ref: TableRefNode, name: QualifiedName): void {
  ref.catalog = null;
  const schemaNode: IdentNode = ref.schema ?? { name: "", quoted: true, trailing_comments: [] };
  schemaNode.name = duckSchemaName(name.database, name.schema);
  schemaNode.quoted = true;
  ref.schema = schemaNode;
  ref.name.name = encodeName(name.name);
  ref.name.quoted = true;
}

function collectCteNames(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectCteNames(item, into);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const obj = node as Record<string, unknown>;
  if (Array.isArray(obj.ctes)) {
    for (const cte of obj.ctes) {
      const alias = (cte as Record<string, unknown>)?.alias;
      if (isIdent(alias)) into.add(normaliseIdentifier(alias.name, alias.quoted));
    }
  }
  for (const value of Object.values(obj)) collectCteNames(value, into);
}

/** Text edits equivalent to the AST changes, when every changed node had a source position. */
export interface EditLog {
  edits: { start: number; end: number; text: string }[];
  /** False once a changed node had no position: the caller must print the AST instead. */
  complete: boolean;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Upper-cases quoted identifiers (QUOTED_IDENTIFIERS_IGNORE_CASE = TRUE). */
function foldQuoted(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) foldQuoted(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  if (isIdent(node) && node.quoted) node.name = node.name.toUpperCase();
  for (const value of Object.values(node)) foldQuoted(value);
}

/** One table reference found in a statement. */
export interface FoundRelation {
  name: QualifiedName;
  node: TableRefNode;
  /** The object holding the reference under key `table` (a FROM / JOIN item), when there is one. */
  holder: Record<string, unknown> | null;
}

/**
 * Rewrites the AST in place. `skipRef` lets a caller keep particular reference nodes for itself
 * (e.g. the target of CREATE TABLE, already handled). Returns every table reference resolved.
 */
export function resolveNames(ast: Json, scope: NameScope, log?: EditLog): FoundRelation[] {
  if (scope.quotedIgnoreCase) foldQuoted(ast);
  const ctes = new Set<string>();
  collectCteNames(ast, ctes);
  const found: FoundRelation[] = [];
  /** Logs the text edit for an identifier just encoded. */
  const record = (ident: IdentNode, _unused: null): void => {
    if (!log || ident.synthetic === true) return;
    if (ident.span === undefined) {
      log.complete = false;
      return;
    }
    log.edits.push({ start: ident.span.start, end: ident.span.end, text: quoted(ident.name) });
  };
  const visit = (node: Json, parent: Record<string, unknown> | null = null, key = ""): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    if (isTableRef(node) && node.name.name === "" && node.schema === null && node.catalog === null) {
      // The transpiler's shape for `USING (subquery) AS x`: no relation of its own.
      for (const [key, value] of Object.entries(node)) if (key !== "name") visit(value);
      return;
    }
    if (isTableRef(node)) {
      const parts = refParts(node);
      if (parts.database === null && parts.schema === null && ctes.has(parts.name)) {
        encodeIdent(node.name);
        record(node.name, null);
      } else {
        const name = qualify(parts, scope);
        const first = node.catalog ?? node.schema ?? node.name;
        const start = first.span?.start;
        const end = node.name.span?.end;
        pointAt(node, name);
        if (log) {
          if (start === undefined || end === undefined) log.complete = false;
          else
            log.edits.push({
              start,
              end,
              text: `${quoted((node.schema as IdentNode).name)}.${quoted(node.name.name)}`,
            });
        }
        found.push({ name, node, holder: key === "table" ? parent : null });
      }
      for (const [key, value] of Object.entries(node)) {
        if (key !== "name" && key !== "schema" && key !== "catalog") visit(value);
      }
      return;
    }
    if (isIdent(node)) {
      encodeIdent(node);
      record(node, null);
      return;
    }
    const obj = node as Record<string, unknown>;
    for (const [k, value] of Object.entries(obj)) visit(value, obj, k);
  };
  visit(ast);
  return found;
}
