/**
 * Statistics Snowflake keeps exact over exact (fixed-point) inputs, computed here with BigInt
 * arithmetic: DuckDB sums powers in DOUBLE, whose cancellation turned KURTOSIS 5 into
 * 4.999999999998991. Called through MERC_KURTOSIS_EXACT with the group's non-NULL values as
 * comma-separated decimal text (DuckDB's text of a DECIMAL or integer is exact).
 */

/** Digits after the point in the result; the caller shows it at Snowflake's scale (12). */
const RESULT_DIGITS = 15;

/** The values as integers at one common scale (kurtosis does not depend on the scale). */
function scaledIntegers(texts: readonly string[]): bigint[] {
  const scale = Math.max(0, ...texts.map((t) => (t.includes(".") ? t.length - t.indexOf(".") - 1 : 0)));
  return texts.map((text) => {
    const negative = text.startsWith("-");
    const [whole = "0", fraction = ""] = text.replace(/^[-+]/, "").split(".");
    const digits = BigInt(`${whole}${fraction.padEnd(scale, "0")}` || "0");
    return negative ? -digits : digits;
  });
}

/** num / den (den > 0) as decimal text rounded half away from zero at RESULT_DIGITS. */
function decimalText(num: bigint, den: bigint): string {
  const negative = num < 0n;
  const unit = 10n ** BigInt(RESULT_DIGITS);
  const scaled = ((negative ? -num : num) * unit * 2n + den) / (2n * den);
  const text = scaled.toString().padStart(RESULT_DIGITS + 1, "0");
  const body = `${text.slice(0, -RESULT_DIGITS)}.${text.slice(-RESULT_DIGITS)}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}

/**
 * Sample excess kurtosis of the values, as Snowflake (and DuckDB) define it:
 * n(n+1)(n-1)/((n-2)(n-3)) * M4/M2^2 - 3(n-1)^2/((n-2)(n-3)), with M2, M4 the sums of squared and
 * fourth-power deviations from the mean. NULL for fewer than four values or no spread.
 */
export function kurtosisExact(values: string): string | null {
  const texts = values.split(",").filter((t) => t.trim() !== "");
  const xs = scaledIntegers(texts.map((t) => t.trim()));
  const n = BigInt(xs.length);
  if (n < 4n) return null;
  let s1 = 0n;
  let s2 = 0n;
  let s3 = 0n;
  let s4 = 0n;
  for (const x of xs) {
    const x2 = x * x;
    s1 += x;
    s2 += x2;
    s3 += x2 * x;
    s4 += x2 * x2;
  }
  // n^3 * M4 and n * M2, free of divisions: M4/M2^2 = a / (n * b^2).
  const a = n ** 3n * s4 - 4n * n ** 2n * s1 * s3 + 6n * n * s1 ** 2n * s2 - 3n * s1 ** 4n;
  const b = n * s2 - s1 ** 2n;
  if (b === 0n) return null;
  // k = [(n+1)(n-1) a / b^2 - 3(n-1)^2] / ((n-2)(n-3))
  const num = (n + 1n) * (n - 1n) * a - 3n * (n - 1n) ** 2n * b ** 2n;
  const den = (n - 2n) * (n - 3n) * b ** 2n;
  return decimalText(num, den);
}
