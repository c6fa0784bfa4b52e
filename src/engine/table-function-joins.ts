/**
 * Joins Snowflake refuses to a table function. A table function in FROM is lateral: it runs once per
 * row of what precedes it, so it joins without a condition (`, TABLE(f(…))`, `JOIN TABLE(f(…))`,
 * `LATERAL f(…)`, and `LEFT JOIN LATERAL f(…)` as the STRTOK_SPLIT_TO_TABLE page writes it). A join
 * condition (ON, USING, NATURAL) to one, outer or inner, fails with 000002 "Unsupported feature 'lateral table function called with OUTER
 * JOIN syntax or a join predicate (ON clause)'" (the JOIN page). A SQL UDTF is the exception: its
 * body is a query, which joins like a subquery. DuckDB would run all of these, so they are refused
 * on the parsed statement before anything is rewritten.
 */
import type { UdfLookup } from "./functions/check.js";
import { SnowflakeError } from "./errors.js";

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Throws 000002 when a join in `ast` has a condition and its right side is a table function. */
export function refuseTableFunctionJoins(ast: unknown, isUdf: UdfLookup = () => undefined): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    if (Array.isArray(node.joins))
      for (const join of node.joins) if (isNode(join) && refused(join, isUdf)) throw unsupported();
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
}

function refused(join: Node, isUdf: UdfLookup): boolean {
  const kind = String(join.kind ?? "");
  const conditioned =
    isNode(join.on) || (Array.isArray(join.using) && join.using.length > 0) || /natural/i.test(kind);
  // An outer join without a condition runs (the STRTOK_SPLIT_TO_TABLE page's `LEFT JOIN LATERAL`).
  if (!conditioned) return false;
  const name = tableFunctionName(join.this);
  return name !== null && isUdf([name]) === undefined && !/^MERC_QUDF_/i.test(name);
}

/** The name of the function a join's right side calls as a table function, else null. */
function tableFunctionName(side: unknown): string | null {
  let node = side;
  // An alias or LATERAL wraps the source.
  for (let i = 0; i < 3 && isNode(node); i++) {
    const inner = (isNode(node.alias) && node.alias.this) || (isNode(node.lateral) && node.lateral.this);
    if (!inner) break;
    node = inner;
  }
  if (!isNode(node) || !isNode(node.function)) return null;
  const call = node.function;
  if (!/^table$/i.test(String(call.name ?? ""))) return storedName(call);
  const first = Array.isArray(call.args) ? call.args[0] : undefined;
  return isNode(first) && isNode(first.function) ? storedName(first.function) : null;
}

/** A called name as Snowflake stores it (the UDF lookup's form): unquoted upper-cased. */
const storedName = (call: Node): string =>
  call.quoted === true ? String(call.name ?? "") : String(call.name ?? "").toUpperCase();

function unsupported(): SnowflakeError {
  return new SnowflakeError(
    "000002",
    "0A000",
    "Unsupported feature 'lateral table function called with OUTER JOIN syntax or a join predicate (ON clause)'.",
  );
}
