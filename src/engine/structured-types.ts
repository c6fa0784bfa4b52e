/**
 * Snowflake's structured types: `ARRAY(<type> [NOT NULL])`, `OBJECT(<key> <type> [NOT NULL], …)` and
 * `MAP(<key type>, <value type> [NOT NULL])`, nested to any depth. This module reads a written type
 * into its model and prints the canonical text SYSTEM$TYPEOF and DESCRIBE show
 * (`OBJECT(city VARCHAR, zip NUMBER(38,0) NOT NULL)`); element, value and key types that are not
 * structured are canonicalised by the caller's function (types-map.ts), so this module has no imports.
 */

/** An element, field value or map key/value type. */
export interface StructuredMember {
  /** Canonical text of the type, without NOT NULL. */
  text: string;
  /** Set when the member is itself structured. */
  structured: StructuredType | null;
  notNull: boolean;
}

export type StructuredType =
  | { kind: "array"; element: StructuredMember }
  | { kind: "object"; fields: { name: string; member: StructuredMember }[] }
  | { kind: "map"; key: StructuredMember; value: StructuredMember };

/** Canonical text of a scalar type as written (`VARCHAR`, `NUMBER(38,0)`, `FLOAT`), or null when unknown. */
export type ScalarCanonicaliser = (written: string) => string | null;

interface Token {
  kind: "word" | "quoted" | "number" | "punct";
  text: string;
}

function tokens(text: string): Token[] | null {
  const out: Token[] = [];
  const re = /\s*(?:("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_$]*)|(\d+)|([(),]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    if (m[1] !== undefined) out.push({ kind: "quoted", text: m[1].slice(1, -1).replaceAll('""', '"') });
    else if (m[2] !== undefined) out.push({ kind: "word", text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "number", text: m[3] });
    else out.push({ kind: "punct", text: m[4] as string });
    at = re.lastIndex;
  }
  return out;
}

const STRUCTURED = new Set(["ARRAY", "OBJECT", "MAP"]);

/** True when the text starts like a structured type: `ARRAY(`, `OBJECT(`, `MAP(`. */
export function looksStructured(text: string): boolean {
  return /^\s*(ARRAY|OBJECT|MAP)\s*\(/i.test(text);
}

/** Reads a structured type as written; null when the text is not one (or a member type is unknown). */
export function parseStructuredType(text: string, scalar: ScalarCanonicaliser): StructuredType | null {
  const toks = tokens(text);
  if (toks === null) return null;
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const isPunct = (ch: string): boolean => peek()?.kind === "punct" && peek()?.text === ch;
  const expect = (ch: string): boolean => {
    if (!isPunct(ch)) return false;
    i++;
    return true;
  };
  const notNull = (): boolean => {
    const a = toks[i];
    const b = toks[i + 1];
    if (
      a?.kind === "word" &&
      b?.kind === "word" &&
      a.text.toUpperCase() === "NOT" &&
      b.text.toUpperCase() === "NULL"
    ) {
      i += 2;
      return true;
    }
    return false;
  };
  const member = (): StructuredMember | null => {
    const t = peek();
    if (t?.kind !== "word") return null;
    if (STRUCTURED.has(t.text.toUpperCase()) && toks[i + 1]?.kind === "punct" && toks[i + 1]?.text === "(") {
      const inner = structured();
      if (inner === null) return null;
      return { text: structuredTypeText(inner), structured: inner, notNull: notNull() };
    }
    // A scalar: its words (DOUBLE PRECISION), then an optional (n [, n]).
    const words: string[] = [];
    while (peek()?.kind === "word" && peek()?.text.toUpperCase() !== "NOT")
      words.push((toks[i++] as Token).text);
    let args = "";
    if (isPunct("(")) {
      const from = i;
      while (i < toks.length && !isPunct(")")) i++;
      if (!expect(")")) return null;
      args = `(${toks
        .slice(from + 1, i - 1)
        .map((k) => k.text)
        .join("")})`;
    }
    const canonical = scalar(`${words.join(" ")}${args}`);
    return canonical === null ? null : { text: canonical, structured: null, notNull: notNull() };
  };
  const structured = (): StructuredType | null => {
    const kind = (peek()?.text ?? "").toUpperCase();
    i++;
    if (!expect("(")) return null;
    if (kind === "ARRAY") {
      const element = member();
      return element !== null && expect(")") ? { kind: "array", element } : null;
    }
    if (kind === "MAP") {
      const key = member();
      if (key === null || !expect(",")) return null;
      const value = member();
      return value !== null && expect(")") ? { kind: "map", key, value } : null;
    }
    const fields: { name: string; member: StructuredMember }[] = [];
    while (!isPunct(")")) {
      const key = peek();
      if (key?.kind !== "word" && key?.kind !== "quoted") return null;
      i++;
      const value = member();
      if (value === null) return null;
      if (fields.some((f) => f.name === key.text)) return null;
      fields.push({ name: key.text, member: value });
      if (!expect(",")) break;
    }
    return expect(")") ? { kind: "object", fields } : null;
  };
  if (!looksStructured(text)) return null;
  const type = structured();
  return type !== null && i === toks.length ? type : null;
}

const memberText = (m: StructuredMember): string => (m.notNull ? `${m.text} NOT NULL` : m.text);
const keyText = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;

/** Canonical text: `ARRAY(NUMBER(38,0))`, `OBJECT(str VARCHAR NOT NULL, num NUMBER(38,0))`, `MAP(VARCHAR, VARCHAR)`, `OBJECT()`. */
export function structuredTypeText(t: StructuredType): string {
  switch (t.kind) {
    case "array":
      return `ARRAY(${memberText(t.element)})`;
    case "map":
      return `MAP(${memberText(t.key)}, ${memberText(t.value)})`;
    case "object":
      return `OBJECT(${t.fields.map((f) => `${keyText(f.name)} ${memberText(f.member)}`).join(", ")})`;
  }
}
