/**
 * Casting a value to a structured type (data-types-structured page, "Explicitly casting a
 * semi-structured type to a structured type" and "Casting from one structured type to another"):
 * an OBJECT must have exactly the type's keys (RENAME FIELDS maps them by position, ADD FIELDS
 * fills missing ones with NULL), each value and element is converted to its declared type, JSON
 * nulls become NULL, and NOT NULL members refuse NULL. The result keeps the type's key order, which
 * is why it is written here and not with json.ts's canonical (sorted) text.
 */
import { canonicalJson, doubleText, type JsonObject, type JsonValue, parseJson, UNDEFINED } from "./json.js";
import { parseStructuredType, type StructuredMember, type StructuredType } from "../structured-types.js";
import { VariantError } from "./variant.js";

/** Canonicaliser for member types: they arrive canonical already, so only their shape is read. */
const asWritten = (written: string): string => written;

/** The runtime failure of a cast (Snowflake does not document its code for structured casts). */
function castError(value: JsonValue, target: string, why: string): VariantError {
  const shown = value === UNDEFINED ? "undefined" : canonicalJson(value);
  return new VariantError("100071", "22000", `Failed to cast variant value ${shown} to ${target}: ${why}`);
}

const isObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && "object" in v;
const isNumber = (v: JsonValue): v is { number: string } =>
  typeof v === "object" && v !== null && "number" in v;

function toNumber(value: JsonValue, text: string): JsonValue {
  const m = /^NUMBER\((\d+),(\d+)\)$/.exec(text);
  const scale = m ? Number(m[2]) : 0;
  let n: number;
  if (isNumber(value)) n = Number(value.number);
  else if (typeof value === "boolean") n = value ? 1 : 0;
  else if (typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
    n = Number(value);
  else
    throw new VariantError(
      "100038",
      "22018",
      `Numeric value '${typeof value === "string" ? value : canonicalJson(value)}' is not recognized`,
    );
  return { number: n.toFixed(scale).replace(/^-(0(\.0*)?)$/, "$1") };
}

function toText(value: JsonValue, text: string): JsonValue {
  let out: string;
  if (typeof value === "string") out = value;
  else if (isNumber(value)) out = value.number;
  else out = canonicalJson(value);
  const m = /^VARCHAR\((\d+)\)$/.exec(text);
  if (m && [...out].length > Number(m[1]))
    throw new VariantError("100078", "22000", `String '${out}' is too long and would be truncated`);
  return out;
}

function toBoolean(value: JsonValue, target: string): JsonValue {
  if (typeof value === "boolean") return value;
  if (isNumber(value)) return Number(value.number) !== 0;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (["true", "t", "yes", "y", "on", "1"].includes(lower)) return true;
    if (["false", "f", "no", "n", "off", "0"].includes(lower)) return false;
  }
  throw castError(value, target, "not a boolean");
}

/** Converts one member value; null stands for SQL NULL. */
function member(value: JsonValue | undefined, m: StructuredMember, mode: string): JsonValue {
  const semi = m.structured === null && /^(VARIANT|OBJECT|ARRAY)$/.test(m.text);
  if (value === undefined || value === UNDEFINED || (value === null && !semi)) {
    if (m.notNull) throw castError(null, m.text, "NULL value for a NOT NULL member");
    return null;
  }
  if (m.structured !== null) return convert(value, m.structured, m.text, mode === "add" ? "exact" : mode);
  if (semi) return value;
  if (m.text.startsWith("NUMBER")) return toNumber(value, m.text);
  if (m.text === "FLOAT") {
    const n = toNumber(value, "NUMBER(38,0)") as { number: string };
    return {
      number: isNumber(value)
        ? value.number
        : doubleText(Number(typeof value === "string" ? value : n.number)),
    };
  }
  if (m.text.startsWith("VARCHAR")) return toText(value, m.text);
  if (m.text === "BOOLEAN") return toBoolean(value, m.text);
  // Dates, times and timestamps are held as their text in a JSON value.
  return typeof value === "string" ? value : toText(value, "VARCHAR");
}

function convert(value: JsonValue, type: StructuredType, target: string, mode: string): JsonValue {
  switch (type.kind) {
    case "array":
      if (!Array.isArray(value)) throw castError(value, target, "not an array");
      // A NULL element of an ARRAY is `undefined` (a JSON null element is a NULL once cast).
      return value.map((item) => member(item, type.element, "exact") ?? UNDEFINED);
    case "map": {
      if (!isObject(value)) throw castError(value, target, "not an object");
      const out = new Map<string, JsonValue>();
      for (const [key, item] of value.object) {
        const k = type.key.text.startsWith("NUMBER")
          ? (toNumber(key, "NUMBER(38,0)") as { number: string }).number
          : key;
        out.set(k, member(item, type.value, "exact"));
      }
      return { object: out };
    }
    case "object": {
      if (!isObject(value)) throw castError(value, target, "not an object");
      const source = [...value.object.entries()];
      const out = new Map<string, JsonValue>();
      if (mode === "rename") {
        if (source.length !== type.fields.length)
          throw castError(value, target, "the number of fields differs");
        for (const [i, f] of type.fields.entries())
          out.set(f.name, member((source[i] as [string, JsonValue])[1], f.member, "exact"));
        return { object: out };
      }
      for (const [key] of source)
        if (!type.fields.some((f) => f.name === key))
          throw castError(value, target, `unexpected field ${key}`);
      for (const f of type.fields) {
        if (!value.object.has(f.name) && mode !== "add")
          throw castError(value, target, `missing field ${f.name}`);
        out.set(f.name, member(value.object.get(f.name) ?? null, f.member, "exact"));
      }
      return { object: out };
    }
  }
}

/** Compact JSON text with object keys in their own order (structured OBJECT / MAP order). */
function orderedText(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(orderedText).join(",")}]`;
  if (isObject(value))
    return `{${[...value.object].map(([k, v]) => `${JSON.stringify(k)}:${orderedText(v)}`).join(",")}}`;
  return canonicalJson(value);
}

/**
 * CAST(json AS <structured type>) with the cast's mode (`rename`, `add` or `exact`); the type text is
 * canonical (types-map.ts). Returns the value's JSON text.
 */
export function castToStructured(json: string, typeText: string, mode: string): string | null {
  const type = parseStructuredType(typeText, asWritten);
  if (type === null) throw new VariantError("002040", "42601", `Unsupported data type '${typeText}'`);
  const parsed = parseJson(json, true);
  if (parsed === null || parsed.value === null) return null;
  return orderedText(convert(parsed.value, type, typeText, mode));
}
