import { describe, expect, it } from "vitest";
import { formatNumber, isNumberFormat } from "../../src/engine/functions/number-format.js";

/**
 * Numeric format models of TO_CHAR (docs: sql-format-models, functions/to_char). Expected texts
 * are worked out from the format rules: one sign position before a decimal format, `9` blank for
 * leading zeros, the `$` and the sign floating to the first digit, `#` on overflow, hexadecimal as
 * two's complement unless `S` asks for a sign.
 */
describe("numeric format models", () => {
  it("pads digit positions and floats the sign and the dollar to the first digit", () => {
    expect(formatNumber("-12.391", "$99.0")).toBe("-$12.4");
    expect(formatNumber("5", "999")).toBe("   5");
    expect(formatNumber("5", "000")).toBe(" 005");
    expect(formatNumber("0.25", "9.99")).toBe(" 0.25");
    expect(formatNumber("1234567", "9,999,999")).toBe(" 1,234,567");
    expect(formatNumber("12", "9,999")).toBe("    12");
  });

  it("rounds half away from zero, blanks a zero integer part with B, and overflows with #", () => {
    expect(formatNumber("2.45", "9.9")).toBe(" 2.5");
    expect(formatNumber("-2.45", "9.9")).toBe("-2.5");
    expect(formatNumber("0.04", "B9.9")).toBe("  .0");
    expect(formatNumber("100", "99")).toBe(" ##");
  });

  it("writes explicit and trailing signs, hexadecimal, text-minimal forms and FM", () => {
    expect(formatNumber("7", "S99")).toBe(" +7");
    expect(formatNumber("-7", "99MI")).toBe(" 7-");
    expect(formatNumber("255", "XX")).toBe("FF");
    expect(formatNumber("-2", "XX")).toBe("FE");
    expect(formatNumber("-255", "SXX")).toBe("-FF");
    expect(formatNumber("256", "XX")).toBe("##");
    expect(formatNumber("1500", "TME")).toBe("1.5E3");
    expect(formatNumber("-0.5", "TM9")).toBe("-0.5");
    expect(formatNumber("5", "FM999")).toBe("5");
    expect(formatNumber("5", '"<"99">"')).toBe("<  5>");
  });

  it("tells numeric formats from others", () => {
    expect(isNumberFormat("$99.0")).toBe(true);
    expect(isNumberFormat("TME")).toBe(true);
    expect(isNumberFormat("HEX")).toBe(false);
  });
});
