/**
 * OBJECT_DELETE, OBJECT_INSERT and OBJECT_PICK on a structured OBJECT (data-types-structured page,
 * "Transforming structured OBJECT values"): the keys are constants checked against the type when the
 * statement compiles (093201 / 093202), and the result is a structured OBJECT whose type drops,
 * adds or picks those keys, in the order the page gives.
 */
import { SnowflakeError } from "./errors.js";
import { type StructuredMember, structuredTypeText } from "./structured-types.js";
import { parseSnowflakeType, type SnowflakeType } from "./types-map.js";

type Node = Record<string, unknown>;

/** The static type of an expression, as the caller infers it. */
export type Infer = (node: unknown) => { type: SnowflakeType; unsized?: boolean; isNull?: boolean } | null;

export const STRUCTURED_OBJECT_FUNCTIONS = new Set(["OBJECT_DELETE", "OBJECT_INSERT", "OBJECT_PICK"]);

function stringConstant(node: unknown): string | null {
  const literal = (node as Node | null)?.literal as Node | undefined;
  return literal?.literal_type === "string" ? String(literal.value) : null;
}

function booleanConstant(node: unknown): boolean | null {
  const b = (node as Node | null)?.boolean as Node | undefined;
  if (b && typeof b.value === "boolean") return b.value;
  return null;
}

const missing = (fn: string, key: string): SnowflakeError =>
  new SnowflakeError(
    "093201",
    "23001",
    `Function ${fn}: expected structured object to contain field ${key} but it did not.`,
  );
const present = (fn: string, key: string): SnowflakeError =>
  new SnowflakeError(
    "093202",
    "23001",
    `Function ${fn}: expected structured object to not contain field ${key} but it did.`,
  );

/** A literal (or a cast of one) other than NULL can never be NULL. */
function neverNull(node: unknown): boolean {
  const n = node as Node | null;
  if (!n || typeof n !== "object") return false;
  if ("literal" in n || "boolean" in n) return true;
  const cast = (n.cast ?? n.paren) as Node | undefined;
  return cast !== undefined && neverNull(cast.this);
}

/** The member type a value brings into an OBJECT_INSERT result. */
function memberOf(node: unknown, infer: Infer): StructuredMember {
  const t = infer(node);
  const text =
    t === null || t.isNull ? "VARIANT" : t.type.type === "text" && t.unsized ? "VARCHAR" : t.type.sqlType;
  return { text, structured: t?.type.structured ?? null, notNull: neverNull(node) };
}

/**
 * The result type of the call when its first argument is a structured OBJECT; null when it is not
 * (semi-structured OBJECTs keep their own rules). Throws Snowflake's compile-time errors for keys
 * the type does not allow.
 */
export function structuredObjectResult(name: string, args: unknown[], infer: Infer): SnowflakeType | null {
  if (!STRUCTURED_OBJECT_FUNCTIONS.has(name) || args.length < 2) return null;
  const source = infer(args[0])?.type.structured;
  if (source?.kind !== "object") return null;
  const fields = source.fields;
  const has = (key: string): boolean => fields.some((f) => f.name === key);
  let result: typeof fields;
  if (name === "OBJECT_INSERT") {
    const key = stringConstant(args[1]);
    if (key === null || args.length < 3) return null;
    const update = args.length > 3 && booleanConstant(args[3]) === true;
    if (update && !has(key)) throw missing(name, key);
    if (!update && has(key)) throw present(name, key);
    result = update ? fields : [...fields, { name: key, member: memberOf(args[2], infer) }];
  } else {
    const keys = args.slice(1).map(stringConstant);
    if (keys.some((k) => k === null)) return null;
    for (const key of keys as string[]) if (!has(key)) throw missing(name, key);
    result =
      name === "OBJECT_DELETE"
        ? fields.filter((f) => !keys.includes(f.name))
        : (keys as string[]).map((k) => fields.find((f) => f.name === k)!);
  }
  return parseSnowflakeType(structuredTypeText({ kind: "object", fields: result }));
}

/** Array functions whose result has the first argument's structured ARRAY type. */
const SAME_ARRAY_FUNCTIONS = new Set([
  "ARRAY_COMPACT",
  "ARRAY_DISTINCT",
  "ARRAY_EXCEPT",
  "ARRAY_REMOVE",
  "ARRAY_REMOVE_AT",
  "ARRAY_REVERSE",
  "ARRAY_SLICE",
  "ARRAY_SORT",
]);

/** The element type two structured ARRAYs' elements share: NUMBER(38, larger scale) for numbers. */
function commonElement(a: StructuredMember, b: StructuredMember): StructuredMember | null {
  const ta = parseSnowflakeType(a.text);
  const tb = parseSnowflakeType(b.text);
  if (ta?.type === "fixed" && tb?.type === "fixed")
    return { text: `NUMBER(38,${Math.max(ta.scale ?? 0, tb.scale ?? 0)})`, structured: null, notNull: false };
  if (a.text === b.text) return { ...a, notNull: a.notNull && b.notNull };
  return null;
}

/**
 * The result type of an array function over structured ARRAYs (ARRAY_CAT: the elements' common
 * type, nullable unless both are NOT NULL; ARRAY_SLICE and kin: the first argument's type); null
 * when an argument is not a structured ARRAY.
 */
export function structuredArrayResult(name: string, args: unknown[], infer: Infer): SnowflakeType | null {
  const first = infer(args[0])?.type.structured;
  if (first?.kind !== "array") return null;
  if (SAME_ARRAY_FUNCTIONS.has(name)) return parseSnowflakeType(structuredTypeText(first));
  if (name !== "ARRAY_CAT" || args.length !== 2) return null;
  const second = infer(args[1])?.type.structured;
  if (second?.kind !== "array") return null;
  const element = commonElement(first.element, second.element);
  return element === null ? null : parseSnowflakeType(structuredTypeText({ kind: "array", element }));
}
