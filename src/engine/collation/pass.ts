/**
 * Collation on the parsed statement (the transpiler's JSON AST, after name resolution). DuckDB
 * stores collated columns as plain VARCHAR; this pass works out each string expression's collation
 * as Snowflake does (docs: "Collation precedence in multi-string operations") and rewrites the
 * operations that honour it to compare keys (`spec.ts`):
 *
 * - comparisons (`=`, `<>`, `<`, `<=`, `>`, `>=`, IS [NOT] DISTINCT FROM, BETWEEN, IN over a list,
 *   EQUAL_NULL, NULLIF, DECODE's searches, a simple CASE's WHEN values): both sides' keys;
 * - ORDER BY items (also in OVER and WITHIN GROUP, so LISTAGG orders by them): the key;
 * - MIN / MAX: MIN_BY / MAX_BY over the key, so the value itself comes back; GREATEST / LEAST: a
 *   JavaScript function that orders by the collation (`scalars.ts`);
 * - COUNT(DISTINCT x): distinct keys;
 * - CONTAINS / STARTSWITH / ENDSWITH, POSITION / CHARINDEX, REPLACE, SPLIT, SPLIT_PART: JavaScript
 *   searches (`search.ts`); they refuse `pi` and `cs-ai`, as their reference pages say;
 * - LIKE / ILIKE and LIKE ANY / ALL, ILIKE ANY: on converted strings; only `upper` / `lower` /
 *   `trim` (no locale, no ci / ai / pi), anything else is refused;
 * - the regular expression functions refuse a collated argument (COLLATE '' removes a collation);
 * - UPPER / LOWER: the locale's case mapping (Turkish and Azerbaijani dotted and dotless i);
 * - COLLATE(x, spec) and `x COLLATE spec` leave `x`; COLLATION(x) becomes its specification.
 *
 * Keys: `upper` / `lower` / `trim` are the converted string (`search.ts` collationKey: Unicode's
 * full case mapping, code point by code point), compared by code point; a locale or ci / ai / pi
 * is its ICU sort key (DuckDB's `icu_sort_key`).
 *
 * A string function's result keeps its inputs' collation (CONCAT, SUBSTR, LPAD, IFF, COALESCE …, and
 * LISTAGG its first argument's).
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
import { collationKey } from "./search.js";
import {
  type CollationSpec,
  hasTurkicCasing,
  icuCollator,
  invalidCollation,
  parseCollationSpec,
  unsupportedCollation,
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

const COMPARISONS = new Set(["eq", "neq", "lt", "lte", "gt", "gte", "null_safe_eq", "null_safe_neq"]);

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
  // LISTAGG's result has its input's collation (not its separator's nor its ordering's).
  if (key === "list_agg" || key === "within_group") return collationOf(body.this, lookup);
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

/** Whether a specification converts strings before comparing them (trim, upper / lower). */
function converts(spec: CollationSpec): boolean {
  return spec.trim !== null || spec.conversion !== null;
}

/**
 * The value DuckDB compares in place of `node` under the specification: the converted string
 * (`collation/search.ts` collationKey: trimmed, each code point case-converted with Unicode's full
 * mapping), and under a locale or ci / ai / pi its ICU sort key.
 */
function comparisonKey(node: unknown, spec: CollationSpec): unknown {
  const collator = icuCollator(spec);
  const out = converts(spec) ? functionCall("MERC_COLLATION_KEY", [node, text(spec.text)]) : node;
  return collator === null ? out : functionCall("ICU_SORT_KEY", [out, text(collator)]);
}

/** Whether searching under the specification differs from searching code points as they are. */
function searchesDiffer(spec: CollationSpec): boolean {
  return spec.binary === null && (converts(spec) || icuCollator(spec) !== null);
}

/**
 * The search functions (CONTAINS, POSITION, REPLACE, SPLIT …) take no `pi` and no `cs-ai` (their
 * reference pages' "Collation details").
 */
function requireSearchable(fn: string, spec: CollationSpec): void {
  if (spec.punctuationInsensitive || (spec.accentInsensitive && !spec.caseInsensitive))
    throw unsupportedCollation(fn, spec);
}

/** LIKE and its forms take only `upper`, `lower` and `trim` (and no locale with them). */
function requireLikeCollation(fn: string, spec: CollationSpec): void {
  if (spec.locale !== null || spec.caseInsensitive || spec.accentInsensitive || spec.punctuationInsensitive)
    throw unsupportedCollation(fn, spec);
}

const bigint = (node: unknown): Node => ({
  cast: {
    this: node,
    to: { data_type: "custom", name: "BIGINT" },
    trailing_comments: [],
    double_colon_syntax: false,
  },
});

