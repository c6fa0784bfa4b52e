/**
 * Snowflake's fixed-point arithmetic scales, which DuckDB does not share: DuckDB divides exact
 * numbers into a DOUBLE, Snowflake into a NUMBER with scale max(S1, min(S1 + 6, 12)) (so `10/4` is
 * `2.500000`). Before translation, each division whose operands are both exact numbers is wrapped
 * in a cast to that scale. Scales of columns come from their declared types.
 */
import { Dialect, generateDataType } from "@polyglot-sql/sdk";
import { decodeName } from "./identifiers.js";
import { isIdent } from "./resolve.js";
import { parseSnowflakeType } from "./types-map.js";

/** Declared Snowflake type of a column by (normalised) name, for the statement's relations. */
export type ColumnTypeLookup = (column: string) => string | undefined;

type Node = Record<string, unknown>;

const MAX_SCALE = 37;

function literalScale(value: string): number | null {
  if (/[eE]/.test(value)) return null;
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
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
      const name = body.name;
      if (!isIdent(name)) return null;
      // Runs after name resolution: identifiers are encoded and quoted by then.
      const written = lookup(name.quoted ? decodeName(name.name) : name.name.toUpperCase());
      const type = written === undefined ? null : parseSnowflakeType(written);
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
    case "function": {
      if (!/^div0(null)?$/i.test(String(body.name))) return null;
      const args = body.args as unknown[];
      if (!Array.isArray(args) || args.length !== 2) return null;
      const a = exactScale(args[0], lookup);
      const b = exactScale(args[1], lookup);
      return a === null || b === null ? null : divisionScale(a);
    }
    case "window_function": {
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

/** The argument of `RATIO_TO_REPORT(x) OVER (…)`, or undefined for any other node. */
function ratioArgument(n: Node): unknown {
  const wf = n.window_function as Node | undefined;
  const fn = (wf?.this as Node | undefined)?.function as Node | undefined;
  if (!fn || !/^ratio_to_report$/i.test(String(fn.name))) return undefined;
  const args = fn.args as unknown[];
  return Array.isArray(args) && args.length === 1 ? args[0] : undefined;
}

/** Snowflake's division scale for a numerator of scale `s`. */
export function divisionScale(s: number): number {
  return Math.min(MAX_SCALE, Math.max(s, Math.min(s + 6, 12)));
}

/** Wraps every exact division in `CAST(… AS NUMBER(38, scale))`, innermost first. True if any. */
export function applyDivisionScales(ast: unknown, lookup: ColumnTypeLookup): boolean {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        visit(node[i]);
        node[i] = wrap(node[i]);
      }
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node as Node;
    for (const [k, v] of Object.entries(obj)) {
      visit(v);
      obj[k] = wrap(v);
    }
  };
  const wrap = (node: unknown): unknown => {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
    const n = node as Node;
    if (Object.keys(n).length !== 1) return node;
    let left: unknown;
    let right: unknown;
    if ("div" in n) {
      left = (n.div as Node).left;
      right = (n.div as Node).right;
    } else if ("function" in n && /^div0(null)?$/i.test(String((n.function as Node).name))) {
      // DIV0 / DIV0NULL divide like `/` (0 instead of an error or NULL), at the same scale.
      const args = (n.function as Node).args as unknown[];
      if (!Array.isArray(args) || args.length !== 2) return node;
      [left, right] = args;
      // DIV0NULL(x, NULL) is 0 at x's division scale.
      if (typeof right === "object" && right !== null && "null" in right)
        right = { literal: { literal_type: "number", value: "1" } };
    } else if ("window_function" in n && ratioArgument(n) !== undefined) {
      left = ratioArgument(n);
      right = left;
    } else return node;
    const a = exactScale(left, lookup);
    const b = exactScale(right, lookup);
    if (a === null || b === null) return node;
    changed = true;
    return {
      cast: {
        this: node,
        to: { data_type: "custom", name: `NUMBER(38, ${divisionScale(a)})` },
        trailing_comments: [],
        double_colon_syntax: false,
      },
    };
  };
  visit(ast);
  return changed;
}
