/**
 * Collation on the parsed statement (the transpiler's JSON AST, after name resolution). DuckDB
 * stores collated columns as plain VARCHAR; this pass works out each string expression's collation
 * as Snowflake does (docs: "Collation precedence in multi-string operations") and rewrites the
 * operations that honour it to compare keys (`spec.ts`):
 *
 * - comparisons (`=`, `<>`, `<`, `<=`, `>`, `>=`, BETWEEN, IN over a list): both sides' keys;
 * - ORDER BY items (also in OVER and WITHIN GROUP, so LISTAGG orders by them): the key;
 * - MIN / MAX: MIN_BY / MAX_BY over the key, so the value itself comes back;
 * - COUNT(DISTINCT x): distinct keys;
 * - CONTAINS / STARTSWITH / ENDSWITH: on converted strings, or by an ICU key search (`macros.ts`);
 * - UPPER / LOWER: the locale's case mapping (Turkish and Azerbaijani dotted and dotless i);
 * - COLLATE(x, spec) and `x COLLATE spec` leave `x`; COLLATION(x) becomes its specification.
 *
 * Precedence: an explicit COLLATE beats a column's collation, which beats none; two different
 * collations at the same level are Snowflake's error 002322. GROUP BY and SELECT DISTINCT group by
 * keys (groupByCollation); UNION / INTERSECT / EXCEPT still compare stored values (see
 * src/engine/README.md).
 */
import { functionCall } from "../ast-rewrite.js";
import { SnowflakeError } from "../errors.js";
import { decodeName } from "../identifiers.js";
import type { ColumnTypeLookup } from "../numeric.js";

/**
 * Declared column types for the pass: by column name across the statement's relations (undefined
 * when absent or ambiguous), and, when known, by the qualifier a column is written with (`t.s`).
 */
export type CollationLookup = ColumnTypeLookup & {
  qualified?: (relation: string, column: string) => string | undefined;
};
import { isIdent } from "../resolve.js";
import { parseSnowflakeType } from "../types-map.js";
import {
  type CollationSpec,
  hasTurkicCasing,
  icuCollator,
  invalidCollation,
  parseCollationSpec,
} from "./spec.js";

type Node = Record<string, unknown>;

/** Precedence levels, highest first: COLLATE in the statement, a column's declared collation, none. */
const EXPLICIT = 2;
const COLUMN = 1;
const NONE = 0;

interface Collation {
  spec: CollationSpec | null;
  level: number;
}

const UNCOLLATED: Collation = { spec: null, level: NONE };

/** Nodes whose string result keeps the collation of their string inputs. */
const PROPAGATING_NODES = new Set([
  "paren",
  "upper",
  "lower",
  "trim",
  "concat",
  "coalesce",
  "nvl",
  "nvl2",
  "if_func",
  "case",
  "substring",
  "left",
  "right",
  "replace",
  "greatest",
  "least",
  "min",
  "max",
]);
const PROPAGATING_FUNCTIONS = new Set([
  "CONCAT",
  "LTRIM",
  "RTRIM",
  "TRIM",
  "SUBSTR",
  "SUBSTRING",
  "LEFT",
  "RIGHT",
  "LPAD",
  "RPAD",
  "REPLACE",
  "NVL",
  "NVL2",
  "IFNULL",
  "IFF",
  "COALESCE",
  "NULLIF",
  "GREATEST",
  "LEAST",
  "DECODE",
  "REVERSE",
  "MIN",
  "MAX",
  "ANY_VALUE",
]);

const COMPARISONS = new Set(["eq", "neq", "lt", "lte", "gt", "gte"]);

/** Snowflake's error for two different collations at the same precedence level. */
function incompatible(a: CollationSpec, b: CollationSpec): SnowflakeError {
  const [x, y] = [a.text, b.text].sort();
  return new SnowflakeError(
    "002322",
    "42846",
    `SQL compilation error:\nIncompatible collations: '${x}' and '${y}'`,
  );
}

function combine(a: Collation, b: Collation): Collation {
  if (a.level !== b.level) return a.level > b.level ? a : b;
  if (a.level === NONE || a.spec === null || b.spec === null) return a;
  if (a.spec.normalised !== b.spec.normalised) throw incompatible(a.spec, b.spec);
  return a;
}

function keyOf(node: unknown): string | undefined {
  return typeof node === "object" && node !== null && !Array.isArray(node) ? Object.keys(node)[0] : undefined;
}

function functionName(node: Node): string | null {
  const fn = node.function as Node | undefined;
  return fn ? String(fn.name).toUpperCase() : null;
}

function functionArgs(node: Node): unknown[] {
  const fn = node.function as Node | undefined;
  return Array.isArray(fn?.args) ? (fn.args as unknown[]) : [];
}

