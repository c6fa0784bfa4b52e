/**
 * Prints declaration values as TypeScript the way the repository's formatter (Biome: 2-space indent,
 * 110 columns, double quotes) prints them, so a written file passes `biome format` unchanged
 * (test/model/print.test.ts runs Biome on the output). The rules are Biome's (and Prettier's) for the
 * values declarations hold:
 *
 * - an object whose first property is on its own line stays expanded; one written on one line stays
 *   there when it fits, so top-level declarations are printed expanded and nested objects inline
 *   when they fit;
 * - an array goes on one line when it fits, else one element per line; an array of two or more
 *   objects with two or more properties each is always one element per line;
 * - `key: "string"` that does not fit breaks after the colon, unless the key is shorter than five
 *   characters; a template literal never breaks;
 * - strings take double quotes unless they hold more double than single quotes; property keys are
 *   quoted only when they are not identifiers.
 */

/** Biome's line width in this repository (biome.json `formatter.lineWidth`). */
export const LINE_WIDTH = 110;
const INDENT = "  ";
/** Keys shorter than this never move their string value to the next line (tab width 2 + 3). */
const SHORT_KEY = 5;

const IDENTIFIER_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Where a value starts and what follows it on its line. */
interface Place {
  /** Indent level of the line the value starts on. */
  depth: number;
  /** Column the value starts at. */
  column: number;
  /** Characters after the value on its last line (`,` = 1, `);` = 2). */
  suffix: number;
}

/** Display width of text (East Asian wide characters take two columns, as in Biome). */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A string literal in the quotes Biome prefers: double, unless that needs more escapes. */
export function printString(value: string): string {
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  const quote = doubles > singles ? "'" : '"';
  let out = quote;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Multi-line text (SQL bodies) reads best as a template literal, which no formatter re-wraps. */
function isMultiLine(value: string): boolean {
  // Other control characters are clearer escaped in a normal string.
  return value.includes("\n") && !/[\u0000-\u0008\u000b-\u001f\u2028\u2029]/.test(value);
}

function printTemplate(value: string): string {
  return `\`${value.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

/** A property key: bare when it is an identifier, else a string literal. */
export function printKey(key: string): string {
  return IDENTIFIER_KEY.test(key) ? key : printString(key);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const entriesOf = (value: Record<string, unknown>) =>
  Object.entries(value).filter(([, v]) => v !== undefined);

/** The value on one line, or undefined when it cannot be (a multi-line string inside). */
function inline(value: unknown): string | undefined {
  if (value === undefined) return "undefined";
  if (value === null || typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return isMultiLine(value) ? undefined : printString(value);
  if (Array.isArray(value)) {
    const items = value.map(inline);
    return items.some((item) => item === undefined) ? undefined : `[${items.join(", ")}]`;
  }
  if (isPlainObject(value)) {
    const entries = entriesOf(value);
    if (entries.length === 0) return "{}";
    const fields = entries.map(([key, v]) => {
      const printed = inline(v);
      return printed === undefined ? undefined : `${printKey(key)}: ${printed}`;
    });
    return fields.some((field) => field === undefined) ? undefined : `{ ${fields.join(", ")} }`;
  }
  return String(value);
}

/** Two or more objects (or arrays) of two or more members each: always one element per line. */
function alwaysBreaks(items: readonly unknown[]): boolean {
  if (items.length < 2) return false;
  const objects = items.every((item) => isPlainObject(item) && entriesOf(item).length > 1);
  const arrays = items.every((item) => Array.isArray(item) && item.length > 1);
  return objects || arrays;
}

const fits = (text: string | undefined, place: Place): text is string =>
  text !== undefined && place.column + textWidth(text) + place.suffix <= LINE_WIDTH;

function printArray(items: readonly unknown[], place: Place): string {
  if (items.length === 0) return "[]";
  const oneLine = inline(items);
  if (!alwaysBreaks(items) && fits(oneLine, place)) return oneLine;
  const pad = INDENT.repeat(place.depth + 1);
  const lines = items.map(
    (item) => `${pad}${print(item, { depth: place.depth + 1, column: pad.length, suffix: 1 })},`,
  );
  return `[\n${lines.join("\n")}\n${INDENT.repeat(place.depth)}]`;
}

function printObject(value: Record<string, unknown>, place: Place, expand: boolean): string {
  const entries = entriesOf(value);
  if (entries.length === 0) return "{}";
  if (!expand) {
    const oneLine = inline(value);
    if (fits(oneLine, place)) return oneLine;
  }
  const pad = INDENT.repeat(place.depth + 1);
  const lines = entries.map(([key, v]) => {
    const head = `${pad}${printKey(key)}:`;
    const valuePlace = { depth: place.depth + 1, column: textWidth(head) + 1, suffix: 1 };
    const printed = print(v, valuePlace);
    const breaksAfterColon =
      typeof v === "string" &&
      !isMultiLine(v) &&
      textWidth(printKey(key)) >= SHORT_KEY &&
      !fits(printed, valuePlace);
    return breaksAfterColon ? `${head}\n${pad}${INDENT}${printed},` : `${head} ${printed},`;
  });
  return `{\n${lines.join("\n")}\n${INDENT.repeat(place.depth)}}`;
}

function print(value: unknown, place: Place, expand = false): string {
  if (typeof value === "string") return isMultiLine(value) ? printTemplate(value) : printString(value);
  if (Array.isArray(value)) return printArray(value, place);
  if (isPlainObject(value)) return printObject(value, place, expand);
  return inline(value) ?? String(value);
}

/**
 * A value as a TypeScript literal starting at indent `depth`: an object is printed expanded (as a
 * declaration is), what it holds on one line where it fits. `column` is where the value starts and
 * `suffix` what follows it on its last line.
 */
export function formatValue(value: unknown, depth = 0, column = depth * INDENT.length, suffix = 0): string {
  return print(value, { depth, column, suffix }, true);
}

/** `import { a, b } from "module";`, broken over lines when it does not fit. */
export function printImport(names: readonly string[], from: string): string {
  const line = `import { ${names.join(", ")} } from ${printString(from)};`;
  if (textWidth(line) <= LINE_WIDTH) return line;
  return `import {\n${names.map((name) => `${INDENT}${name},`).join("\n")}\n} from ${printString(from)};`;
}
