import { describe, expect, it } from "vitest";
import { displayValue, valueText } from "../../src/engine/format.js";
import type { ResultColumn } from "../../src/engine/types.js";

/**
 * FLOAT display: Snowflake's client shows a FLOAT with at least 10 significant digits and 9
 * fraction digits where the integer part is longer, at most 15 significant digits, trailing zeros
 * dropped, C-style exponents (`6.123233996e-17`, `1.63312393531954e+16`). Expected values are the
 * outputs printed on Snowflake's pages (functions/pi, acos, degrees, radians, tan, cos, cbrt, pow,
 * sql/select), not the engine's.
 */
const real: Pick<ResultColumn, "type" | "scale"> = { type: "real", scale: null };
const shown = (value: number): string | null => displayValue(String(value), real);

describe("FLOAT display", () => {
  it("shows ten significant digits below 10", () => {
    expect(shown(Math.PI)).toBe("3.141592654");
    expect(shown(Math.asin(0.5))).toBe("0.5235987756");
    expect(shown(Math.cbrt(-10))).toBe("-2.15443469");
    expect(shown(Math.sqrt(10))).toBe("3.16227766");
  });

  it("keeps nine fraction digits for larger integer parts", () => {
    expect(shown(Math.PI * 2 * 2)).toBe("12.566370614");
    expect(shown(180 / Math.PI)).toBe("57.295779513");
  });

  it("rounds away the double's last-digit noise", () => {
    expect(shown(Math.cos(Math.PI / 3))).toBe("0.5");
    expect(shown(((Math.PI / 3) * 180) / Math.PI)).toBe("60");
    expect(shown(0.1 ** 2)).toBe("0.01");
    expect(shown(Math.acosh(2.352409615))).toBe("1.5");
  });

  it("writes very small and very large values with C-style exponents", () => {
    expect(shown(Math.cos(Math.PI / 2))).toBe("6.123233996e-17");
    expect(shown(Math.tan(Math.PI / 2))).toBe("1.63312393531954e+16");
    expect(shown(1e300)).toBe("1e+300");
    expect(shown(123456789012.345)).toBe("123456789012.345");
  });

  it("keeps integers, infinities and NaN as Snowflake prints them", () => {
    expect(shown(0)).toBe("0");
    expect(shown(1000000)).toBe("1000000");
    expect(displayValue("inf", real)).toBe("inf");
    expect(displayValue("-inf", real)).toBe("-inf");
    expect(displayValue("NaN", real)).toBe("NaN");
  });

  it("leaves the exact text to drivers and literals (valueText)", () => {
    expect(valueText(String(Math.PI), real)).toBe("3.141592653589793");
  });
});
