/**
 * String functions in JavaScript where DuckDB's own differ from Snowflake's in a way a macro cannot
 * fix: DuckDB's levenshtein counts bytes, its position() does not search BINARY values byte by byte,
 * its reverse() takes no BINARY or DATE, and SPLIT has to give the engine's ARRAY (JSON text).
 */
import { ANY, BIGINT, BLOB, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition, Value } from "./scalars.js";
import { JSON_TYPE } from "./scalars-variant.js";

/** Levenshtein distance over code points, stopping at `max` when given (Snowflake's EDITDISTANCE). */
export function editDistance(a: string, b: string, max?: number): number {
  if (max !== undefined && max <= 0) return 0;
  const s = Array.from(a);
  const t = Array.from(b);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Every later row is at least this row's minimum: nothing below the cap can come back.
    if (max !== undefined && rowMin >= max) return max;
    previous = current;
  }
  const distance = previous[t.length]!;
  return max === undefined ? distance : Math.min(distance, max);
}

/** 1-based position of `needle` in `haystack` at or after `start` (elements compared one by one), 0 if absent. */
export function positionOf<T>(needle: T[], haystack: T[], start: number): number {
  if (needle.length === 0) return 1;
  for (let i = Math.max(start, 1) - 1; i + needle.length <= haystack.length; i++) {
    if (needle.every((x, k) => haystack[i + k] === x)) return i + 1;
  }
  return 0;
}

/** BASE64_ENCODE with a line length (0: one line) and an alphabet replacing `+`, `/` and `=`, in that order. */
export function base64Lines(data: Uint8Array, lineLength: number, alphabet: string): string {
  const [plus = "+", slash = "/", pad = "="] = Array.from(alphabet);
  const encoded = Buffer.from(data)
    .toString("base64")
    .replace(/[+/=]/g, (c) => (c === "+" ? plus : c === "/" ? slash : pad));
  if (lineLength <= 0) return encoded;
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += lineLength) lines.push(encoded.slice(i, i + lineLength));
  return lines.join("\n");
}

const chars = (v: Value | undefined): string[] => Array.from(String(v));
const bytes = (v: Value | undefined): number[] => Array.from(v as Uint8Array);

export const STRING_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_editdistance",
    parameters: [VARCHAR, VARCHAR],
    returns: BIGINT,
    body: ([a, b]) => editDistance(String(a), String(b)),
  },
  {
    name: "merc_editdistance",
    parameters: [VARCHAR, VARCHAR, BIGINT],
    returns: BIGINT,
    body: ([a, b, max]) => editDistance(String(a), String(b), Number(max)),
  },
  {
    name: "merc_position",
    parameters: [VARCHAR, VARCHAR, BIGINT],
    returns: BIGINT,
    body: ([n, h, start]) => positionOf(chars(n), chars(h), Number(start)),
  },
  {
    name: "merc_position",
    parameters: [BLOB, BLOB, BIGINT],
    returns: BIGINT,
    body: ([n, h, start]) => positionOf(bytes(n), bytes(h), Number(start)),
  },
  {
    name: "merc_reverse",
    parameters: [VARCHAR],
    returns: VARCHAR,
    body: ([s]) => chars(s).reverse().join(""),
  },
  {
    name: "merc_reverse",
    parameters: [BLOB],
    returns: BLOB,
    body: ([b]) => Uint8Array.from(bytes(b).reverse()),
  },
  {
    // Other values (a DATE, a number) are reversed as their text.
    name: "merc_reverse",
    parameters: [ANY],
    returns: VARCHAR,
    body: ([v]) => chars(v).reverse().join(""),
  },
  {
    name: "merc_split",
    parameters: [VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([s, separator]) =>
      JSON.stringify(String(separator) === "" ? [String(s)] : String(s).split(String(separator))),
  },
  {
    name: "merc_strtok_to_array",
    parameters: [VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([s, delimiters]) => {
      const set = new Set(chars(delimiters));
      const tokens: string[] = [];
      let token = "";
      for (const c of chars(s)) {
        if (!set.has(c)) {
          token += c;
        } else if (token !== "") {
          tokens.push(token);
          token = "";
        }
      }
      if (token !== "") tokens.push(token);
      return JSON.stringify(tokens);
    },
  },
  {
    name: "merc_base64_lines",
    parameters: [VARCHAR, BIGINT, VARCHAR],
    returns: VARCHAR,
    body: ([s, n, alphabet]) => base64Lines(Buffer.from(String(s), "utf8"), Number(n), String(alphabet)),
  },
  {
    name: "merc_base64_lines",
    parameters: [BLOB, BIGINT, VARCHAR],
    returns: VARCHAR,
    body: ([b, n, alphabet]) => base64Lines(b as Uint8Array, Number(n), String(alphabet)),
  },
];
