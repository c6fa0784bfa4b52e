/**
 * DuckDB macros for Snowflake functions that the transpiler passes through unchanged but DuckDB
 * lacks, or that the engine's rewrites call (`MERC_*`). They live in the default catalog's `main`
 * schema so every connection of the DuckDB instance sees them; installing is CREATE OR REPLACE, so
 * an engine file always carries the definitions of the version that last opened it.
 */

/** One macro: its name and the overloads' `(params) AS body` text. */
export interface MacroDefinition {
  name: string;
  overloads: string[];
  /** Kept for the docs: what Snowflake function it stands for. */
  snowflake: string;
}

export const MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_to_char",
    snowflake: "TO_CHAR / TO_VARCHAR with a date/time format (rewritten before translation)",
    overloads: ["(x, fmt) AS strftime(x, fmt)"],
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
