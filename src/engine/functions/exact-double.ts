/**
 * A DOUBLE's exact binary value as decimal text rounded at a scale (half away from zero), for a
 * cast to NUMBER(p, s) with p > 18: Snowflake converts the double's exact value (1.1 is
 * 1.100000000000000088817…, so NUMBER(38, 18) shows 1.100000000000000089), while DuckDB scales the
 * double first (1.1 * 1e18 in DOUBLE gives …128). Called as MERC_DOUBLE_DECIMAL(x, scale).
 */
export function doubleDecimalText(value: number, scale: number): string {
  if (!Number.isFinite(value)) return String(value);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // value = mantissa * 2^exponent exactly (subnormals have no implicit leading bit).
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const unit = 10n ** BigInt(scale);
  let scaled: bigint;
  if (exponent >= 0) scaled = (mantissa << BigInt(exponent)) * unit;
  else {
    const den = 1n << BigInt(-exponent);
    scaled = (mantissa * unit * 2n + den) / (2n * den);
  }
  const digits = scaled.toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}
