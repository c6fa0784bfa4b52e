/**
 * Snowflake's phonetic and similarity functions, which DuckDB lacks (SOUNDEX, SOUNDEX_P123) or
 * computes differently (its jaro_winkler_similarity caps the common prefix at 4 characters, is case
 * sensitive and gives 1 for two empty strings; Snowflake's JAROWINKLER_SIMILARITY gives 0).
 */
import { BIGINT, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition } from "./scalars.js";

/** Soundex digit of an ASCII letter: 0 for vowels and Y (they separate equal codes); H and W have none. */
const SOUNDEX_CODES: Record<string, string> = Object.fromEntries(
  (
    [
      ["AEIOUY", "0"],
      ["BFPV", "1"],
      ["CGJKQSXZ", "2"],
      ["DT", "3"],
      ["L", "4"],
      ["MN", "5"],
      ["R", "6"],
    ] as const
  ).flatMap(([letters, code]) => Array.from(letters, (letter) => [letter, code])),
);

/**
 * American Soundex: the first letter, then the digits of the following letters, equal neighbours
 * (also across H and W) once, vowels dropped, padded with zeros to three digits. `keepSecond` is
 * SOUNDEX_P123: the second letter's digit is kept even when the first letter has the same one.
 * Characters other than ASCII letters are skipped; a string without a letter gives ''.
 */
export function soundex(text: string, keepSecond = false): string {
  const letters = Array.from(text.toUpperCase()).filter((c) => c in SOUNDEX_CODES || c === "H" || c === "W");
  const first = letters[0];
  if (first === undefined) return "";
  let digits = "";
  let previous = keepSecond ? "" : (SOUNDEX_CODES[first] ?? "");
  for (const letter of letters.slice(1)) {
    const code = SOUNDEX_CODES[letter];
    if (code === undefined) continue; // H and W: the code before them carries on
    if (code !== "0" && code !== previous) digits += code;
    previous = code;
    if (digits.length === 3) break;
  }
  return `${first}${digits.padEnd(3, "0")}`;
}

/** Jaro similarity of two character sequences (0 when either is empty). */
function jaro(s: string[], t: string[]): number {
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Array<boolean>(s.length).fill(false);
  const tMatched = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(t.length, i + window + 1); j++) {
      if (!tMatched[j] && s[i] === t[j]) {
        sMatched[i] = tMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let outOfOrder = 0;
  for (let i = 0; i < s.length; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[k]) k++;
    if (s[i] !== t[k]) outOfOrder++;
    k++;
  }
  // Whole transpositions only: Snowflake's figures on its page need the half count rounded down.
  const transpositions = Math.floor(outOfOrder / 2);
  return (matches / s.length + matches / t.length + (matches - transpositions) / matches) / 3;
}

/**
 * JAROWINKLER_SIMILARITY: Jaro-Winkler over lower-cased characters with scaling factor 0.1 and the
 * whole common prefix (at most 10 characters, where the boost reaches 1), as an integer 0..100
 * rounded down. These choices are the ones that give every figure on Snowflake's page.
 */
export function jaroWinklerSimilarity(a: string, b: string): number {
  const s = Array.from(a.toLowerCase());
  const t = Array.from(b.toLowerCase());
  const similarity = jaro(s, t);
  let prefix = 0;
  while (prefix < 10 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  const boosted = similarity + prefix * 0.1 * (1 - similarity);
  // The epsilon keeps 0.57 * 100 = 56.99999… at 57.
  return Math.floor(boosted * 100 + 1e-9);
}

export const SIMILARITY_SCALARS: readonly ScalarDefinition[] = [
  { name: "merc_soundex", parameters: [VARCHAR], returns: VARCHAR, body: ([s]) => soundex(String(s)) },
  {
    name: "merc_soundex_p123",
    parameters: [VARCHAR],
    returns: VARCHAR,
    body: ([s]) => soundex(String(s), true),
  },
  {
    name: "merc_jarowinkler_similarity",
    parameters: [VARCHAR, VARCHAR],
    returns: BIGINT,
    body: ([a, b]) => jaroWinklerSimilarity(String(a), String(b)),
  },
];
