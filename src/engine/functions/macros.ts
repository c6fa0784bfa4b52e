/**
 * DuckDB macros for Snowflake functions that the transpiler passes through unchanged but DuckDB
 * lacks, or that the engine's rewrites call (`MERC_*`). They live in the default catalog's `main`
 * schema so every connection of the DuckDB instance sees them; installing is CREATE OR REPLACE, so
 * an engine file always carries the definitions of the version that last opened it.
 */

import { TZ_DUCK_TYPE } from "../datetime/tz.js";

/** One macro: its name and the overloads' `(params) AS body` text. */
export interface MacroDefinition {
  name: string;
  overloads: string[];
  /** Kept for the docs: what Snowflake function it stands for. */
  snowflake: string;
}

/** OBJECT_CONSTRUCT overloads for 1..MAX_OBJECT_PAIRS key/value pairs (DuckDB macros are not variadic). */
export const MAX_OBJECT_PAIRS = 24;

function objectConstructOverloads(keepNull: boolean): string[] {
  const out: string[] = [];
  for (let n = 1; n <= MAX_OBJECT_PAIRS; n++) {
    const params: string[] = [];
    const entries: string[] = [];
    for (let i = 1; i <= n; i++) {
      params.push(`k${i}`, `v${i}`);
      const value = keepNull ? `COALESCE(merc_variant(v${i}), CAST('null' AS JSON))` : `merc_variant(v${i})`;
      entries.push(`{'k': CAST(k${i} AS VARCHAR), 'v': ${value}}`);
    }
    // SQL NULL values (and NULL keys) are left out, as Snowflake does; a JSON null is kept.
    out.push(
      `(${params.join(", ")}) AS CAST(to_json(map_from_entries(list_filter([${entries.join(", ")}], e -> e.k IS NOT NULL AND e.v IS NOT NULL))) AS JSON)`,
    );
  }
  return out;
}

/** Word separators INITCAP uses when none are given (Snowflake's documented default set). */
const INITCAP_DEFAULT_DELIMITERS = `' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || '!?@"^#$&~_,.:;+-*%/|\\[](){}<>'`;

