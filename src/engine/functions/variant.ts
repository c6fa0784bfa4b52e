/**
 * Snowflake's ARRAY / OBJECT / VARIANT functions on JSON values (json.ts): construction, access,
 * set operations, sorting. Semantics follow the function pages: arrays are multisets, SQL NULL
 * elements are `undefined` (kept, shown, matched by NULL), JSON null is a value that sorts after
 * every other, numbers compare by value (5 = 5.00), objects by their members.
 * The functions take and return JSON text; scalars-variant.ts registers them with DuckDB.
 */
import {
  canonicalJson,
  JsonParseError,
  type JsonObject,
  type JsonValue,
  parseJson,
  plainJsonText,
  TYPED_VARIANT_LETTERS,
  typedLetter,
  UNDEFINED,
  untypedText,
} from "./json.js";

/** A Snowflake error a function raises (code and SQLSTATE reach the client through error-map.ts). */
export class VariantError extends Error {
  constructor(
    readonly snowflakeCode: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON text as a value; blank text is undefined (a JSON null stays null). */
function read(text: string): JsonValue {
  const parsed = parseJson(text, true);
  return parsed === null ? UNDEFINED : parsed.value;
}
const write = (value: JsonValue): string => canonicalJson(value);
const isArray = (v: JsonValue): v is JsonValue[] => Array.isArray(v);
const isObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && "object" in v;
const isNumber = (v: JsonValue): v is { number: string } =>
  typeof v === "object" && v !== null && "number" in v;

/** The array a function works on; a VARIANT that is not an array is an error. */
function arrayOf(text: string, fn: string): JsonValue[] {
  const value = read(text);
  if (!isArray(value)) throw new VariantError("100104", "22000", `${fn}: input is not an array`);
  return value;
}

/** Rank of a value's kind in Snowflake's VARIANT order (JSON null after everything). */
function kindRank(v: JsonValue): number {
  if (v === UNDEFINED) return 7;
  if (v === null) return 6;
  if (isNumber(v)) return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  if (isArray(v)) return 3;
  return 4;
}

/** Total order over VARIANT values: numbers by value, strings by code point, then by kind. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  if (isNumber(a) && isNumber(b)) return Number(a.number) - Number(b.number);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const ta = write(a);
  const tb = write(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** VARIANT equality: numbers by value, arrays and objects member by member. */
export function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (isNumber(a) && isNumber(b)) return Number(a.number) === Number(b.number);
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    if (a.object.size !== b.object.size) return false;
    for (const [k, v] of a.object) if (!b.object.has(k) || !sameValue(v, b.object.get(k)!)) return false;
    return true;
  }
  return a === b;
}

/** A SQL argument (JSON text from to_json, or SQL NULL) as an array element. */
const element = (text: string | null): JsonValue => (text === null ? UNDEFINED : read(text));

export function arrayConstruct(values: (string | null)[], compact: boolean): string {
  const items = values.map(element);
  return write(compact ? items.filter((v) => v !== UNDEFINED) : items);
}

export function arraySize(text: string): number | null {
  const value = read(text);
  return isArray(value) ? value.length : null;
}

/** ARRAY_CONTAINS / ARRAY_POSITION: a SQL NULL value finds the first undefined element. */
export function arrayPosition(value: string | null, array: string): number | null {
  const items = arrayOf(array, "ARRAY_POSITION");
  const wanted = element(value);
  const at = items.findIndex((item) => (wanted === UNDEFINED ? item === UNDEFINED : sameValue(item, wanted)));
  return at < 0 ? null : at;
}

export function arrayContains(value: string | null, array: string): boolean | null {
  const at = arrayPosition(value, array);
  if (at !== null) return true;
  return value === null ? null : false;
}

export function arrayAppend(array: string, value: string | null): string {
  return write([...arrayOf(array, "ARRAY_APPEND"), element(value)]);
}

export function arrayPrepend(array: string, value: string | null): string {
  return write([element(value), ...arrayOf(array, "ARRAY_PREPEND")]);
}

