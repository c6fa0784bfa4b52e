/**
 * Searching and ordering text under a collation, for the functions Snowflake's collation list says
 * honour it beyond plain comparison (docs: sql-reference/collation, "Functions that support
 * collation"): CONTAINS, STARTSWITH, ENDSWITH, POSITION / CHARINDEX, REPLACE, SPLIT, SPLIT_PART,
 * GREATEST / LEAST. They run in JavaScript (`scalars.ts` in this folder registers them), with the
 * specification passed as text.
 *
 * The subject is read as a sequence of units, one per code point, each converted on its own as the
 * specification says (`upper` / `lower`: Unicode's full case mapping, so `ß` is one unit `SS`). A
 * match is a run of whole units: a sequence one case conversion produced matches whole or not at
 * all (`'ß'` does not contain `'s'` under `upper`, `'ss'` does). Under `upper` / `lower` / `trim`
 * alone two runs match when their converted text is the same code points. Under a locale or
 * `ci` / `ai` / `pi`, ICU decides (JavaScript's Intl.Collator, the same rules DuckDB's
 * `icu_sort_key` compares with): a run must start and end on a character boundary (never before a
 * combining mark, so `ι` is not in `ϊ`), must not start with an ignorable unit, and a pattern
 * that ICU ignores entirely (`'\u0001'` under `en-ci`) is the empty pattern, which REPLACE leaves
 * alone.
 */
import { type CollationSpec, hasTurkicCasing, isCodePointCollation, parseCollationSpec } from "./spec.js";

/** A found run of units: [start, end) in code points of the subject. */
export type Match = readonly [number, number];

/** Longest candidate run, in units, tried against a pattern of n units under ICU: 4n + 16. */
const maxRun = (patternUnits: number): number => patternUnits * 4 + 16;

/** How one specification reads text for searching. */
interface Reader {
  spec: CollationSpec;
  /** The pattern as one string, converted (and trimmed) as the specification says. */
  pattern(text: string): string;
  /** The subject's units, each code point converted on its own. */
  units(chars: readonly string[]): string[];
  /** Whether two converted strings are equal under the specification. */
  equal(a: string, b: string): boolean;
  /** Whether a run may end before code point k of the subject. */
  boundary(chars: readonly string[], k: number): boolean;
  /** Whether a run may start with this unit (not with one ICU ignores). */
  mayStart(unit: string): boolean;
  /** Whether a run (of `units` units so far) could still grow into the pattern. */
  mayGrow(run: string, pattern: string, units: number, patternUnits: number): boolean;
  /** Orders two whole strings (GREATEST / LEAST). */
  compare(a: string, b: string): number;
}

const readers = new Map<string, Reader>();

/** The reader for a specification's text, cached: scalar bodies get the text on every row. */
function readerFor(text: string): Reader {
  let reader = readers.get(text);
  if (reader === undefined) {
    const spec = parseCollationSpec(text);
    if (spec === null) throw new Error(`internal error: no collation in '${text}'`);
    reader = isCodePointCollation(spec) ? codePointReader(spec) : icuReader(spec);
    readers.set(text, reader);
  }
  return reader;
}

/** One code point converted as the specification says (the locale's casing for Turkic languages). */
function convertChar(c: string, spec: CollationSpec): string {
  const turkic = hasTurkicCasing(spec) ? "tr" : undefined;
  if (spec.conversion === "upper") return turkic ? c.toLocaleUpperCase(turkic) : c.toUpperCase();
  if (spec.conversion === "lower") return turkic ? c.toLocaleLowerCase(turkic) : c.toLowerCase();
  return c;
}

/** The [start, end) code points a specification's trimming keeps (spaces only, as Snowflake trims). */
function trimmedRegion(chars: readonly string[], spec: CollationSpec): [number, number] {
  let start = 0;
  let end = chars.length;
  if (spec.trim === "trim" || spec.trim === "ltrim") while (start < end && chars[start] === " ") start++;
  if (spec.trim === "trim" || spec.trim === "rtrim") while (end > start && chars[end - 1] === " ") end--;
  return [start, end];
}

/**
 * The text a specification compares in place of `text`: trimmed, then each code point converted on
 * its own. Code-point collations compare it by code point; ICU ones take its sort key.
 */
