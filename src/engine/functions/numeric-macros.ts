/**
 * Macros of the numeric family the transpiler passes through or maps onto DuckDB functions with
 * other edge cases.
 */
import type { MacroDefinition } from "./macros.js";

export const NUMERIC_MACROS: readonly MacroDefinition[] = [
  {
    name: "width_bucket",
    snowflake: "WIDTH_BUCKET(expr, min, max, buckets): 0 below min, buckets + 1 at or above max",
    overloads: [
      `(x, lo, hi, n) AS CASE
        WHEN x IS NULL OR lo IS NULL OR hi IS NULL OR n IS NULL THEN NULL
        WHEN lo < hi THEN CASE WHEN x < lo THEN 0 WHEN x >= hi THEN n + 1
                               ELSE CAST(floor((x - lo) * n / (hi - lo)) AS BIGINT) + 1 END
        ELSE CASE WHEN x > lo THEN 0 WHEN x <= hi THEN n + 1
                  ELSE CAST(floor((lo - x) * n / (lo - hi)) AS BIGINT) + 1 END END`,
    ],
  },
  {
    name: "merc_cot",
    snowflake: "COT(x): infinity at 0 (DuckDB's cot fails there)",
    overloads: ["(x) AS CASE WHEN x = 0 THEN CAST('Infinity' AS DOUBLE) ELSE cot(x) END"],
  },
  {
    name: "haversine",
    snowflake: "HAVERSINE(lat1, lon1, lat2, lon2): great-circle distance in km on a sphere of radius 6371 km",
    overloads: [
      `(lat1, lon1, lat2, lon2) AS 2 * 6371 * asin(sqrt(
        power(sin(radians(CAST(lat2 AS DOUBLE) - CAST(lat1 AS DOUBLE)) / 2), 2)
        + cos(radians(CAST(lat1 AS DOUBLE))) * cos(radians(CAST(lat2 AS DOUBLE)))
          * power(sin(radians(CAST(lon2 AS DOUBLE) - CAST(lon1 AS DOUBLE)) / 2), 2)))`,
    ],
  },
];