export function arrayCat(a: string, b: string): string {
  return write([...arrayOf(a, "ARRAY_CAT"), ...arrayOf(b, "ARRAY_CAT")]);
}

/** Inserts at a 0-based position (negative from the end); a gap is filled with undefined. */
export function arrayInsert(array: string, position: number, value: string | null): string {
  const items = [...arrayOf(array, "ARRAY_INSERT")];
  let at = position < 0 ? items.length + position : position;
  if (at < 0) at = 0;
  while (items.length < at) items.push(UNDEFINED);
  items.splice(at, 0, element(value));
  return write(items);
}

export function arrayCompact(array: string): string {
  return write(arrayOf(array, "ARRAY_COMPACT").filter((v) => v !== UNDEFINED && v !== null));
}

export function arrayDistinct(array: string): string {
  const out: JsonValue[] = [];
  for (const item of arrayOf(array, "ARRAY_DISTINCT"))
    if (!out.some((o) => sameValue(o, item))) out.push(item);
  return write(out);
}

/**
 * ARRAY_UNION_AGG over the JSON array of a group's arrays (ARRAY_AGG skips the NULL rows): the
 * multiset union, each value as often as in the array holding it most.
 */
export function arrayUnionAgg(arrays: string): string {
  const out: JsonValue[] = [];
  for (const array of arrayOf(arrays, "ARRAY_UNION_AGG")) {
    if (!isArray(array)) throw new VariantError("100104", "22000", "ARRAY_UNION_AGG: input is not an array");
    const counted: { value: JsonValue; count: number }[] = [];
    for (const item of array) {
      const seen = counted.find((c) => sameValue(c.value, item));
      if (seen) seen.count++;
      else counted.push({ value: item, count: 1 });
    }
    for (const { value, count } of counted) {
      const have = out.filter((o) => sameValue(o, value)).length;
      for (let i = have; i < count; i++) out.push(value);
    }
  }
  return write(out);
}

/** Multiset difference / intersection: each match consumes one copy. */
function multiset(a: JsonValue[], b: JsonValue[], keep: "except" | "intersection"): JsonValue[] {
  const pool = [...b];
  const out: JsonValue[] = [];
  for (const item of a) {
    const at = pool.findIndex((p) => sameValue(p, item));
    if (at >= 0) pool.splice(at, 1);
    if (at >= 0 === (keep === "intersection")) out.push(item);
  }
  return out;
}

export function arrayExcept(a: string, b: string): string {
  return write(multiset(arrayOf(a, "ARRAY_EXCEPT"), arrayOf(b, "ARRAY_EXCEPT"), "except"));
}

export function arrayIntersection(a: string, b: string): string {
  return write(multiset(arrayOf(a, "ARRAY_INTERSECTION"), arrayOf(b, "ARRAY_INTERSECTION"), "intersection"));
}

export function arraysOverlap(a: string, b: string): boolean {
  return multiset(arrayOf(a, "ARRAYS_OVERLAP"), arrayOf(b, "ARRAYS_OVERLAP"), "intersection").length > 0;
}

/** One level of nesting removed; NULL when an element is undefined; an error for a non-array element. */
export function arrayFlatten(array: string): string | null {
  const out: JsonValue[] = [];
  for (const item of arrayOf(array, "ARRAY_FLATTEN")) {
    if (item === UNDEFINED) return null;
    if (!isArray(item))
      throw new VariantError(
        "100107",
        "22000",
        "Not an array: 'Input argument to ARRAY_FLATTEN is not an array of arrays'",
      );
    out.push(...item);
  }
  return write(out);
}

export function arrayGenerateRange(start: number, stop: number, step: number): string {
  if (step === 0) throw new VariantError("100096", "22023", "ARRAY_GENERATE_RANGE: step must not be zero");
  const out: JsonValue[] = [];
  for (let n = start; step > 0 ? n < stop : n > stop; n += step) out.push({ number: String(n) });
  return write(out);
}

