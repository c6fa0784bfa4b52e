/**
 * Masking policies on a DML statement's own target (UPDATE, DELETE, MERGE INTO t): the target
 * cannot be read through a masking subquery, so every read of a masked target column (SET values,
 * WHERE, MERGE's ON and WHEN conditions) is replaced by its mask, qualified with the statement's
 * name for the target. The columns written (SET's left side, MERGE's INSERT list) stay raw, as in
 * Snowflake: masking changes what a statement reads, never where it writes.
 */
import { decodeName } from "../identifiers.js";
import { type IdentNode, isIdent } from "../resolve.js";

type Json = Record<string, unknown>;

/** The parts of the DML statement this step needs (row-access.ts finds them). */
export interface MaskedTarget {
  kind: "delete" | "update" | "insert" | "merge";
  node: Json;
  targets: Set<unknown>;
}

/** Replaces reads of the target's masked columns in `statement`, in place. */
export function maskTargetColumns(
  statement: MaskedTarget,
  masks: ReadonlyMap<string, Json>,
  reference: IdentNode,
): void {
  const maskOf = (column: Json, nested: boolean): Json | undefined => {
    const name = column.name;
    if (!isIdent(name)) return undefined;
    const table = column.table;
    const ours = (table === null && !nested) || (isIdent(table) && table.name === reference.name);
    if (!ours) return undefined;
    const written = name.quoted ? name.name : name.name.toUpperCase();
    return masks.get(decodeName(name.name)) ?? masks.get(written);
  };
  const walk = (node: unknown, nested: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, nested);
      return;
    }
    if (node === null || typeof node !== "object" || statement.targets.has(node)) return;
    const obj = node as Json;
    const column = obj.column as Json | undefined;
    if (column && typeof column === "object" && "table" in column) {
      const mask = maskOf(column, nested);
      if (mask) {
        delete obj.column;
        obj.paren = { this: structuredClone(mask) };
      }
      return;
    }
    for (const [key, value] of Object.entries(obj)) walk(value, nested || key === "select");
  };
  const node = statement.node;
  if (statement.kind === "update") {
    for (const pair of (node.set as unknown[][] | undefined) ?? []) walk(pair[1], false);
    walk(node.where_clause, false);
    return;
  }
  if (statement.kind === "delete") {
    walk(node.where_clause, false);
    return;
  }
  if (statement.kind !== "merge") return;
  walk(node.on, false);
  const whens = ((node.whens as Json | undefined)?.whens as Json | undefined)?.expressions;
  for (const item of (whens as Json[] | undefined) ?? []) {
    const when = item.when as Json | undefined;
    if (!when) continue;
    walk(when.condition, false);
    const parts = ((when.then as Json | undefined)?.tuple as Json | undefined)?.expressions as
      | Json[]
      | undefined;
    const action = ((parts?.[0]?.var as Json | undefined)?.this as string | undefined)?.toUpperCase();
    if (action === "UPDATE") {
      const sets = ((parts?.[1]?.tuple as Json | undefined)?.expressions as Json[] | undefined) ?? [];
      for (const set of sets) walk((set.eq as Json | undefined)?.right ?? set, false);
    } else if (action === "INSERT") walk(parts?.slice(2), false);
  }
}
