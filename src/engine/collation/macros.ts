/**
 * DuckDB macros for substring tests under a locale collation. ICU decides equality by collation
 * weights, not by code points, so `CONTAINS(s, p)` under `'en-ai'` is true when some substring of
 * `s` has the same sort key as `p` (`ñ` matches `n` in English, not in Spanish, where `ñ` is a
 * letter of its own). The search compares keys of every candidate substring: quadratic in the
 * length of `s` for CONTAINS, linear for STARTSWITH / ENDSWITH, which is fine for the engine's
 * development data. `c` is the ICU collator (`spec.ts` icuCollator).
 */
import type { MacroDefinition } from "../functions/macros.js";

const nullGuard = (body: string): string => `CASE WHEN s IS NULL OR p IS NULL THEN NULL ELSE ${body} END`;

export const COLLATION_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_collate_startswith",
    snowflake: "STARTSWITH under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard("list_bool_or(list_transform(range(0, length(s) + 1), i -> icu_sort_key(left(s, i), c) = icu_sort_key(p, c)))")}`,
    ],
  },
  {
    name: "merc_collate_endswith",
    snowflake: "ENDSWITH under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard("list_bool_or(list_transform(range(0, length(s) + 1), i -> icu_sort_key(right(s, i), c) = icu_sort_key(p, c)))")}`,
    ],
  },
  {
    name: "merc_collate_contains",
    snowflake: "CONTAINS under a locale collation",
    overloads: [
      `(s, p, c) AS ${nullGuard("icu_sort_key(p, c) = icu_sort_key('', c) OR list_bool_or(list_transform(range(1, length(s) + 1), i -> list_bool_or(list_transform(range(1, length(s) - i + 2), n -> icu_sort_key(substring(s, i, n), c) = icu_sort_key(p, c)))))")}`,
    ],
  },
];
