/**
 * Snowflake keeps a DATE a DATE through DATEADD by days or longer and through DATE_TRUNC; DuckDB
 * answers a TIMESTAMP for both (`date + INTERVAL`, `date_trunc` on a date). Before translation, each
 * such call whose date argument is a DATE column (by its declared type) or a DATE expression is
 * wrapped in `CAST(… AS DATE)`. Arguments spelled as dates (`'…'::DATE`) are handled by the text
 * rewrite in functions/rewrite.ts; this pass covers columns, which need the relations' types.
 */
import { replaceBottomUp } from "./ast-rewrite.js";
import { type ColumnTypeLookup, declaredColumnType } from "./numeric.js";

type Node = Record<string, unknown>;

const ADD_FUNCTIONS = new Set(["DATEADD", "TIMEADD", "TIMESTAMPADD"]);
const TRUNC_FUNCTIONS = new Set(["DATE_TRUNC", "TRUNC"]);
/** Date parts of a day or longer (Snowflake's spellings and abbreviations). */
const DAY_OR_LONGER =
  /^(Y|YY|YYY|YYYY|YR|YEARS?|YRS|MM|MON|MONS|MONTHS?|D|DD|DAYS?|DAYOFMONTH|W|WK|WEEKOFYEAR|WOY|WY|WEEKS?|Q|QTR|QTRS|QUARTERS?)$/i;

/** The date part of `day` / `'day'` as written, or null. */
function partOf(node: unknown): string | null {
  const n = node as Node | null;
  const bare = (n?.var as Node | undefined)?.this;
  if (typeof bare === "string") return bare;
  const literal = n?.literal as Node | undefined;
  if (literal?.literal_type === "string") return String(literal.value);
  const column = n?.column as Node | undefined;
  const name = (column?.name as Node | undefined)?.name;
  return typeof name === "string" ? name : null;
}

function isDate(node: unknown, lookup: ColumnTypeLookup): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Node;
  if ("column" in n) return declaredColumnType(n.column as Node, lookup)?.type === "date";
  if ("paren" in n) return isDate((n.paren as Node).this, lookup);
  if ("cast" in n) {
    const to = (n.cast as Node).to as Node | undefined;
    return /^date$/i.test(String(to?.name ?? to?.data_type ?? ""));
  }
  return keepsDate(n, lookup);
}

/** True for a DATEADD by days or longer, or a DATE_TRUNC to a day or longer, of a DATE. */
function keepsDate(n: Node, lookup: ColumnTypeLookup): boolean {
  const fn = n.function as Node | undefined;
  if (!fn) return false;
  const name = String(fn.name).toUpperCase();
  const args = fn.args as unknown[];
  if (!Array.isArray(args)) return false;
  if (ADD_FUNCTIONS.has(name) && args.length === 3) {
    const part = partOf(args[0]);
    return part !== null && DAY_OR_LONGER.test(part) && isDate(args[2], lookup);
  }
  if (TRUNC_FUNCTIONS.has(name) && args.length === 2) {
    // DATE_TRUNC(part, d); TRUNC(d, part).
    const [partArg, value] = name === "TRUNC" ? [args[1], args[0]] : [args[0], args[1]];
    const part = partOf(partArg);
    return part !== null && DAY_OR_LONGER.test(part) && isDate(value, lookup);
  }
  return false;
}

function castToDate(node: unknown): unknown {
  return {
    cast: {
      this: node,
      to: { data_type: "custom", name: "DATE" },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
}

/** Wraps each date-keeping call of a DATE in `CAST(… AS DATE)`, innermost first. True if any. */
export function applyDateResults(ast: unknown, lookup: ColumnTypeLookup): boolean {
  return replaceBottomUp(ast, (node) => (keepsDate(node, lookup) ? castToDate(node) : node));
}
