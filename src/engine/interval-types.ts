/**
 * Snowflake's interval data types (`INTERVAL YEAR(2) TO MONTH`, `INTERVAL DAY(9) TO SECOND(9)`, …):
 * the qualifier as declared, its canonical text, and the interval format Snowflake reads and writes
 * (`'+14-04'`, `'+28 16:15:14.000'`). Values are stored as DuckDB INTERVALs: a year-month interval
 * as months, a day-time one as microseconds (Snowflake keeps nanoseconds; the engine microseconds).
 */

export type IntervalField = "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND";

/** A declared interval type. */
export interface IntervalQualifier {
  family: "year-month" | "day-time";
  lead: IntervalField;
  trail: IntervalField;
  /** Digits of the leading field (1-9, default 9). */
  precision: number;
  /** Digits of the fraction of a second (0-9, default 9); 0 when the type has no SECOND field. */
  scale: number;
}

const ORDER: readonly IntervalField[] = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"];
const DAY_TIME: readonly IntervalField[] = ["DAY", "HOUR", "MINUTE", "SECOND"];
const MICROS: Record<string, bigint> = {
  DAY: 86_400_000_000n,
  HOUR: 3_600_000_000n,
  MINUTE: 60_000_000n,
  SECOND: 1_000_000n,
};

const FIELD = "(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?";
const QUALIFIER = new RegExp(
  `^\\s*(?:INTERVAL\\s+)?${FIELD}\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(?:\\s+TO\\s+${FIELD}\\s*(?:\\(\\s*(\\d+)\\s*\\))?)?\\s*$`,
  "i",
);

/**
 * Reads a qualifier (`YEAR(2) TO MONTH`, `INTERVAL DAY TO SECOND(3)`, `SECOND(5, 6)`); null when it
 * is not one Snowflake accepts (a trailing field before the leading one, a year-month field mixed
 * with a day-time one, precisions out of range).
 */
export function parseIntervalQualifier(text: string): IntervalQualifier | null {
  const m = QUALIFIER.exec(text);
  if (!m) return null;
  const lead = (m[1] as string).toUpperCase() as IntervalField;
  const trail = ((m[4] ?? m[1]) as string).toUpperCase() as IntervalField;
  if (m[4] !== undefined && ORDER.indexOf(trail) <= ORDER.indexOf(lead)) return null;
  const family = lead === "YEAR" || lead === "MONTH" ? "year-month" : "day-time";
  if ((family === "year-month") !== (trail === "YEAR" || trail === "MONTH")) return null;
  // SECOND(p, s) alone; otherwise the fraction's digits are written on the trailing SECOND.
  if (m[3] !== undefined && lead !== "SECOND") return null;
  if (m[5] !== undefined && trail !== "SECOND") return null;
  const precision = m[2] === undefined ? 9 : Number(m[2]);
  const written = m[3] ?? m[5];
  const scale = trail === "SECOND" ? (written === undefined ? 9 : Number(written)) : 0;
  if (precision < 1 || precision > 9 || scale < 0 || scale > 9) return null;
  return { family, lead, trail, precision, scale };
}

/** The type as Snowflake prints it: `INTERVAL YEAR(2) TO MONTH`, `INTERVAL DAY(9) TO SECOND(9)`. */
export function intervalTypeText(q: IntervalQualifier): string {
  if (q.lead === "SECOND") return `INTERVAL SECOND(${q.precision},${q.scale})`;
  const trail = q.trail === q.lead ? "" : ` TO ${q.trail}${q.trail === "SECOND" ? `(${q.scale})` : ""}`;
  return `INTERVAL ${q.lead}(${q.precision})${trail}`;
}

/** The type of TIMESTAMP - TIMESTAMP. */
export const TIMESTAMP_DIFFERENCE: IntervalQualifier = {
  family: "day-time",
  lead: "DAY",
  trail: "SECOND",
  precision: 9,
  scale: 9,
};

/** Thrown for text that is not a value of the interval type (error-map.ts reads the code). */
export class IntervalValueError extends Error {
  readonly snowflakeCode = "100035";
  readonly sqlState = "22007";
  constructor(text: string, q: IntervalQualifier) {
    super(`Interval '${text}' is not recognized as a value of type ${intervalTypeText(q)}`);
  }
}

