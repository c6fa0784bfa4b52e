import { describe, expect, it } from "vitest";
import { secondsWithFraction, wireCell, wireColumn } from "../../src/engine/server/wire.js";
import type { ResultColumn, SnowflakeTypeName } from "../../src/engine/types.js";

function column(type: SnowflakeTypeName, scale: number | null = null): ResultColumn {
  return {
    name: "C",
    type,
    sqlType: type.toUpperCase(),
    nullable: true,
    precision: null,
    scale,
    length: null,
  };
}

describe("wire encoding of cells", () => {
  it("encodes numbers, text, booleans and nulls as the driver reads them", () => {
    expect(wireCell("1.50", column("fixed", 2))).toBe("1.50");
    expect(wireCell(2.5, column("real"))).toBe("2.5");
    expect(wireCell(12345678901234567890n, column("fixed", 0))).toBe("12345678901234567890");
    expect(wireCell("héllo", column("text"))).toBe("héllo");
    expect(wireCell(true, column("boolean"))).toBe("1");
    expect(wireCell(false, column("boolean"))).toBe("0");
    expect(wireCell(null, column("text"))).toBeNull();
  });

  it("encodes dates as days and times as seconds at the column's scale", () => {
    expect(wireCell(20_784, column("date"))).toBe("20784");
    expect(wireCell(45_296_123_456_789n, column("time", 9))).toBe("45296.123456789");
    expect(wireCell(45_296_123_456_789n, column("time", 3))).toBe("45296.123");
    expect(wireCell(45_296_000_000_000n, column("time", 0))).toBe("45296");
  });

  it("encodes timestamps as signed epoch seconds, and TZ with its offset index", () => {
    const ntz = column("timestamp_ntz", 9);
    expect(wireCell(1_795_780_800_123_000_000n, ntz)).toBe("1795780800.123000000");
    expect(wireCell(-1_500_000_000n, ntz)).toBe("-1.500000000");
    expect(secondsWithFraction(-1n, 9)).toBe("-0.000000001");
    const tz = column("timestamp_tz", 3);
    expect(wireCell({ epochNanos: 1_795_780_800_000_000_000n, offsetMinutes: 60 }, tz)).toBe(
      "1795780800.000 1500",
    );
    expect(wireCell({ epochNanos: 0n, offsetMinutes: -480 }, tz)).toBe("0.000 960");
  });

  it("encodes binary as upper-case hex and semi-structured values as their JSON text", () => {
    expect(wireCell(new Uint8Array([0xde, 0xad, 0x01]), column("binary"))).toBe("DEAD01");
    expect(wireCell('{"a":[1,2]}', column("variant"))).toBe('{"a":[1,2]}');
    expect(wireCell("[1,2]", column("array"))).toBe("[1,2]");
  });
});

describe("rowtype", () => {
  it("gives temporal columns a scale and text columns a byte length", () => {
    expect(wireColumn(column("timestamp_ltz")).scale).toBe(9);
    const text = wireColumn({
      ...column("text"),
      length: 16_777_216,
      table: "T",
      schema: "S",
      database: "D",
    });
    expect(text).toMatchObject({
      name: "C",
      type: "text",
      byteLength: 16_777_216,
      database: "D",
      schema: "S",
      table: "T",
    });
  });
});