/** The specification of `COLLATE(x, '<spec>')` or `x COLLATE '<spec>'`; it must be a literal. */
function explicitSpec(node: Node): { inner: unknown; spec: CollationSpec | null } | null {
  const collation = node.collation as Node | undefined;
  if (collation) return { inner: collation.this, spec: parseCollationSpec(String(collation.collation)) };
  if (functionName(node) !== "COLLATE") return null;
  const [inner, spec] = functionArgs(node);
  const literal = (spec as Node | undefined)?.literal as Node | undefined;
  if (literal?.literal_type !== "string")
    throw invalidCollation(String(literal?.value ?? "?"), "the specification must be a string constant");
  return { inner, spec: parseCollationSpec(String(literal.value)) };
}

/** Works out an expression's collation (see the module comment). */
export function collationOf(node: unknown, lookup: CollationLookup): Collation {
  const key = keyOf(node);
  if (key === undefined) return UNCOLLATED;
  const n = node as Node;
  const body = n[key] as Node;
  const explicit = explicitSpec(n);
  if (explicit) {
    collationOf(explicit.inner, lookup);
    return explicit.spec === null ? UNCOLLATED : { spec: explicit.spec, level: EXPLICIT };
  }
  if (key === "column") {
    const name = body.name;
    if (!isIdent(name)) return UNCOLLATED;
    const column = name.quoted ? decodeName(name.name) : name.name.toUpperCase();
    const table = body.table;
    const written =
      isIdent(table) && lookup.qualified
        ? lookup.qualified(table.quoted ? decodeName(table.name) : table.name.toUpperCase(), column)
        : lookup(column);
    const collation = written === undefined ? undefined : parseSnowflakeType(written)?.collation;
    const spec = collation === undefined ? null : parseCollationSpec(collation);
    return spec === null ? UNCOLLATED : { spec, level: COLUMN };
  }
  const name = functionName(n);
  if (!PROPAGATING_NODES.has(key) && !(name !== null && PROPAGATING_FUNCTIONS.has(name))) return UNCOLLATED;
  let result = UNCOLLATED;
  for (const child of expressionChildren(body)) result = combine(result, collationOf(child, lookup));
  return result;
}

/** The expression operands directly under a node's body (arguments, branches, list items). */
function expressionChildren(body: Node): unknown[] {
  const out: unknown[] = [];
  for (const [field, value] of Object.entries(body)) {
    // A CASE's conditions and a searched operand are booleans: only its results carry a collation.
    if (field === "condition" || field === "operand") continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (Array.isArray(item)) out.push(item[1]);
        else if (keyOf(item) !== undefined) out.push(item);
      }
    } else if (keyOf(value) !== undefined) out.push(value);
  }
  return out;
}

function aliased(node: unknown, name: Node): Node {
  return {
    alias: {
      this: node,
      alias: name,
      column_aliases: [],
      alias_explicit_as: true,
      pre_alias_comments: [],
      trailing_comments: [],
    },
  };
}

const text = (value: string): Node => ({ literal: { literal_type: "string", value } });

/** Upper-casing as the specification's locale does it. */
function toUpper(node: unknown, spec: CollationSpec | null): Node {
  return functionCall("UPPER", [
    hasTurkicCasing(spec) ? functionCall("REPLACE", [node, text("i"), text("İ")]) : node,
  ]);
}

/** Lower-casing as the specification's locale does it. */
function toLower(node: unknown, spec: CollationSpec | null): Node {
  if (!hasTurkicCasing(spec)) return functionCall("LOWER", [node]);
  return functionCall("LOWER", [
    functionCall("REPLACE", [functionCall("REPLACE", [node, text("İ"), text("i")]), text("I"), text("ı")]),
  ]);
}

/** The string conversions a specification applies before comparing (trim, then upper / lower). */
function converted(node: unknown, spec: CollationSpec): unknown {
  let out = node;
  if (spec.trim !== null) out = functionCall(spec.trim.toUpperCase(), [out, text(" ")]);
  if (spec.conversion === "upper") out = toUpper(out, spec);
  else if (spec.conversion === "lower") out = toLower(out, spec);
  return out;
}

/** The value DuckDB compares in place of `node` under the specification. */
function comparisonKey(node: unknown, spec: CollationSpec): unknown {
  const collator = icuCollator(spec);
  const out = converted(node, spec);
  return collator === null ? out : functionCall("ICU_SORT_KEY", [out, text(collator)]);
}

/**
 * Rewrites the statement (see the module comment). `lookup` gives the declared types of the
 * statement's relations' columns (with their `COLLATE` clauses). Returns true when it changed anything.
 */
