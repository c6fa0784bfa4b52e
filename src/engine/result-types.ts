/**
 * Result column types Snowflake states exactly but DuckDB's result types blur: a cast's target
 * (`12.345::NUMBER(10,3)` is NUMBER(10,3), not DuckDB's DECIMAL(38,3) widening), a literal's own type
 * and non-nullability (`1` is NUMBER(1,0) NOT NULL, `'abc'` VARCHAR(3)), OBJECT and ARRAY from the
 * functions that build them (DuckDB stores all three semi-structured types as JSON), COUNT as
 * NUMBER(18,0), and NOT NULL of table columns read as they are. Read from the outermost SELECT list
 * of the statement's AST; a hint applies only where DuckDB's type is of the same family and, for
 * numbers, the same scale (cells are already converted by that scale).
 */
import { outerSelect, type StatementAst } from "./translate.js";
import { parseSnowflakeType } from "./types-map.js";
import type { ResultColumn, SnowflakeTypeName } from "./types.js";

/** What the statement says about one result column. */
interface Hint {
  sqlType?: string;
  nullable?: false;
}

const OBJECT_FUNCTIONS = new Set([
  "OBJECT_CONSTRUCT",
  "OBJECT_CONSTRUCT_KEEP_NULL",
  "OBJECT_INSERT",
  "OBJECT_DELETE",
  "OBJECT_PICK",
  "OBJECT_AGG",
  "TRY_PARSE_JSON_OBJECT",
  "TO_OBJECT",
  "PARSE_URL",
]);
const ARRAY_FUNCTIONS = new Set([
  "ARRAY_CONSTRUCT",
  "ARRAY_CONSTRUCT_COMPACT",
  "ARRAY_AGG",
  "ARRAYAGG",
  "ARRAY_APPEND",
  "ARRAY_PREPEND",
  "ARRAY_CAT",
  "ARRAY_COMPACT",
  "ARRAY_DISTINCT",
  "ARRAY_EXCEPT",
  "ARRAY_INSERT",
  "ARRAY_INTERSECTION",
  "ARRAY_REMOVE",
  "ARRAY_REMOVE_AT",
  "ARRAY_SLICE",
  "ARRAY_SORT",
  "ARRAY_UNIQUE_AGG",
  "ARRAY_UNION_AGG",
  "ARRAY_FLATTEN",
  "ARRAY_GENERATE_RANGE",
  "OBJECT_KEYS",
  "SPLIT",
  "STRTOK_TO_ARRAY",
  "TO_ARRAY",
]);
const VARIANT_FUNCTIONS = new Set(["PARSE_JSON", "TRY_PARSE_JSON", "TO_VARIANT", "PARSE_XML"]);

/** True when Snowflake's function `name` returns a semi-structured value (VARIANT, OBJECT or ARRAY). */
export function returnsSemiStructured(name: string): boolean {
  const upper = name.toUpperCase();
  return VARIANT_FUNCTIONS.has(upper) || OBJECT_FUNCTIONS.has(upper) || ARRAY_FUNCTIONS.has(upper);
}

type Node = Record<string, unknown>;

const key = (node: Node): string => Object.keys(node)[0] ?? "";
const body = (node: Node): Node => (node[key(node)] ?? {}) as Node;

/** Hints for each item of the outermost SELECT list; null when the list has a star (positions shift). */
export function resultHints(ast: StatementAst): (Hint | null)[] | null {
  const select = outerSelect(ast);
  if (!select || !Array.isArray(select.expressions)) return null;
  const items = select.expressions as Node[];
  if (items.some((item) => ["star", "qualified_star"].includes(key(unalias(item))) || hasStar(unalias(item))))
    return null;
  return items.map((item) => hint(unalias(item)));
}

/** True when every SELECT item is a plain column (or a star) and no outer join can null them. */
export function readsColumnsAsTheyAre(ast: StatementAst): boolean {
  const select = outerSelect(ast);
  if (!select || !Array.isArray(select.expressions)) return false;
  if (/"(left|right|full)"/i.test(JSON.stringify(select.joins ?? []))) return false;
  return (select.expressions as Node[]).every((item) =>
    ["column", "star", "qualified_star"].includes(key(unalias(item))),
  );
}

function hasStar(node: Node): boolean {
  const k = key(node);
  return k === "column" && (body(node).name as { name?: string } | undefined)?.name === "*";
}

function unalias(node: Node): Node {
  let current = node;
  for (let i = 0; i < 10; i++) {
    const k = key(current);
    if (k === "alias" || k === "paren") current = (body(current).this ?? {}) as Node;
    else return current;
  }
  return current;
}