/** Largest (or smallest) element that is not undefined; JSON null ranks above every value. */
export function arrayExtreme(array: string, which: "max" | "min"): string | null {
  const items = arrayOf(array, which === "max" ? "ARRAY_MAX" : "ARRAY_MIN").filter((v) => v !== UNDEFINED);
  if (items.length === 0) return null;
  const sign = which === "max" ? 1 : -1;
  return write(items.reduce((best, v) => (sign * compareValues(v, best) > 0 ? v : best)));
}

export function arrayRemove(array: string, value: string): string {
  const wanted = read(value);
  return write(arrayOf(array, "ARRAY_REMOVE").filter((v) => !sameValue(v, wanted)));
}

export function arrayRemoveAt(array: string, position: number): string {
  const items = [...arrayOf(array, "ARRAY_REMOVE_AT")];
  const at = position < 0 ? items.length + position : position;
  if (at >= 0 && at < items.length) items.splice(at, 1);
  return write(items);
}

export function arrayReverse(array: string): string {
  return write([...arrayOf(array, "ARRAY_REVERSE")].reverse());
}

/** Python-style slice: negative positions count from the end, `to` excluded. */
export function arraySlice(array: string, from: number, to: number): string {
  const items = arrayOf(array, "ARRAY_SLICE");
  const clamp = (n: number): number => Math.min(Math.max(n < 0 ? items.length + n : n, 0), items.length);
  return write(items.slice(clamp(from), Math.max(clamp(from), clamp(to))));
}

/** ARRAY_SORT: undefined (SQL NULL) elements placed by `nullsFirst`, JSON null sorted as the largest value. */
export function arraySort(array: string, ascending: boolean, nullsFirst: boolean | null): string {
  const items = arrayOf(array, "ARRAY_SORT");
  const first = nullsFirst ?? !ascending;
  const values = items.filter((v) => v !== UNDEFINED);
  const missing = items.filter((v) => v === UNDEFINED);
  values.sort((a, b) => (ascending ? 1 : -1) * compareValues(a, b));
  return write(first ? [...missing, ...values] : [...values, ...missing]);
}

/** ARRAY_TO_STRING: elements as TO_VARCHAR shows them (strings unquoted), undefined and null as ''. */
export function arrayToString(array: string, separator: string): string {
  return arrayOf(array, "ARRAY_TO_STRING")
    .map((v) => (v === UNDEFINED || v === null ? "" : variantText(v)))
    .join(separator);
}

/**
 * A VARIANT as VARCHAR: a string without its quotes (a typed value as its text), a number in
 * decimal notation, else JSON as Snowflake shows it.
 */
export function variantText(value: JsonValue): string {
  if (typeof value === "string") return untypedText(value);
  if (isNumber(value) && /[eE]/.test(value.number)) return String(Number(value.number));
  return plainJsonText(write(value));
}

export function arraysToObject(keys: string, values: string): string {
  const k = arrayOf(keys, "ARRAYS_TO_OBJECT");
  const v = arrayOf(values, "ARRAYS_TO_OBJECT");
  if (k.length !== v.length)
    throw new VariantError(
      "215001",
      "22000",
      "Key array and value array had unequal lengths in ARRAYS_TO_OBJECT",
    );
  const object = new Map<string, JsonValue>();
  k.forEach((key, i) => {
    if (key === UNDEFINED || key === null) return;
    if (typeof key !== "string")
      throw new VariantError(
        "215002",
        "22000",
        "Key supplied for ARRAYS_TO_OBJECT does not have string type",
      );
    const value = v[i]!;
    object.set(key, value === UNDEFINED ? null : value);
  });
  return write({ object });
}

