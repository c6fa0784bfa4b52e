/**
 * Snowflake's static types of expressions, inferred on the parsed statement (the transpiler's JSON
 * AST, after name resolution): literals, columns (declared types, also through CTEs, subqueries and
 * earlier select-list aliases), casts, fixed-point arithmetic and string concatenation. DuckDB's
 * result types say too little (every decimal is DECIMAL(38, s), every string VARCHAR), so the type
 * system answers from here where it can: SYSTEM$TYPEOF, sized casts, result column metadata.
 */
import { Dialect, generateDataType } from "./transpiler.js";
import { decodeName } from "./identifiers.js";
import { divisionScale } from "./numeric.js";
import { isIdent } from "./resolve.js";
import { intervalTypeText, TIMESTAMP_DIFFERENCE } from "./interval-types.js";
import { structuredArrayResult, structuredObjectResult } from "./structured-functions.js";
import type { StructuredMember } from "./structured-types.js";
import { numberType, parseSnowflakeType, type SnowflakeType } from "./types-map.js";

type Node = Record<string, unknown>;

/** An inferred type. */
export interface InferredType {
  /** The Snowflake type; for NULL, a VARCHAR stand-in with `isNull` set. */
  type: SnowflakeType;
  /** The NULL literal: Snowflake types it NULL. */
  isNull?: boolean;
  /** VARCHAR written without a length (`CAST(x AS VARCHAR)`): SYSTEM$TYPEOF prints plain `VARCHAR`. */
  unsized?: boolean;
  /** For fixed-point values: the largest absolute unscaled value, which decides the storage width. */
  maxUnscaled?: bigint;
}

/** Declared or inferred type of a column by its stored (normalised) name, or null when unknown. */
export type TypeLookup = ((column: string) => InferredType | null) & {
  /** A user-defined function's declared return type, by the name a call gives (its AST node); else null. */
  functionType?: (call: { name: string; quoted: boolean }) => InferredType | null;
};

const MAX_PRECISION = 38;
const NULL_TYPE: InferredType = { type: parseSnowflakeType("VARCHAR") as SnowflakeType, isNull: true };

const VARIANT_TYPE: InferredType = { type: parseSnowflakeType("VARIANT") as SnowflakeType };

const pow10 = (n: number): bigint => 10n ** BigInt(Math.max(0, n));

/** A fixed-point type whose values fit `maxUnscaled` (never wider than NUMBER(38, s)). */
function fixed(precision: number, scale: number, maxUnscaled?: bigint): InferredType {
  const p = Math.min(MAX_PRECISION, Math.max(precision, scale, 1));
  const s = Math.min(scale, p);
  return { type: numberType(p, s), maxUnscaled: maxUnscaled ?? pow10(p) - 1n };
}

function varchar(length: number | null): InferredType {
  return { type: parseSnowflakeType(length === null ? "VARCHAR" : `VARCHAR(${length})`) as SnowflakeType };
}

/** Snowflake's type of a number literal: digits give the precision, an exponent a FLOAT unless integral. */
function numberLiteral(text: string): InferredType {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return { type: parseSnowflakeType("FLOAT") as SnowflakeType };
  const [, whole = "", fraction = "", exponent] = m;
  if (exponent !== undefined) {
    const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, "");
    const shift = Number(exponent) - fraction.length;
    if (shift < 0 || digits.length + shift > MAX_PRECISION)
      return { type: parseSnowflakeType("FLOAT") as SnowflakeType };
    const value = BigInt(digits || "0") * pow10(shift);
    return fixed(value.toString().length, 0, value);
  }
  const integerDigits = whole.replace(/^0+/, "").length;
  const value = BigInt(`${whole}${fraction}` || "0");
  return fixed(integerDigits + fraction.length, fraction.length, value);
}

/** The normalised name of a column node (names are encoded and quoted by name resolution). */
function columnName(body: Node): string | null {
  const name = body.name;
  if (!isIdent(name)) return null;
  return name.quoted ? decodeName(name.name) : name.name.toUpperCase();
}