/** The regular expression functions, which take no collated argument. */
const REGEXP_FUNCTIONS = new Set([
  "REGEXP_LIKE",
  "RLIKE",
  "REGEXP",
  "REGEXP_REPLACE",
  "REGEXP_SUBSTR",
  "REGEXP_SUBSTR_ALL",
  "REGEXP_EXTRACT_ALL",
  "REGEXP_INSTR",
  "REGEXP_COUNT",
]);

/** The JavaScript search functions (collation/scalars.ts) the search functions become. */
const SEARCHES: Record<string, string> = {
  contains: "MERC_COLLATED_CONTAINS",
  starts_with: "MERC_COLLATED_STARTSWITH",
  ends_with: "MERC_COLLATED_ENDSWITH",
};

/** How a function that honours collation is rewritten (see FUNCTION_REWRITES). */
interface FunctionRewrite {
  /** The indexes of the string arguments compared or searched, for a call with `count` arguments; null: not this form. */
  strings(count: number): number[] | null;
  /** Refuses a specification the function does not take. */
  check?(name: string, spec: CollationSpec): void;
  /** The call's replacement (arguments already rewritten), or null to keep the call. */
  rewrite(args: unknown[], spec: CollationSpec): unknown;
}

const NULL_NODE: Node = { null: null };
const one: Node = { literal: { literal_type: "number", value: "1" } };

function equality(left: unknown, right: unknown): Node {
  return { eq: { left, right, left_comments: [], operator_comments: [], trailing_comments: [] } };
}

const forms =
  (...counts: number[]) =>
  (strings: number[]) =>
  (count: number): number[] | null =>
    counts.includes(count) ? strings : null;

/** Functions of Snowflake's collation list that search, compare or order their string arguments. */
const FUNCTION_REWRITES: Record<string, FunctionRewrite> = {
  REPLACE: {
    strings: forms(2, 3)([0, 1, 2]),
    check: requireSearchable,
    rewrite: ([s, p, r], spec) =>
      functionCall("MERC_COLLATED_REPLACE", [s, p, r ?? text(""), text(spec.text)]),
  },
  CHARINDEX: {
    strings: forms(2, 3)([0, 1]),
    check: requireSearchable,
    rewrite: ([needle, haystack, start], spec) =>
      functionCall("MERC_COLLATED_POSITION", [needle, haystack, bigint(start ?? one), text(spec.text)]),
  },
  SPLIT: {
    strings: forms(2)([0, 1]),
    check: requireSearchable,
    rewrite: ([s, separator], spec) => functionCall("MERC_COLLATED_SPLIT", [s, separator, text(spec.text)]),
  },
  SPLIT_PART: {
    strings: forms(3)([0, 1]),
    check: requireSearchable,
    rewrite: ([s, separator, part], spec) =>
      functionCall("MERC_COLLATED_SPLIT_PART", [s, separator, bigint(part), text(spec.text)]),
  },
  EQUAL_NULL: {
    strings: forms(2)([0, 1]),
    rewrite: ([a, b], spec) => functionCall("EQUAL_NULL", [comparisonKey(a, spec), comparisonKey(b, spec)]),
  },
  NULLIF: {
    strings: forms(2)([0, 1]),
    rewrite: ([a, b], spec) => ({
      if_func: {
        condition: equality(comparisonKey(structuredClone(a), spec), comparisonKey(b, spec)),
        true_value: NULL_NODE,
        false_value: a,
        original_name: "IFF",
      },
    }),
  },
  DECODE: {
    // DECODE(expr, search1, result1, …[, default]): the expression and the searches are compared.
    strings: (count) =>
      count < 3 ? null : [0, ...Array.from({ length: Math.floor((count - 1) / 2) }, (_, k) => 2 * k + 1)],
    rewrite: (args, spec) => {
      const searches = Math.floor((args.length - 1) / 2);
      return functionCall(
        "DECODE",
        args.map((a, i) =>
          i === 0 || (i % 2 === 1 && (i + 1) / 2 <= searches) ? comparisonKey(a, spec) : a,
        ),
      );
    },
  },
  GREATEST: {
    strings: (count) => Array.from({ length: count }, (_, i) => i),
    rewrite: (args, spec) => functionCall("MERC_COLLATED_GREATEST", [text(spec.text), ...args]),
  },
  LEAST: {
    strings: (count) => Array.from({ length: count }, (_, i) => i),
    rewrite: (args, spec) => functionCall("MERC_COLLATED_LEAST", [text(spec.text), ...args]),
  },
  LIKE: {
    strings: forms(2, 3)([0, 1]),
    check: requireLikeCollation,
    rewrite: ([s, p, escapeChar], spec) =>
      functionCall("LIKE", [
        comparisonKey(s, spec),
        comparisonKey(p, spec),
        ...(escapeChar ? [escapeChar] : []),
      ]),
  },
  ILIKE: {
    strings: forms(2, 3)([0, 1]),
    check: requireLikeCollation,
    rewrite: ([s, p, escapeChar], spec) =>
      functionCall("ILIKE", [
        comparisonKey(s, spec),
        comparisonKey(p, spec),
        ...(escapeChar ? [escapeChar] : []),
      ]),
  },
};

