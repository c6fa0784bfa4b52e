/**
 * Macros of the type-system family: sized string casts, SYSTEM$TYPEOF when the static type is not
 * known before execution. A macro raises a Snowflake error through DuckDB's
 * `error()` with a `MERC:<code>:<sqlstate>:<message>` text, which the error mapping turns into that
 * error (see error-map.ts).
 */
import type { MacroDefinition } from "./macros.js";

/** `error()` text that error-map.ts turns into a Snowflake error with this code and SQLSTATE. */
export function raise(code: string, sqlState: string, messageSql: string): string {
  return `error('MERC:${code}:${sqlState}:' || ${messageSql})`;
}

const asText = "CAST(x AS VARCHAR)";

/** True for a year-month interval type's text (`INTERVAL YEAR(2) TO MONTH`, `INTERVAL MONTH(9)`). */
const yearMonth = "(t LIKE 'INTERVAL YEAR%' OR t LIKE 'INTERVAL MONTH%')";

export const TYPE_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_interval_parse",
    snowflake: "CAST(x AS INTERVAL …): text in the interval format of the type; an interval is kept",
    overloads: [
      `(x, t) AS CASE WHEN typeof(x) = 'INTERVAL' THEN CAST(x AS INTERVAL)
        WHEN ${yearMonth} THEN to_months(CAST(merc_interval_parse_months(CAST(x AS VARCHAR), t) AS INTEGER))
        ELSE to_microseconds(merc_interval_parse_micros(CAST(x AS VARCHAR), t)) END`,
    ],
  },
  {
    name: "merc_interval_text",
    snowflake: "CAST(<interval> AS VARCHAR): the interval format of the value's type (`+14-04`, `+0:00:30`)",
    overloads: [
      `(x, t) AS merc_interval_format(CAST(CASE WHEN ${yearMonth} THEN datepart('year', x) * 12 + datepart('month', x)
        ELSE epoch_us(TIMESTAMP '1970-01-01 00:00:00' + x) END AS VARCHAR), t)`,
    ],
  },
  {
    name: "merc_cast_varchar",
    snowflake: "CAST(x AS VARCHAR(n)) / x::CHAR(n): a longer value is an error (100078)",
    overloads: [
      `(x, n) AS CASE WHEN length(${asText}) > n THEN ${raise("100078", "22000", `'String ''' || ${asText} || ''' is too long and would be truncated'`)} ELSE ${asText} END`,
    ],
  },
  {
    name: "merc_try_cast_varchar",
    snowflake: "TRY_CAST(x AS VARCHAR(n)): NULL for a longer value",
    overloads: [`(x, n) AS CASE WHEN length(${asText}) > n THEN NULL ELSE ${asText} END`],
  },
  {
    name: "merc_system_typeof",
    snowflake: "SYSTEM$TYPEOF when the type system could not type the argument before execution",
    overloads: [
      `(x) AS CASE
        WHEN typeof(x) LIKE 'DECIMAL(%' THEN replace(replace(typeof(x), 'DECIMAL', 'NUMBER'), ' ', '') || '[SB16]'
        WHEN typeof(x) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT') THEN 'NUMBER(38,0)[SB16]'
        WHEN typeof(x) IN ('DOUBLE', 'FLOAT') THEN 'FLOAT[DOUBLE]'
        WHEN typeof(x) = 'BOOLEAN' THEN 'BOOLEAN[SB1]'
        WHEN typeof(x) = 'DATE' THEN 'DATE[SB4]'
        WHEN typeof(x) = 'TIME' THEN 'TIME(9)[SB8]'
        WHEN typeof(x) = 'TIMESTAMP' THEN 'TIMESTAMP_NTZ(9)[SB8]'
        WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_LTZ(9)[SB8]'
        WHEN typeof(x) = 'JSON' THEN 'VARIANT[LOB]'
        WHEN typeof(x) = 'BLOB' THEN 'BINARY(8388608)[LOB]'
        WHEN typeof(x) = '"NULL"' THEN 'NULL[LOB]'
        ELSE 'VARCHAR(16777216)[LOB]' END`,
    ],
  },
];