/** ARRAYS_ZIP: one object per position, keys $1…$n, JSON null where an array is shorter or undefined. */
export function arraysZip(arrays: string[]): string {
  const lists = arrays.map((a) => arrayOf(a, "ARRAYS_ZIP"));
  const length = Math.max(1, ...lists.map((l) => l.length));
  const out: JsonValue[] = [];
  for (let i = 0; i < length; i++) {
    const object = new Map<string, JsonValue>();
    lists.forEach((list, n) => {
      if (list.length === 0) return;
      const value = list[i];
      object.set(`$${n + 1}`, value === undefined || value === UNDEFINED ? null : value);
    });
    out.push({ object });
  }
  return write(out);
}

/** GET(array, index) / GET(object, key): NULL when absent (or undefined). */
export function get(container: string, key: string, ignoreCase = false): string | null {
  const value = read(container);
  const k = read(key);
  let found: JsonValue | undefined;
  if (isArray(value) && isNumber(k)) found = value[Number(k.number)];
  else if (isObject(value) && typeof k === "string") {
    found = value.object.get(k);
    if (found === undefined && ignoreCase) {
      const lower = k.toLowerCase();
      for (const [name, v] of value.object) if (name.toLowerCase() === lower) found = v;
    }
  }
  return found === undefined || found === UNDEFINED ? null : write(found);
}

/** The object a function works on; a VARIANT that is not an object is an error. */
function objectOf(text: string, fn: string): Map<string, JsonValue> {
  const value = read(text);
  if (!isObject(value)) throw new VariantError("100104", "22000", `${fn}: input is not an object`);
  return value.object;
}

/** A key argument (JSON text of a VARIANT); a key that is not a string is an error. */
function keyOf(text: string, fn: string): string {
  const key = read(text);
  if (typeof key !== "string") throw new VariantError("100104", "22000", `${fn}: key is not a string`);
  return key;
}

/**
 * OBJECT_INSERT: a SQL NULL key or value leaves the object as it is (a JSON null is inserted); an
 * existing key is an error unless `update` is set.
 */
export function objectInsert(o: string, key: string | null, value: string | null, update: boolean): string {
  const object = new Map(objectOf(o, "OBJECT_INSERT"));
  if (key === null || value === null) return write({ object });
  const k = keyOf(key, "OBJECT_INSERT");
  if (object.has(k) && !update)
    throw new VariantError(
      "100148",
      "22023",
      `Duplicate field key '${k}' in OBJECT_INSERT; pass TRUE as the fourth argument to update it`,
    );
  object.set(k, read(value));
  return write({ object });
}

/** OBJECT_DELETE: the object without the given keys (absent keys are ignored). */
export function objectDelete(o: string, keys: string[]): string {
  const object = new Map(objectOf(o, "OBJECT_DELETE"));
  for (const key of keys) object.delete(keyOf(key, "OBJECT_DELETE"));
  return write({ object });
}

/** OBJECT_PICK: the members named by the keys, given one by one or as one array. */
export function objectPick(o: string, keys: string[]): string {
  const source = objectOf(o, "OBJECT_PICK");
  const single = keys.length === 1 ? read(keys[0]!) : undefined;
  const names = isArray(single ?? null)
    ? (single as JsonValue[]).filter((k): k is string => typeof k === "string")
    : keys.map((k) => keyOf(k, "OBJECT_PICK"));
  const object = new Map<string, JsonValue>();
  for (const name of names) if (source.has(name)) object.set(name, source.get(name)!);
  return write({ object });
}

/** OBJECT_KEYS: the top-level keys, in the object's order. */
export function objectKeys(o: string): string {
  return write([...objectOf(o, "OBJECT_KEYS").keys()]);
}

/** ARRAY_REPEAT: `count` copies of the element (a SQL NULL element repeats as undefined). */
export function arrayRepeat(element: string | null, count: number): string {
  const value = element === null ? UNDEFINED : read(element);
  return write(Array.from({ length: Math.max(0, count) }, () => value));
}

/** STRIP_NULL_VALUE: a JSON null becomes SQL NULL; every other value passes unchanged. */
export function stripNullValue(value: string): string | null {
  const v = read(value);
  return v === null || v === UNDEFINED ? null : write(v);
}

