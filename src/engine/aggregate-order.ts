/**
 * ORDER BY rules around aggregates that Snowflake and DuckDB draw differently, on the resolved AST:
 * - a DISTINCT ARRAY_AGG / LISTAGG may only be ordered by its argument; Snowflake refuses any other
 *   key with "[T.C] is not a valid order by expression" (DuckDB's own wording differs);
 * - a query that aggregates without GROUP BY has one row, and Snowflake accepts an ORDER BY on a
 *   column the aggregates read (array_agg page); DuckDB refuses the bare column, so that ORDER BY,
 *   which cannot change the one row, is dropped.
 */
import { sfErrors } from "./errors.js";
import type { FoundRelation } from "./resolve.js";
import { decodeName } from "./identifiers.js";

type Node = Record<string, unknown>;

const ORDERED_AGGREGATES = new Set(["array_agg", "list_agg"]);

/** AST keys of aggregate calls (the transpiler's own nodes) and names of aggregates parsed as calls. */
const AGGREGATE_KEYS = new Set([
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "array_agg",
  "list_agg",
  "within_group",
  "count_if",
  "median",
  "mode",
  "stddev",
  "stddev_pop",
  "stddev_samp",
  "variance",
  "var_pop",
  "var_samp",
  "any_value",
  "approx_distinct",
]);
const AGGREGATE_FUNCTIONS =
  /^(count_if|listagg|array_agg|arrayagg|array_unique_agg|object_agg|any_value|median|mode|booland_agg|boolor_agg|boolxor_agg|bitand_agg|bitor_agg|bitxor_agg|approx_count_distinct|hll|kurtosis|skew|corr|covar_pop|covar_samp|min_by|max_by)$/i;

/** A node without positions or comments, for comparing two expressions. */
function shape(node: unknown): string {
  return JSON.stringify(node, (key, value: unknown) =>
    key === "span" || key === "trailing_comments" ? undefined : value,
  );
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  visit(node as Node);
  for (const value of Object.values(node)) walk(value, visit);
}

const identName = (ident: unknown): string | null => {
  const i = ident as { name?: unknown; quoted?: unknown } | null;
  if (!i || typeof i.name !== "string") return null;
  return i.quoted ? decodeName(i.name) : i.name.toUpperCase();
};

/** `[T.C]` as Snowflake names an ORDER BY key it refuses (the relation's name when it is the only one). */
function keyName(key: unknown, relations: readonly FoundRelation[]): string {
  const column = (key as Node | null)?.column as Node | undefined;
  const name = column ? identName(column.name) : null;
  if (name === null) return "ORDER BY expression";
  const qualifier = identName(column?.table) ?? (relations.length === 1 ? relations[0]!.name.name : null);
  return qualifier === null ? name : `${qualifier}.${name}`;
}

/** Refuses a DISTINCT ARRAY_AGG / LISTAGG ordered by anything but its argument, as Snowflake does. */
export function checkDistinctAggregateOrder(ast: unknown, relations: readonly FoundRelation[]): void {
  walk(ast, (node) => {
    const within = node.within_group as Node | undefined;
    if (!within || !Array.isArray(within.order_by)) return;
    const inner = within.this as Node | undefined;
    const kind = inner ? Object.keys(inner)[0] : undefined;
    if (kind === undefined || !ORDERED_AGGREGATES.has(kind)) return;
    const call = (inner as Node)[kind] as Node;
    if (call.distinct !== true) return;
    const argument = shape(call.this);
    for (const item of within.order_by as Node[]) {
      if (shape(item.this) !== argument)
        throw sfErrors.compilation(`[${keyName(item.this, relations)}] is not a valid order by expression`);
    }
  });
}

const isAggregate = (node: Node): boolean => {
  const key = Object.keys(node)[0] ?? "";
  if (AGGREGATE_KEYS.has(key)) return true;
  const fn = node[key] as Node | undefined;
  return (
    (key === "function" || key === "aggregate_function") && AGGREGATE_FUNCTIONS.test(String(fn?.name ?? ""))
  );
};

/**
 * Drops the ORDER BY of an outermost SELECT that aggregates without GROUP BY when every key is a
 * column its aggregates read: the query has one row. Returns true when the AST changed.
 */
export function dropSingleRowOrderBy(ast: unknown): boolean {
  const select = (ast as Node).select as Node | undefined;
  const order = select?.order_by as Node | undefined;
  const keys = order && Array.isArray(order.expressions) ? (order.expressions as Node[]) : null;
  if (!select || !keys || keys.length === 0 || select.group_by || select.having) return false;
  const items = Array.isArray(select.expressions) ? (select.expressions as Node[]) : [];
  let windowed = false;
  const aggregated = new Set<string>();
  let everyItemAggregates = items.length > 0;
  for (const item of items) {
    let aggregates = false;
    walk(item, (node) => {
      if ("window_function" in node || "window" in node) windowed = true;
      if (!isAggregate(node)) return;
      aggregates = true;
      walk(node, (inside) => {
        if ("column" in inside) aggregated.add(shape(inside));
      });
    });
    if (!aggregates) everyItemAggregates = false;
  }
  if (windowed || !everyItemAggregates) return false;
  if (!keys.every((key) => "column" in (key.this as Node) && aggregated.has(shape(key.this)))) return false;
  select.order_by = null;
  return true;
}
