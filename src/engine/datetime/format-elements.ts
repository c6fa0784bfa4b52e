/**
 * Snowflake's date and time format strings (`YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM`): one tokenizer, and
 * from its tokens (a) the text of a value for display (`renderFormat`), (b) DuckDB strftime patterns
 * for formatting inside SQL and (c) strptime patterns for parsing. Elements are case-insensitive;
 * text in double quotes and anything that is not an element is literal.
 */

/** A format element, or literal text. */
export type FormatToken =
  | { kind: "literal"; text: string }
  | { kind: "element"; element: FormatElement; digits?: number };

export type FormatElement =
  | "YYYY"
  | "UUUU"
  | "YY"
  | "Y"
  | "MMMM"
  | "MON"
  | "MM"
  | "MO"
  | "DD"
  | "DY"
  | "D"
  | "HH24"
  | "HH12"
  | "H24"
  | "H12"
  | "AM"
  | "MI"
  | "ME"
  | "SS"
  | "S"
  | "FF"
  | "TZH:TZM"
  | "TZHTZM"
  | "TZH"
  | "TZM";

/** Spellings, longest first so `MMMM` wins over `MM`, `HH24` over `HH` and `TZH:TZM` over `TZH`. */
const SPELLINGS: ReadonlyArray<readonly [string, FormatElement]> = [
  ["TZH:TZM", "TZH:TZM"],
  ["TZHTZM", "TZHTZM"],
  ["YYYY", "YYYY"],
  ["UUUU", "UUUU"],
  ["MMMM", "MMMM"],
  ["HH24", "HH24"],
  ["HH12", "HH12"],
  ["TZH", "TZH"],
  ["TZM", "TZM"],
  ["MON", "MON"],
  ["H24", "H24"],
  ["H12", "H12"],
  ["YY", "YY"],
  ["MM", "MM"],
  ["MO", "MO"],
  ["DD", "DD"],
  ["DY", "DY"],
  ["HH", "HH24"],
  ["AM", "AM"],
  ["PM", "AM"],
  ["MI", "MI"],
  ["ME", "ME"],
  ["SS", "SS"],
  ["Y", "Y"],
  ["D", "D"],
  ["H", "H24"],
  ["S", "S"],
];

/** Elements spelled with one letter: inside a word that has letters no element reads, they are text too. */
const ONE_LETTER: ReadonlySet<string> = new Set(["Y", "D", "H", "S"]);

/** A token with where it was written. */
interface Placed {
  token: FormatToken;
  start: number;
  end: number;
  /** The one-letter spelling of an element (`H` for H24), else undefined. */
  oneLetter?: string;
}

/**
 * Splits a format into elements and literal text. `FF` takes an optional digit (`FF3`); plain `FF` is
 * 9. Text in double quotes is literal. A word (a run of letters and digits) that holds letters no
 * element reads is text, except for the elements of two letters or more inside it: `hours` is text
 * (not H24, `our`, S), while the unquoted `T` of `YYYY-MM-DDTHH24:MI` leaves DD and HH24 elements.
 */
export function tokenizeFormat(format: string): FormatToken[] {
  const placed: Placed[] = [];
  let i = 0;
  outer: while (i < format.length) {
    const c = format[i] as string;
    if (c === '"') {
      const close = format.indexOf('"', i + 1);
      const end = close === -1 ? format.length : close;
      placed.push({ token: { kind: "literal", text: format.slice(i + 1, end) }, start: i, end: end + 1 });
      i = end + 1;
      continue;
    }
    const upper = format.slice(i, i + 7).toUpperCase();
    if (upper.startsWith("FF")) {
      const digit = /^[0-9]$/.test(upper[2] ?? "") ? Number(upper[2]) : undefined;
      // FF without digits shows as many as the value's type has (its scale), FFn exactly n.
      const token: FormatToken =
        digit === undefined
          ? { kind: "element", element: "FF" }
          : { kind: "element", element: "FF", digits: digit };
      const length = digit === undefined ? 2 : 3;
      placed.push({ token, start: i, end: i + length });
      i += length;
      continue;
    }
    for (const [spelling, element] of SPELLINGS) {
      if (upper.startsWith(spelling)) {
        placed.push({
          token: { kind: "element", element },
          start: i,
          end: i + spelling.length,
          ...(ONE_LETTER.has(spelling) ? { oneLetter: format.slice(i, i + 1) } : {}),
        });
        i += spelling.length;
        continue outer;
      }
    }
    placed.push({ token: { kind: "literal", text: c }, start: i, end: i + 1 });
    i++;
  }
  demoteOneLetterElements(format, placed);
  const tokens: FormatToken[] = [];
  for (const { token } of placed) {
    const last = tokens[tokens.length - 1];
    if (token.kind === "literal" && last?.kind === "literal") last.text += token.text;
    else tokens.push(token);
  }
  return tokens;
}

