/**
 * Snowflake identifier rules and the mapping to DuckDB names.
 *
 * Snowflake: unquoted names are stored upper-case and compared case-insensitively; quoted names keep
 * their case and are compared exactly. DuckDB compares every identifier case-insensitively, even
 * quoted ones, so `"a"` and `A` would collide. Every Snowflake name is therefore encoded before it
 * reaches DuckDB: a lower-case letter becomes `^` + the letter and `^` becomes `^^`, `.` becomes `^,`
 * (so a database and schema can share one DuckDB schema name, joined by a bare `.`), and `"` becomes
 * `^:` (a quoted name starting with `"` is written `"""…`, which the transpiler's tokenizer takes for
 * a triple-quoted string: the column name of `SELECT "C" || 'x'` starts so). The encoding is
 * injective even after DuckDB's case folding, and stable, so translations need no catalog look-ups.
 */

/** One part of a possibly qualified name, as written. */
export interface NamePart {
  /** The Snowflake name: upper-cased when unquoted, verbatim (quotes removed) when quoted. */
  name: string;
  quoted: boolean;
}

const PLAIN = /^[A-Z_][A-Z0-9_$]*$/;

/** Applies Snowflake's rule to a written identifier. */
export function normaliseIdentifier(name: string, quoted: boolean): string {
  return quoted ? name : name.toUpperCase();
}

/** Encodes a Snowflake name as a DuckDB-safe name that survives DuckDB's case folding. */
export function encodeName(name: string): string {
  let out = "";
  for (const ch of name) {
    if (ch === "^") out += "^^";
    else if (ch === ".") out += "^,";
    else if (ch === '"') out += "^:";
    else if (ch !== ch.toUpperCase()) out += `^${ch}`;
    else out += ch;
  }
  return out;
}

/** Reverses `encodeName` on a name DuckDB returned (which may come back case-folded). */
export function decodeName(encoded: string): string {
  let out = "";
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i] as string;
    if (ch !== "^" || i + 1 >= encoded.length) {
      out += ch;
      continue;
    }
    const next = encoded[i + 1] as string;
    i++;
    if (next === "^") out += "^";
    else if (next === ",") out += ".";
    else if (next === ":") out += '"';
    else out += next.toLowerCase();
  }
  return out;
}

/** The DuckDB schema that holds the objects of Snowflake schema `database.schema`. */
export function duckSchemaName(database: string, schema: string): string {
  return `${encodeName(database)}.${encodeName(schema)}`;
}

/** Double-quotes a name for DuckDB SQL. */
export function quoteDuck(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB relation reference for a Snowflake object. */
export function duckRelation(database: string, schema: string, name: string): string {
  return `${quoteDuck(duckSchemaName(database, schema))}.${quoteDuck(encodeName(name))}`;
}

/** Renders one Snowflake name as Snowflake prints it: plain when it can be, quoted otherwise. */
export function displayName(name: string): string {
  return PLAIN.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** Renders a qualified name for messages, e.g. `DB.S."t"`. */
export function displayQualified(...parts: string[]): string {
  return parts.map(displayName).join(".");
}

/** SQL text for a Snowflake name: quoted only when needed. */
export function snowflakeSql(name: string): string {
  return displayName(name);
}

/**
 * Parses a written, possibly qualified identifier such as `db."My Schema".t` into its parts.
 * Returns null when the text is not a well-formed identifier chain.
 */
export function parseQualifiedName(text: string): NamePart[] | null {
  const parts: NamePart[] = [];
  let i = 0;
  const s = text.trim();
  if (s === "") return null;
  while (i < s.length) {
    if (s[i] === '"') {
      let j = i + 1;
      let name = "";
      for (;;) {
        if (j >= s.length) return null;
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            name += '"';
            j += 2;
            continue;
          }
          break;
        }
        name += s[j];
        j++;
      }
      if (name === "") return null;
      parts.push({ name, quoted: true });
      i = j + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(s.slice(i));
      if (!m) return null;
      parts.push({ name: m[0].toUpperCase(), quoted: false });
      i += m[0].length;
    }
    while (s[i] === " ") i++;
    if (i >= s.length) break;
    if (s[i] !== ".") return null;
    i++;
    while (s[i] === " ") i++;
    if (i >= s.length) return null;
  }
  return parts;
}