export const MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_substr",
    snowflake:
      "SUBSTR / SUBSTRING: start 0 is 1, a negative start counts from the end, a negative length is empty, a NULL argument gives NULL (greatest() would skip it)",
    overloads: [
      "(s, p) AS substring(s, CASE WHEN p = 0 THEN 1 ELSE p END)",
      "(s, p, n) AS substring(s, CASE WHEN p = 0 THEN 1 ELSE p END, CASE WHEN n < 0 THEN 0 ELSE n END)",
    ],
  },
  {
    name: "merc_upper",
    snowflake: "UPPER: full case mapping for ß (SS), which DuckDB maps to the capital ẞ",
    overloads: ["(x) AS upper(replace(CAST(x AS VARCHAR), 'ß', 'ss'))"],
  },
  {
    name: "merc_chr",
    snowflake: "CHR: a code point outside Unicode (or a surrogate) fails with Snowflake's message",
    overloads: [
      `(n) AS CASE WHEN n < 0 OR n > 1114111 OR (n >= 55296 AND n <= 57343)
        THEN error('Invalid character code ' || CAST(n AS VARCHAR) || ' in the CHR input')
        ELSE chr(CAST(n AS INTEGER)) END`,
    ],
  },
  {
    name: "merc_insert",
    snowflake: "INSERT(base, pos, len, insert): len characters at pos replaced (NULL when any argument is)",
    overloads: ["(s, p, n, r) AS substring(s, 1, p - 1) || r || substring(s, p + n)"],
  },
  {
    name: "merc_unicode",
    snowflake: "UNICODE: code point of the first character, 0 for an empty string (DuckDB gives -1)",
    overloads: ["(s) AS CASE WHEN CAST(s AS VARCHAR) = '' THEN 0 ELSE unicode(CAST(s AS VARCHAR)) END"],
  },
  {
    name: "merc_octet_length",
    snowflake: "OCTET_LENGTH: UTF-8 bytes of a string (or a value's text), bytes of a BINARY",
    overloads: [
      "(x) AS CASE WHEN typeof(x) = 'BLOB' THEN octet_length(CAST(x AS BLOB)) ELSE octet_length(encode(CAST(x AS VARCHAR))) END",
    ],
  },
  {
    name: "merc_base64_encode",
    snowflake: "BASE64_ENCODE(x) of a string (its UTF-8 bytes) or a BINARY",
    overloads: [
      "(x) AS CASE WHEN typeof(x) = 'BLOB' THEN to_base64(CAST(x AS BLOB)) ELSE to_base64(encode(CAST(x AS VARCHAR))) END",
    ],
  },
  {
    name: "merc_length",
    snowflake: "LENGTH / LEN: characters of a string (or of a number's text), bytes of a BINARY",
    overloads: [
      "(x) AS CASE WHEN typeof(x) = 'BLOB' THEN octet_length(CAST(x AS BLOB)) ELSE length(CAST(x AS VARCHAR)) END",
    ],
  },
  {
    name: "merc_binary_input",
    snowflake: "helper: a value going into a BINARY column; a string is hex (BINARY_INPUT_FORMAT = HEX)",
    overloads: [
      "(x) AS CASE WHEN typeof(x) = 'VARCHAR' THEN unhex(CAST(x AS VARCHAR)) ELSE CAST(x AS BLOB) END",
    ],
  },
  {
    name: "merc_variant",
    snowflake:
      "helper: any value as a VARIANT (JSON): a JSON value as it is, a TIMESTAMP_LTZ in the session's time zone",
    // One call, the argument used once: a typeof dispatch here copied the argument into every arm
    // and nested macros multiplied the copies (bench/variant-values.ts).
    // The list carries the argument's type alias (JSON) to the function (variant-values.ts).
    overloads: ["(x) AS merc_to_variant([x], current_setting('TimeZone'))"],
  },
  {
    name: "merc_variant_stored",
    snowflake:
      "helper: a value stored into a VARIANT column: a date, time, timestamp or BINARY as a typed VARIANT, any other as DuckDB casts it",
    // typeof is a constant once bound: one arm remains, so other values cost nothing more than before.
    overloads: [
      `(x) AS CASE WHEN typeof(x) IN ('DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'BLOB', '${TZ_DUCK_TYPE}')
        THEN merc_variant(x) ELSE x END`,
    ],
  },
  {
    name: "merc_split_part",
    snowflake: "SPLIT_PART (renamed after translation): part 0 is part 1; an empty delimiter does not split",
    overloads: [
      `(s, d, n) AS CASE WHEN d = '' THEN CASE WHEN n IN (0, 1, -1) THEN s ELSE '' END
        ELSE split_part(s, d, CASE WHEN n = 0 THEN 1 ELSE n END) END`,
    ],
  },
  {
    name: "merc_parse_json",
    snowflake: "PARSE_JSON: also accepts NULL in any case and unquoted object keys, as Snowflake does",
    overloads: [
      `(x) AS CASE
        WHEN x IS NULL THEN NULL
        WHEN json_valid(x) THEN CAST(x AS JSON)
        WHEN upper(trim(x)) = 'NULL' THEN CAST('null' AS JSON)
        ELSE CAST(regexp_replace(x, '([{,]\\s*)([A-Za-z_][A-Za-z0-9_$]*)\\s*:', '\\1"\\2":', 'g') AS JSON)
      END`,
    ],
  },
  {
    name: "merc_object_construct",
    snowflake: "OBJECT_CONSTRUCT(k, v, …) (rewritten before translation; SQL NULL values are omitted)",
    overloads: objectConstructOverloads(false),
  },
  {
    name: "merc_object_construct_keep_null",
    snowflake:
      "OBJECT_CONSTRUCT_KEEP_NULL(k, v, …) (rewritten before translation; SQL NULL values become JSON null)",
    overloads: objectConstructOverloads(true),
  },
  {
    name: "merc_initcap",
    snowflake:
      "helper for INITCAP: a delimiter is kept as it is, a letter after one (or first) is upper-cased",
    overloads: [
      `(s, d) AS CASE WHEN s IS NULL OR d IS NULL THEN NULL ELSE array_to_string(list_transform(range(1, length(s) + 1),
        i -> CASE WHEN strpos(d, substring(s, i, 1)) > 0 THEN substring(s, i, 1)
                  WHEN i = 1 OR strpos(d, substring(s, i - 1, 1)) > 0 THEN upper(substring(s, i, 1))
                  ELSE lower(substring(s, i, 1)) END), '') END`,
    ],
  },
  {
    name: "initcap",
    snowflake: "INITCAP(s [, delimiters])",
    overloads: [`(s) AS merc_initcap(s, ${INITCAP_DEFAULT_DELIMITERS})`, "(s, d) AS merc_initcap(s, d)"],
  },
  {
    name: "hex_encode",
    snowflake: "HEX_ENCODE(s [, case])",
    overloads: [
      "(s) AS upper(hex(s))",
      "(s, c) AS CASE WHEN c = 0 THEN lower(hex(s)) ELSE upper(hex(s)) END",
    ],
  },
  {
    name: "to_binary",
    snowflake: "TO_BINARY(s [, 'HEX' | 'BASE64' | 'UTF-8'])",
    overloads: [
      "(s) AS unhex(s)",
      "(s, f) AS CASE upper(f) WHEN 'BASE64' THEN from_base64(s) WHEN 'UTF-8' THEN encode(s) ELSE unhex(s) END",
    ],
  },
  {
    name: "merc_json_text",
    snowflake: "helper of TO_JSON: a VARIANT's JSON text, quotes kept (a cast to VARCHAR drops them)",
    overloads: ["(x) AS CAST(x AS VARCHAR)"],
  },
  {
    name: "to_varchar",
    snowflake: "TO_VARCHAR(x)",
    overloads: ["(x) AS CAST(x AS VARCHAR)"],
  },
  {
    name: "to_char",
    snowflake: "TO_CHAR(x)",
    overloads: ["(x) AS CAST(x AS VARCHAR)"],
  },
  {
    name: "try_to_number",
    snowflake: "TRY_TO_NUMBER / TRY_TO_DECIMAL / TRY_TO_NUMERIC",
    overloads: [
      "(x) AS TRY_CAST(TRY_CAST(x AS DECIMAL(38, 10)) AS DECIMAL(38, 0))",
      "(x, p) AS TRY_CAST(TRY_CAST(x AS DECIMAL(38, 10)) AS DECIMAL(38, 0))",
      "(x, p, s) AS TRY_CAST(x AS DOUBLE)",
    ],
  },
  {
    name: "to_number",
    snowflake: "TO_NUMBER / TO_DECIMAL / TO_NUMERIC",
    overloads: ["(x) AS CAST(CAST(x AS DECIMAL(38, 10)) AS DECIMAL(38, 0))"],
  },
  {
    name: "startswith",
    snowflake: "STARTSWITH",
    overloads: ["(s, p) AS starts_with(s, p)"],
  },
  {
    name: "object_keys",
    snowflake: "OBJECT_KEYS",
    overloads: ["(j) AS CAST(json_keys(CAST(j AS JSON)) AS JSON)"],
  },
];

/** The `CREATE OR REPLACE TEMP MACRO` statement for one definition. */
export function macroStatement(macro: MacroDefinition): string {
  return `CREATE OR REPLACE MACRO ${macro.name}${macro.overloads.join(", ")}`;
}
