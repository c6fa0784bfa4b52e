/**
 * Snowflake's `(+)` outer-join notation in WHERE (`WHERE t1.c1 = t2.c2 (+)`): the marked side is the
 * "inner" table of a LEFT OUTER JOIN whose other side is the table the predicate compares it with.
 * The transpiler parses the mark (a column's `join_mark`) and then prints it away, which silently
 * turns the outer join into an inner one; so the engine rewrites the query block's FROM list into
 * ANSI joins itself: the tables no predicate marks stay (as CROSS JOINs, in FROM order), each marked
 * table follows as a LEFT JOIN on its marked predicates once the table it is joined to is in place,
 * and the other predicates stay in WHERE. Snowflake's restrictions are its errors: marks on both
 * sides form a cycle, and a table may be the inner table of one join only.
 */
import { sfErrors } from "./errors.js";
import { Dialect, parse } from "./transpiler.js";

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** A table reference's name as a qualifier would write it (alias first), in Snowflake's case. */
function itemName(item: unknown): string | null {
  if (!isNode(item)) return null;
  const body = (item.table ?? item.subquery) as Node | undefined;
  if (!isNode(body)) return null;
  const alias = body.alias as { name?: string; quoted?: boolean } | null | undefined;
  const ident = (alias?.name ? alias : body.name) as { name?: string; quoted?: boolean } | undefined;
  if (!ident?.name) return null;
  return ident.quoted ? ident.name : ident.name.toUpperCase();
}

/** Column references inside an expression (not inside subqueries). */
function columnsOf(expr: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(expr)) {
    for (const e of expr) columnsOf(e, out);
    return out;
  }
  if (!isNode(expr)) return out;
  if (isNode(expr.column)) {
    out.push(expr.column);
    return out;
  }
  for (const [key, value] of Object.entries(expr))
    if (key !== "subquery" && key !== "select") columnsOf(value, out);
  return out;
}

function qualifierOf(column: Node): string | null {
  const table = column.table as { name?: string; quoted?: boolean } | null;
  if (!table?.name) return null;
  return table.quoted ? table.name : table.name.toUpperCase();
}

function conjuncts(expr: unknown): unknown[] {
  if (isNode(expr) && isNode(expr.and)) return [...conjuncts(expr.and.left), ...conjuncts(expr.and.right)];
  if (
    isNode(expr) &&
    isNode(expr.paren) &&
    isNode((expr.paren as Node).this) &&
    "and" in ((expr.paren as Node).this as Node)
  )
    return conjuncts((expr.paren as Node).this);
  return [expr];
}

/** Node shapes for joins and AND, taken from the parser itself so they always print. */
let templates: { cross: Node; left: Node; and: Node } | undefined;
function shapes(): { cross: Node; left: Node; and: Node } {
  if (!templates) {
    const ast = (
      parse("SELECT 1 FROM a CROSS JOIN b LEFT JOIN c ON TRUE WHERE TRUE AND TRUE", Dialect.Snowflake)
        .ast as Node[]
    )[0] as Node;
    const select = ast.select as Node;
    const joins = select.joins as Node[];
    templates = {
      cross: joins[0] as Node,
      left: joins[1] as Node,
      and: (select.where_clause as Node).this as Node,
    };
  }
  return templates;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function andOf(parts: unknown[]): unknown {
  return parts.reduce((left, right) => {
    const node = clone(shapes().and);
    (node.and as Node).left = left;
    (node.and as Node).right = right;
    return node;
  });
}

interface InnerJoin {
  outers: string[];
  predicates: unknown[];
}

/** Rewrites one query block's `(+)` predicates into joins; true when it changed. */
function rewriteBlock(select: Node): boolean {
  const where = select.where_clause as Node | null;
  if (!isNode(where)) return false;
  const marked = (c: Node): boolean => c.join_mark === true;
  const parts = conjuncts(where.this);
  if (!parts.some((p) => columnsOf(p).some(marked))) return false;
  const from = select.from as Node | null;
  const items = (isNode(from) ? (from.expressions as unknown[]) : []) ?? [];
  if ((select.joins as unknown[] | undefined)?.length) {
    throw sfErrors.compilation(
      "The local engine does not combine outer-join marks (+) with JOIN clauses in one query block; write the outer join as LEFT OUTER JOIN.",
    );
  }
  const names = items.map(itemName);
  const inner = new Map<string, InnerJoin>();
  const kept: unknown[] = [];
  for (const part of parts) {
    const columns = columnsOf(part);
    const marks = columns.filter(marked);
    if (marks.length === 0) {
      kept.push(part);
      continue;
    }
    const innerTables = [...new Set(marks.map(qualifierOf))];
    const outerTables = [...new Set(columns.filter((c) => !marked(c)).map(qualifierOf))];
    if (innerTables.includes(null) || outerTables.includes(null))
      throw sfErrors.compilation(
        "The local engine needs every column of an outer-join predicate (+) qualified with its table.",
      );
    if (innerTables.length > 1)
      throw sfErrors.compilation(
        `Outer join predicates form a cycle between '${innerTables[0]}' and '${innerTables[1]}'.`,
      );
    const table = innerTables[0] as string;
    const join = inner.get(table) ?? { outers: [], predicates: [] };
    for (const outer of outerTables as string[])
      if (outer !== table && !join.outers.includes(outer)) join.outers.push(outer);
    for (const c of marks) c.join_mark = false;
    join.predicates.push(part);
    inner.set(table, join);
  }
  for (const [table, join] of inner) {
    if (join.outers.length > 1)
      throw sfErrors.compilation(
        `Table '${table}' is outer joined to multiple tables: ${[...join.outers]
          .reverse()
          .map((n) => `'${n}'`)
          .join(" and ")}.`,
      );
    const outer = join.outers[0];
    if (outer !== undefined && inner.get(outer)?.outers.includes(table))
      throw sfErrors.compilation(`Outer join predicates form a cycle between '${outer}' and '${table}'.`);
    if (!names.includes(table) || (outer !== undefined && !names.includes(outer)))
      throw sfErrors.compilation(
        `The local engine cannot place the outer join of '${table}': name each table of the FROM list once.`,
      );
  }
  // Unmarked tables first, in FROM order; then each inner table once its outer table is placed.
  const placed: number[] = names.flatMap((n, i) => (n !== null && inner.has(n) ? [] : [i]));
  const pending = names.flatMap((n, i) => (n !== null && inner.has(n) ? [i] : []));
  while (pending.length > 0) {
    const next = pending.findIndex((i) => {
      const outer = inner.get(names[i] as string)?.outers[0];
      return outer === undefined || placed.some((p) => names[p] === outer);
    });
    if (next < 0)
      throw sfErrors.compilation(
        "Outer join predicates (+) form a cycle between the tables of the FROM list.",
      );
    placed.push(...pending.splice(next, 1));
  }
  const [first, ...rest] = placed;
  if (first === undefined) return false;
  (from as Node).expressions = [items[first]];
  select.joins = rest.map((i) => {
    const join = inner.get(names[i] as string);
    const node = clone(join ? shapes().left : shapes().cross);
    node.this = items[i];
    if (join) node.on = andOf(join.predicates);
    return node;
  });
  select.where_clause = kept.length === 0 ? null : { ...where, this: andOf(kept) };
  return true;
}

/** Rewrites every query block of a parsed statement that uses `(+)`; true when any changed. */
export function applyOuterJoinMarks(ast: unknown): boolean {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    for (const value of Object.values(node)) visit(value);
    if (isNode(node.select) && "where_clause" in node.select) changed = rewriteBlock(node.select) || changed;
  };
  visit(ast);
  return changed;
}
