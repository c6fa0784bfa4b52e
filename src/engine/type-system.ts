/**
 * The type system's pass over a parsed statement, before translation:
 * - column types are known through CTEs, subqueries and select-list aliases, not only for base
 *   tables (the lookup returned here also feeds the division-scale and date passes);
 * - `SYSTEM$TYPEOF(expr)` becomes the string Snowflake prints for the expression's static type;
 * - a set operation's text items are converted where another branch gives a number (set-operation-types.ts);
 * - COUNT of a VARIANT skips JSON nulls (`COUNT(STRIP_NULL_VALUE(v))`), as Snowflake's does;
 * - a VARIANT argument of a string function or `||` is read as text (variantArgumentsAsText);
 * - a VARCHAR operand of + - * / is coerced to a number (NUMBER(38, 5), or FLOAT against a FLOAT),
 *   as Snowflake coerces it where DuckDB refuses `-(BIGINT, VARCHAR)`;
 * - a cast to a sized string (`CAST(x AS VARCHAR(4))`, `x::CHAR(2)`) fails on a longer value with
 *   Snowflake's 100078 (TRY_CAST gives NULL), where DuckDB would keep the whole string;
 * - the outermost select's items get their Snowflake types for the result metadata.
 */
import { replaceBottomUp, functionCall } from "./ast-rewrite.js";
import { type InferredType, inferType, systemTypeofText, type TypeLookup } from "./expression-types.js";
import { decodeName } from "./identifiers.js";
import type { UdfLookup } from "./functions/check.js";
import type { ColumnTypeLookup } from "./numeric.js";
import { isIdent } from "./resolve.js";
import { typeStructuredFlattens } from "./structured-flatten.js";
import { applySetOperationTypes } from "./set-operation-types.js";
import { isComment, type Token, tokenize } from "./split/index.js";
import { rewriteTypedNode } from "./typed-casts.js";
import { parseSnowflakeType } from "./types-map.js";

type Node = Record<string, unknown>;

/** What the pass found and changed. */
export interface TypeSystemResult {
  /** True when the AST was changed (it must be printed back). */
  rewritten: boolean;
  /** Types of the outermost select's items, in order; null when it has a `*` or is a set operation. */
  resultTypes: (InferredType | null)[] | null;
  /** Declared-type lookup by column name, extended with derived relations' columns and aliases. */
  columnTypes: ColumnTypeLookup;
}

const stored = (ident: { name: string; quoted?: boolean }): string =>
  ident.quoted ? decodeName(ident.name) : ident.name.toUpperCase();

/** The name a select item gives its column: its alias, or a bare column's name. */
function itemName(item: Node): string | null {
  const alias = item.alias as Node | undefined;
  if (alias && isIdent(alias.alias)) return stored(alias.alias);
  const column = item.column as Node | undefined;
  if (column && isIdent(column.name)) return stored(column.name);
  return null;
}

/** The leftmost select of a query node (a set operation reads its left branch's names). */
function selectOf(node: unknown): Node | null {
  let current = node as Node | null;
  for (let i = 0; i < 20 && current && typeof current === "object"; i++) {
    if (current.select) return current.select as Node;
    const setOp = (current.union ?? current.intersect ?? current.except) as Node | undefined;
    if (setOp) current = setOp.left as Node;
    else if (current.subquery) current = (current.subquery as Node).this as Node;
    else return null;
  }
  return null;
}

/**
 * Builds the name lookup: the columns of derived relations (CTEs, subqueries, their column lists)
 * and select-list aliases, each inferred from its expression, then the base relations' declared
 * types. Derived names come first: a CTE's `(a, b)` names the columns its readers see, even where a
 * base table has a column of that name. A derived name with two different types is ambiguous.
 */
