/**
 * ANSI interval literals (`INTERVAL '1-1' YEAR TO MONTH`, `INTERVAL '1 01:01:01.7878' DAY TO SECOND`,
 * `INTERVAL '5' YEAR(2)`), which the transpiler cannot parse, become Snowflake interval constants
 * (`INTERVAL '1 year, 1 month'`) before the statement is parsed; the date/time AST pass then adds
 * their increments as DATEADDs. Interval data types as column types are not emulated.
 */
import { tokenize } from "../split/index.js";

const UNITS = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"] as const;
type Unit = (typeof UNITS)[number];

/** The fields a literal of `from TO to` holds, in order. */
function fieldsOf(from: Unit, to: Unit): Unit[] {
  const a = UNITS.indexOf(from);
  const b = UNITS.indexOf(to);
  return b < a ? [] : UNITS.slice(a, b + 1);
}

/** `'1-08'` for YEAR TO MONTH, `'2 23:08:23.275'` for DAY TO SECOND, … as a constant's increments. */
export function ansiIntervalConstant(text: string, from: Unit, to: Unit): string | null {
  const m = /^\s*([+-]?)\s*(.*?)\s*$/.exec(text);
  if (!m) return null;
  const sign = m[1] === "-" ? "-" : "";
  const values = (m[2] ?? "").split(/[-\s:]/).filter((v) => v !== "");
  const fields = fieldsOf(from, to);
  if (fields.length === 0 || values.length !== fields.length) return null;
  const increments: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Unit;
    const value = values[i] as string;
    if (field === "SECOND" && /^\d+\.\d+$/.test(value)) {
      const [whole, fraction] = value.split(".") as [string, string];
      increments.push(`${sign}${Number(whole)} seconds`);
      increments.push(`${sign}${Number(fraction.padEnd(9, "0").slice(0, 9))} nanoseconds`);
      continue;
    }
    if (!/^\d+$/.test(value)) return null;
    increments.push(`${sign}${Number(value)} ${field.toLowerCase()}s`);
  }
  return increments.join(", ");
}

/** Rewrites the ANSI interval literals of a statement; returns the text unchanged when there are none. */
export function rewriteIntervalLiterals(sql: string): string {
  if (
    !/INTERVAL/i.test(sql) ||
    !/\b(TO\s+(MONTH|HOUR|MINUTE|SECOND)|(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)\s*\()/i.test(sql)
  )
    return sql;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const text = (k: number): string => (tokens[k] ? sql.slice(tokens[k]!.start, tokens[k]!.end) : "");
  const unitAt = (k: number): Unit | null => {
    const u = text(k).toUpperCase().replace(/S$/, "");
    return (UNITS as readonly string[]).includes(u) ? (u as Unit) : null;
  };
  /** Skips `( n [, n] )` after a unit; returns the index after it. */
  const skipPrecision = (k: number): number => {
    if (text(k) !== "(") return k;
    let j = k + 1;
    while (j < tokens.length && text(j) !== ")") j++;
    return j + 1;
  };
  let out = "";
  let at = 0;
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.upper !== "INTERVAL" || tokens[k + 1]!.kind !== "string") continue;
    const from = unitAt(k + 2);
    if (from === null) continue;
    let j = skipPrecision(k + 3);
    let to: Unit = from;
    if (tokens[j]?.upper === "TO" && unitAt(j + 1) !== null) {
      to = unitAt(j + 1) as Unit;
      j = skipPrecision(j + 2);
    } else if (j === k + 3) continue; // `INTERVAL '3' DAYS`: the transpiler reads it.
    const literal = text(k + 1)
      .slice(1, -1)
      .replaceAll("''", "'");
    const constant = ansiIntervalConstant(literal, from, to);
    if (constant === null) continue;
    out += `${sql.slice(at, tokens[k]!.start)}INTERVAL '${constant}'`;
    at = tokens[j - 1]!.end;
    k = j - 1;
  }
  return out + sql.slice(at);
}
