/**
 * DuckDB macros for substring tests under a locale collation. ICU decides equality by collation
 * weights, not by code points, so `CONTAINS(s, p)` under `'en-ai'` is true when some substring of
 * `s` has the same sort key as `p` (`ñ` matches `n` in English, not in Spanish, where `ñ` is a
 * letter of its own). A candidate substring starts and ends on a character boundary: never before
 * a combining mark, since a base letter and its marks are one character to ICU (`ι` is not in
 * `ϊ`). The search compares keys of every candidate: quadratic in the length of `s` for CONTAINS,
 * linear for STARTSWITH / ENDSWITH, which is fine for the engine's development data. `c` is the
 * ICU collator (`spec.ts` icuCollator).
 */
import type { MacroDefinition } from "../functions/macros.js";

const nullGuard = (body: string): string => `CASE WHEN s IS NULL OR p IS NULL THEN NULL ELSE ${body} END`;

/** Whether code-point offset `k` of `s` (0 = before the first) is a character boundary. */
const boundary = (k: string): string =>
  `(${k} = 0 OR ${k} >= length(s) OR NOT regexp_matches(substring(s, ${k} + 1, 1), '^\\p{M}'))`;

const sameKey = (candidate: string): string => `icu_sort_key(${candidate}, c) = icu_sort_key(p, c)`;

export const COLLATION_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_collate_startswith",
    snowflake: "STARTSWITH under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard(`list_bool_or(list_transform(range(0, length(s) + 1), i -> ${boundary("i")} AND ${sameKey("left(s, i)")}))`)}`,
    ],
  },
  {
    name: "merc_collate_endswith",
    snowflake: "ENDSWITH under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard(`list_bool_or(list_transform(range(0, length(s) + 1), i -> ${boundary("length(s) - i")} AND ${sameKey("right(s, i)")}))`)}`,
    ],
  },
  {
    name: "merc_collate_contains",
    snowflake: "CONTAINS under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard(`${sameKey("''")} OR list_bool_or(list_transform(range(0, length(s)), i -> ${boundary("i")} AND list_bool_or(list_transform(range(1, length(s) - i + 1), n -> ${boundary("i + n")} AND ${sameKey("substring(s, i + 1, n)")}))))`)}`,
    ],
  },
];
