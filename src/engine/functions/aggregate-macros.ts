/**
 * Macros of the aggregate and window families (the rewrites in rewrite-window.ts and
 * rewrite-aggregate.ts call them).
 */
import type { MacroDefinition } from "./macros.js";

export const AGGREGATE_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_kurtosis",
    snowflake:
      "KURTOSIS (renamed after translation, not over a window): exact over integers and NUMBER(p, s), DuckDB's DOUBLE kurtosis over FLOAT",
    // typeof of the column is constant, so one arm remains; the values travel as exact decimal text.
    overloads: [
      `(x) AS CASE WHEN typeof(any_value(x)) LIKE 'DECIMAL%' OR typeof(any_value(x)) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT')
        THEN CAST(merc_kurtosis_exact(array_to_string(list(CAST(x AS VARCHAR)) FILTER (WHERE x IS NOT NULL), ',')) AS DOUBLE)
        ELSE kurtosis(x) END`,
    ],
  },
  {
    name: "merc_change_count_of",
    snowflake: "CONDITIONAL_CHANGE_EVENT (helper): changes between neighbours of a list without NULLs",
    overloads: ["(v) AS len(list_filter(range(2, len(v) + 1), i -> v[i] <> v[i - 1]))"],
  },
  {
    name: "merc_change_count",
    snowflake:
      "CONDITIONAL_CHANGE_EVENT: how often the non-NULL values of a window's rows so far change from one to the next",
    overloads: ["(l) AS merc_change_count_of(list_filter(l, x -> x IS NOT NULL))"],
  },
  {
    name: "merc_object_merge",
    snowflake: "OBJECT_AGG: the one-pair objects of a group merged into one object ({} for none)",
    overloads: [
      `(l) AS CASE WHEN len(list_filter(CAST(l AS JSON[]), x -> x IS NOT NULL)) = 0 THEN CAST('{}' AS JSON)
        ELSE list_reduce(list_filter(CAST(l AS JSON[]), x -> x IS NOT NULL), (a, b) -> json_merge_patch(a, b)) END`,
    ],
  },
];
