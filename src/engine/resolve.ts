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
  /** Session parameter DEFAULT_NULL_ORDERING (FIRST or LAST): where sort keys without NULLS … put NULLs. */
  defaultNullOrdering?: string;
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

/**
 * The DuckDB name of a common table expression: its encoded name followed by `^~`. The encoding
 * (identifiers.ts) only ever puts a lower-case letter, `^` or `,` after a `^`, so no table, view or
 * DuckDB catalog object can have this name, even with DuckDB's case folding: a reference the engine
 * takes for a CTE but DuckDB does not bind to one fails instead of finding a relation that
 * authorisation never saw.
 */
export function cteDuckName(name: string): string {
  return `${encodeName(name)}^~`;
}

/** The CTE names a query node declares (`WITH a AS (…), b AS (…)`), in order, or null. */
function declaredCtes(
  node: Record<string, unknown>,
): { names: string[]; ctes: Record<string, unknown>[] } | null {
  const withNode = node.with as Record<string, unknown> | undefined;
  if (!withNode || typeof withNode !== "object" || !Array.isArray(withNode.ctes)) return null;
  const ctes = withNode.ctes as Record<string, unknown>[];
  const names = ctes.map((cte) => {
    const alias = cte?.alias;
    return isIdent(alias) ? normaliseIdentifier(alias.name, alias.quoted) : "";
  });
  return { names, ctes };
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
  const found: FoundRelation[] = [];
  /** Logs the text edit for an identifier just encoded. */
  const record = (ident: IdentNode): void => {
    if (!log || ident.synthetic === true) return;
    if (ident.span === undefined) {
      log.complete = false;
      return;
    }
    log.edits.push({ start: ident.span.start, end: ident.span.end, text: quoted(ident.name) });
  };
  /** A reference to a CTE in scope: `"X^~" AS "X"`, so that `X.col` still names it. */
  const pointAtCte = (node: TableRefNode, name: string): void => {
    const hasAlias = isIdent(node.alias);
    node.name.name = cteDuckName(name);
    node.name.quoted = true;
    if (!hasAlias) {
      node.alias = { name: encodeName(name), quoted: true, trailing_comments: [] };
      node.alias_explicit_as = true;
    }
    if (!log) return;
    const span = node.name.span;
    if (span === undefined) {
      log.complete = false;
      return;
    }
    const text = hasAlias
      ? quoted(node.name.name)
      : `${quoted(node.name.name)} AS ${quoted(encodeName(name))}`;
    log.edits.push({ start: span.start, end: span.end, text });
  };
  /**
   * `ctes` holds the CTE names visible at this node, as SQL scopes them: a query's CTEs are visible
   * in its body, and each CTE sees those declared before it and itself (recursive CTEs). A name
   * outside that scope is a relation, qualified and authorised like any other.
   */
  const visit = (
    node: Json,
    ctes: ReadonlySet<string>,
    parent: Record<string, unknown> | null = null,
    key = "",
  ): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, ctes);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    if (isTableRef(node) && node.name.name === "" && node.schema === null && node.catalog === null) {
      // The transpiler's shape for `USING (subquery) AS x`: no relation of its own.
      for (const [key, value] of Object.entries(node)) if (key !== "name") visit(value, ctes);
      return;
    }
    if (isTableRef(node)) {
      const parts = refParts(node);
      if (parts.database === null && parts.schema === null && ctes.has(parts.name)) {
        pointAtCte(node, parts.name);
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
        if (key !== "name" && key !== "schema" && key !== "catalog") visit(value, ctes);
      }
      return;
    }
    if (isIdent(node)) {
      encodeIdent(node);
      record(node);
      return;
    }
    const obj = node as Record<string, unknown>;
    const declared = declaredCtes(obj);
    const inBody = declared ? new Set([...ctes, ...declared.names]) : ctes;
    for (const [k, value] of Object.entries(obj)) {
      if (declared && k === "with") {
        const withNode = value as Record<string, unknown>;
        for (const [wk, wv] of Object.entries(withNode)) {
          if (wk !== "ctes") visit(wv, ctes, withNode, wk);
        }
        const visible = new Set(ctes);
        declared.ctes.forEach((cte, i) => {
          const name = declared.names[i] as string;
          visible.add(name);
          visitCte(cte, name, new Set(visible));
        });
        continue;
      }
      visit(value, inBody, obj, k);
    }
  };
  /** A CTE's definition: its alias gets the CTE's DuckDB name, its body the CTEs it can see. */
  const visitCte = (cte: Record<string, unknown>, name: string, visible: ReadonlySet<string>): void => {
    for (const [k, value] of Object.entries(cte)) {
      if (k === "alias" && isIdent(value)) {
        value.name = cteDuckName(name);
        value.quoted = true;
        record(value);
        continue;
      }
      visit(value, visible, cte, k);
    }
  };
  visit(ast, new Set());
  return found;
}