export function collationKey(text: string, spec: CollationSpec): string {
  const chars = Array.from(text);
  const [start, end] = trimmedRegion(chars, spec);
  let out = "";
  for (let k = start; k < end; k++) out += convertChar(chars[k]!, spec);
  return out;
}

/** Code-point order (JavaScript's `<` compares UTF-16 code units, which differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function codePointReader(spec: CollationSpec): Reader {
  return {
    spec,
    pattern: (text) => collationKey(text, spec),
    units: (chars) => chars.map((c) => convertChar(c, spec)),
    equal: (a, b) => a === b,
    boundary: () => true,
    mayStart: () => true,
    // Units only add code points: a run as long as the pattern cannot grow into it.
    mayGrow: (run, pattern) => run.length < pattern.length,
    compare: (a, b) => compareCodePoints(collationKey(a, spec), collationKey(b, spec)),
  };
}

/** Intl.Collator options for a specification (the strengths `spec.ts` icuCollator gives DuckDB). */
function collatorFor(spec: CollationSpec): Intl.Collator {
  const sensitivity = spec.accentInsensitive
    ? spec.caseInsensitive
      ? "base"
      : "case"
    : spec.caseInsensitive
      ? "accent"
      : "variant";
  const locale = spec.locale === null ? "und" : spec.locale.replace("_", "-");
  return new Intl.Collator(locale, {
    sensitivity,
    ignorePunctuation: spec.punctuationInsensitive,
    ...(spec.firstLetter === null ? {} : { caseFirst: spec.firstLetter }),
  });
}

function icuReader(spec: CollationSpec): Reader {
  const collator = collatorFor(spec);
  return {
    spec,
    pattern: (text) => collationKey(text, spec),
    units: (chars) => chars.map((c) => convertChar(c, spec)),
    equal: (a, b) => collator.compare(a, b) === 0,
    boundary: (chars, k) => k === 0 || k >= chars.length || !/^\p{M}/u.test(chars[k]!),
    mayStart: (unit) => collator.compare(unit, "") !== 0,
    mayGrow: (_run, _pattern, units, patternUnits) => units < maxRun(patternUnits),
    compare: (a, b) => collator.compare(collationKey(a, spec), collationKey(b, spec)),
  };
}

/** A subject prepared for searching: its code points, their units, and the region trimming keeps. */
interface Subject {
  chars: string[];
  units: string[];
  start: number;
  end: number;
}

function prepare(reader: Reader, text: string): Subject {
  const chars = Array.from(text);
  const [start, end] = trimmedRegion(chars, reader.spec);
  return { chars, units: reader.units(chars), start, end };
}

/** Whether the pattern is empty under the specification (then it matches everywhere, with no width). */
function isEmptyPattern(reader: Reader, pattern: string): boolean {
  return pattern === "" || reader.equal(pattern, "");
}

/** The shortest run starting at unit `i` that equals the pattern, as its end, or -1. */
function runFrom(reader: Reader, subject: Subject, i: number, pattern: string, patternUnits: number): number {
  if (!reader.boundary(subject.chars, i) || !reader.mayStart(subject.units[i]!)) return -1;
  let run = "";
  for (let j = i; j < subject.end; j++) {
    run += subject.units[j];
    const count = j - i + 1;
    if (reader.boundary(subject.chars, j + 1) && reader.equal(run, pattern)) return j + 1;
    if (!reader.mayGrow(run, pattern, count, patternUnits)) return -1;
  }
  return -1;
}

/** The leftmost non-empty match at or after code point `from`, or null (the pattern is not empty). */
function findFrom(reader: Reader, subject: Subject, pattern: string, from: number): Match | null {
  const patternUnits = Array.from(pattern).length;
  for (let i = Math.max(from, subject.start); i < subject.end; i++) {
    const end = runFrom(reader, subject, i, pattern, patternUnits);
    if (end >= 0) return [i, end];
  }
  return null;
}

/** Every leftmost, non-overlapping match, left to right (the pattern is not empty). */
function allMatches(reader: Reader, subject: Subject, pattern: string): Match[] {
  const found: Match[] = [];
  let from = subject.start;
  for (;;) {
    const match = findFrom(reader, subject, pattern, from);
    if (match === null) return found;
    found.push(match);
    from = match[1];
  }
}

