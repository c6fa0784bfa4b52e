/**
 * The common type of a numeric column of a FROM VALUES list, as Snowflake gives it.
 *
 * Snowflake evaluates each VALUES expression as a constant at compile time and gives a column whose
 * rows differ in type one common type (the VALUES page's usage notes). For number literals that type
 * is the NUMBER(p, s) that holds every row's value exactly: the scale is the largest scale a value
 * needs (trailing fractional zeros do not count: `.5000` needs one digit, so `(.05), (.5000), (3)`
 * is NUMBER(3, 2) and shows `0.50`), the integer digits the most any value has, and the precision is
 * capped at 38 keeping the scale, so a value with more integer digits than that leaves fails with
 * 100039 "Numeric value '…' is out of range" (the page's `(3.469446951953614e-18), (115898.73)`).
 * An exponent literal counts by its exact decimal value. DuckDB instead widens the written literal
 * types (`.5000` as DECIMAL(4,4)), or makes a FLOAT of an exponent.
 *
 * Applied to a column of at least two rows whose values are all number literals or NULL, with at
 * least one literal written with a fraction or an exponent; every literal is cast to the common
 * type. Other columns (expressions, strings, mixed types) keep DuckDB's typing.
 */
import { type Token, tokenize } from "./split/index.js";

const MAX_PRECISION = 38;
const NUMBER_LITERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A literal's exact value as integer digits and fractional digits (no trailing fractional zeros). */
interface Exact {
  integerDigits: number;
  scale: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Casts the number literals of FROM VALUES columns to the column's common Snowflake type. */
export function typeValuesColumns(sql: string): string {
  if (!/\bvalues\b/i.test(sql)) return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const ch = (t: Token | undefined): string => (t?.kind === "punct" ? (sql[t.start] as string) : "");
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.upper !== "VALUES") continue;
    const before = tokens[i - 1];
    const source = ch(before) === "(" ? tokens[i - 2] : before;
    if (!["FROM", "JOIN", "USING"].includes(source?.upper ?? "") && ch(source) !== ",") continue;
    const rows = valuesRows(tokens, i + 1, ch);
    if (rows.length < 2) continue;
    const width = rows[0]?.length ?? 0;
    for (let c = 0; c < width; c++)
      edits.push(
        ...columnEdits(
          sql,
          rows.map((row) => row[c]),
        ),
      );
  }
  if (edits.length === 0) return sql;
  let out = "";
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + sql.slice(at);
}

/** The casts for one column's values (none when the column is not one of number literals). */
function columnEdits(sql: string, values: ({ start: number; end: number } | undefined)[]): Edit[] {
  let scale = 0;
  let integerDigits = 0;
  let fractional = false;
  const literals: { start: number; end: number; text: string }[] = [];
  for (const value of values) {
    if (value === undefined) return [];
    const text = sql.slice(value.start, value.end);
    if (/^null$/i.test(text)) continue;
    const exact = exactValue(text);
    if (exact === null) return [];
    if (/[.eE]/.test(text)) fractional = true;
    scale = Math.max(scale, exact.scale);
    integerDigits = Math.max(integerDigits, exact.integerDigits);
    literals.push({ ...value, text });
  }
  if (!fractional || literals.length < 2 || scale > MAX_PRECISION) return [];
  const precision = Math.min(MAX_PRECISION, Math.max(1, integerDigits + scale));
  return literals.map((l) => ({
    start: l.start,
    end: l.end,
    text: `(${l.text})::NUMBER(${precision}, ${scale})`,
  }));
}

/** Integer digits and scale of a number literal's exact value; null when the text is not one. */
function exactValue(text: string): Exact | null {
  const m = NUMBER_LITERAL.exec(text);
  if (!m) return null;
  const [, , whole = "", fraction = "", exponent] = m;
  if (whole === "" && fraction === "") return null;
  const shift = exponent === undefined ? 0 : Number(exponent);
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 1000) return null;
  // The digits with the decimal point moved by the exponent.
  const digits = `${whole}${fraction}`;
  const point = whole.length + shift;
  const integerPart = (point <= 0 ? "" : digits.padEnd(point, "0").slice(0, point)).replace(/^0+/, "");
  const fractionPart = (
    point >= digits.length ? "" : "0".repeat(Math.max(0, -point)) + digits.slice(Math.max(0, point))
  ).replace(/0+$/, "");
  return { integerDigits: integerPart.length, scale: fractionPart.length };
}

/** The value ranges of each row of `VALUES (…), (…)` starting at tokens[at] (the first "("). */
function valuesRows(
  tokens: readonly Token[],
  at: number,
  ch: (t: Token | undefined) => string,
): { start: number; end: number }[][] {
  const rows: { start: number; end: number }[][] = [];
  let i = at;
  while (ch(tokens[i]) === "(") {
    const row: { start: number; end: number }[] = [];
    let depth = 0;
    let first = i + 1;
    for (i = i + 1; i < tokens.length; i++) {
      const c = ch(tokens[i]);
      if (c === "(" || c === "[" || c === "{") depth++;
      else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
      else if (depth === 0 && (c === "," || c === ")")) {
        const start = tokens[first];
        const end = tokens[i - 1];
        if (start === undefined || end === undefined || first > i - 1) return [];
        row.push({ start: start.start, end: end.end });
        first = i + 1;
        if (c === ")") break;
      }
    }
    if (i >= tokens.length) return [];
    rows.push(row);
    i++;
    if (ch(tokens[i]) !== "," || ch(tokens[i + 1]) !== "(") break;
    i++;
  }
  return rows;
}
