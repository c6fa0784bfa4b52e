/**
 * The type system's rewrites for structured and interval types (docs/decisions/013-structured-and-interval-types.md), on the
 * parsed statement where type-syntax.ts left placeholders:
 * - a cast to a structured type becomes MERC_STRUCTURED_CAST(x, '<type>', '<mode>') (key checks and
 *   value conversion, functions/structured-cast.ts); TRY_CAST to one is refused, as in Snowflake;
 * - a cast to an interval type becomes MERC_INTERVAL_PARSE(x, '<type>'), and a cast of an interval
 *   to text MERC_INTERVAL_TEXT(x, '<type>') in the interval format of the value's type;
 * - OBJECT_DELETE / OBJECT_INSERT / OBJECT_PICK on a structured OBJECT are checked against its type
 *   and their result is cast to the result type (so its keys come in the type's order);
 * - a DATE plus or minus a year-month interval value stays a DATE.
 * The rewritten calls carry the type as a literal, so inferType still types them.
 */
import { sfErrors } from "./errors.js";
import { inferType, type TypeLookup } from "./expression-types.js";
import { STRUCTURED_OBJECT_FUNCTIONS, structuredObjectResult } from "./structured-functions.js";
import { parseSnowflakeType, placeholderText } from "./types-map.js";

type Node = Record<string, unknown>;

const TEXT_TYPES = /^(var_?char|n_?var_?char|char|n_?char|text|string|character)/i;

function call(name: string, args: unknown[]): Node {
  return {
    function: {
      name,
      args,
      distinct: false,
      trailing_comments: [],
      use_bracket_syntax: false,
      no_parens: false,
      quoted: false,
    },
  };
}

const text = (value: string): Node => ({ literal: { literal_type: "string", value } });

function castMode(written: string): string {
  if (/\sRENAME\s+FIELDS\s*$/i.test(written)) return "rename";
  if (/\sADD\s+FIELDS\s*$/i.test(written)) return "add";
  return "exact";
}

const DATE_CALLS = /^(TO_DATE|TRY_TO_DATE|DATE|CURRENT_DATE)$/;

function isDate(node: unknown, lookup: TypeLookup): boolean {
  if (inferType(node, lookup)?.type.type === "date") return true;
  const fn = (node as Node | null)?.function as Node | undefined;
  return fn !== undefined && DATE_CALLS.test(String(fn.name).toUpperCase());
}

/** DATE ± a year-month interval value is a DATE in Snowflake (DuckDB's sum is a TIMESTAMP). */
function dateArithmetic(node: Node, lookup: TypeLookup): Node {
  const op = (node.add ?? node.sub) as Node | undefined;
  if (!op) return node;
  const yearMonth = (n: unknown): boolean => inferType(n, lookup)?.type.interval?.family === "year-month";
  const onDate =
    (isDate(op.left, lookup) && yearMonth(op.right)) ||
    ("add" in node && yearMonth(op.left) && isDate(op.right, lookup));
  if (!onDate) return node;
  return {
    cast: {
      this: node,
      to: { data_type: "custom", name: "DATE" },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
}

/** The node's replacement, or the node itself when it is none of the above. */
export function rewriteTypedNode(node: Node, lookup: TypeLookup): Node {
  if ("add" in node || "sub" in node) return dateArithmetic(node, lookup);
  const key = "cast" in node ? "cast" : "try_cast" in node ? "try_cast" : null;
  if (key !== null) {
    const cast = node[key] as Node;
    const to = (cast.to ?? {}) as Node;
    const written = to.data_type === "custom" ? placeholderText(String(to.name)) : null;
    if (written !== null) {
      const type = parseSnowflakeType(written);
      if (type?.structured) {
        if (key === "try_cast") throw sfErrors.compilation("TRY_CAST is not supported for structured types.");
        return call("MERC_STRUCTURED_CAST", [cast.this, text(type.sqlType), text(castMode(written))]);
      }
      if (type?.interval) return call("MERC_INTERVAL_PARSE", [cast.this, text(type.sqlType)]);
      return node;
    }
    if (TEXT_TYPES.test(String(to.data_type ?? "")) && typeof to.length !== "number") {
      const source = inferType(cast.this, lookup);
      if (source?.type.interval) return call("MERC_INTERVAL_TEXT", [cast.this, text(source.type.sqlType)]);
    }
    return node;
  }
  const fn = node.function as Node | undefined;
  if (!fn || !Array.isArray(fn.args)) return node;
  const name = String(fn.name).toUpperCase();
  if ((name === "TO_VARCHAR" || name === "TO_CHAR") && fn.args.length === 1) {
    const source = inferType(fn.args[0], lookup);
    if (source?.type.interval) return call("MERC_INTERVAL_TEXT", [fn.args[0], text(source.type.sqlType)]);
  }
  if (STRUCTURED_OBJECT_FUNCTIONS.has(name)) {
    const result = structuredObjectResult(name, fn.args as unknown[], (n) => inferType(n, lookup));
    if (result !== null) return call("MERC_STRUCTURED_CAST", [node, text(result.sqlType), text("exact")]);
  }
  return node;
}
