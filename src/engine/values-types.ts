/**
 * The common type of a numeric column of a FROM VALUES list, as Snowflake gives it.
 *
 * Snowflake gives a column whose rows differ in type one common type (the VALUES page's usage
 * notes). For number literals that is a fixed-point NUMBER(p, s), even for a literal written with an
 * exponent: the scale is the largest scale of the rows (a plain literal's written scale, trailing
 * zeros included, as the FIRST_VALUE page shows `3.00` next to `1.50`; an exponent literal's exact
 * value's scale), the integer digits the most any row has, and the precision is capped at 38
 * keeping the scale, so a value with more integer digits than that leaves fails with 100039
 * "Numeric value '…' is out of range" (the VALUES page's `(3.469446951953614e-18), (115898.73)`).
 * DuckDB makes a FLOAT of such a column instead.
 *
 * Applied to a column of at least two rows whose values are all number literals or NULL, with at
 * least one literal written with an exponent (without one, DuckDB's common DECIMAL already has that
 * scale); every literal is cast to the common type. Other columns keep DuckDB's typing.
 */
import { type Token, tokenize } from "./split/index.js";
import { valuesTuples } from "./values-tuples.js";

const MAX_PRECISION = 38;
const NUMBER_LITERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A literal's integer digits and scale: as written, or for an exponent literal its exact value's. */
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
    const rows = valuesRows(sql, tokens, i + 1);
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
  let exponent = false;
  const literals: { start: number; end: number; text: string }[] = [];
  for (const value of values) {
    if (value === undefined) return [];
    const text = sql.slice(value.start, value.end);
    if (/^null$/i.test(text)) continue;
    const exact = exactValue(text);
    if (exact === null) return [];
    if (/[eE]/.test(text)) exponent = true;
    scale = Math.max(scale, exact.scale);
    integerDigits = Math.max(integerDigits, exact.integerDigits);
    literals.push({ ...value, text });
  }
  if (!exponent || literals.length < 2 || scale > MAX_PRECISION) return [];
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
  if (exponent === undefined)
    return { integerDigits: whole.replace(/^0+/, "").length, scale: fraction.length };
  const shift = Number(exponent);
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

/** Each row's values as source spans; empty when a value is empty or the list is not closed. */
function valuesRows(sql: string, tokens: readonly Token[], at: number): { start: number; end: number }[][] {
  const list = valuesTuples(sql, tokens, at);
  if (list === null) return [];
  const rows = list.tuples.map((tuple) =>
    tuple.map((part) => {
      const first = part[0];
      const last = part[part.length - 1];
      return first && last ? { start: first.start, end: last.end } : null;
    }),
  );
  return rows.some((row) => row.includes(null)) ? [] : (rows as { start: number; end: number }[][]);
}
