/**
 * Macros of the conversion family: the text a TO_DECIMAL / TO_NUMBER / TO_NUMERIC (and TRY_) call
 * converts, after its format model (core-rewrite.ts casts that text to NUMBER(p, s)). Snowflake's
 * errors: 100038 for a value that is not a number, 100140 for a value the format cannot parse
 * (out-of-range values fail in the cast, mapped to 100039 in error-map.ts). Also the conversions
 * DuckDB has no function for: TO_ARRAY, TO_UUID / TRY_TO_UUID, TRY_TO_BINARY.
 */
import type { MacroDefinition } from "./macros.js";
import { raise } from "./type-macros.js";

/** Plain decimal text, exponent forms through DOUBLE; NULL when `t` is not a number. */
const NORMAL = `CASE
    WHEN regexp_full_match(t, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') THEN t
    WHEN regexp_full_match(t, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)[eE][+-]?[0-9]+') THEN CAST(TRY_CAST(t AS DOUBLE) AS VARCHAR)
    ELSE NULL END`;

/** Count of `X` elements in a format: a hexadecimal format when above zero. */
const HEX_DIGITS = "(length(fmt) - length(replace(upper(fmt), 'X', '')))";

export const CONVERSION_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_number_clean",
    snowflake: "helper: trimmed text of a value; a VARIANT string loses its quotes",
    overloads: [`(x) AS regexp_replace(trim(CAST(x AS VARCHAR)), '^"(.*)"$', '\\1')`],
  },
  {
    name: "merc_number_normal",
    snowflake: "helper: decimal text of a number written plainly or with an exponent, else NULL",
    overloads: [`(t) AS ${NORMAL}`],
  },
  {
    name: "merc_format_number",
    snowflake: "helper: number text under a format model ($, group separators, spaces, X hex digits)",
    overloads: [
      `(t, fmt) AS CASE
        WHEN ${HEX_DIGITS} > 0 THEN
          CASE WHEN length(t) > ${HEX_DIGITS} THEN NULL ELSE CAST(TRY_CAST('0x' || t AS UBIGINT) AS VARCHAR) END
        ELSE merc_number_normal(replace(replace(replace(t, '$', ''), ',', ''), ' ', '')) END`,
    ],
  },
  {
    name: "merc_numeric_text",
    snowflake: "TO_DECIMAL(x [, fmt]): the text to cast, or Snowflake's conversion error",
    overloads: [
      `(x) AS CASE WHEN x IS NULL THEN NULL
        WHEN merc_number_normal(merc_number_clean(x)) IS NULL
          THEN ${raise("100038", "22018", "'Numeric value ''' || CAST(x AS VARCHAR) || ''' is not recognized'")}
        ELSE merc_number_normal(merc_number_clean(x)) END`,
      `(x, fmt) AS CASE WHEN x IS NULL THEN NULL
        WHEN merc_format_number(merc_number_clean(x), fmt) IS NOT NULL THEN merc_format_number(merc_number_clean(x), fmt)
        WHEN ${HEX_DIGITS} > 0
          THEN ${raise("100140", "22007", "'Can''t parse ''' || CAST(x AS VARCHAR) || ''' as number with format ''' || fmt || ''''")}
        ELSE ${raise("100038", "22018", "'Numeric value ''' || CAST(x AS VARCHAR) || ''' is not recognized'")} END`,
    ],
  },
  {
    name: "merc_try_numeric_text",
    snowflake: "TRY_TO_DECIMAL(x [, fmt]): the text to cast, or NULL",
    overloads: [
      "(x) AS merc_number_normal(merc_number_clean(x))",
      "(x, fmt) AS merc_format_number(merc_number_clean(x), fmt)",
    ],
  },
  {
    name: "to_array",
    snowflake: "TO_ARRAY(x): an ARRAY (or VARIANT array) unchanged, NULL and JSON null as NULL, else [x]",
    overloads: [
      `(x) AS CASE WHEN x IS NULL OR json_type(merc_variant(x)) = 'NULL' THEN NULL
        WHEN json_type(merc_variant(x)) = 'ARRAY' THEN merc_variant(x)
        ELSE CAST('[' || CAST(merc_variant(x) AS VARCHAR) || ']' AS JSON) END`,
    ],
  },
  {
    name: "to_uuid",
    snowflake: "TO_UUID(s): the UUID in its canonical lower-case text; a string that is not one is an error",
    overloads: ["(s) AS CAST(CAST(s AS UUID) AS VARCHAR)"],
  },
  {
    name: "try_to_uuid",
    snowflake: "TRY_TO_UUID(s): as TO_UUID, NULL for a string that is not a UUID",
    overloads: ["(s) AS CAST(TRY_CAST(s AS UUID) AS VARCHAR)"],
  },
  {
    name: "try_to_binary",
    snowflake: "TRY_TO_BINARY(s [, 'HEX' | 'BASE64' | 'UTF-8']): NULL for text the format cannot decode",
    overloads: [
      `(s) AS CASE WHEN regexp_full_match(s, '([0-9A-Fa-f]{2})*') THEN unhex(s) ELSE NULL END`,
      `(s, f) AS CASE upper(f)
        WHEN 'HEX' THEN CASE WHEN regexp_full_match(s, '([0-9A-Fa-f]{2})*') THEN unhex(s) ELSE NULL END
        WHEN 'BASE64' THEN CASE WHEN regexp_full_match(s, '([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?')
          THEN from_base64(s) ELSE NULL END
        WHEN 'UTF-8' THEN encode(s) WHEN 'UTF8' THEN encode(s)
        ELSE NULL END`,
    ],
  },
  {
    name: "to_object",
    snowflake:
      "TO_OBJECT(x): an OBJECT (or VARIANT object) unchanged, NULL and JSON null as NULL, else an error",
    overloads: [
      `(x) AS CASE WHEN x IS NULL OR json_type(merc_variant(x)) = 'NULL' THEN NULL
        WHEN json_type(merc_variant(x)) = 'OBJECT' THEN merc_variant(x)
        ELSE ${raise("001044", "22023", "'Invalid argument types for function ''TO_OBJECT'''")} END`,
    ],
  },
  {
    name: "to_xml",
    snowflake:
      "TO_XML(x): the value as Snowflake's generated XML (<SnowflakeData type=…>, <e> for array elements)",
    overloads: [
      "(x) AS CASE WHEN x IS NULL THEN NULL ELSE merc_to_xml(CAST(merc_variant(x) AS VARCHAR)) END",
    ],
  },
];