/** The type a cast produces (`to` is the transpiler's data type node). */
function castTarget(to: unknown, source: InferredType | null): InferredType | null {
  const generated = generateDataType(to as never, Dialect.Snowflake);
  if (!generated.success || !generated.sql) return null;
  const type = parseSnowflakeType(generated.sql);
  if (type === null) return null;
  const dataType = String((to as Node | null)?.data_type ?? "");
  if (type.type === "text") {
    const sized = typeof (to as Node).length === "number";
    return { type, ...(sized || !/char|text|string/i.test(dataType) ? {} : { unsized: true }) };
  }
  if (type.type !== "fixed") return { type };
  const p = type.precision ?? MAX_PRECISION;
  const s = type.scale ?? 0;
  let max = pow10(p) - 1n;
  if (source?.type.type === "fixed" && source.maxUnscaled !== undefined) {
    // The source's largest value at the target scale, rounded up (rounding can carry a digit).
    const from = source.type.scale ?? 0;
    const scaled =
      from <= s ? source.maxUnscaled * pow10(s - from) : ceilDiv(source.maxUnscaled, pow10(from - s));
    if (scaled < max) max = scaled;
  }
  return { type, maxUnscaled: max };
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

function integerDigits(t: InferredType): number {
  return (t.type.precision ?? MAX_PRECISION) - (t.type.scale ?? 0);
}

/** `+` and `-`: the wider integer part plus a carry digit, at the larger scale. */
function additive(a: InferredType, b: InferredType): InferredType {
  const scale = Math.max(a.type.scale ?? 0, b.type.scale ?? 0);
  const digits = Math.max(integerDigits(a), integerDigits(b)) + 1;
  const atScale = (t: InferredType): bigint =>
    (t.maxUnscaled ?? pow10(t.type.precision ?? MAX_PRECISION)) * pow10(scale - (t.type.scale ?? 0));
  return fixed(digits + scale, scale, atScale(a) + atScale(b));
}

function multiplicative(a: InferredType, b: InferredType): InferredType {
  const sa = a.type.scale ?? 0;
  const sb = b.type.scale ?? 0;
  const scale = Math.min(sa + sb, Math.max(sa, sb, 12));
  const max = (a.maxUnscaled ?? 0n) * (b.maxUnscaled ?? 0n);
  const maxAtScale = sa + sb > scale ? ceilDiv(max, pow10(sa + sb - scale)) : max;
  // Leading digits add up; the scale is capped as above (operators-arithmetic).
  return fixed(integerDigits(a) + integerDigits(b) + scale, scale, maxAtScale);
}

function division(a: InferredType, b: InferredType): InferredType {
  const scale = divisionScale(a.type.scale ?? 0);
  return fixed(integerDigits(a) + (b.type.scale ?? 0) + scale, scale);
}

const isFixed = (t: InferredType | null): t is InferredType =>
  t !== null && !t.isNull && t.type.type === "fixed";

/** Sum of known string lengths (CONCAT, `||`), or null when one is unknown. */
function concatenation(parts: readonly (InferredType | null)[]): InferredType | null {
  let length = 0;
  for (const part of parts) {
    if (part === null || part.isNull) return null;
    if (part.type.type !== "text" || part.type.length === null) return null;
    length += part.type.length;
  }
  return varchar(Math.min(length, 16_777_216));
}

/** The integer value of a number literal node, or null. */
function literalNumber(node: unknown): number | null {
  const literal = (node as Node | null | undefined)?.literal as Node | undefined;
  const value = literal?.literal_type === "number" ? String(literal.value) : "";
  return /^\d+$/.test(value) ? Number(value) : null;
}

const DECIMAL_CONVERSIONS = new Set([
  "TO_DECIMAL",
  "TO_NUMBER",
  "TO_NUMERIC",
  "TRY_TO_DECIMAL",
  "TRY_TO_NUMBER",
  "TRY_TO_NUMERIC",
]);

/** TO_DECIMAL(expr [, 'format'] [, precision [, scale]]): NUMBER(precision, scale), 38 and 0 by default. */
function decimalConversion(args: unknown[]): InferredType | null {
  const rest = args.slice(1);
  const hasFormat =
    (rest[0] as Node | undefined)?.literal !== undefined &&
    ((rest[0] as Node).literal as Node).literal_type === "string";
  const numbers = (hasFormat ? rest.slice(1) : rest).map(
    (a) => ((a as Node | undefined)?.literal as Node | undefined)?.value,
  );
  if (numbers.some((v) => typeof v !== "string" || !/^\d+$/.test(v))) return null;
  return fixed(
    numbers[0] === undefined ? MAX_PRECISION : Number(numbers[0]),
    numbers[1] === undefined ? 0 : Number(numbers[1]),
  );
}

const MOMENTS: Record<string, string> = {
  CURRENT_TIMESTAMP: "TIMESTAMP_LTZ",
  LOCALTIMESTAMP: "TIMESTAMP_LTZ",
  CURRENT_TIME: "TIME",
  LOCALTIME: "TIME",
};

/** CURRENT_TIMESTAMP([p]) and its kin: TIMESTAMP_LTZ(p) / TIME(p), 9 digits without a precision. */
function moment(name: string, args: unknown[]): InferredType | null {
  const base = MOMENTS[name];
  if (base === undefined || args.length > 1) return null;
  const precision = args.length === 0 ? 9 : literalNumber(args[0]);
  if (precision === null || precision > 9) return null;
  const type = parseSnowflakeType(`${base}(${precision})`);
  return type === null ? null : { type };
}

/** An element of a structured ARRAY, a field of a structured OBJECT, a value of a MAP: its declared type. */
function structuredElement(container: InferredType | null, index: unknown): InferredType | null {
  const structured = container?.type.structured;
  if (!structured) return null;
  let member: StructuredMember | undefined;
  if (structured.kind === "array") member = structured.element;
  else if (structured.kind === "map") member = structured.value;
  else {
    const literal = (index as Node | null)?.literal as Node | undefined;
    member = structured.fields.find((f) => f.name === literal?.value)?.member;
  }
  const type = member === undefined ? null : parseSnowflakeType(member.text);
  if (type === null || member === undefined) return null;
  return type.type === "text" && member.text === "VARCHAR" ? { type, unsized: true } : { type };
}

/** Functions whose result is a VARIANT whatever their arguments (the semi-structured reference). */
const VARIANT_RESULTS = new Set([
  "PARSE_JSON",
  "TRY_PARSE_JSON",
  "TO_VARIANT",
  "GET",
  "GET_PATH",
  "GET_IGNORE_CASE",
]);

/** Calls the typed rewrites make (typed-casts.ts), typed by their second argument. */
const TYPED_CALLS = new Set(["MERC_STRUCTURED_CAST", "MERC_INTERVAL_PARSE"]);

const TIMESTAMP_CALLS =
  /^(TO_TIMESTAMP(_NTZ|_LTZ|_TZ)?|TRY_TO_TIMESTAMP(_NTZ|_LTZ|_TZ)?|CURRENT_TIMESTAMP|SYSDATE|LOCALTIMESTAMP)$/;

/** A timestamp operand: a timestamp-typed expression or a timestamp conversion. */
function isTimestamp(node: unknown, type: InferredType | null): boolean {
  if (type !== null) return type.type.type.startsWith("timestamp");
  const fn = (node as Node | null)?.function as Node | undefined;
  return fn !== undefined && TIMESTAMP_CALLS.test(String(fn.name).toUpperCase());
}

/** The static type of an expression node, or null when the engine cannot tell. */
export function inferType(node: unknown, lookup: TypeLookup): InferredType | null {
  if (typeof node !== "object" || node === null) return null;
  const n = node as Node;
  const key = Object.keys(n)[0];
  if (key === undefined) return null;
  const body = n[key] as Node;
  switch (key) {
    case "literal":
      if (body.literal_type === "number") return numberLiteral(String(body.value));
      if (body.literal_type === "string") return varchar([...String(body.value)].length);
      return null;
    case "boolean":
      return { type: parseSnowflakeType("BOOLEAN") as SnowflakeType };
    case "array_func":
      // An ARRAY constant `[…]` and an OBJECT constant `{…}` are semi-structured.
      return { type: parseSnowflakeType("ARRAY") as SnowflakeType };
    case "map_func":
      return body.curly_brace_syntax === true
        ? { type: parseSnowflakeType("OBJECT") as SnowflakeType }
        : null;
    case "subscript": {
      // A structured type's element has its declared type; any other semi-structured value's is a VARIANT.
      const base = inferType(body.this, lookup);
      if (base?.type.structured) return structuredElement(base, body.index);
      const kind = base?.type.type;
      return kind === "variant" || kind === "object" || kind === "array" ? VARIANT_TYPE : null;
    }
    case "null":
      return NULL_TYPE;
    case "column": {
      const name = columnName(body);
      return name === null ? null : lookup(name);
    }
    case "alias":
    case "paren":
      return inferType(body.this, lookup);
    case "neg": {
      const t = inferType(body.this, lookup);
      return t !== null && (t.type.type === "fixed" || t.type.type === "real") ? t : null;
    }
    case "cast":
    case "try_cast":
      return castTarget(body.to, inferType(body.this, lookup));
    case "add":
    case "sub":
    case "mul":
    case "div": {
      const a = inferType(body.left, lookup);
      const b = inferType(body.right, lookup);
      if (key === "sub" && isTimestamp(body.left, a) && isTimestamp(body.right, b))
        return { type: parseSnowflakeType(intervalTypeText(TIMESTAMP_DIFFERENCE)) as SnowflakeType };
      if (!isFixed(a) || !isFixed(b)) return null;
      if (key === "mul") return multiplicative(a, b);
      if (key === "div") return division(a, b);
      return additive(a, b);
    }
    case "concat":
      // `a || b` (left, right) or CONCAT(a, …) (expressions).
      if (Array.isArray(body.expressions))
        return concatenation((body.expressions as unknown[]).map((e) => inferType(e, lookup)));
      return concatenation([inferType(body.left, lookup), inferType(body.right, lookup)]);
    case "to_number": {
      // TO_DECIMAL / TO_NUMBER / TO_NUMERIC and their TRY_ forms: NUMBER(precision, scale).
      const precision = literalNumber(body.precision);
      const scale = literalNumber(body.scale);
      if ((body.precision != null && precision === null) || (body.scale != null && scale === null))
        return null;
      return fixed(precision ?? MAX_PRECISION, scale ?? 0);
    }
    case "parse_json":
      // PARSE_JSON (the transpiler's own node; TRY_PARSE_JSON is a plain function call).
      return VARIANT_TYPE;
    case "j_s_o_n_extract":
      // `v:path` is a VARIANT whatever the value it finds.
      return body.variant_extract ? VARIANT_TYPE : null;
    case "function": {
      const name = String(body.name).toUpperCase();
      const args = Array.isArray(body.args) ? (body.args as unknown[]) : [];
      if (name === "CONCAT") return concatenation(args.map((e) => inferType(e, lookup)));
      if (DECIMAL_CONVERSIONS.has(name)) return decimalConversion(args);
      if (name === "TO_DOUBLE" || name === "TRY_TO_DOUBLE")
        return { type: parseSnowflakeType("FLOAT") as SnowflakeType };
      if (TYPED_CALLS.has(name)) {
        // Rewritten casts (typed-casts.ts) carry their type as the second argument.
        const literal = (args[1] as Node | undefined)?.literal as Node | undefined;
        const type = literal?.literal_type === "string" ? parseSnowflakeType(String(literal.value)) : null;
        return type === null ? null : { type };
      }
      const structured =
        structuredObjectResult(name, args, (n) => inferType(n, lookup)) ??
        structuredArrayResult(name, args, (n) => inferType(n, lookup));
      if (structured !== null) return { type: structured };
      if (VARIANT_RESULTS.has(name)) return VARIANT_TYPE;
      // Snowflake's own functions first; else a UDF's declared return type.
      return (
        moment(name, args) ??
        lookup.functionType?.({ name: String(body.name), quoted: body.quoted === true }) ??
        null
      );
    }
    default:
      return null;
  }
}

/** Storage width Snowflake reports for a fixed-point value range: `SB1` … `SB16`. */
function storageBytes(maxUnscaled: bigint): number {
  if (maxUnscaled <= 127n) return 1;
  if (maxUnscaled <= 32_767n) return 2;
  if (maxUnscaled <= 2_147_483_647n) return 4;
  if (maxUnscaled <= 9_223_372_036_854_775_807n) return 8;
  return 16;
}

/** SYSTEM$TYPEOF's text for an inferred type: `NUMBER(1,0)[SB1]`, `VARCHAR(9)[LOB]`, `NULL[LOB]`. */
export function systemTypeofText(t: InferredType): string {
  if (t.isNull) return "NULL[LOB]";
  const type = t.type;
  switch (type.type) {
    case "fixed":
      return `${type.sqlType}[SB${storageBytes(t.maxUnscaled ?? pow10(type.precision ?? MAX_PRECISION) - 1n)}]`;
    case "text":
      return t.unsized ? "VARCHAR[LOB]" : `${type.sqlType}[LOB]`;
    case "real":
      return "FLOAT[DOUBLE]";
    case "boolean":
      return "BOOLEAN[SB1]";
    case "date":
      return "DATE[SB4]";
    case "timestamp_tz":
    case "interval":
      return `${type.sqlType}[SB16]`;
    case "time":
    case "timestamp_ntz":
    case "timestamp_ltz":
      return `${type.sqlType}[SB8]`;
    default:
      return `${type.sqlType}[LOB]`;
  }
}