function buildLookup(ast: unknown, base: ColumnTypeLookup, isUdf?: UdfLookup): TypeLookup {
  const derived = new Map<string, InferredType | null>();
  const lookup: TypeLookup = (name) => {
    if (derived.has(name)) return derived.get(name) ?? null;
    const declared = base(name);
    if (declared === undefined) return null;
    const type = parseSnowflakeType(declared);
    if (type === null) return null;
    // A column may hold any value its declared precision allows.
    return type.type === "fixed" ? { type, maxUnscaled: 10n ** BigInt(type.precision ?? 38) - 1n } : { type };
  };
  if (isUdf) lookup.functionType = (call) => udfReturnType(isUdf, call);
  const record = (name: string, type: InferredType | null): void => {
    if (!derived.has(name)) derived.set(name, type);
    else if (derived.get(name)?.type.sqlType !== type?.type.sqlType) derived.set(name, null);
  };
  const selects: Node[] = [];
  // Post-order: inner selects first, so outer items see their sources' columns.
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const value of Object.values(node as Node)) visit(value);
    const select = (node as Node).select as Node | undefined;
    if (select && Array.isArray(select.expressions)) selects.push(select);
  };
  visit(ast);
  const root = (ast as Node).select;
  for (const select of selects) {
    for (const item of select.expressions as Node[]) {
      const name = itemName(item);
      if (name === null || "column" in item) continue;
      // The outermost select's aliases are read only within it, where a table's column of the same
      // name wins (`SELECT d::VARCHAR AS d FROM t` casts the column d).
      if (select === root && base(name) !== undefined) continue;
      record(name, inferType(item, lookup));
    }
  }
  // Column lists given to derived relations: `(…) AS s(a, b)`, `WITH c (a, b) AS (…)`.
  const renames = (holder: Node, query: unknown): void => {
    const aliases = holder.column_aliases ?? holder.columns;
    const select = selectOf(query);
    if (!Array.isArray(aliases) || !select || !Array.isArray(select.expressions)) return;
    aliases.forEach((alias, i) => {
      const item = (select.expressions as Node[])[i];
      if (isIdent(alias) && item) record(stored(alias), inferType(item, lookup));
    });
  };
  const visitRenames = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visitRenames(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as Node;
    if (n.subquery) renames(n.subquery as Node, (n.subquery as Node).this);
    for (const value of Object.values(n)) visitRenames(value);
    const ctes = ((n.with as Node | undefined)?.ctes as Node[] | undefined) ?? [];
    for (const cte of ctes) renames(cte, cte.this);
  };
  visitRenames(ast);
  return lookup;
}

/** A scalar UDF's declared return type, for a call by a one-part name; null for anything else. */
function udfReturnType(isUdf: UdfLookup, call: { name: string; quoted: boolean }): InferredType | null {
  let returns: string | undefined;
  try {
    returns = isUdf([call.quoted ? call.name : call.name.toUpperCase()])?.returns;
  } catch {
    // A UDF the engine cannot run is refused by the function check, not here.
    return null;
  }
  const type = returns === undefined ? null : parseSnowflakeType(returns);
  return type === null ? null : { type };
}

const STRING_TYPES = /^(var_?char|n_?var_?char|char|n_?char|text|string|character)/i;

/** Bitwise functions (and their BIT_ aliases) by the engine macro family they map to. */
const BITWISE: Record<string, string> = {
  BITAND: "merc_bitand",
  BIT_AND: "merc_bitand",
  BITOR: "merc_bitor",
  BIT_OR: "merc_bitor",
  BITXOR: "merc_bitxor",
  BIT_XOR: "merc_bitxor",
  BITNOT: "merc_bitnot",
  BIT_NOT: "merc_bitnot",
  BITSHIFTLEFT: "merc_bitshiftleft",
  BIT_SHIFTLEFT: "merc_bitshiftleft",
  BITSHIFTRIGHT: "merc_bitshiftright",
  BIT_SHIFTRIGHT: "merc_bitshiftright",
  GETBIT: "merc_getbit",
};

const isNullNode = (node: unknown): boolean => typeof node === "object" && node !== null && "null" in node;

