/**
 * Snowflake lets a SELECT item use the alias of an earlier item (`SELECT TO_DATE(s) AS d, LAST_DAY(d)`).
 * DuckDB does too, but it binds such a reference after expanding macros, so a macro overloaded by
 * argument type (the date/time macros) cannot tell which overload the reference needs. Before
 * translation, each reference to an earlier item's alias is replaced by that item's expression, when
 * no column of the statement's tables has that name and no other SELECT of the statement (a CTE, a
 * subquery) produces a column of that name: a column wins over an alias, as in Snowflake.
 */
import type { ColumnTypeLookup } from "./numeric.js";
import { decodeName } from "./identifiers.js";
import { isIdent } from "./resolve.js";

type Node = Record<string, unknown>;

function nameOf(ident: unknown): string | null {
  if (!isIdent(ident)) return null;
  return ident.quoted ? decodeName(ident.name) : ident.name.toUpperCase();
}

/** Nodes that open a scope of their own: references inside them are not this SELECT's. */
const SCOPES = new Set(["select", "subquery", "union", "intersect", "except", "exists", "in_subquery"]);

/** Replaces unqualified references to `aliases` inside `node`; returns the new node. */
function inline(node: unknown, aliases: ReadonlyMap<string, unknown>, changed: { value: boolean }): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(n, aliases, changed));
  if (typeof node !== "object" || node === null) return node;
  const n = node as Node;
  const keys = Object.keys(n);
  if (keys.length === 1 && keys[0] === "column") {
    const column = n.column as Node;
    const name = column.table == null ? nameOf(column.name) : null;
    const target = name === null ? undefined : aliases.get(name);
    if (target !== undefined) {
      changed.value = true;
      return { paren: { this: structuredClone(target), trailing_comments: [] } };
    }
    return node;
  }
  if (keys.length === 1 && SCOPES.has(keys[0] as string)) return node;
  if (keys.length === 1 && keys[0] === "window_function") return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(n)) out[key] = inline(value, aliases, changed);
  return out;
}

/** The output names of every SELECT list in a statement (explicit aliases and plain columns). */
function selectNames(ast: unknown): Map<Node, Set<string>> {
  const out = new Map<Node, Set<string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as Node;
    const select = n.select as Node | undefined;
    if (select && Array.isArray(select.expressions)) {
      const names = new Set<string>();
      for (const item of select.expressions as Node[]) {
        const alias = (item?.alias as Node | undefined)?.alias;
        const column = (item?.column as Node | undefined)?.name;
        const name = nameOf(alias ?? column);
        if (name !== null) names.add(name);
      }
      out.set(select, names);
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
  return out;
}

/** Inlines lateral alias references in every SELECT list of a statement. True when any changed. */
export function inlineLateralAliases(ast: unknown, lookup: ColumnTypeLookup): boolean {
  const changed = { value: false };
  const produced = selectNames(ast);
  const producedElsewhere = (select: Node, name: string): boolean => {
    for (const [other, names] of produced) if (other !== select && names.has(name)) return true;
    return false;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as Node;
    const select = n.select as Node | undefined;
    if (select && Array.isArray(select.expressions)) {
      const aliases = new Map<string, unknown>();
      const items = select.expressions as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (aliases.size > 0) items[i] = inline(items[i], aliases, changed);
        const alias = (items[i] as Node | null)?.alias as Node | undefined;
        const aliasIdent = alias?.alias as Node | undefined;
        const name = aliasIdent && aliasIdent.synthetic !== true ? nameOf(aliasIdent) : null;
        if (alias && name !== null && lookup(name) === undefined && !producedElsewhere(select, name))
          aliases.set(name, alias.this);
      }
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
  return changed.value;
}