/** One-letter elements in a word with an unread letter become text (see tokenizeFormat). */
function demoteOneLetterElements(format: string, placed: Placed[]): void {
  const wordOf = (position: number): number => {
    let start = position;
    while (start > 0 && /[A-Za-z0-9]/.test(format[start - 1] as string)) start--;
    return start;
  };
  const unread = new Set<number>();
  for (const p of placed) {
    if (p.token.kind === "literal" && p.end - p.start === 1 && /[A-Za-z]/.test(format[p.start] as string))
      unread.add(wordOf(p.start));
  }
  if (unread.size === 0) return;
  for (const p of placed) {
    if (p.oneLetter !== undefined && unread.has(wordOf(p.start)))
      p.token = { kind: "literal", text: p.oneLetter };
  }
}

/** The fields of a date/time value that formats read. Absent fields print as zero. */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** Day of the week, 0 = Sunday. */
  weekday: number;
  /** Offset from UTC in minutes; null for a value without one (TIMESTAMP_NTZ prints `Z`). */
  offsetMinutes: number | null;
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
export const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const pad = (n: number, width: number): string => {
  const text = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${text}` : text;
};

function offsetParts(offsetMinutes: number): { sign: string; hours: string; minutes: string } {
  const abs = Math.abs(offsetMinutes);
  return {
    sign: offsetMinutes < 0 ? "-" : "+",
    hours: pad(Math.floor(abs / 60), 2),
    minutes: pad(abs % 60, 2),
  };
}

/** A value's text in a Snowflake format (what the session output formats and TO_CHAR produce). */
export function renderFormat(tokens: readonly FormatToken[], f: DateTimeFields, scale = 9): string {
  let out = "";
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  for (const token of tokens) {
    if (token.kind === "literal") {
      out += token.text;
      continue;
    }
    switch (token.element) {
      case "YYYY":
      case "UUUU":
        out += pad(f.year, 4);
        break;
      case "YY":
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case "Y":
        out += String(((f.year % 100) + 100) % 100);
        break;
      case "MMMM":
        out += MONTH_NAMES[f.month - 1] ?? "";
        break;
      case "MON":
        out += (MONTH_NAMES[f.month - 1] ?? "").slice(0, 3);
        break;
      case "MM":
        out += pad(f.month, 2);
        break;
      case "MO":
        out += String(f.month);
        break;
      case "DD":
        out += pad(f.day, 2);
        break;
      case "D":
        out += String(f.day);
        break;
      case "DY":
        out += DAY_NAMES[f.weekday] ?? "";
        break;
      case "HH24":
        out += pad(f.hour, 2);
        break;
      case "H24":
        out += String(f.hour);
        break;
      case "HH12":
        out += pad(hour12, 2);
        break;
      case "H12":
        out += String(hour12);
        break;
      case "AM":
        out += f.hour < 12 ? "AM" : "PM";
        break;
      case "MI":
        out += pad(f.minute, 2);
        break;
      case "ME":
        out += String(f.minute);
        break;
      case "SS":
        out += pad(f.second, 2);
        break;
      case "S":
        out += String(f.second);
        break;
      case "FF":
        out += String(f.nanos)
          .padStart(9, "0")
          .slice(0, token.digits ?? scale);
        break;
      case "TZH:TZM":
      case "TZHTZM":
      case "TZH":
      case "TZM": {
        if (f.offsetMinutes === null) {
          if (token.element !== "TZM") out += "Z";
          break;
        }
        const o = offsetParts(f.offsetMinutes);
        if (token.element === "TZH:TZM") out += `${o.sign}${o.hours}:${o.minutes}`;
        else if (token.element === "TZHTZM") out += `${o.sign}${o.hours}${o.minutes}`;
        else if (token.element === "TZH") out += `${o.sign}${o.hours}`;
        else out += o.minutes;
        break;
      }
    }
  }
  return out;
}

/**
 * Markers a strftime pattern carries for what strftime cannot print: a fraction at any precision
 * (FRACTION_MARK then the digit count) and the offset elements (OFFSET_MARK then a letter: `A`
 * TZH:TZM, `B` TZHTZM, `C` TZH, `D` TZM). The formatting macros substitute them after strftime. They
 * are control characters, which no format contains.
 */
export const FRACTION_MARK = "\u0001";
export const OFFSET_MARK = "\u0002";
const OFFSET_LETTER: Partial<Record<FormatElement, string>> = {
  "TZH:TZM": "A",
  TZHTZM: "B",
  TZH: "C",
  TZM: "D",
};

const escapePercent = (text: string): string => text.replaceAll("%", "%%");

/**
 * A DuckDB strftime pattern for a format. `FFn` becomes FRACTION_MARK followed by the digit count;
 * the offset elements become the offset marks (a Z for a value without offset is decided at run time).
 */
export function toStrftime(tokens: readonly FormatToken[]): string {
  let out = "";
  for (const token of tokens) {
    if (token.kind === "literal") {
      out += escapePercent(token.text);
      continue;
    }
    switch (token.element) {
      case "YYYY":
      case "UUUU":
        out += "%Y";
        break;
      case "YY":
        out += "%y";
        break;
      case "Y":
        out += "%-y";
        break;
      case "MMMM":
        out += "%B";
        break;
      case "MON":
        out += "%b";
        break;
      case "MM":
        out += "%m";
        break;
      case "MO":
        out += "%-m";
        break;
      case "DD":
        out += "%d";
        break;
      case "D":
        out += "%-d";
        break;
      case "DY":
        out += "%a";
        break;
      case "HH24":
        out += "%H";
        break;
      case "H24":
        out += "%-H";
        break;
      case "HH12":
        out += "%I";
        break;
      case "H12":
        out += "%-I";
        break;
      case "AM":
        out += "%p";
        break;
      case "MI":
        out += "%M";
        break;
      case "ME":
        out += "%-M";
        break;
      case "SS":
        out += "%S";
        break;
      case "S":
        out += "%-S";
        break;
      case "FF":
        out += `${FRACTION_MARK}${token.digits ?? 9}`;
        break;
      case "TZH:TZM":
      case "TZHTZM":
      case "TZH":
      case "TZM":
        out += `${OFFSET_MARK}${OFFSET_LETTER[token.element]}`;
        break;
    }
  }
  return out;
}

/** How a format reads text: strptime patterns and whether the text carries an offset. */
export interface ParsePattern {
  /** The format's pattern. */
  pattern: string;
  /**
   * The pattern and, when two elements touch (`DDHH24`), the same with a space between them: a value
   * may have whitespace where its format has none (Snowflake accepts it), never the other way round.
   */
  patterns: string[];
  /** The format has an offset element: the parser takes it from the text. */
  hasOffset: boolean;
  /** The format has a fraction element: the text's fraction is normalised to six digits first. */
  hasFraction: boolean;
}

/**
 * A DuckDB strptime pattern for a format, or null when an element cannot be parsed by strptime.
 * Offsets are cut from the text before strptime runs (their value is kept separately), so the
 * pattern stops before them; spaces before an offset are dropped with it.
 */
export function toStrptime(tokens: readonly FormatToken[]): ParsePattern | null {
  let out = "";
  let hasOffset = false;
  let hasFraction = false;
  for (const token of tokens) {
    if (token.kind === "literal") {
      out += escapePercent(token.text);
      continue;
    }
    switch (token.element) {
      case "YYYY":
      case "UUUU":
        out += "%Y";
        break;
      case "YY":
      case "Y":
        out += "%y";
        break;
      case "MMMM":
      case "MON":
        out += "%b";
        break;
      case "MM":
      case "MO":
        out += "%m";
        break;
      case "DD":
      case "D":
        out += "%d";
        break;
      case "DY":
        out += "%a";
        break;
      case "HH24":
      case "H24":
        out += "%H";
        break;
      case "HH12":
      case "H12":
        out += "%I";
        break;
      case "AM":
        out += "%p";
        break;
      case "MI":
      case "ME":
        out += "%M";
        break;
      case "SS":
      case "S":
        out += "%S";
        break;
      case "FF":
        out += "%f";
        hasFraction = true;
        break;
      case "TZH:TZM":
      case "TZHTZM":
      case "TZH":
        hasOffset = true;
        break;
      case "TZM":
        break;
    }
  }
  if (hasOffset) out = out.replace(/\s+$/, "");
  const spaced = out.replace(/(%[A-Za-z])(?=%[A-Za-z])/g, "$1 ");
  return { pattern: out, patterns: spaced === out ? [out] : [out, spaced], hasOffset, hasFraction };
}

/** True when a format string uses a date/time element (not a numeric format such as `999.99`). */
export function isDateTimeFormat(format: string): boolean {
  return /Y|MM|MON|DD|DY|HH|MI|SS|FF|AM|PM|TZH/i.test(format.replace(/"[^"]*"/g, ""));
}