export function applyCollation(ast: unknown, lookup: CollationLookup): boolean {
  let changed = false;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = rewrite(node[i]);
      return node;
    }
    if (typeof node !== "object" || node === null) return node;
    const n = node as Node;
    const key = Object.keys(n)[0];
    const replaced = key === undefined ? undefined : rewriteNode(n, key);
    if (replaced !== undefined) {
      changed = true;
      return replaced;
    }
    if (key === "select") groupByCollation(n.select as Node);
    for (const [field, value] of Object.entries(n)) {
      if (field === "order_by") rewriteOrderBy(value);
      else if (field === "partition_by") rewritePartitionBy(value);
      else n[field] = rewrite(value);
    }
    return n;
  };

  /**
   * GROUP BY (and SELECT DISTINCT, read as a GROUP BY of its items) on collated expressions groups
   * by their keys; the select list, HAVING and ORDER BY then show one value of each group (the
   * smallest stored one, MIN), since the expression itself is no longer a grouping key.
   */
  const groupByCollation = (select: Node): void => {
    const items = Array.isArray(select.expressions) ? (select.expressions as Node[]) : [];
    const bare = (item: Node): unknown => ((item.alias as Node | undefined)?.this as unknown) ?? item;
    if (select.distinct === true && select.group_by == null && items.length > 0) {
      const plain = items.every((item) => !("star" in item) && !containsAggregate(item));
      if (!plain || !items.some((item) => collationOf(bare(item), lookup).spec !== null)) return;
      select.distinct = false;
      select.group_by = {
        expressions: items.map((item) => structuredClone(bare(item))),
        all: null,
        totals: false,
      };
    }
    const groups = (select.group_by as Node | null | undefined)?.expressions;
    if (!Array.isArray(groups)) return;
    for (let i = 0; i < groups.length; i++) {
      let grouped = groups[i] as unknown;
      const ordinal = ((grouped as Node).literal as Node | undefined)?.literal_type === "number";
      if (ordinal) grouped = bare(items[Number(((grouped as Node).literal as Node).value) - 1] ?? {});
      const { spec } = collationOf(grouped, lookup);
      if (spec === null) continue;
      const shape = shapeOf(grouped);
      const representative = (node: unknown): unknown => functionCall("MIN", [structuredClone(node)]);
      for (let k = 0; k < items.length; k++) {
        const item = items[k] as Node;
        // A bare column keeps its name as the result column's: MIN(s) AS s.
        const name =
          shapeOf(item) === shape ? ((item.column as Node | undefined)?.name as Node | undefined) : undefined;
        items[k] = name
          ? aliased(representative(item), structuredClone(name))
          : (replaceOutsideAggregates(item, shape, representative) as Node);
      }
      for (const field of ["having", "qualify", "order_by"])
        if (select[field] != null)
          select[field] = replaceOutsideAggregates(select[field], shape, representative);
      groups[i] = comparisonKey(rewrite(structuredClone(grouped)), spec);
      changed = true;
    }
  };

  const rewritePartitionBy = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      const { spec } = collationOf(value[i], lookup);
      const rewritten = rewrite(value[i]);
      value[i] = spec === null ? rewritten : comparisonKey(rewritten, spec);
      if (spec !== null) changed = true;
    }
  };

  const rewriteOrderBy = (value: unknown): void => {
    const items = Array.isArray(value)
      ? value
      : Array.isArray((value as Node | null)?.expressions)
        ? ((value as Node).expressions as unknown[])
        : [];
    for (const raw of items) {
      const item = ((raw as Node).ordered ?? raw) as Node;
      if (item.this === undefined) continue;
      const { spec } = collationOf(item.this, lookup);
      const value = rewrite(item.this);
      item.this = spec === null ? value : comparisonKey(value, spec);
      if (spec !== null) changed = true;
    }
  };

  /** Returns the node's replacement, or undefined to descend into it unchanged. */
  const rewriteNode = (n: Node, key: string): unknown => {
    const body = n[key] as Node;
    const explicit = explicitSpec(n);
    if (explicit) {
      collationOf(n, lookup);
      return rewrite(explicit.inner);
    }
    const name = functionName(n);
    if (name === "COLLATION") {
      const [arg] = functionArgs(n);
      const { spec } = collationOf(arg, lookup);
      if (spec !== null) return text(spec.text);
      return {
        cast: {
          this: { null: null },
          to: { data_type: "custom", name: "VARCHAR" },
          trailing_comments: [],
          double_colon_syntax: false,
        },
      };
    }
    if (COMPARISONS.has(key)) return withKeys(n, body, ["left", "right"]);
    if (key === "between") return withKeys(n, body, ["this", "low", "high"]);
    if (key === "in" && Array.isArray(body.expressions) && !body.query) {
      const { spec } = [body.this, ...(body.expressions as unknown[])].reduce<Collation>(
        (acc, e) => combine(acc, collationOf(e, lookup)),
        UNCOLLATED,
      );
      if (spec === null) return undefined;
      body.this = comparisonKey(rewrite(body.this), spec);
      body.expressions = (body.expressions as unknown[]).map((e) => comparisonKey(rewrite(e), spec));
      return n;
    }
    if ((key === "min" || key === "max") && body.this !== undefined) {
      const { spec } = collationOf(body.this, lookup);
      if (spec === null) return undefined;
      const value = rewrite(body.this);
      return functionCall(key === "min" ? "MIN_BY" : "MAX_BY", [
        value,
        comparisonKey(structuredClone(value), spec),
      ]);
    }
    if (key === "count" && body.distinct === true && body.this !== undefined) {
      const { spec } = collationOf(body.this, lookup);
      if (spec === null) return undefined;
      body.this = comparisonKey(rewrite(body.this), spec);
      return n;
    }
    if (key === "contains" || key === "starts_with" || key === "ends_with") {
      const { spec } = combine(collationOf(body.this, lookup), collationOf(body.expression, lookup));
      if (spec === null) return undefined;
      const [s, p] = [rewrite(body.this), rewrite(body.expression)];
      const collator = icuCollator(spec);
      if (collator === null) {
        body.this = converted(s, spec);
        body.expression = converted(p, spec);
        return n;
      }
      const macro =
        key === "contains"
          ? "MERC_COLLATE_CONTAINS"
          : key === "starts_with"
            ? "MERC_COLLATE_STARTSWITH"
            : "MERC_COLLATE_ENDSWITH";
      return functionCall(macro, [converted(s, spec), converted(p, spec), text(collator)]);
    }
    if ((key === "upper" || key === "lower") && body.this !== undefined) {
      const { spec } = collationOf(body.this, lookup);
      if (!hasTurkicCasing(spec)) return undefined;
      const value = rewrite(body.this);
      return key === "upper" ? toUpper(value, spec) : toLower(value, spec);
    }
    return undefined;
  };

  const withKeys = (n: Node, body: Node, fields: string[]): unknown => {
    let collation = UNCOLLATED;
    for (const field of fields) collation = combine(collation, collationOf(body[field], lookup));
    const spec = collation.spec;
    if (spec === null) return undefined;
    for (const field of fields) body[field] = comparisonKey(rewrite(body[field]), spec);
    return n;
  };

  rewrite(ast);
  return changed;
}

