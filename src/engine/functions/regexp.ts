/**
 * Snowflake's regular expression functions (REGEXP_COUNT / INSTR / LIKE / REPLACE / SUBSTR /
 * SUBSTR_ALL, RLIKE, REGEXP) on JavaScript's RegExp. DuckDB's RE2 functions differ from Snowflake
 * in the details the documentation shows: a search from `position` matches as if the subject began
 * there (`\b` and `^` match at that point), occurrences skip earlier matches, `e` / group numbers
 * extract a group, no match is NULL (SUBSTR) or 0 (INSTR), and parameters `c i m e s` combine with
 * the last of `c` / `i` winning. The functions here take plain values; `scalars.ts` registers
 * them with DuckDB.
 */

/** A Snowflake pattern compiled with its parameters, and how many groups it has. */
interface CompiledPattern {
  regex: RegExp;
  groups: number;
  extract: boolean;
}

/** POSIX bracket classes as JavaScript class contents (ASCII, as Snowflake's documentation defines them). */
const POSIX_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
  word: "\\w",
};

/** Rewrites the POSIX ERE spellings JavaScript lacks (`[[:alpha:]]`) into JavaScript syntax. */
export function toJavaScriptSource(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "[" && pattern[i + 1] === ":") {
        const close = pattern.indexOf(":]", i + 2);
        const name = close > 0 ? pattern.slice(i + 2, close) : "";
        const replacement = POSIX_CLASSES[name];
        if (replacement !== undefined) {
          out += replacement;
          i = close + 1;
          continue;
        }
      }
      if (ch === "[") out += "\\[";
      else {
        if (ch === "]") inClass = false;
        out += ch;
      }
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A `]` (or `^]`) right after the opening bracket is a literal member in POSIX.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    out += ch;
  }
  return out;
}

/** The regular expression parameters: the last of `c` / `i` wins; `m`, `s`, `e` switch on. */
export function parseParameters(parameters: string): { flags: string; extract: boolean } {
  let ignoreCase = false;
  let multiLine = false;
  let dotAll = false;
  let extract = false;
  for (const p of parameters) {
    if (p === "i") ignoreCase = true;
    else if (p === "c") ignoreCase = false;
    else if (p === "m") multiLine = true;
    else if (p === "s") dotAll = true;
    else if (p === "e") extract = true;
  }
  return { flags: `${ignoreCase ? "i" : ""}${multiLine ? "m" : ""}${dotAll ? "s" : ""}`, extract };
}

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 512;

