/**
 * Macros of the data-generation and hash families. The generator argument (`gen`) seeds the value,
 * so a constant generator gives the same value on every row, as in Snowflake; the values
 * themselves are the engine's (Snowflake's generator is its own), their ranges and shapes are not.
 */
import type { MacroDefinition } from "./macros.js";

const ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A uniform number in [0, 1) derived from a generator value and a salt. */
const unit = (salt: string): string => `(hash(gen, ${salt}) % 1000000007) / 1000000007.0`;

export const GENERATION_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_randstr",
    snowflake: "RANDSTR(length, gen): characters 0-9, a-z, A-Z chosen from gen",
    overloads: [
      `(len, gen) AS coalesce(list_aggr(list_transform(range(CAST(len AS BIGINT)),
        i -> substr('${ALPHANUMERIC}', CAST(hash(gen, i) % 62 AS INTEGER) + 1, 1)), 'string_agg', ''), '')`,
    ],
  },
  {
    name: "merc_zipf",
    snowflake: "ZIPF(s, N, gen): an integer in [1, N], small values most likely (log-uniform draw)",
    overloads: [
      `(s, n, gen) AS least(CAST(n AS BIGINT), CAST(floor(pow(CAST(n AS DOUBLE) + 1, ${unit("'zipf'")})) AS BIGINT))`,
    ],
  },
  {
    name: "merc_signed",
    snowflake: "helper: DuckDB's unsigned 64-bit hash as Snowflake's signed HASH value",
    overloads: [
      "(h) AS CAST(CASE WHEN h >= 9223372036854775808::UBIGINT THEN h::HUGEINT - 18446744073709551616::HUGEINT ELSE h::HUGEINT END AS BIGINT)",
    ],
  },
];
