/**
 * FLATTEN over a structured ARRAY or MAP keeps the element (and key) types: Snowflake's VALUE column
 * of `FLATTEN(INPUT => [1.08]::ARRAY(DOUBLE))` is a FLOAT, not a VARIANT (data-types-structured).
 * The engine's FLATTEN (functions/flatten.ts) yields VARIANT values, so a `TABLE(FLATTEN(…))` whose
 * input has a static structured type becomes a derived table that casts VALUE (and a MAP's KEY) to
 * the declared types, in Snowflake terms before translation: the values and the type system (which
 * reads the casts) follow together; `LATERAL FLATTEN(…)` likewise (DuckDB reads a derived table's
 * outer references as a lateral join). Element types that are themselves structured are left alone.
 */
import { type InferredType, inferType, type TypeLookup } from "./expression-types.js";

type Node = Record<string, unknown>;
/** The parser (translate.ts parseStatement), passed in: translate.ts imports this module's caller. */
type Parse = (sql: string) => unknown;

/** The FLATTEN call inside `TABLE(FLATTEN(…))`, or null. */
function flattenCall(node: unknown): Node | null {
  const table = (node as Node | null)?.function as Node | undefined;
  if (!table || String(table.name).toUpperCase() !== "TABLE" || !Array.isArray(table.args)) return null;
  const inner = (table.args[0] as Node | undefined)?.function as Node | undefined;
  return inner && String(inner.name).toUpperCase() === "FLATTEN" ? inner : null;
}

/** FLATTEN's input argument (named INPUT, or the first positional one). */
function inputArgument(call: Node): unknown {
  const args = (call.args as unknown[]) ?? [];
  for (const arg of args) {
    const named = (arg as Node).named_argument as Node | undefined;
    if (named && String((named.name as Node).name).toUpperCase() === "INPUT") return named.value;
  }
  return args.find((arg) => !(arg as Node).named_argument) ?? null;
}

/** The casts VALUE and KEY get for a structured input type, or null (not a typed array or map). */
function casts(type: InferredType | null): { value: string; key: string | null } | null {
  const structured = type?.type.structured;
  if (!structured) return null;
  if (structured.kind === "array" && !structured.element.structured)
    return { value: structured.element.text, key: null };
  if (structured.kind === "map" && !structured.value.structured && !structured.key.structured)
    return { value: structured.value.text, key: structured.key.text };
  return null;
}

/** The derived table standing for one typed FLATTEN, with the original call and alias spliced in. */
function typedFlatten(
  parseStatement: Parse,
  call: Node,
  alias: Node | undefined,
  types: { value: string; key: string | null },
): Node {
  const key = types.key === null ? `"KEY"` : `CAST("KEY" AS ${types.key}) AS "KEY"`;
  const template = parseStatement(
    `SELECT "SEQ", ${key}, "PATH", "INDEX", CAST("VALUE" AS ${types.value}) AS "VALUE", "THIS" FROM TABLE(FLATTEN(INPUT => NULL)) AS "F"`,
  ) as Node;
  const select = template.select as Node;
  const from = (select.from as Node).expressions as Node[];
  const aliased = from[0]?.alias as Node;
  ((aliased.this as Node).function as Node).args = [{ function: call }];
  const name = (alias?.alias as Node | undefined) ?? { name: "F", quoted: false, trailing_comments: [] };
  const wrapped = parseStatement(`SELECT * FROM (SELECT 1) AS "F"`) as Node;
  const subquery = (((wrapped.select as Node).from as Node).expressions as Node[])[0] as Node;
  const inner = subquery.subquery as Node;
  inner.this = template;
  inner.alias = name;
  return subquery;
}

/**
 * Replaces each `TABLE(FLATTEN(INPUT => x))` in a FROM list whose `x` has a structured ARRAY / MAP
 * type by its typed derived table. True when the AST changed.
 */
export function typeStructuredFlattens(ast: unknown, lookup: TypeLookup, parseStatement: Parse): boolean {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    // Inner queries first; a derived table put in below is not visited again.
    for (const value of Object.values(node as Node)) visit(value);
    const from = (node as Node).from as Node | undefined;
    if (from && Array.isArray(from.expressions)) {
      from.expressions = (from.expressions as Node[]).map((item) => {
        // `LATERAL FLATTEN(…) f`: the call and its alias (a plain name) are the lateral's own.
        const lateral = item.lateral as Node | undefined;
        const lateralCall = (lateral?.this as Node | undefined)?.function as Node | undefined;
        if (lateral && lateralCall && String(lateralCall.name).toUpperCase() === "FLATTEN") {
          const types = casts(inferType(inputArgument(lateralCall), lookup));
          if (types === null) return item;
          changed = true;
          const name = typeof lateral.alias === "string" ? lateral.alias : "F";
          return typedFlatten(parseStatement, lateralCall, { alias: { name, quoted: false, trailing_comments: [] } }, types);
        }
        const alias = item.alias as Node | undefined;
        const call = flattenCall(alias ? alias.this : item);
        if (call === null) return item;
        const types = casts(inferType(inputArgument(call), lookup));
        if (types === null) return item;
        changed = true;
        return typedFlatten(parseStatement, call, alias, types);
      });
    }
  };
  visit(ast);
  return changed;
}
