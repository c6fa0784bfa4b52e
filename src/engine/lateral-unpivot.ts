/**
 * Snowflake refuses a LATERAL inline view that references an UNPIVOT result of the same FROM
 * clause (the UNPIVOT page: materialize the UNPIVOT result in a table first). DuckDB would run it,
 * so the engine refuses it with the same advice.
 */
import { sfErrors } from "./errors.js";

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

function nameOf(ident: unknown): string | null {
  if (!isNode(ident) || typeof ident.name !== "string") return null;
  return ident.quoted === true ? ident.name : ident.name.toUpperCase();
}

/** The column qualifiers used anywhere under a node. */
function qualifiers(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const n of node) qualifiers(n, out);
    return out;
  }
  if (!isNode(node)) return out;
  if (isNode(node.column)) {
    const q = nameOf(node.column.table);
    if (q) out.add(q);
  }
  for (const value of Object.values(node)) qualifiers(value, out);
  return out;
}

/** Throws when a query block's LATERAL subquery reads an UNPIVOT alias of the same FROM clause. */
export function refuseLateralOverUnpivot(ast: unknown): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    const select = node.select;
    if (isNode(select) && Array.isArray(select.joins) && select.joins.length > 0) {
      const from =
        isNode(select.from) && Array.isArray(select.from.expressions) ? select.from.expressions : [];
      const items = [...from, ...select.joins.map((j) => (isNode(j) ? j.this : null))];
      const unpivots = new Set<string>();
      for (const item of items) {
        if (isNode(item) && isNode(item.unpivot)) {
          const alias = nameOf(item.unpivot.alias);
          if (alias) unpivots.add(alias);
        }
        const sub = isNode(item) ? item.subquery : null;
        if (unpivots.size > 0 && isNode(sub) && sub.lateral === true) {
          for (const q of qualifiers(sub))
            if (unpivots.has(q))
              throw sfErrors.compilation(
                `The UNPIVOT result '${q}' cannot be referenced in a LATERAL join; materialize it in a table first.`,
              );
        }
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
}
