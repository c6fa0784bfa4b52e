import { describe, expect, it } from "vitest";
import type { AfterMatchSkip } from "../../../src/engine/match-recognize/clause.js";
import { matchAt, matchPartition } from "../../../src/engine/match-recognize/matcher.js";
import { parsePattern } from "../../../src/engine/match-recognize/pattern.js";

/** Rows given as the letters (symbols) each satisfies: ["A", "AB", "B"]. */
function rowsOf(letters: string[]) {
  return { size: letters.length, test: (p: number, s: string) => (letters[p] ?? "").includes(s) };
}

/** The symbols of the first match from `start`, joined: "A A B"; null when there is none. */
function first(pattern: string, letters: string[], start = 0): string | null {
  const { size, test } = rowsOf(letters);
  const rows = matchAt(parsePattern(pattern), size, test, start);
  return rows === null ? null : rows.map((r) => `${r.symbol}${r.position}`).join(" ");
}

/** Every match of a partition as "start:symbols" (an empty match as "start:"). */
function all(pattern: string, letters: string[], skip: AfterMatchSkip = { kind: "PAST_LAST_ROW" }): string[] {
  const { size, test } = rowsOf(letters);
  return matchPartition(parsePattern(pattern), size, test, skip).map(
    (m) => `${m.number}@${m.start}:${m.rows.map((r) => r.position).join(",")}`,
  );
}

describe("MATCH_RECOGNIZE pattern matching", () => {
  it("backtracks when a row satisfies several symbols (greedy A+ gives its last row back to B)", () => {
    expect(first("A+ B", ["A", "A", "AB"])).toBe("A0 A1 B2");
    expect(first("A+ B", ["A", "AB", "AB"])).toBe("A0 A1 B2");
  });

  it("reluctant quantifiers take as few rows as the rest of the pattern allows", () => {
    expect(first("A+? B", ["AB", "AB", "AB"])).toBe("A0 B1");
    expect(first("A*? B?", ["AB", "AB"])).toBe("B0");
    expect(first("A*? B??", ["AB", "AB"])).toBe("");
    expect(first("A* B?", ["AB", "AB"])).toBe("A0 A1");
    expect(first("A{1,3}? B", ["A", "A", "AB", "B"])).toBe("A0 A1 B2");
  });

  it("bounded quantifiers {n} {n,} {,m} {n,m}", () => {
    expect(first("A{2}", ["A", "A", "A"])).toBe("A0 A1");
    expect(first("A{2,}", ["A", "A", "A"])).toBe("A0 A1 A2");
    expect(first("A{2,}", ["A", "B"])).toBeNull();
    expect(first("A{,2} B", ["A", "A", "B"])).toBe("A0 A1 B2");
    expect(first("A{,2} B", ["A", "A", "A", "B"])).toBeNull();
    expect(first("A{1,2} B", ["A", "B"])).toBe("A0 B1");
  });

  it("the alternative binds tighter than concatenation, as Snowflake's reference states", () => {
    // A B | C D is A (B | C) D.
    expect(first("A B | C D", ["A", "C", "D"])).toBe("A0 C1 D2");
    expect(first("A B | C D", ["A", "B"])).toBeNull();
    expect(first("(A B) | (C D)", ["A", "B"])).toBe("A0 B1");
    // The first alternative that completes wins, in the order written.
    expect(first("(A | B)", ["AB"])).toBe("A0");
    expect(first("(B | A)", ["AB"])).toBe("B0");
  });

  it("PERMUTE tries its arguments' orders, the written order first", () => {
    expect(first("PERMUTE(A, B)", ["B", "A"])).toBe("B0 A1");
    expect(first("PERMUTE(A, B)", ["AB", "AB"])).toBe("A0 B1");
    expect(first("PERMUTE(A, B, C)", ["C", "B", "A"])).toBe("C0 B1 A2");
    expect(first("X PERMUTE(A{2}, B+)", ["X", "B", "A", "A"])).toBe("X0 B1 A2 A3");
  });

  it("^ and $ anchor to the partition's first and last row", () => {
    expect(all("^ A", ["A", "A", "A"])).toEqual(["1@0:0"]);
    expect(all("A $", ["A", "A", "A"])).toEqual(["1@2:2"]);
    expect(all("^ A+ $", ["A", "B", "A"])).toEqual([]);
  });

  it("{- -} marks what it holds as excluded and keeps it in the match", () => {
    const { size, test } = rowsOf(["A", "B", "C"]);
    const rows = matchAt(parsePattern("A {- B -} C"), size, test, 0);
    expect(rows?.map((r) => [r.symbol, r.excluded])).toEqual([
      ["A", false],
      ["B", true],
      ["C", false],
    ]);
  });

  it("empty matches are counted and the search moves on by one row", () => {
    expect(all("A*", ["B", "A", "A", "B"])).toEqual(["1@0:", "2@1:1,2", "3@3:"]);
  });

  it("AFTER MATCH SKIP: past the last row, to the next row, to the first or last row of a symbol", () => {
    const rows = ["X", "A", "A", "X", "A"];
    expect(all("X A+", rows)).toEqual(["1@0:0,1,2", "2@3:3,4"]);
    expect(all("A+", rows, { kind: "TO_NEXT_ROW" })).toEqual(["1@1:1,2", "2@2:2", "3@4:4"]);
    expect(all("X A+", ["X", "AX", "AX", "A"], { kind: "TO_SYMBOL", which: "FIRST", symbol: "A" })).toEqual([
      "1@0:0,1,2,3",
      "2@1:1,2,3",
      "3@2:2,3",
    ]);
    expect(all("X A+", ["X", "AX", "AX", "A"], { kind: "TO_SYMBOL", which: "LAST", symbol: "A" })).toEqual([
      "1@0:0,1,2,3",
    ]);
  });

  it("AFTER MATCH SKIP TO a symbol fails when no row maps to it or the search would not move", () => {
    expect(() => all("X A*", ["X", "X"], { kind: "TO_SYMBOL", which: "LAST", symbol: "A" })).toThrow(
      /found no row mapped to A/,
    );
    expect(() =>
      all("A X", ["A", "X", "A", "X"], { kind: "TO_SYMBOL", which: "FIRST", symbol: "A" }),
    ).toThrow(/does not move past the first row/);
  });

  it("matches over any number of rows (no recursion per row)", () => {
    const size = 50_000;
    const test = (p: number, s: string) => s === "A" || (s === "B" && p === size - 1);
    expect(matchAt(parsePattern("A+ B"), size, test, 0)?.length).toBe(size);
    expect(matchAt(parsePattern("(A | C)+? B"), size, test, 0)?.length).toBe(size);
  });

  it("rejects a malformed pattern with a compilation error naming it", () => {
    for (const bad of ["A (B", "A {3,1}", "A | | B", "+ A", "A {-B", "A ; B"]) {
      expect(() => parsePattern(bad), bad).toThrow(/invalid PATTERN/);
    }
  });
});
