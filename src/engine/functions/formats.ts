/**
 * Snowflake date/time format strings (`YYYY-MM-DD HH24:MI:SS.FF3`) to DuckDB strftime patterns.
 * The transpiler turns `TO_CHAR(d, 'YYYY-MM-DD')` into `STRFTIME(d, 'yyyy-mm-DD')`, which DuckDB
 * prints literally, so the engine converts literal formats itself before translation.
 */

/** Format elements, longest first so `MMMM` wins over `MM` and `HH24` over `HH`. */
const ELEMENTS: ReadonlyArray<readonly [string, string]> = [
  ["YYYY", "%Y"],
  ["MMMM", "%B"],
  ["HH24", "%H"],
  ["HH12", "%I"],
  ["TZH:TZM", "%z"],
  ["FF9", "%n"],
  ["FF6", "%f"],
  ["FF3", "%g"],
  ["MON", "%b"],
  ["DY", "%a"],
  ["YY", "%y"],
  ["MM", "%m"],
  ["DD", "%d"],
  ["HH", "%I"],
  ["MI", "%M"],
  ["SS", "%S"],
  ["AM", "%p"],
  ["PM", "%p"],
  ["FF", "%n"],
];

/** Letters that start a format element; any other letter outside quotes makes the format unknown. */
const ELEMENT_LETTERS = /[YMDHTFSAP]/i;

/**
 * Converts a Snowflake date/time format to a strftime pattern, or returns null when the format uses
 * something this converter does not know (the caller then leaves the call to the transpiler).
 * Text in double quotes is literal, as in Snowflake.
 */
export function snowflakeFormatToStrftime(format: string): string | null {
  let out = "";
  let i = 0;
  outer: while (i < format.length) {
    const c = format[i]!;
    if (c === '"') {
      const close = format.indexOf('"', i + 1);
      if (close === -1) return null;
      out += format.slice(i + 1, close).replaceAll("%", "%%");
      i = close + 1;
      continue;
    }
    for (const [element, pattern] of ELEMENTS) {
      if (format.slice(i, i + element.length).toUpperCase() === element) {
        out += pattern;
        i += element.length;
        continue outer;
      }
    }
    if (/[A-Za-z]/.test(c)) {
      if (ELEMENT_LETTERS.test(c)) return null;
      return null;
    }
    out += c === "%" ? "%%" : c;
    i++;
  }
  return out;
}

/** True when a format string looks like a date/time format rather than a numeric one (`999.99`). */
export function isDateTimeFormat(format: string): boolean {
  return /Y|MM|MON|DD|DY|HH|MI|SS|FF|AM|PM/i.test(format.replace(/"[^"]*"/g, ""));
}