/** TO_OBJECT: an object as it is; any other VARIANT is an error. */
export function toObject(value: string): string | null {
  // JSON null converts to SQL NULL, as in TO_ARRAY; any other non-object is refused.
  if (read(value) === null) return null;
  return write({ object: objectOf(value, "TO_OBJECT") });
}

/**
 * CHECK_JSON: NULL when the string (or the string a VARIANT holds) is valid JSON, else the parse
 * error as PARSE_JSON words it, without its "Error parsing JSON: " prefix.
 */
export function checkJson(value: string): string | null {
  const v = read(value);
  if (typeof v !== "string") return null;
  try {
    parseJson(v);
    return null;
  } catch (error) {
    if (error instanceof JsonParseError) return error.message.replace(/^Error parsing JSON: /, "");
    throw error;
  }
}

/**
 * Snowflake's type names for what a VARIANT holds (TYPEOF): the JSON kinds, and the types a typed
 * string carries (json.ts TYPED_MARK).
 */
export type VariantType =
  | "NULL_VALUE"
  | "BOOLEAN"
  | "INTEGER"
  | "DECIMAL"
  | "DOUBLE"
  | "VARCHAR"
  | "ARRAY"
  | "OBJECT"
  | (typeof TYPED_VARIANT_LETTERS)[keyof typeof TYPED_VARIANT_LETTERS];

/**
 * The type of a VARIANT's value; a number's type follows its spelling, which the engine keeps:
 * an exponent is a DOUBLE (TO_VARIANT writes doubles so), a fraction a DECIMAL, else an INTEGER.
 */
export function variantType(text: string): VariantType | null {
  const value = read(text);
  if (value === UNDEFINED) return null;
  if (value === null) return "NULL_VALUE";
  if (typeof value === "boolean") return "BOOLEAN";
  if (typeof value === "string") {
    const letter = typedLetter(value);
    return letter === null ? "VARCHAR" : TYPED_VARIANT_LETTERS[letter];
  }
  if (isNumber(value))
    return /[eE]/.test(value.number) ? "DOUBLE" : value.number.includes(".") ? "DECIMAL" : "INTEGER";
  return isArray(value) ? "ARRAY" : "OBJECT";
}

/** The VARIANT types each IS_* predicate accepts (IS_DECIMAL takes integers, IS_DOUBLE every number). */
export const TYPE_PREDICATES: Readonly<Record<string, readonly VariantType[]>> = {
  IS_ARRAY: ["ARRAY"],
  IS_OBJECT: ["OBJECT"],
  IS_BOOLEAN: ["BOOLEAN"],
  IS_CHAR: ["VARCHAR"],
  IS_VARCHAR: ["VARCHAR"],
  IS_INTEGER: ["INTEGER"],
  IS_DECIMAL: ["INTEGER", "DECIMAL"],
  IS_DOUBLE: ["INTEGER", "DECIMAL", "DOUBLE"],
  IS_REAL: ["INTEGER", "DECIMAL", "DOUBLE"],
  IS_DATE: ["DATE"],
  IS_DATE_VALUE: ["DATE"],
  IS_TIME: ["TIME"],
  IS_TIMESTAMP_NTZ: ["TIMESTAMP_NTZ"],
  IS_TIMESTAMP_LTZ: ["TIMESTAMP_LTZ"],
  IS_TIMESTAMP_TZ: ["TIMESTAMP_TZ"],
  IS_BINARY: ["BINARY"],
};

/**
 * AS_* casts: the value's text when the VARIANT holds one of the types the cast accepts, else NULL
 * (the rewrite casts the text to the SQL type). A string is given without its quotes.
 */
export function variantAs(text: string, accepted: readonly VariantType[]): string | null {
  const type = variantType(text);
  if (type === null || !accepted.includes(type)) return null;
  return variantText(read(text));
}

/** TO_ARRAY: an array as it is, JSON null NULL (to_array page), any other value in a one-element array. */
export function toArray(text: string): string | null {
  const value = read(text);
  if (value === null) return null;
  return write(isArray(value) ? value : [value]);
}