/** CONTAINS under a collation. */
export function collatedContains(s: string, p: string, spec: string): boolean {
  const reader = readerFor(spec);
  const pattern = reader.pattern(p);
  if (isEmptyPattern(reader, pattern)) return true;
  return findFrom(reader, prepare(reader, s), pattern, 0) !== null;
}

/** STARTSWITH under a collation: a run from the (trimmed) start equals the pattern. */
export function collatedStartsWith(s: string, p: string, spec: string): boolean {
  const reader = readerFor(spec);
  const pattern = reader.pattern(p);
  if (isEmptyPattern(reader, pattern)) return true;
  const subject = prepare(reader, s);
  let run = "";
  for (let j = subject.start; j < subject.end; j++) {
    run += subject.units[j];
    if (reader.boundary(subject.chars, j + 1) && reader.equal(run, pattern)) return true;
    if (!reader.mayGrow(run, pattern, j - subject.start + 1, Array.from(pattern).length)) return false;
  }
  return false;
}

/** ENDSWITH under a collation: a run up to the (trimmed) end equals the pattern. */
export function collatedEndsWith(s: string, p: string, spec: string): boolean {
  const reader = readerFor(spec);
  const pattern = reader.pattern(p);
  if (isEmptyPattern(reader, pattern)) return true;
  const subject = prepare(reader, s);
  const patternUnits = Array.from(pattern).length;
  let run = "";
  for (let i = subject.end - 1; i >= subject.start; i--) {
    run = subject.units[i] + run;
    const starts = reader.boundary(subject.chars, i) && reader.mayStart(subject.units[i]!);
    if (starts && reader.equal(run, pattern)) return true;
    if (!reader.mayGrow(run, pattern, subject.end - i, patternUnits)) return false;
  }
  return false;
}

/** POSITION / CHARINDEX under a collation: 1-based code point of the first match at or after `start`, 0 if none. */
export function collatedPosition(p: string, s: string, start: number, spec: string): number {
  const reader = readerFor(spec);
  const pattern = reader.pattern(p);
  if (isEmptyPattern(reader, pattern)) return 1;
  const match = findFrom(reader, prepare(reader, s), pattern, Math.max(start, 1) - 1);
  return match === null ? 0 : match[0] + 1;
}

/** REPLACE under a collation: every match replaced; an empty pattern (also one ICU ignores) changes nothing. */
export function collatedReplace(s: string, p: string, replacement: string, spec: string): string {
  const reader = readerFor(spec);
  const pattern = reader.pattern(p);
  if (isEmptyPattern(reader, pattern)) return s;
  const subject = prepare(reader, s);
  let out = "";
  let last = 0;
  for (const [start, end] of allMatches(reader, subject, pattern)) {
    out += subject.chars.slice(last, start).join("") + replacement;
    last = end;
  }
  return out + subject.chars.slice(last).join("");
}

/** SPLIT under a collation: the subject's parts between matches of the separator (the whole subject for an empty one). */
export function collatedSplit(s: string, separator: string, spec: string): string[] {
  const reader = readerFor(spec);
  const pattern = reader.pattern(separator);
  if (isEmptyPattern(reader, pattern)) return [s];
  const subject = prepare(reader, s);
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of allMatches(reader, subject, pattern)) {
    parts.push(subject.chars.slice(last, start).join(""));
    last = end;
  }
  parts.push(subject.chars.slice(last).join(""));
  return parts;
}

/** SPLIT_PART under a collation: part n (1-based, 0 is 1, negative counts from the end), '' out of range. */
export function collatedSplitPart(s: string, separator: string, n: number, spec: string): string {
  const parts = collatedSplit(s, separator, spec);
  const index = n === 0 ? 0 : n > 0 ? n - 1 : parts.length + n;
  return parts[index] ?? "";
}

/** GREATEST / LEAST under a collation: the first argument that no other orders after (before). */
export function collatedExtreme(values: readonly string[], spec: string, greatest: boolean): string {
  const reader = readerFor(spec);
  let best = values[0]!;
  for (const value of values.slice(1)) {
    const order = reader.compare(value, best);
    if (greatest ? order > 0 : order < 0) best = value;
  }
  return best;
}