/** Aggregate nodes: inside them a grouped expression is read row by row, not replaced. */
const AGGREGATE_NODES = new Set([
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "list_agg",
  "array_agg",
  "aggregate_function",
  "within_group",
  "window_function",
]);
const AGGREGATE_FUNCTIONS = new Set([
  "ANY_VALUE",
  "MIN",
  "MAX",
  "MIN_BY",
  "MAX_BY",
  "MEDIAN",
  "MODE",
  "LISTAGG",
  "ARRAY_AGG",
]);

function isAggregate(node: Node): boolean {
  const key = Object.keys(node)[0] ?? "";
  if (AGGREGATE_NODES.has(key)) return true;
  const name = functionName(node);
  return name !== null && AGGREGATE_FUNCTIONS.has(name);
}

function containsAggregate(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsAggregate);
  if (typeof node !== "object" || node === null) return false;
  if (keyOf(node) !== undefined && isAggregate(node as Node)) return true;
  return Object.values(node).some(containsAggregate);
}

/** An expression's structure without source positions, to find the same expression elsewhere. */
function shapeOf(node: unknown): string {
  return JSON.stringify(node, (field, value: unknown) => (field === "span" ? undefined : value));
}

/** Replaces every occurrence of the expression `shape` outside aggregates by `replace(it)`. */
function replaceOutsideAggregates(
  node: unknown,
  shape: string,
  replace: (node: unknown) => unknown,
): unknown {
  if (Array.isArray(node)) return node.map((item) => replaceOutsideAggregates(item, shape, replace));
  if (typeof node !== "object" || node === null) return node;
  const n = node as Node;
  if (keyOf(n) !== undefined && shapeOf(n) === shape) return replace(n);
  if (keyOf(n) !== undefined && isAggregate(n)) return n;
  for (const [field, value] of Object.entries(n)) n[field] = replaceOutsideAggregates(value, shape, replace);
  return n;
}

/** Whether a statement's text or its relations' columns can involve collation at all (a cheap gate). */
export function mayInvolveCollation(sql: string, columnTypes: readonly (string | undefined)[]): boolean {
  return /collat/i.test(sql) || columnTypes.some((t) => t !== undefined && /\bCOLLATE\s+'/i.test(t));
}
