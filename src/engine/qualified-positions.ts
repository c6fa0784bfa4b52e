/**
 * A qualified positional column, `v1.$2` or `t.$1`: the n-th column of the relation that alias
 * names. DuckDB has no qualified form of a position, so after name resolution the reference
 * becomes that column's name: a derived table's (or FROM VALUES') column list gives it, else the
 * base table's or view's columns from the catalog. An alias it cannot place is left as written.
 */

import type { QualifiedName } from "./hooks.js";
import { decodeName, encodeName } from "./identifiers.js";
import type { FoundRelation } from "./resolve.js";

type Node = Record<string, unknown>;
interface Ident {
  name: string;
  quoted: boolean;
  [key: string]: unknown;
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const isIdent = (v: unknown): v is Ident => isNode(v) && typeof v.name === "string";

/** How a qualifier or alias compares: Snowflake's name, decoded if resolution encoded it. */
const keyOf = (ident: Ident): string => decodeName(ident.quoted ? ident.name : ident.name.toUpperCase());

/** Replaces `alias.$n` columns of a resolved statement by name; true when any changed. */
export function resolveQualifiedPositions(
  ast: unknown,
  relations: readonly FoundRelation[],
  relationColumns?: (relation: QualifiedName) => string[],
): boolean {
  const columnsByAlias = new Map<string, () => Ident[]>();
  for (const r of relations) {
    const alias = (r.node as { alias?: unknown }).alias;
    const key = isIdent(alias) ? keyOf(alias) : r.name.name;
    if (!relationColumns) continue;
    columnsByAlias.set(key, () =>
      relationColumns(r.name).map((c) => ({ name: encodeName(c), quoted: true })),
    );
  }
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) collect(n);
      return;
    }
    if (!isNode(node)) return;
    const aliases = node.column_aliases;
    if (isIdent(node.alias) && Array.isArray(aliases) && aliases.length > 0 && aliases.every(isIdent)) {
      const list = aliases as Ident[];
      columnsByAlias.set(keyOf(node.alias), () => list.map((a) => ({ ...a })));
    }
    for (const value of Object.values(node)) collect(value);
  };
  collect(ast);
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    const column = node.column;
    if (isNode(column) && isIdent(column.name) && isIdent(column.table)) {
      const m = /^\$(\d+)$/.exec(column.name.name);
      const columns = m ? columnsByAlias.get(keyOf(column.table)) : undefined;
      const target = m && columns ? columns()[Number(m[1]) - 1] : undefined;
      if (target) {
        column.name = { ...column.name, name: target.name, quoted: target.quoted };
        changed = true;
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return changed;
}
