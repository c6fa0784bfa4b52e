/**
 * FLOAT as Snowflake's clients display it. The REST rowset carries a FLOAT's full text; the client
 * shows it rounded: at least 10 significant digits, 9 fraction digits when the integer part is
 * longer than one digit, never more than 15 significant digits (C `%.<n>g` with `n` in 10..15),
 * trailing zeros dropped, exponents in C's form (`e-17`, `e+16`). Examples printed on Snowflake's
 * pages: PI() `3.141592654`, DEGREES(1) `57.295779513`, COS(RADIANS(90)) `6.123233996e-17`,
 * TAN(RADIANS(90)) `1.63312393531954e+16`.
 */

/** Significant digits Snowflake shows for a finite, non-zero FLOAT of this magnitude. */
function shownDigits(value: number): number {
  const exponent = Number(Math.abs(value).toExponential(14).split("e")[1]);
  return Math.min(15, Math.max(10, exponent + 1 + 9));
}

/** Drops trailing zeros of a fraction (and a bare point). */
function trimFraction(digits: string): string {
  return digits.includes(".") ? digits.replace(/0+$/, "").replace(/\.$/, "") : digits;
}

/** C's `%.<precision>g` with trailing zeros removed. */
function generalFormat(value: number, precision: number): string {
  const [mantissa, exponentText] = value.toExponential(precision - 1).split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= precision) {
    const sign = exponent < 0 ? "-" : "+";
    return `${trimFraction(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return trimFraction(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

/** The displayed text of a FLOAT cell (its canonical text: decimal, `inf`, `-inf`, `NaN`). */
export function floatDisplayText(text: string): string {
  const value = Number(text);
  if (!Number.isFinite(value) || value === 0) return text === "-0" ? "0" : text;
  return generalFormat(value, shownDigits(value));
}