function castNode(node: unknown, type: string): Node {
  return {
    cast: {
      this: node,
      to: { data_type: "custom", name: type },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
}

const numberLiteral = (value: number): Node => ({
  literal: { literal_type: "number", value: String(value) },
});
const stringLiteral = (value: string): Node => ({ literal: { literal_type: "string", value } });

/**
 * Typed FLATTEN over structured inputs (structured-flatten.ts), before the pass proper so that the
 * pass reads the casts it puts in. True when the AST changed.
 */
export function applyStructuredFlattens(
  ast: unknown,
  base: ColumnTypeLookup,
  parseStatement: (sql: string) => unknown,
): boolean {
  return typeStructuredFlattens(ast, buildLookup(ast, base), parseStatement);
}

/** Runs the pass (see the module comment); `base` gives the base relations' declared column types. */
export function applyTypeSystem(ast: unknown, base: ColumnTypeLookup, isUdf?: UdfLookup): TypeSystemResult {
  const lookup = buildLookup(ast, base, isUdf);
  const columnTypes: ColumnTypeLookup = (name) => lookup(name)?.type.sqlType;
  const root = ast as Node;
  const outer = root.select as Node | undefined;
  const items = Array.isArray(outer?.expressions) ? (outer.expressions as Node[]) : null;
  const resultTypes =
    items && !items.some((item) => "star" in item) ? items.map((item) => inferType(item, lookup)) : null;

  const setTypes = applySetOperationTypes(ast, lookup);
  const rewritten = replaceBottomUp(ast, (node) => {
    const typed = rewriteTypedNode(node, lookup);
    if (typed !== node) return typed;
    const compared = variantComparedWithText(node, lookup);
    if (compared !== node) return compared;
    const coerced = textOperandsAsNumbers(node, lookup);
    if (coerced !== node) return coerced;
    const read = variantArgumentsAsText(node, lookup);
    if (read !== node) return read;
    const fn = node.function as Node | undefined;
    if (fn && /^SYSTEM\$TYPEOF$/i.test(String(fn.name)) && Array.isArray(fn.args) && fn.args.length === 1) {
      const type = inferType(fn.args[0], lookup);
      return type === null ? node : stringLiteral(systemTypeofText(type));
    }
    if (fn && Array.isArray(fn.args) && fn.args.length > 0) {
      // Bitwise functions work on numbers or on BINARY values: the first argument's type decides.
      const family = BITWISE[String(fn.name).toUpperCase()];
      if (family !== undefined) {
        const binary = inferType(fn.args[0], lookup)?.type.type === "binary";
        fn.name =
          family === "merc_getbit" ? "MERC_GETBIT" : `${family.toUpperCase()}_${binary ? "BINARY" : "INT"}`;
        return { function: { ...fn } };
      }
    }
    const product = node.mul as Node | undefined;
    if (product) {
      // Snowflake caps a product's scale at max(S1, S2, 12); DuckDB keeps S1 + S2 digits.
      const a = inferType(product.left, lookup);
      const b = inferType(product.right, lookup);
      const sa = a?.type.type === "fixed" ? (a.type.scale ?? 0) : null;
      const sb = b?.type.type === "fixed" ? (b.type.scale ?? 0) : null;
      if (sa !== null && sb !== null && sa + sb > Math.max(sa, sb, 12)) {
        const product = inferType(node, lookup);
        if (product?.type.type === "fixed") return castNode(node, `NUMBER(38, ${product.type.scale})`);
      }
    }
    const count = node.count as Node | undefined;
    if (
      count &&
      count.star !== true &&
      count.this &&
      inferType(count.this, lookup)?.type.type === "variant"
    ) {
      // COUNT does not count a VARIANT null (JSON null) any more than a SQL NULL.
      return { count: { ...count, this: functionCall("STRIP_NULL_VALUE", [count.this]) } };
    }
    const inList = node.in as Node | undefined;
    if (inList?.not === true && Array.isArray(inList.expressions) && inList.expressions.some(isNullNode)) {
      // Snowflake: NOT IN over a list holding NULL is NULL, even when the value is in the list.
      return castNode(inList.expressions.find(isNullNode), "BOOLEAN");
    }
    const toNumber = node.to_number as Node | undefined;
    if (toNumber && isWideFromDouble(node, toNumber.this, lookup)) {
      // TO_NUMBER(double, p > 18, s): as the cast below.
      return { to_number: { ...toNumber, this: exactDouble(toNumber.this, node, lookup) } };
    }
    const key = "cast" in node ? "cast" : "try_cast" in node ? "try_cast" : null;
    if (key === null) return node;
    const cast = node[key] as Node;
    if (isWideFromDouble(node, cast.this, lookup)) {
      // A DOUBLE to NUMBER(p > 18, s): the double's exact value rounded at s (DuckDB scales the double first).
      return { [key]: { ...cast, this: exactDouble(cast.this, node, lookup) } };
    }
    const to = cast.to as Node | undefined;
    if (!to || !STRING_TYPES.test(String(to.data_type ?? "")) || typeof to.length !== "number") return node;
    const name = key === "cast" ? "MERC_CAST_VARCHAR" : "MERC_TRY_CAST_VARCHAR";
    return functionCall(name, [cast.this, numberLiteral(to.length)]);
  });
  return { rewritten: rewritten || setTypes, resultTypes, columnTypes };
}

/** True when `conversion` turns a DOUBLE `source` into a NUMBER wider than 18 digits. */
function isWideFromDouble(conversion: Node, source: unknown, lookup: TypeLookup): boolean {
  const target = inferType(conversion, lookup)?.type;
  return (
    target?.type === "fixed" &&
    (target.precision ?? 38) > 18 &&
    inferType(source, lookup)?.type.type === "real"
  );
}

/** The double's exact value as decimal text at the conversion's scale (functions/exact-double.ts). */
function exactDouble(source: unknown, conversion: Node, lookup: TypeLookup): Node {
  const scale = inferType(conversion, lookup)?.type.scale ?? 0;
  return functionCall("MERC_DOUBLE_DECIMAL", [source, numberLiteral(scale)]);
}

const COMPARISONS = ["eq", "neq", "lt", "lte", "gt", "gte"] as const;

/**
 * Snowflake compares a VARIANT with a VARCHAR as two VARIANTs (`v:kind = 'click'` holds for the JSON
 * string "click"); DuckDB would read the text as JSON and fail on it, so the text side becomes a
 * VARIANT (MERC_VARIANT: a JSON string).
 */
function variantComparedWithText(node: Node, lookup: TypeLookup): Node {
  const op = COMPARISONS.find((key) => key in node);
  if (op === undefined || Object.keys(node).length !== 1) return node;
  const body = node[op] as Node;
  const left = inferType(body.left, lookup)?.type.type;
  const right = inferType(body.right, lookup)?.type.type;
  if (left === "variant" && right === "text") {
    return { [op]: { ...body, right: functionCall("MERC_VARIANT", [body.right]) } };
  }
  if (right === "variant" && left === "text") {
    return { [op]: { ...body, left: functionCall("MERC_VARIANT", [body.left]) } };
  }
  return node;
}

/** Typed nodes of string functions whose `this` is the string they read. */
const STRING_NODES = ["length", "upper", "lower", "trim", "substring", "initcap", "reverse"] as const;
/** String functions the parser leaves as plain calls. */
const STRING_FUNCTIONS =
  /^(LEN|LENGTH|CONCAT|CONCAT_WS|REPLACE|SPLIT_PART|CONTAINS|STARTSWITH|ENDSWITH|LPAD|RPAD|LTRIM|RTRIM|BTRIM|TRIM|POSITION|CHARINDEX|REPEAT|INITCAP|REVERSE|UPPER|LOWER|LEFT|RIGHT|SUBSTR|SUBSTRING)$/i;

/**
 * A VARIANT argument of a string function or of `||` is read as text, as Snowflake casts it
 * implicitly (data-type-conversion: VARIANT is coercible to VARCHAR): a string without its quotes, a
 * number or boolean as its text, an object or array as JSON, a typed value as its shown text
 * (merc_variant_text, what `::VARCHAR` does). DuckDB would read the JSON text, quotes included.
 */
function variantArgumentsAsText(node: Node, lookup: TypeLookup): Node {
  if (Object.keys(node).length !== 1) return node;
  const asText = (value: unknown): unknown =>
    inferType(value, lookup)?.type.type === "variant" ? functionCall("merc_variant_text", [value]) : value;
  if ("concat" in node) {
    const body = node.concat as Node;
    const left = asText(body.left);
    const right = asText(body.right);
    return left === body.left && right === body.right ? node : { concat: { ...body, left, right } };
  }
  for (const key of STRING_NODES) {
    const body = node[key] as Node | undefined;
    if (body === undefined || body.this === undefined) continue;
    const text = asText(body.this);
    return text === body.this ? node : { [key]: { ...body, this: text } };
  }
  const fn = node.function as Node | undefined;
  if (!fn || !Array.isArray(fn.args) || !STRING_FUNCTIONS.test(String(fn.name))) return node;
  const args = (fn.args as unknown[]).map(asText);
  return args.every((a, i) => a === (fn.args as unknown[])[i]) ? node : { function: { ...fn, args } };
}

const ARITHMETIC = ["add", "sub", "mul", "div"] as const;
/**
 * The NUMBER a VARCHAR operand of arithmetic becomes. The data type conversion page lists VARCHAR
 * as coercible to NUMBER without saying its scale; the stored procedures page's BIGINT minus a
 * VARCHAR prints -235.00000, so the coerced text has scale 5.
 */
const COERCED_TEXT_NUMBER = "NUMBER(38, 5)";

/**
 * Snowflake coerces a VARCHAR operand of + - * / to a number (data-type-conversion: VARCHAR is
 * coercible to NUMBER and FLOAT): a FLOAT against a FLOAT, else NUMBER(38, 5). DuckDB refuses
 * `-(BIGINT, VARCHAR)` for a column; a cast gives Snowflake's value, and for text that is no
 * number the cast's failure is 100038 "Numeric value '…' is not recognized" (error-map.ts).
 */
function textOperandsAsNumbers(node: Node, lookup: TypeLookup): Node {
  const op = ARITHMETIC.find((key) => key in node);
  if (op === undefined || Object.keys(node).length !== 1) return node;
  const body = node[op] as Node;
  // A NULL literal infers as VARCHAR: it stays NULL, of the other operand's type.
  const typeOf = (operand: unknown) => {
    // An interval is no number: `'2024-01-01' + INTERVAL '1 day'` keeps its text.
    if (typeof operand === "object" && operand !== null && "interval" in operand) return "interval";
    const inferred = inferType(operand, lookup);
    return inferred?.isNull ? "null" : inferred?.type.type;
  };
  const left = typeOf(body.left);
  const right = typeOf(body.right);
  // The other operand a number, text, or of a type the pass does not know (HASH(…), an unknown
  // function): + - * / need numbers there too. A date or timestamp operand is left alone.
  const numeric = (t: string | undefined) => t === undefined || t === "fixed" || t === "real" || t === "text";
  const target = (other: string | undefined) => (other === "real" ? "DOUBLE" : COERCED_TEXT_NUMBER);
  const castLeft = left === "text" && numeric(right);
  const castRight = right === "text" && numeric(left);
  if (!castLeft && !castRight) return node;
  return {
    [op]: {
      ...body,
      ...(castLeft ? { left: castNode(body.left, target(right)) } : {}),
      ...(castRight ? { right: castNode(body.right, target(left)) } : {}),
    },
  };
}

/** Sized string types the transpiler rejects after `::` (it takes them in CAST … AS). */
const UNPARSED_AFTER_COLONS = new Set(["STRING", "TEXT", "NVARCHAR2"]);

/**
 * `x::STRING(10)`, `x::TEXT(10)`, `x::NVARCHAR2(10)` are Snowflake's spellings of VARCHAR(10), but
 * @polyglot-sql/sdk does not parse them after `::`; they are spelled VARCHAR before parsing
 * (docs/decisions/006-transpiler-gaps-core-families.md). Strings and comments are left alone.
 */
export function normaliseCastTypes(sql: string): string {
  if (!/::\s*(STRING|TEXT|NVARCHAR2)\s*\(/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => !isComment(t));
  let out = "";
  let at = 0;
  for (let k = 2; k + 1 < tokens.length; k++) {
    const t = tokens[k] as Token;
    const colon = (i: number): boolean => tokens[i]?.kind === "punct" && sql[tokens[i]!.start] === ":";
    const open = tokens[k + 1] as Token;
    if (t.kind !== "word" || !UNPARSED_AFTER_COLONS.has(t.upper as string) || !colon(k - 1) || !colon(k - 2))
      continue;
    if (open.kind !== "punct" || sql[open.start] !== "(") continue;
    out += `${sql.slice(at, t.start)}VARCHAR`;
    at = t.end;
  }
  return out + sql.slice(at);
}
