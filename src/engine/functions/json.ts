/**
 * Snowflake's JSON text: PARSE_JSON's lenient reading (unquoted keys, keywords in any case, array
 * elements left out as `undefined`, empty input as NULL, duplicate keys refused unless the `d` parameter is given)
 * and the canonical text Snowflake produces for a VARIANT (compact, object keys sorted, numbers as
 * written so decimals keep their digits). The functions work on text and never go through
 * JavaScript numbers.
 */

/**
 * Snowflake's `undefined`: an array element that holds no value (a SQL NULL put in an array, or an
 * element left out in JSON text such as `[1, , 2]`). It is shown as `undefined`.
 */
export const UNDEFINED: unique symbol = Symbol("undefined");

/**
 * The mark that opens a JSON string holding a typed VARIANT value (docs/decisions/021): a
 * private-use character, then one letter for the Snowflake type (TYPED_VARIANT_LETTERS), then the
 * text Snowflake shows for the value. `"\uE000D2024-02-24"` is a DATE; `"\uE000U"` is an undefined
 * array element. The text stays valid JSON, so DuckDB's JSON functions read and carry it; what
 * shows a VARIANT to the user (plainJsonText) drops the mark.
 */
export const TYPED_MARK = "\uE000";

/** The Snowflake type each letter after TYPED_MARK stands for. */
export const TYPED_VARIANT_LETTERS = {
  D: "DATE",
  T: "TIME",
  N: "TIMESTAMP_NTZ",
  L: "TIMESTAMP_LTZ",
  Z: "TIMESTAMP_TZ",
  B: "BINARY",
} as const;
export type TypedLetter = keyof typeof TYPED_VARIANT_LETTERS;

/** The stored JSON text of an undefined array element. */
export const UNDEFINED_TEXT = `"${TYPED_MARK}U"`;

/** A typed VARIANT string: the mark, the type letter, then the value's text. */
export function typedString(letter: TypedLetter, text: string): string {
  return `${TYPED_MARK}${letter}${text}`;
}

/** The type letter of a string holding a typed value, else null (a plain string). */
export function typedLetter(value: string): TypedLetter | null {
  if (value.charCodeAt(0) !== 0xe000) return null;
  const letter = value[1];
  return letter !== undefined && letter in TYPED_VARIANT_LETTERS ? (letter as TypedLetter) : null;
}

/** A string's text without the typed mark (a plain string unchanged). */
export function untypedText(value: string): string {
  return typedLetter(value) === null ? value : value.slice(2);
}

/**
 * SQL for the text of a VARIANT string (`text`, a VARCHAR expression used once) without a typed
 * value's mark and letter: a DATE inside a VARIANT cast to VARCHAR or DATE reads as its text.
 */
export function untypedSql(text: string): string {
  return `regexp_replace(${text}, '^${TYPED_MARK}[A-Z]', '')`;
}

/** An undefined element (not inside a string, where its quotes would be escaped), or any other mark and letter. */
const TYPED_IN_TEXT = /(?<!\\)"\uE000U"|\uE000[A-Z]/g;

/**
 * VARIANT JSON text, or text made from it, as Snowflake shows it (display, TO_JSON, ::VARCHAR of
 * an array or object): typed strings without their mark, undefined elements as `undefined`. The
 * mark is never shown: one left inside a string (an ARRAY_AGG of VARIANTs, a VARIANT concatenated
 * as text) goes too. Text without the mark (every plain value) is returned as it is after one scan.
 */
export function plainJsonText(text: string): string {
  if (!text.includes(TYPED_MARK)) return text;
  return text.replace(TYPED_IN_TEXT, (m) => (m.length === 4 ? "undefined" : ""));
}

/** A JSON value with numbers kept as their text. */
export type JsonValue =
  | null
  | boolean
  | string
  | typeof UNDEFINED
  | { number: string }
  | JsonValue[]
  | JsonObject;
export interface JsonObject {
  object: Map<string, JsonValue>;
}

/** A parse failure, worded as Snowflake's `Error parsing JSON: …, pos N`. */
export class JsonParseError extends Error {
  readonly snowflakeCode = "100069";
  readonly sqlState = "22P02";
  constructor(what: string, position: number) {
    super(`Error parsing JSON: ${what}, pos ${position}`);
  }
}

/** The string UNDEFINED_TEXT holds. */
const UNDEFINED_STRING = `${TYPED_MARK}U`;

const isObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && "object" in v;
const isNumber = (v: JsonValue): v is { number: string } =>
  typeof v === "object" && v !== null && "number" in v;

/** Reads Snowflake JSON text. Empty or blank text is null (SQL NULL); `null` is the JSON null. */
export function parseJson(text: string, allowDuplicates = false): { value: JsonValue } | null {
  let at = 0;
  const skip = (): void => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const fail = (what: string, position = at): never => {
    throw new JsonParseError(what, position);
  };
  const word = (): string => {
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(at));
    return m ? m[0] : "";
  };
  const string = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at));
    if (!m) fail("unterminated string");
    at += m![0].length;
    return JSON.parse(m![0]) as string;
  };
  const value = (): JsonValue => {
    skip();
    const ch = text[at];
    if (ch === undefined) return fail("unexpected end of input");
    // A closing bracket where a value belongs; Snowflake counts the position past it.
    if (ch === "}" || ch === "]") return fail(`misplaced ${ch}`, at + 1);
    if (ch === "{") {
      at++;
      const members = new Map<string, JsonValue>();
      skip();
      while (text[at] !== "}") {
        skip();
        const keyAt = at;
        const key = text[at] === '"' ? string() : word();
        if (key === "" && text[at] !== '"') fail(`unexpected character '${text[at] ?? ""}'`);
        if (text[keyAt] !== '"') at += key.length;
        skip();
        if (text[at] !== ":") fail("missing colon");
        if (members.has(key) && !allowDuplicates) fail(`duplicate object attribute "${key}"`);
        at++;
        const member = value();
        members.delete(key);
        members.set(key, member);
        skip();
        if (text[at] === ",") {
          at++;
          skip();
          continue;
        }
        if (text[at] !== "}") fail("missing comma or closing brace");
      }
      at++;
      return { object: members };
    }
    if (ch === "[") {
      at++;
      const items: JsonValue[] = [];
      skip();
      while (text[at] !== "]") {
        // An element left out (`[1, , 2]`, `[, 1]`, `[1, ]`) is undefined.
        items.push(text[at] === "," ? UNDEFINED : value());
        skip();
        if (text[at] === ",") {
          at++;
          skip();
          if (text[at] === "]") items.push(UNDEFINED);
          continue;
        }
        if (text[at] !== "]") fail("missing comma or closing bracket");
      }
      at++;
      return items;
    }
    if (ch === '"') {
      const read = string();
      return read === UNDEFINED_STRING ? UNDEFINED : read;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (number) {
      at += number[0].length;
      return { number: number[0] };
    }
    const keyword = word();
    const lower = keyword.toLowerCase();
    if (lower === "null" || lower === "true" || lower === "false") {
      at += keyword.length;
      return lower === "null" ? null : lower === "true";
    }
    if (keyword === "undefined") {
      at += keyword.length;
      return UNDEFINED;
    }
    return fail(keyword ? `unknown keyword "${keyword}"` : `unexpected character '${ch}'`);
  };
  skip();
  if (at === text.length) return null;
  const result = value();
  skip();
  if (at < text.length) fail("unexpected trailing characters");
  return { value: result };
}

/**
 * Canonical compact text, as the engine stores it: object keys in sorted order, numbers as written
 * except that a number with an exponent is a DOUBLE, which Snowflake writes with 16 significant
 * digits (1.912e2 is 1.912000000000000e+02), undefined as UNDEFINED_TEXT (plainJsonText shows it).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return "null";
  if (value === UNDEFINED) return UNDEFINED_TEXT;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (isNumber(value)) return /[eE]/.test(value.number) ? doubleText(Number(value.number)) : value.number;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = [...value.object.keys()].sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value.object.get(k)!)}`).join(",")}}`;
  }
  return "null";
}

/** JSON text (as DuckDB holds it) in Snowflake's canonical form; text that is not JSON is returned as is. */
export function canonicalJsonText(text: string): string {
  try {
    const parsed = parseJson(text, true);
    return parsed === null ? text : canonicalJson(parsed.value);
  } catch {
    return text;
  }
}

/** Snowflake's text for a DOUBLE inside a VARIANT: 16 significant digits, two-digit exponent. */
export function doubleText(value: number): string {
  if (!Number.isFinite(value))
    return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
  const [mantissa, exponent] = value.toExponential(15).split("e") as [string, string];
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
}
