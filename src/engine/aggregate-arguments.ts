/**
 * Snowflake's SUM and AVG read a string argument as FLOAT (and fail on a string that is not a
 * number, 100038), where DuckDB has no SUM / AVG of VARCHAR. Before translation, the argument of
 * SUM / AVG that is a column declared as a string is wrapped in `CAST(… AS FLOAT)`.
 */
import { replaceBottomUp } from "./ast-rewrite.js";
import { type ColumnTypeLookup, declaredColumnType } from "./numeric.js";

type Node = Record<string, unknown>;

const AGGREGATES = ["sum", "avg"] as const;

function isStringColumn(node: unknown, lookup: ColumnTypeLookup): boolean {
  if (typeof node !== "object" || node === null || !("column" in node)) return false;
  return declaredColumnType((node as { column: Node }).column, lookup)?.type === "text";
}

/** Casts string-column arguments of SUM / AVG to FLOAT. True if any changed. */
export function applyStringAggregates(ast: unknown, lookup: ColumnTypeLookup): boolean {
  return replaceBottomUp(ast, (n) => {
    const key = AGGREGATES.find((k) => k in n);
    if (key === undefined || Object.keys(n).length !== 1) return n;
    const body = n[key] as Node;
    if (!isStringColumn(body.this, lookup)) return n;
    const cast = {
      cast: {
        this: body.this,
        to: { data_type: "custom", name: "FLOAT" },
        trailing_comments: [],
        double_colon_syntax: false,
      },
    };
    return { [key]: { ...body, this: cast } };
  });
}
