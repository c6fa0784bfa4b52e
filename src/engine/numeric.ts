/**
 * Snowflake's fixed-point arithmetic scales, which DuckDB does not share: DuckDB divides exact
 * numbers into a DOUBLE, Snowflake into a NUMBER with scale max(S1, min(S1 + 6, 12)) (so `10/4` is
 * `2.500000`). Before translation, each division whose operands are both exact numbers is wrapped
 * in a cast to that scale. Scales of columns come from their declared types.
 */
import { Dialect, generateDataType } from "./transpiler.js";
import { replaceBottomUp } from "./ast-rewrite.js";
import { decodeName } from "./identifiers.js";
import { isIdent } from "./resolve.js";
import { parseSnowflakeType, type SnowflakeType } from "./types-map.js";

/** Declared Snowflake type of a column by (normalised) name, for the statement's relations. */
export type ColumnTypeLookup = (column: string) => string | undefined;

type Node = Record<string, unknown>;

const MAX_SCALE = 37;

function literalScale(value: string): number | null {
  if (/[eE]/.test(value)) return null;
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** The declared type of a column node's body, from the statement's relations. */
export function declaredColumnType(body: Node, lookup: ColumnTypeLookup): SnowflakeType | null {
  const name = body.name;
  if (!isIdent(name)) return null;
  // Runs after name resolution: identifiers are encoded and quoted by then.
  const written = lookup(name.quoted ? decodeName(name.name) : name.name.toUpperCase());
  return written === undefined ? null : parseSnowflakeType(written);
}

/** The scale of an exact-numeric expression, or null when it is not (or not known to be) exact. */
export function exactScale(node: unknown, lookup: ColumnTypeLookup): number | null {
  if (typeof node !== "object" || node === null) return null;
  const n = node as Node;
  const key = Object.keys(n)[0];
  if (key === undefined) return null;
  const body = n[key] as Node;
  switch (key) {
    case "literal":
      return body.literal_type === "number" ? literalScale(String(body.value)) : null;
    case "column": {
      const type = declaredColumnType(body, lookup);
      return type?.type === "fixed" ? type.scale : null;
    }
    case "paren":
    case "neg":
      return exactScale(body.this, lookup);
    case "add":
    case "sub":
    case "mod": {
      const a = exactScale(body.left, lookup);
      const b = exactScale(body.right, lookup);
      return a === null || b === null ? null : Math.max(a, b);
    }
    case "mul": {
      const a = exactScale(body.left, lookup);
      const b = exactScale(body.right, lookup);
      return a === null || b === null ? null : Math.min(a + b, Math.max(a, b, 12));
    }
    case "function":
      return functionScale(body, lookup);
    case "avg":
      // AVG divides a SUM by a COUNT: Snowflake keeps it exact, at the division scale.
      return scaleOrNull(exactScale(body.this, lookup), divisionScale);
    case "var_pop":
    case "var_samp":
    case "variance":
      return scaleOrNull(exactScale(body.this, lookup), varianceScale);
    case "aggregate_function":
      return functionScale(body, lookup);
    case "abs":
      return exactScale(body.this, lookup);
    case "coalesce":
      return widestScale(body.expressions as unknown[], lookup);
    case "nvl":
      return widestScale([body.this, body.expression], lookup);
    case "if_func":
      return widestScale([body.true_value, body.false_value], lookup);
    case "case": {
      const whens = (body.whens as unknown[][] | undefined) ?? [];
      return widestScale([...whens.map((w) => w[1]), body.else_], lookup);
    }

    case "window_function": {
      const windowed = windowedAvg(n);
      if (windowed !== undefined) return scaleOrNull(exactScale(windowed.this, lookup), windowedAvgScale(n));
      // RATIO_TO_REPORT(x) is x / SUM(x) (the functions module spells it out after this pass).
      const ratio = ratioArgument(n);
      if (ratio === undefined) return null;
      const a = exactScale(ratio, lookup);
      return a === null ? null : divisionScale(a);
    }
    case "div": {
      const a = exactScale(body.left, lookup);
      const b = exactScale(body.right, lookup);
      return a === null || b === null ? null : divisionScale(a);
    }
    case "cast": {
      const generated = generateDataType(body.to as never, Dialect.Snowflake);
      const type = generated.success && generated.sql ? parseSnowflakeType(generated.sql) : null;
      return type?.type === "fixed" ? type.scale : null;
    }
    case "sum":
    case "min":
    case "max":
    case "any_value":
      return exactScale(body.this, lookup);
    case "count":
      return 0;
    default:
      return null;
  }
}

function scaleOrNull(scale: number | null, then: (s: number) => number): number | null {
  return scale === null ? null : then(scale);
}

/** The widest scale of branches that are all exact, or null. A bare NULL branch takes the others' scale. */
function widestScale(branches: readonly unknown[], lookup: ColumnTypeLookup): number | null {
  let widest: number | null = null;
  for (const branch of branches) {
    if (branch === null || branch === undefined) continue;
    if (typeof branch === "object" && "null" in branch) continue;
    const scale = exactScale(branch, lookup);
    if (scale === null) return null;
    widest = Math.max(widest ?? 0, scale);
  }
  return widest;
}

/** Scales of the functions that keep exact numbers exact (DIV0, NULLIF, ROUND, GREATEST, …). */
function functionScale(body: Node, lookup: ColumnTypeLookup): number | null {
  const name = String(body.name).toUpperCase();
  const args = body.args as unknown[];
  if (!Array.isArray(args) || args.length === 0) return null;
  switch (name) {
    case "DIV0":
    case "DIV0NULL": {
      if (args.length !== 2) return null;
      const a = exactScale(args[0], lookup);
      const b = exactScale(args[1], lookup);
      return a === null || b === null ? null : divisionScale(a);
    }
    case "NULLIF":
    case "ZEROIFNULL":
    case "NULLIFZERO":
      return scaleOrNull(exactScale(args[0], lookup), (s) => s);
    case "GREATEST":
    case "LEAST":
    case "IFNULL":
      return widestScale(args, lookup);
    case "VARIANCE_SAMP":
    case "VARIANCE_POP":
      return scaleOrNull(exactScale(args[0], lookup), varianceScale);
    case "KURTOSIS":
      // The KURTOSIS page: DECIMAL for any fixed-point input, scale 12 for INTEGER and NUMBER(10, 2).
      return scaleOrNull(exactScale(args[0], lookup), (s) => Math.max(s, 12));
    case "ROUND":
    case "TRUNC":
    case "TRUNCATE": {
      // ROUND(x, d) keeps min(scale, d) digits; no d means none.
      const s = exactScale(args[0], lookup);
      if (s === null) return null;
      if (args.length === 1) return 0;
      const digits = literalInteger(args[1]);
      return digits === null ? null : Math.max(0, Math.min(s, digits));
    }
    default:
      return null;
  }
}

function literalInteger(node: unknown): number | null {
  const literal = (node as Node | null)?.literal as Node | undefined;
  if (literal?.literal_type !== "number" || !/^\d+$/.test(String(literal.value))) return null;
  return Number(literal.value);
}

/** The `avg` node of `AVG(x) OVER (…)`, or undefined for any other node. */
function windowedAvg(n: Node): Node | undefined {
  const wf = n.window_function as Node | undefined;
  return (wf?.this as Node | undefined)?.avg as Node | undefined;
}

/**
 * Snowflake's scale for `AVG(x) OVER (…)` of an x with scale s. Over the default cumulative frame
 * (ORDER BY without a frame clause) it is the division scale, as for the plain aggregate; over an
 * explicit frame or a whole partition it is s + 3, cut off (the window syntax page's AVG examples:
 * 10.000 for INTEGER over ROWS, 3.16666 for 19/6 of NUMBER(7, 2) over a RANGE with offsets).
 * A named window (`OVER w`) is not looked up: it keeps the division scale.
 */
function windowedAvgScale(n: Node): (s: number) => number {
  return cutWindowedAvg(n) ? (s) => Math.min(MAX_SCALE, s + 3) : divisionScale;
}

/** True when `AVG(x) OVER (…)` has an explicit frame or no ORDER BY (its scale is s + 3, cut off). */
function cutWindowedAvg(n: Node): boolean {
  const over = (n.window_function as Node | undefined)?.over as Node | undefined;
  if (!over || over.window_name) return false;
  const ordered = Array.isArray(over.order_by) && over.order_by.length > 0;
  return !ordered || (over.frame !== null && over.frame !== undefined);
}

/** The argument of `RATIO_TO_REPORT(x) OVER (…)`, or undefined for any other node. */
function ratioArgument(n: Node): unknown {
  const wf = n.window_function as Node | undefined;
  const fn = (wf?.this as Node | undefined)?.function as Node | undefined;
  if (!fn || !/^ratio_to_report$/i.test(String(fn.name))) return undefined;
  const args = fn.args as unknown[];
  return Array.isArray(args) && args.length === 1 ? args[0] : undefined;
}

/**
 * Snowflake's scale for a variance of NUMBER(p, s): a sum of squares (scale 2s) divided by a count,
 * so the division scale of 2s (10 for s = 2, as the VAR_POP page shows).
 */
function varianceScale(s: number): number {
  return divisionScale(2 * s);
}

/** Variance family and KURTOSIS calls, which Snowflake keeps exact over exact inputs. */
function isExactStatistic(n: Node): boolean {
  if ("var_pop" in n || "var_samp" in n || "variance" in n) return true;
  const call = (n.function ?? n.aggregate_function) as Node | undefined;
  return call !== undefined && /^(variance_samp|variance_pop|kurtosis)$/i.test(String(call.name));
}

/** Snowflake's division scale for a numerator of scale `s`. */
export function divisionScale(s: number): number {
  return Math.min(MAX_SCALE, Math.max(s, Math.min(s + 6, 12)));
}

/**
 * `x - x % 10^-scale`: x with the digits past `scale` cut off (toward zero), still exact. x is
 * first held at three more digits so a DOUBLE average (DuckDB's) is not cut just below a digit.
 */
function cutTo(node: unknown, scale: number): unknown {
  const held = () => castTo(structuredClone(node), scale + 3);
  const unit = {
    literal: { literal_type: "number", value: scale === 0 ? "1" : `0.${"0".repeat(scale - 1)}1` },
  };
  const binary = (left: unknown, right: unknown) => ({
    left,
    right,
    left_comments: [],
    operator_comments: [],
    trailing_comments: [],
  });
  return castTo(
    { paren: { this: { sub: binary(held(), { mod: binary(held(), unit) }) }, trailing_comments: [] } },
    scale,
  );
}

function castTo(node: unknown, scale: number): unknown {
  return {
    cast: {
      this: node,
      to: { data_type: "custom", name: `NUMBER(38, ${scale})` },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
}

/**
 * Wraps every exact division and AVG in `CAST(… AS NUMBER(38, scale))`, innermost first. True if any.
 * The AVG inside `AVG(x) OVER (…)` is left alone (a cast there would split the call from its window);
 * the window function as a whole is wrapped instead.
 */
export function applyDivisionScales(ast: unknown, lookup: ColumnTypeLookup): boolean {
  return replaceBottomUp(ast, (n) => {
    if (Object.keys(n).length !== 1) return n;
    let left: unknown;
    let right: unknown;
    if ("div" in n) {
      left = (n.div as Node).left;
      right = (n.div as Node).right;
    } else if ("function" in n && /^div0(null)?$/i.test(String((n.function as Node).name))) {
      // DIV0 / DIV0NULL divide like `/` (0 instead of an error or NULL), at the same scale.
      const args = (n.function as Node).args as unknown[];
      if (!Array.isArray(args) || args.length !== 2) return n;
      [left, right] = args;
      // DIV0NULL(x, NULL) is 0 at x's division scale.
      if (typeof right === "object" && right !== null && "null" in right)
        right = { literal: { literal_type: "number", value: "1" } };
    } else if ("window_function" in n && ratioArgument(n) !== undefined) {
      left = ratioArgument(n);
      right = left;
    } else if (isExactStatistic(n)) {
      // DuckDB computes these in DOUBLE; Snowflake returns a NUMBER over exact inputs.
      const scale = exactScale(n, lookup);
      return scale === null ? n : castTo(n, scale);
    } else if ("avg" in n || ("window_function" in n && windowedAvg(n) !== undefined)) {
      // DuckDB averages exact numbers into a DOUBLE; Snowflake keeps a NUMBER at the division scale.
      const scale = exactScale(n, lookup);
      if (scale === null) return n;
      return "window_function" in n && cutWindowedAvg(n) ? cutTo(n, scale) : castTo(n, scale);
    } else return n;
    const a = exactScale(left, lookup);
    const b = exactScale(right, lookup);
    if (a === null || b === null) return n;
    return castTo(n, divisionScale(a));
  });
}
