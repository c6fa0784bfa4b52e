/**
 * Date/time rewrites that need the statement's structure (run on the parsed statement before
 * translation, like numeric.ts):
 * - interval constants: `x + INTERVAL '1 year, 3 days'` adds each increment in the order written
 *   (Snowflake's rule: `'1 day, 1 year'` and `'1 year, 1 day'` differ across Feb 29), as nested
 *   DATEADDs, which keep a DATE a DATE when every increment is a day or longer;
 * - TIMESTAMP_TZ comparisons: Snowflake compares TIMESTAMP_TZ values by their instant, so both sides
 *   of a comparison involving one are compared as UTC times (`merc_dt_instant`), whatever the offsets.
 */
import { replaceBottomUp } from "../ast-rewrite.js";
import { type ColumnTypeLookup, declaredColumnType } from "../numeric.js";
import { canonicalPart } from "./parts.js";

type Node = Record<string, unknown>;

/** The increments of an interval constant's text, in order, or null when it is not one. */
export function intervalIncrements(text: string): { amount: string; part: string }[] | null {
  const items = text.split(",").map((item) => item.trim());
  const out: { amount: string; part: string }[] = [];
  for (const item of items) {
    const m = /^([+-]?\d+)\s*([A-Za-z_]*)$/.exec(item);
    if (!m) return null;
    const part = m[2] === "" ? "second" : canonicalPart(m[2]!);
    if (part === null) return null;
    out.push({ amount: m[1]!.replace(/^\+/, ""), part });
  }
  return out.length > 0 ? out : null;
}

/** The text of an `INTERVAL '…'` constant without a unit after it, else null. */
function intervalText(node: unknown): string | null {
  const interval = (node as Node | null)?.interval as Node | undefined;
  if (!interval || interval.unit !== null) return null;
  const literal = (interval.this as Node | undefined)?.literal as Node | undefined;
  return literal?.literal_type === "string" ? String(literal.value) : null;
}

function dateAddNode(part: string, amount: string, value: unknown): unknown {
  const negative = amount.startsWith("-");
  const number = { literal: { literal_type: "number", value: negative ? amount.slice(1) : amount } };
  return {
    function: {
      name: "DATEADD",
      args: [{ var: { this: part } }, negative ? { neg: { this: number } } : number, value],
      distinct: false,
      use_bracket_syntax: false,
      no_parens: false,
      quoted: false,
    },
  };
}

const negate = (amount: string): string => (amount.startsWith("-") ? amount.slice(1) : `-${amount}`);

/** `x ± INTERVAL '…'` (or `INTERVAL '…' + x`) as DATEADDs in the order the increments are written. */
function intervalArithmetic(n: Node): unknown {
  const op = "add" in n ? "add" : "sub" in n ? "sub" : null;
  if (op === null || Object.keys(n).length !== 1) return n;
  const body = n[op] as Node;
  let value = body.left;
  let text = intervalText(body.right);
  if (text === null && op === "add") {
    text = intervalText(body.left);
    value = body.right;
  }
  const increments = text === null ? null : intervalIncrements(text);
  if (increments === null) return n;
  return increments.reduce<unknown>(
    (acc, { amount, part }) => dateAddNode(part, op === "sub" ? negate(amount) : amount, acc),
    value,
  );
}

const COMPARISONS = ["eq", "neq", "lt", "lte", "gt", "gte"];
const TZ_FUNCTIONS = /^(TO_TIMESTAMP_TZ|TRY_TO_TIMESTAMP_TZ|TIMESTAMP_TZ_FROM_PARTS|TIMESTAMPTZFROMPARTS)$/i;

/** True when an expression is known to be a TIMESTAMP_TZ (a cast, a TZ function, a TZ column). */
function isTimestampTz(node: unknown, lookup: ColumnTypeLookup, mapping: string): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Node;
  if ("paren" in n) return isTimestampTz((n.paren as Node).this, lookup, mapping);
  if ("column" in n) return declaredColumnType(n.column as Node, lookup)?.type === "timestamp_tz";
  if ("cast" in n) {
    const to = (n.cast as Node).to as Node | undefined;
    if (to?.data_type === "timestamp" && to.timezone === true) return true;
    const name = String(to?.name ?? "").toUpperCase();
    if (/^TIMESTAMP_?TZ(\(\d\))?$/.test(name)) return true;
    return /^TIMESTAMP(\(\d\))?$/.test(name) && mapping === "TIMESTAMP_TZ";
  }
  const fn = n.function as Node | undefined;
  if (fn) {
    const name = String(fn.name);
    const args = fn.args as unknown[] | undefined;
    if (TZ_FUNCTIONS.test(name)) return true;
    if (/^CONVERT_TIMEZONE$/i.test(name) && args?.length === 2) return true;
    if (/^(DATEADD|TIMEADD|TIMESTAMPADD)$/i.test(name) && args?.length === 3)
      return isTimestampTz(args[2], lookup, mapping);
    if (/^DATE_TRUNC$/i.test(name) && args?.length === 2) return isTimestampTz(args[1], lookup, mapping);
  }
  return false;
}

function instant(node: unknown): unknown {
  return {
    function: {
      name: "MERC_DT_INSTANT",
      args: [node],
      distinct: false,
      use_bracket_syntax: false,
      no_parens: false,
      quoted: false,
    },
  };
}

/**
 * Applies both rewrites to a parsed statement, innermost first. `mapping` is the session's
 * TIMESTAMP_TYPE_MAPPING. Returns true when the statement changed.
 */
export function applyDateTimeRewrites(ast: unknown, lookup: ColumnTypeLookup, mapping: string): boolean {
  const assignments = mergeAssignments(ast);
  return replaceBottomUp(ast, (n) => {
    const arithmetic = intervalArithmetic(n);
    if (arithmetic !== n) return arithmetic;
    const op = COMPARISONS.find((key) => key in n);
    if (op === undefined || Object.keys(n).length !== 1 || assignments.has(n)) return n;
    const body = n[op] as Node;
    if (!isTimestampTz(body.left, lookup, mapping) && !isTimestampTz(body.right, lookup, mapping)) return n;
    return { [op]: { ...body, left: instant(body.left), right: instant(body.right) } };
  });
}

/**
 * The `col = value` nodes of MERGE's `WHEN MATCHED THEN UPDATE SET …`: the parser gives them as
 * equality nodes, but they assign, so their target must stay a bare column (never an instant).
 */
function mergeAssignments(ast: unknown): Set<object> {
  const found = new Set<object>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const when = (node as Node).when as Node | undefined;
    const then = (when?.then as Node | undefined)?.tuple as Node | undefined;
    const [verb, list] = (Array.isArray(then?.expressions) ? then.expressions : []) as Node[];
    const action = (verb?.var as Node | undefined)?.this;
    const items = (list?.tuple as Node | undefined)?.expressions;
    if (typeof action === "string" && action.toUpperCase() === "UPDATE" && Array.isArray(items)) {
      for (const item of items)
        if (typeof item === "object" && item !== null && "eq" in item) found.add(item);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return found;
}