function compile(pattern: string, parameters: string, mode: "search" | "full"): CompiledPattern {
  const key = `${mode}\u0000${parameters}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { flags, extract } = parseParameters(parameters);
  const source = toJavaScriptSource(pattern);
  let regex: RegExp;
  try {
    // `d` gives group offsets (REGEXP_INSTR of a group); `y` anchors a full match at the start.
    regex =
      mode === "full"
        ? new RegExp(`(?:${source})(?![\\s\\S])`, `${flags}y`)
        : new RegExp(source, `${flags}gd`);
  } catch (error) {
    throw new Error(`Invalid regular expression: '${pattern}', ${(error as Error).message}`);
  }
  const groups = (new RegExp(`${source}|`).exec("")?.length ?? 1) - 1;
  const compiled = { regex, groups, extract };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** Group to report: an explicit group number implies `e`; `e` alone means group 1 when there is one. */
function groupOf(compiled: CompiledPattern, group: number | null): number {
  if (group !== null && group >= 0) return group;
  return compiled.extract && compiled.groups > 0 ? 1 : 0;
}

/** Matches from 1-based `position` on, as if the subject started there; offsets are into the subject. */
function* matchesFrom(
  subject: string,
  compiled: CompiledPattern,
  position: number,
): Generator<RegExpExecArray> {
  if (!Number.isInteger(position) || position < 1) {
    throw new Error(
      `Invalid value [${position}] for function 'REGEXP', parameter 3: must be a positive integer`,
    );
  }
  const start = position - 1;
  if (start > subject.length) return;
  const rest = subject.slice(start);
  const { regex } = compiled;
  regex.lastIndex = 0;
  for (;;) {
    const m = regex.exec(rest);
    if (!m) return;
    if (m[0] === "") regex.lastIndex++;
    m.index += start;
    for (const span of m.indices ?? []) {
      if (!span) continue;
      span[0] += start;
      span[1] += start;
    }
    yield m;
    if (regex.lastIndex > rest.length) return;
  }
}

/** The `occurrence`-th match (1-based) from `position`, or null. */
function nthMatch(subject: string, compiled: CompiledPattern, position: number, occurrence: number) {
  if (occurrence < 1)
    throw new Error(
      `Invalid value [${occurrence}] for function 'REGEXP', parameter 4: must be a positive integer`,
    );
  let n = 0;
  for (const m of matchesFrom(subject, compiled, position)) if (++n === occurrence) return m;
  return null;
}

export function regexpCount(subject: string, pattern: string, position: number, parameters: string): number {
  let n = 0;
  for (const _ of matchesFrom(subject, compile(pattern, parameters, "search"), position)) n++;
  return n;
}

export function regexpSubstr(
  subject: string,
  pattern: string,
  position: number,
  occurrence: number,
  parameters: string,
  group: number | null,
): string | null {
  const compiled = compile(pattern, parameters, "search");
  const m = nthMatch(subject, compiled, position, occurrence);
  if (!m) return null;
  const g = groupOf(compiled, group);
  if (g > compiled.groups) return null;
  return m[g] ?? null;
}

export function regexpSubstrAll(
  subject: string,
  pattern: string,
  position: number,
  occurrence: number,
  parameters: string,
  group: number | null,
): string[] | null {
  const compiled = compile(pattern, parameters, "search");
  const g = groupOf(compiled, group);
  if (g > compiled.groups) return null;
  if (occurrence < 1)
    throw new Error(
      `Invalid value [${occurrence}] for function 'REGEXP_SUBSTR_ALL', parameter 4: must be a positive integer`,
    );
  const out: string[] = [];
  let n = 0;
  for (const m of matchesFrom(subject, compiled, position)) if (++n >= occurrence) out.push(m[g] ?? "");
  return out;
}

export function regexpInstr(
  subject: string,
  pattern: string,
  position: number,
  occurrence: number,
  option: number,
  parameters: string,
  group: number | null,
): number {
  const compiled = compile(pattern, parameters, "search");
  const m = nthMatch(subject, compiled, position, occurrence);
  if (!m) return 0;
  const g = groupOf(compiled, group);
  const span = m.indices?.[g];
  if (!span) return 0;
  return (option === 0 ? span[0] : span[1]) + 1;
}

/** `\1`…`\9` in a replacement are groups (`\0` the match); `\\` is a backslash. */
function expandReplacement(replacement: string, m: RegExpExecArray): string {
  if (!replacement.includes("\\")) return replacement;
  return replacement.replace(/\\(\d|\\)/g, (_, ref: string) =>
    ref === "\\" ? "\\" : (m[Number(ref)] ?? ""),
  );
}

export function regexpReplace(
  subject: string,
  pattern: string,
  replacement: string,
  position: number,
  occurrence: number,
  parameters: string,
): string {
  const compiled = compile(pattern, parameters, "search");
  if (occurrence < 0)
    throw new Error(
      `Invalid value [${occurrence}] for function 'REGEXP_REPLACE', parameter 5: must be a non-negative integer`,
    );
  let out = "";
  let at = 0;
  let n = 0;
  for (const m of matchesFrom(subject, compiled, position)) {
    n++;
    if (occurrence !== 0 && n !== occurrence) continue;
    out += subject.slice(at, m.index) + expandReplacement(replacement, m);
    at = m.index + m[0].length;
    if (occurrence !== 0) break;
  }
  return out + subject.slice(at);
}

/** REGEXP_LIKE / RLIKE / REGEXP: the pattern must match the whole subject. */
export function regexpLike(subject: string, pattern: string, parameters: string): boolean {
  const { regex } = compile(pattern, parameters, "full");
  regex.lastIndex = 0;
  return regex.test(subject);
}
