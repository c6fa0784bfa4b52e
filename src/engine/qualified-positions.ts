/**
 * A qualified positional column, `v1.$2` or `t.$1`: the n-th column of the relation that alias
 * names. DuckDB has no qualified form of a position, so after name resolution the reference
 * becomes that column's name: a derived table's (or FROM VALUES') column list gives it, else the
 * base table's or view's columns from the catalog. Where no column list is known (a subquery
 * without one, RESULT_SCAN, FLATTEN or another table function), the reference reads the n-th field
 * of the alias's whole row: DuckDB names a row of `alias` as a struct, and `STRUCT_EXTRACT_AT`
 * takes its n-th field, which is the n-th column of that relation as Snowflake numbers them.
 */

import { functionCall } from "./ast-rewrite.js";
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
  let changed = nameSelectedPositions(ast);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    const column = node.column;
    if (isNode(column) && isIdent(column.name) && isIdent(column.table)) {
      const m = /^\$(\d+)$/.exec(column.name.name);
      const columns = m ? columnsByAlias.get(keyOf(column.table))?.() : undefined;
      const target = m && columns ? columns[Number(m[1]) - 1] : undefined;
      if (target) {
        column.name = { ...column.name, name: target.name, quoted: target.quoted };
        changed = true;
      } else if (m && !columns?.length) {
        // No column list is known: past a known list's end stays an invalid identifier (000904).
        delete node.column;
        node.function = rowField(column.table, Number(m[1])).function;
        changed = true;
        return;
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return changed;
}

/** `STRUCT_EXTRACT_AT(alias, n)`: the n-th field of the row the alias names (a DuckDB row struct). */
function rowField(alias: Ident, position: number): { function: unknown } {
  const row = { column: { name: { ...alias }, table: null, join_mark: false, trailing_comments: [] } };
  const index = { literal: { literal_type: "number", value: String(position) } };
  return functionCall("STRUCT_EXTRACT_AT", [row, index]) as { function: unknown };
}

/**
 * A select item `alias.$n` is named `$n`, as a qualified column `t.a` is named `A`: the qualifier
 * never reaches the result's column name. Every select list, so a derived table's columns too.
 */
function nameSelectedPositions(ast: unknown): boolean {
  let changed = false;
  const visit = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, key);
      return;
    }
    if (!isNode(node)) return;
    if (key === "select" && Array.isArray(node.expressions)) {
      node.expressions = node.expressions.map((item: unknown) => {
        const column = isNode(item) ? item.column : undefined;
        if (!isNode(column) || !isIdent(column.name) || !isIdent(column.table)) return item;
        if (!/^\$\d+$/.test(column.name.name)) return item;
        changed = true;
        const name = column.name.name;
        return {
          alias: {
            this: item,
            alias: { name, quoted: true, trailing_comments: [], synthetic: true },
            column_aliases: [],
            alias_explicit_as: true,
            pre_alias_comments: [],
            trailing_comments: [],
          },
        };
      });
    }
    for (const [k, value] of Object.entries(node)) visit(value, k);
  };
  visit(ast, "");
  return changed;
}
