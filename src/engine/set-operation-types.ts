/**
 * The column types of a set operation (UNION, INTERSECT, EXCEPT / MINUS) as Snowflake settles them:
 * where one branch gives a number and another text at the same position, the column is a number and
 * the text is converted (operators-query page: a UNION of a VARCHAR and a NUMBER column fails with
 * 100038 on text that is not a number). DuckDB would make the column VARCHAR instead, so the text
 * branch's item is cast to the number's type before translation.
 */
import { type InferredType, inferType, type TypeLookup } from "./expression-types.js";

type Node = Record<string, unknown>;

const SET_OPERATIONS = ["union", "intersect", "except"] as const;

/** The select lists of a set operation's branches, left to right (nested operations flattened). */
function branches(node: unknown, out: Node[][]): boolean {
  const n = node as Node | null;
  if (!n || typeof n !== "object") return false;
  if (n.select) {
    const items = (n.select as Node).expressions;
    if (!Array.isArray(items) || items.some((item) => "star" in (item as Node))) return false;
    out.push(items as Node[]);
    return true;
  }
  const op = SET_OPERATIONS.map((k) => n[k] as Node | undefined).find((v) => v !== undefined);
  if (op) return branches(op.left, out) && branches(op.right, out);
  if (n.subquery) return branches((n.subquery as Node).this, out);
  return false;
}

const numeric = (t: InferredType | null): boolean =>
  t !== null && !t.isNull && (t.type.type === "fixed" || t.type.type === "real");
const textual = (t: InferredType | null): boolean => t !== null && !t.isNull && t.type.type === "text";

/** The target a text item converts to: FLOAT when any branch is FLOAT, else NUMBER at the widest scale. */
function targetOf(types: (InferredType | null)[]): string {
  if (types.some((t) => t?.type.type === "real")) return "FLOAT";
  const scale = Math.max(0, ...types.filter(numeric).map((t) => t?.type.scale ?? 0));
  return `NUMBER(38, ${scale})`;
}

function castItem(item: Node, type: string): Node {
  const alias = item.alias as Node | undefined;
  const expression = alias ? alias.this : item;
  const cast = {
    cast: {
      this: expression,
      to: { data_type: "custom", name: type },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
  if (alias) return { alias: { ...alias, this: cast } };
  // A bare column keeps its name as the column's name.
  const column = item.column as Node | undefined;
  const name = column?.name as Node | undefined;
  if (!name) return cast;
  const { span: _span, ...ident } = name;
  return {
    alias: {
      this: cast,
      alias: { ...ident, trailing_comments: [] },
      column_aliases: [],
      alias_explicit_as: true,
      pre_alias_comments: [],
      trailing_comments: [],
    },
  };
}

/** Casts text items of set operations to the number type of their column. Returns true on a change. */
export function applySetOperationTypes(ast: unknown, lookup: TypeLookup): boolean {
  const root = ast as Node;
  if (!SET_OPERATIONS.some((k) => k in root)) return false;
  const lists: Node[][] = [];
  if (!branches(root, lists) || lists.length < 2) return false;
  const width = lists[0]?.length ?? 0;
  if (lists.some((list) => list.length !== width)) return false;
  let changed = false;
  for (let i = 0; i < width; i++) {
    const types = lists.map((list) => inferType(list[i], lookup));
    if (!types.some(numeric) || !types.some(textual)) continue;
    const target = targetOf(types);
    lists.forEach((list, b) => {
      if (!textual(types[b] ?? null)) return;
      list[i] = castItem(list[i] as Node, target);
      changed = true;
    });
  }
  return changed;
}
