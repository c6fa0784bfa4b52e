/**
 * Compares a view's rows with a test's expected rows. Pure. Values arrive as the engine displays
 * them (strings, or null); expected numbers compare numerically (10.5 equals "10.50"), strings
 * exactly, null only with NULL. Without an order the rows compare as a multiset.
 */

/** An expected cell, booleans already written as `true` / `false`. */
export type ExpectedCell = string | number | null;

/** One line of the side-by-side view: which expected row meets which actual row. */
export interface RowPair {
  /** Index into the expected rows, or null for an actual row nobody expected. */
  expected: number | null;
  /** Index into the actual rows, or null for an expected row that did not come. */
  actual: number | null;
  /** Column indexes whose cells differ (all columns when one side is missing). */
  differing: number[];
}

export interface RowComparison {
  equal: boolean;
  /** Expected rows in their written order (each with its match, if any), then unexpected rows. */
  pairs: RowPair[];
}

/** Whether an expected cell matches a displayed value. */
export function cellMatches(expected: ExpectedCell, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === "string") return expected === actual;
  const value = Number(actual);
  if (actual.trim() === "" || Number.isNaN(value)) return false;
  // Floating results (AVG, division) may differ from the written decimal in the last binary digit.
  return Math.abs(value - expected) <= 1e-9 * Math.max(1, Math.abs(value), Math.abs(expected));
}

function differingCells(expected: readonly ExpectedCell[], actual: readonly (string | null)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < expected.length; i++) if (!cellMatches(expected[i]!, actual[i] ?? null)) out.push(i);
  return out;
}

const allColumns = (width: number): number[] => Array.from({ length: width }, (_, i) => i);

/** Compares in order (`ordered`) or as a multiset. */
export function compareRows(
  expected: readonly (readonly ExpectedCell[])[],
  actual: readonly (readonly (string | null)[])[],
  options: { ordered: boolean; width: number },
): RowComparison {
  const width = options.width;
  const pairs: RowPair[] = [];
  if (options.ordered) {
    const aligned = alignInOrder(expected, actual, width);
    return { equal: aligned.every((p) => p.differing.length === 0), pairs: aligned };
  }
  // Exact matches first, so a wrong row never steals the partner of a right one.
  const used = new Set<number>();
  const partner = new Map<number, number>();
  for (const [i, e] of expected.entries()) {
    const j = actual.findIndex((a, k) => !used.has(k) && differingCells(e, a).length === 0);
    if (j >= 0) {
      used.add(j);
      partner.set(i, j);
    }
  }
  // Then each unmatched expected row meets the unmatched actual row most like it.
  for (const [i, e] of expected.entries()) {
    if (partner.has(i)) continue;
    let best = -1;
    let bestSame = 0;
    for (const [k, a] of actual.entries()) {
      if (used.has(k)) continue;
      const same = width - differingCells(e, a).length;
      if (same > bestSame) {
        best = k;
        bestSame = same;
      }
    }
    if (best >= 0) {
      used.add(best);
      partner.set(i, best);
    }
  }
  for (const [i, e] of expected.entries()) {
    const j = partner.get(i);
    pairs.push({
      expected: i,
      actual: j ?? null,
      differing: j === undefined ? allColumns(width) : differingCells(e, actual[j]!),
    });
  }
  for (const k of actual.keys()) {
    if (!used.has(k)) pairs.push({ expected: null, actual: k, differing: allColumns(width) });
  }
  return { equal: pairs.every((p) => p.differing.length === 0), pairs };
}

/**
 * Rows in order: the longest run of equal rows in the same order stays paired (a longest common
 * subsequence), and the rows between those pair up by position. So one missing or extra row shows
 * as one `-` or `+`, not as every later row differing. Large results pair by position only.
 */
function alignInOrder(
  expected: readonly (readonly ExpectedCell[])[],
  actual: readonly (readonly (string | null)[])[],
  width: number,
): RowPair[] {
  const n = expected.length;
  const m = actual.length;
  const anchors: [number, number][] = [];
  if (n * m <= 250_000) {
    const same = (i: number, j: number) => differingCells(expected[i]!, actual[j]!).length === 0;
    const longest: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        longest[i]![j] = same(i, j)
          ? longest[i + 1]![j + 1]! + 1
          : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (same(i, j)) anchors.push([i++, j++]);
      else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) i++;
      else j++;
    }
  }
  const pairs: RowPair[] = [];
  let nextExpected = 0;
  let nextActual = 0;
  for (const [anchorExpected, anchorActual] of [...anchors, [n, m] as [number, number]]) {
    const gapExpected = anchorExpected - nextExpected;
    const gapActual = anchorActual - nextActual;
    for (let k = 0; k < Math.max(gapExpected, gapActual); k++) {
      const e = k < gapExpected ? nextExpected + k : null;
      const a = k < gapActual ? nextActual + k : null;
      pairs.push({
        expected: e,
        actual: a,
        differing: e !== null && a !== null ? differingCells(expected[e]!, actual[a]!) : allColumns(width),
      });
    }
    if (anchorExpected < n) pairs.push({ expected: anchorExpected, actual: anchorActual, differing: [] });
    nextExpected = anchorExpected + 1;
    nextActual = anchorActual + 1;
  }
  return pairs;
}