/** The patterns of `x LIKE p`, `x LIKE ANY (p1, p2)` (a tuple) or `x LIKE ANY (p)` (a parenthesis), and how to replace them. */
function likePatterns(body: Node): { items: unknown[]; set(items: unknown[]): void } {
  const right = body.right as Node;
  const tuple = right.tuple as Node | undefined;
  if (tuple && Array.isArray(tuple.expressions))
    return { items: tuple.expressions as unknown[], set: (items) => (tuple.expressions = items) };
  const paren = right.paren as Node | undefined;
  if (paren) return { items: [paren.this], set: ([item]) => (paren.this = item) };
  if (keyOf(right) === "subquery") return { items: [], set: () => undefined };
  return { items: [right], set: ([item]) => (body.right = item) };
}

function likeName(key: string, quantifier: unknown): string {
  const base = key === "i_like" ? "ILIKE" : "LIKE";
  return typeof quantifier === "string" ? `${base} ${quantifier}` : base;
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

  /** The collation several operands are compared under (precedence, or 002322 between equals). */
  const collationOfAll = (operands: unknown[]): CollationSpec | null =>
    operands.reduce<Collation>((acc, e) => combine(acc, collationOf(e, lookup)), UNCOLLATED).spec;

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
      const spec = collationOfAll([body.this, body.expression]);
      if (spec === null || !searchesDiffer(spec)) return undefined;
      requireSearchable(key.toUpperCase().replace("_", ""), spec);
      return functionCall(SEARCHES[key]!, [rewrite(body.this), rewrite(body.expression), text(spec.text)]);
    }
    if (key === "str_position") {
      const spec = collationOfAll([body.this, body.substr]);
      if (spec === null || !searchesDiffer(spec)) return undefined;
      requireSearchable("POSITION", spec);
      const start =
        body.position == null ? { literal: { literal_type: "number", value: "1" } } : body.position;
      return functionCall("MERC_COLLATED_POSITION", [
        rewrite(body.substr),
        rewrite(body.this),
        bigint(rewrite(start)),
        text(spec.text),
      ]);
    }
    const written = name === null ? undefined : FUNCTION_REWRITES[name];
    if (written !== undefined && name !== null) {
      const original = functionArgs(n);
      const strings = written.strings(original.length);
      if (strings === null) return undefined;
      const spec = collationOfAll(strings.map((i) => original[i]));
      if (spec === null) return undefined;
      written.check?.(name, spec);
      const args = original.map((a) => rewrite(a));
      (n.function as Node).args = args;
      return (converts(spec) || icuCollator(spec) !== null ? written.rewrite(args, spec) : null) ?? n;
    }
    if (key === "regexp_like" || (name !== null && REGEXP_FUNCTIONS.has(name))) {
      // Their pages: "Arguments with collation specifications are currently not supported."
      const spec = collationOfAll(key === "regexp_like" ? [body.this, body.pattern] : functionArgs(n));
      if (spec !== null) throw unsupportedCollation(name ?? "REGEXP_LIKE", spec);
      return undefined;
    }
    if (key === "case" && body.operand != null && Array.isArray(body.whens)) {
      // A simple CASE compares its operand with each WHEN value.
      const whens = body.whens as unknown[][];
      const spec = collationOfAll([body.operand, ...whens.map((when) => when[0])]);
      if (spec === null || !(converts(spec) || icuCollator(spec) !== null)) return undefined;
      body.operand = comparisonKey(rewrite(body.operand), spec);
      for (const when of whens) {
        when[0] = comparisonKey(rewrite(when[0]), spec);
        when[1] = rewrite(when[1]);
      }
      if (body.else_ != null) body.else_ = rewrite(body.else_);
      return n;
    }
    if ((key === "like" || key === "i_like") && body.left !== undefined) {
      // `x LIKE ANY ('a', 'b') COLLATE 'upper'` collates the list: its items take the collation.
      const collatedList = explicitSpec(body.right as Node) ? body.right : undefined;
      if (collatedList !== undefined) body.right = explicitSpec(collatedList as Node)?.inner;
      const patterns = likePatterns(body);
      const spec = collationOfAll([body.left, ...patterns.items, collatedList]);
      if (spec === null) return undefined;
      requireLikeCollation(likeName(key, body.quantifier), spec);
      if (!searchesDiffer(spec)) return undefined;
      body.left = comparisonKey(rewrite(body.left), spec);
      patterns.set(patterns.items.map((item) => comparisonKey(rewrite(item), spec)));
      const escapeLiteral = (body.escape as Node | null | undefined)?.literal as Node | undefined;
      if (escapeLiteral?.literal_type === "string")
        escapeLiteral.value = collationKey(String(escapeLiteral.value), spec);
      return n;
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