function hint(node: Node): Hint | null {
  const k = key(node);
  const b = body(node);
  switch (k) {
    case "literal":
      return literalHint(b);
    case "neg": {
      const inner = unalias((b.this ?? {}) as Node);
      return key(inner) === "literal" ? literalHint(body(inner)) : null;
    }
    case "boolean":
      return { sqlType: "BOOLEAN", nullable: false };
    case "cast":
    case "try_cast": {
      const sqlType = writtenType((b.to ?? {}) as Node);
      if (sqlType === null) return null;
      const inner = unalias((b.this ?? {}) as Node);
      const constant = k === "cast" && ["literal", "boolean"].includes(key(inner));
      return constant ? { sqlType, nullable: false } : { sqlType };
    }
    case "count":
      return { sqlType: "NUMBER(18,0)", nullable: false };
    case "array_agg":
      return { sqlType: "ARRAY" };
    case "parse_json":
      return { sqlType: "VARIANT" };
    case "function": {
      const name = String(b.name ?? "").toUpperCase();
      if (name === "MERC_CAST_VARCHAR" || name === "MERC_TRY_CAST_VARCHAR") return sizedStringCast(name, b);
      if (OBJECT_FUNCTIONS.has(name)) return { sqlType: "OBJECT" };
      if (ARRAY_FUNCTIONS.has(name)) return { sqlType: "ARRAY" };
      if (VARIANT_FUNCTIONS.has(name)) return { sqlType: "VARIANT" };
      return null;
    }
    default:
      return null;
  }
}

/**
 * `CAST(x AS VARCHAR(n))` after the type system rewrote it into MERC_[TRY_]CAST_VARCHAR(x, n)
 * (type-system.ts): VARCHAR(n), and not nullable when x is a constant, as for any other cast.
 */
function sizedStringCast(name: string, call: Node): Hint | null {
  const [value, length] = (Array.isArray(call.args) ? call.args : []) as Node[];
  const n = length && key(length) === "literal" ? Number(body(length).value) : Number.NaN;
  if (!Number.isInteger(n)) return null;
  const sqlType = `VARCHAR(${n})`;
  const constant =
    name === "MERC_CAST_VARCHAR" &&
    value !== undefined &&
    ["literal", "boolean"].includes(key(unalias(value)));
  return constant ? { sqlType, nullable: false } : { sqlType };
}

/** A literal's own type: NUMBER(digits, fraction digits), VARCHAR(length); never NULL. */
function literalHint(literal: Node): Hint | null {
  const value = String(literal.value ?? "");
  if (literal.literal_type === "string")
    return { sqlType: `VARCHAR(${Math.max(1, [...value].length)})`, nullable: false };
  if (literal.literal_type !== "number") return null;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m) return { nullable: false };
  const whole = (m[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = m[2] ?? "";
  const digits = (whole === "0" ? 0 : whole.length) + fraction.length;
  return { sqlType: `NUMBER(${Math.min(38, Math.max(1, digits))},${fraction.length})`, nullable: false };
}

/** A cast target as Snowflake writes it, from the transpiler's data type node. */
function writtenType(to: Node): string | null {
  const type = String(to.data_type ?? "");
  const n = (v: unknown): number | null => (typeof v === "number" ? v : null);
  switch (type) {
    case "decimal": {
      const precision = n(to.precision) ?? 38;
      return `NUMBER(${precision},${n(to.scale) ?? 0})`;
    }
    case "int":
    case "big_int":
    case "small_int":
    case "tiny_int":
      return "NUMBER(38,0)";
    case "float":
    case "double":
      return "FLOAT";
    case "var_char":
      return n(to.length) === null ? "VARCHAR" : `VARCHAR(${n(to.length)})`;
    case "char":
      return `CHAR(${n(to.length) ?? 1})`;
    case "text":
      return "VARCHAR";
    case "boolean":
      return "BOOLEAN";
    case "date":
      return "DATE";
    case "time":
      return n(to.precision) === null ? "TIME" : `TIME(${n(to.precision)})`;
    case "timestamp": {
      const precision = n(to.precision) === null ? "" : `(${n(to.precision)})`;
      return `${to.timezone === true ? "TIMESTAMP_TZ" : "TIMESTAMP_NTZ"}${precision}`;
    }
    case "binary":
    case "var_binary":
      return n(to.length) === null ? "BINARY" : `BINARY(${n(to.length)})`;
    case "custom":
      return typeof to.name === "string" ? to.name : null;
    default:
      return null;
  }
}

/** DuckDB's result type and a hinted Snowflake type hold cells the same way. */
function sameFamily(stored: SnowflakeTypeName, hinted: SnowflakeTypeName): boolean {
  if (stored === hinted) return true;
  if (stored === "variant") return hinted === "object" || hinted === "array";
  if (stored === "timestamp_ltz") return hinted === "timestamp_tz";
  return false;
}

/** Applies the hints to the shaped columns (same positions). */
export function applyResultHints(columns: ResultColumn[], hints: (Hint | null)[] | null): void {
  if (hints === null || hints.length !== columns.length) return;
  for (let i = 0; i < columns.length; i++) {
    const found = hints[i];
    const column = columns[i] as ResultColumn;
    if (!found) continue;
    let next = column;
    if (found.sqlType !== undefined) {
      const type = parseSnowflakeType(found.sqlType);
      if (type !== null && sameFamily(column.type, type.type)) {
        if (type.type !== "fixed" || type.scale === column.scale) {
          next = {
            ...next,
            type: type.type,
            sqlType: type.sqlType,
            precision: type.precision,
            scale: type.scale,
            length: type.length,
          };
        }
      }
    }
    if (found.nullable === false) next = { ...next, nullable: false };
    columns[i] = next;
  }
}