const fieldsOf = (q: IntervalQualifier): IntervalField[] =>
  DAY_TIME.slice(DAY_TIME.indexOf(q.lead), DAY_TIME.indexOf(q.trail) + 1);

function checkLeading(digits: string, text: string, q: IntervalQualifier): void {
  if (digits.replace(/^0+(?=\d)/, "").length > q.precision) throw new IntervalValueError(text, q);
}

/** Months of a year-month interval written in the interval format (`'14-4'`, `'-3-2'`, `'+5'`). */
export function parseYearMonth(text: string, q: IntervalQualifier): bigint {
  const m = /^\s*([+-])?\s*(\d+)(?:-(\d+))?\s*$/.exec(text);
  if (!m || (m[3] !== undefined) !== (q.lead === "YEAR" && q.trail === "MONTH"))
    throw new IntervalValueError(text, q);
  checkLeading(m[2] as string, text, q);
  const lead = BigInt(m[2] as string);
  const months = q.lead === "MONTH" ? lead : lead * 12n + BigInt(m[3] ?? "0");
  if (m[3] !== undefined && BigInt(m[3]) > 11n) throw new IntervalValueError(text, q);
  return m[1] === "-" ? -months : months;
}

/** Microseconds of a day-time interval written in the interval format (`'28 16:15:14.0'`, `'00:10:00'`). */
export function parseDayTime(text: string, q: IntervalQualifier): bigint {
  const m = /^\s*([+-])?\s*(.*?)\s*$/.exec(text) as RegExpExecArray;
  const body = m[2] as string;
  const fields = fieldsOf(q);
  const parts = body.split(/\s+|:/);
  if (parts.length !== fields.length) throw new IntervalValueError(text, q);
  let micros = 0n;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const field = fields[i] as IntervalField;
    const isSecond = field === "SECOND";
    const p = isSecond ? /^(\d+)(?:\.(\d*))?$/.exec(part) : /^(\d+)()$/.exec(part);
    if (!p) throw new IntervalValueError(text, q);
    if (i === 0) checkLeading(p[1] as string, text, q);
    else if (BigInt(p[1] as string) >= (field === "HOUR" ? 24n : 60n)) throw new IntervalValueError(text, q);
    micros += BigInt(p[1] as string) * (MICROS[field] as bigint);
    if (isSecond && p[2]) micros += BigInt((p[2] as string).slice(0, 6).padEnd(6, "0"));
  }
  return m[1] === "-" ? -micros : micros;
}

const pad2 = (n: bigint): string => n.toString().padStart(2, "0");

/** A year-month interval in the interval format: `+14-04`, `-3-02`, `+5` (INTERVAL YEAR). */
export function formatYearMonth(months: bigint, q: IntervalQualifier): string {
  const sign = months < 0n ? "-" : "+";
  const abs = months < 0n ? -months : months;
  if (q.lead === "MONTH") return `${sign}${abs}`;
  if (q.trail === "YEAR") return `${sign}${abs / 12n}`;
  return `${sign}${abs / 12n}-${pad2(abs % 12n)}`;
}

/** A day-time interval in the interval format: `+28 16:15:14.000`, `+0:00:30`, `+4.300000`. */
export function formatDayTime(micros: bigint, q: IntervalQualifier): string {
  const sign = micros < 0n ? "-" : "+";
  let rest = micros < 0n ? -micros : micros;
  let out = sign;
  const fields = fieldsOf(q);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as IntervalField;
    const unit = MICROS[field] as bigint;
    const value = rest / unit;
    rest %= unit;
    if (i > 0) out += field === "HOUR" ? " " : ":";
    out += i === 0 ? value.toString() : pad2(value);
  }
  if (q.trail === "SECOND" && q.scale > 0) {
    // The engine keeps microseconds: further digits are zeros.
    const fraction = rest.toString().padStart(6, "0");
    out += `.${fraction.padEnd(9, "0").slice(0, q.scale)}`;
  }
  return out;
}
