/**
 * Snowflake collation specifications (`'en-ci'`, `'es-ai'`, `'upper'`, `'utf8'`, `'de-ci-pi-trim'` …):
 * parsed and validated, and turned into the comparison key DuckDB compares in their place. Locale
 * rules come from the ICU library built into @duckdb/node-api (`icu_sort_key`, which takes ICU's
 * locale keywords for strength, alternate handling and case order); `upper` / `lower` / `trim`
 * conversions are plain string functions, compared by code point as Snowflake compares them.
 */
import { SnowflakeError } from "../errors.js";

/** A parsed collation specification. */
export interface CollationSpec {
  /** The specification as written (COLLATION() returns it). */
  text: string;
  /** Lower-cased, for comparing two specifications (`'FR'` and `'fr'` are one collation). */
  normalised: string;
  /** The ICU locale (`es`, `fr_CA`), or null for none / `utf8` / `bin`. */
  locale: string | null;
  /** `utf8` or `bin`: code-point order, named explicitly. */
  binary: "utf8" | "bin" | null;
  caseInsensitive: boolean;
  accentInsensitive: boolean;
  punctuationInsensitive: boolean;
  /** `fl` / `fu`: which case sorts first (no effect on equality). */
  firstLetter: "lower" | "upper" | null;
  conversion: "upper" | "lower" | null;
  trim: "trim" | "ltrim" | "rtrim" | null;
}

const SPECIFIERS = new Set([
  "ci",
  "cs",
  "ai",
  "as",
  "pi",
  "ps",
  "fl",
  "fu",
  "upper",
  "lower",
  "trim",
  "ltrim",
  "rtrim",
]);

/** A language code with an optional country (or script) code, as Snowflake's locales are written. */
const LOCALE = /^[a-z]{2,3}(?:_[a-z]{2,4})?$/;

/** Snowflake's error for a specification it cannot read (worded after its collation messages). */
export function invalidCollation(spec: string, why: string): SnowflakeError {
  return new SnowflakeError(
    "002326",
    "22023",
    `SQL compilation error:\nInvalid collation specification '${spec}': ${why}.`,
  );
}

/**
 * Snowflake's refusal of a collation a function does not take (docs: collation, "Functions that
 * could reasonably be expected to implement collation, but do not yet support collation, return an
 * error"). The wording follows Snowflake's "Function REGEXP_LIKE does not support collation"; the
 * code is the engine's own choice, Snowflake's is not documented.
 */
export function unsupportedCollation(fn: string, _spec: CollationSpec): SnowflakeError {
  return new SnowflakeError(
    "002325",
    "0A000",
    `SQL compilation error:\nFunction ${fn} does not support collation.`,
  );
}

/**
 * Parses a specification. The empty specification is "no collation" and returns null. Specifiers
 * are case-insensitive and hyphen-separated; the locale, when present, comes first.
 */
export function parseCollationSpec(text: string): CollationSpec | null {
  const normalised = text.trim().toLowerCase();
  if (normalised === "") return null;
  const parts = normalised.split("-");
  const spec: CollationSpec = {
    text,
    normalised,
    locale: null,
    binary: null,
    caseInsensitive: false,
    accentInsensitive: false,
    punctuationInsensitive: false,
    firstLetter: null,
    conversion: null,
    trim: null,
  };
  const seen = new Set<string>();
  parts.forEach((part, index) => {
    if (part === "") throw invalidCollation(text, "an empty specifier");
    if (!SPECIFIERS.has(part)) {
      if (index !== 0) throw invalidCollation(text, `unknown specifier '${part}' (a locale must come first)`);
      if (part === "utf8" || part === "bin") spec.binary = part;
      else if (LOCALE.test(part)) spec.locale = part;
      else throw invalidCollation(text, `unknown locale '${part}'`);
      return;
    }
    const group = groupOf(part);
    if (seen.has(group)) throw invalidCollation(text, `conflicting specifiers for ${group}`);
    seen.add(group);
    if (part === "ci") spec.caseInsensitive = true;
    else if (part === "ai") spec.accentInsensitive = true;
    else if (part === "pi") spec.punctuationInsensitive = true;
    else if (part === "fl" || part === "fu") spec.firstLetter = part === "fl" ? "lower" : "upper";
    else if (part === "upper" || part === "lower") spec.conversion = part;
    else if (part === "trim" || part === "ltrim" || part === "rtrim") spec.trim = part;
  });
  if (spec.binary !== null && (spec.caseInsensitive || spec.accentInsensitive || spec.punctuationInsensitive))
    throw invalidCollation(text, `'${spec.binary}' compares code points and takes no ci / ai / pi`);
  return spec;
}

function groupOf(part: string): string {
  if (part === "ci" || part === "cs") return "case sensitivity";
  if (part === "ai" || part === "as") return "accent sensitivity";
  if (part === "pi" || part === "ps") return "punctuation sensitivity";
  if (part === "fl" || part === "fu") return "first-letter preference";
  if (part === "upper" || part === "lower") return "case conversion";
  return "space trimming";
}

/**
 * The ICU collator (`icu_sort_key`'s second argument) a specification compares with, or null when
 * it compares code points (no locale and no ci / ai / pi, or `utf8` / `bin`). Snowflake's `ci`
 * ignores tertiary weights (secondary strength), `ai` secondary ones (primary strength, with the
 * case level kept when case still matters); `pi` shifts punctuation out of the comparison.
 */
export function icuCollator(spec: CollationSpec): string | null {
  const needsIcu =
    spec.locale !== null || spec.caseInsensitive || spec.accentInsensitive || spec.punctuationInsensitive;
  if (spec.binary !== null || !needsIcu) return null;
  const keywords: string[] = [];
  if (spec.accentInsensitive) {
    keywords.push("colStrength=primary");
    if (!spec.caseInsensitive) keywords.push("colCaseLevel=yes");
  } else if (spec.caseInsensitive) keywords.push("colStrength=secondary");
  if (spec.punctuationInsensitive) keywords.push("colAlternate=shifted");
  if (spec.firstLetter !== null) keywords.push(`colCaseFirst=${spec.firstLetter}`);
  const locale = spec.locale ?? "root";
  return keywords.length === 0 ? locale : `${locale}@${keywords.join(";")}`;
}

/**
 * Whether substring functions (CONTAINS, STARTSWITH, ENDSWITH) can compare converted strings
 * directly: true when the key is a string conversion (upper / lower / trim), false when ICU
 * weights decide equality and a match must be searched for by key.
 */
export function isCodePointCollation(spec: CollationSpec): boolean {
  return icuCollator(spec) === null;
}

/**
 * The locales whose case mapping differs from the default (Unicode SpecialCasing): Turkish and
 * Azerbaijani map `i` to `İ` and `I` to `ı`. Others (Lithuanian's dot above) are not emulated and
 * use the default mapping.
 */
export function hasTurkicCasing(spec: CollationSpec | null): boolean {
  const language = spec?.locale?.split("_")[0];
  return language === "tr" || language === "az";
}
