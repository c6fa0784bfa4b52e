/**
 * Secret values (template values marked secret, passwords a caller knows) kept out of everything
 * the engine records or reports: QUERY_HISTORY's text and error message, and error messages.
 * A value is found however the engine or Snowflake may echo it: in any letter case (unquoted
 * identifiers are upper-cased), with its quotes doubled or backslash-escaped inside a literal or a
 * quoted identifier, and in the engine's DuckDB encoding of names (`^a` for a lower-case `a`).
 */

/** What a secret is replaced by. */
export const SECRET_MASK = "****";

/** Values shorter than this are not masked: they would blank out ordinary words. */
const MIN_LENGTH = 3;

const LETTER = /\p{L}/u;

function charPattern(ch: string): string {
  if (ch === "'") return "(?:''|\\\\'|')";
  if (ch === '"') return '(?:""|")';
  if (ch === "\\") return "\\\\{1,2}";
  if (ch === "^") return "\\^\\^?";
  if (ch === ".") return "(?:\\.|\\^,)";
  const escaped = ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return LETTER.test(ch) ? `\\^?${escaped}` : escaped;
}

/** One pattern matching every secret, or null when none is long enough. */
export function secretPattern(secrets: readonly string[]): RegExp | null {
  const alternatives = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_LENGTH)
    .sort((a, b) => b.length - a.length)
    .map((s) => Array.from(s, charPattern).join(""));
  return alternatives.length === 0 ? null : new RegExp(alternatives.join("|"), "giu");
}

/** `text` with every secret value replaced by the mask. */
export function maskSecretValues(text: string, secrets: readonly string[] | RegExp | null): string {
  const pattern = secrets === null || secrets instanceof RegExp ? secrets : secretPattern(secrets);
  return pattern === null ? text : text.replace(pattern, SECRET_MASK);
}
