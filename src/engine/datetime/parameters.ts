/**
 * The session parameters of dates and times: their Snowflake defaults, the output format in force
 * for a result column, and what each session's DuckDB connection must know of them (its TimeZone,
 * and `merc_*` variables the date/time macros read: week policy, output and input patterns).
 */
import { SnowflakeError } from "../errors.js";
import type { ResultColumn, SnowflakeTypeName } from "../types.js";
import { isKnownTimeZone } from "./calendar.js";
import { tokenizeFormat, toStrftime, toStrptime } from "./format-elements.js";

/** Snowflake's documented defaults (account level) for the parameters the engine honours. */
export const DATETIME_PARAMETER_DEFAULTS: Readonly<Record<string, string>> = {
  TIMEZONE: "America/Los_Angeles",
  DATE_OUTPUT_FORMAT: "YYYY-MM-DD",
  TIME_OUTPUT_FORMAT: "HH24:MI:SS",
  TIMESTAMP_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
  TIMESTAMP_NTZ_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3",
  TIMESTAMP_LTZ_OUTPUT_FORMAT: "",
  TIMESTAMP_TZ_OUTPUT_FORMAT: "",
  DATE_INPUT_FORMAT: "AUTO",
  TIME_INPUT_FORMAT: "AUTO",
  TIMESTAMP_INPUT_FORMAT: "AUTO",
  TIMESTAMP_TYPE_MAPPING: "TIMESTAMP_NTZ",
  WEEK_START: "0",
  WEEK_OF_YEAR_POLICY: "0",
};

/** The names above: a change to one of these must reach the session's connection. */
export const DATETIME_PARAMETERS: ReadonlySet<string> = new Set(Object.keys(DATETIME_PARAMETER_DEFAULTS));

/** A parameter's value in a session: its ALTER SESSION value, else Snowflake's default. */
export function parameterValue(parameters: Readonly<Record<string, string>>, name: string): string {
  return parameters[name] ?? DATETIME_PARAMETER_DEFAULTS[name] ?? "";
}

/** The output format Snowflake uses to show a value of a type (timestamps fall back to TIMESTAMP_OUTPUT_FORMAT). */
export function outputFormatFor(
  type: SnowflakeTypeName,
  parameters: Readonly<Record<string, string>>,
): string | undefined {
  const value = (name: string): string => parameterValue(parameters, name);
  const timestamp = (name: string): string => value(name) || value("TIMESTAMP_OUTPUT_FORMAT");
  switch (type) {
    case "date":
      return value("DATE_OUTPUT_FORMAT");
    case "time":
      return value("TIME_OUTPUT_FORMAT");
    case "timestamp_ntz":
      return timestamp("TIMESTAMP_NTZ_OUTPUT_FORMAT");
    case "timestamp_ltz":
      return timestamp("TIMESTAMP_LTZ_OUTPUT_FORMAT");
    case "timestamp_tz":
      return timestamp("TIMESTAMP_TZ_OUTPUT_FORMAT");
    default:
      return undefined;
  }
}

/** Result columns with the output format (and, for TIMESTAMP_LTZ, the time zone) they are shown in. */
export function withDisplaySettings(
  columns: readonly ResultColumn[],
  parameters: Readonly<Record<string, string>>,
): ResultColumn[] {
  return columns.map((column) => {
    const outputFormat = outputFormatFor(column.type, parameters);
    if (outputFormat === undefined || column.outputFormat !== undefined) return column;
    return column.type === "timestamp_ltz"
      ? { ...column, outputFormat, timeZone: parameterValue(parameters, "TIMEZONE") }
      : { ...column, outputFormat };
  });
}

function invalidValue(name: string, value: string): SnowflakeError {
  // SQLSTATE 22023 (invalid parameter value); Snowflake's wording for a rejected parameter value.
  return new SnowflakeError("002036", "22023", `Invalid value [${value}] for parameter '${name}'`);
}

/** Rejects a value Snowflake would reject for a date/time parameter; other names pass. */
export function validateParameter(name: string, value: string): void {
  switch (name) {
    case "TIMEZONE":
      if (!isKnownTimeZone(value)) throw invalidValue(name, value);
      return;
    case "WEEK_START":
      if (!/^[0-7]$/.test(value)) throw invalidValue(name, value);
      return;
    case "WEEK_OF_YEAR_POLICY":
      if (!/^[01]$/.test(value)) throw invalidValue(name, value);
      return;
    case "TIMESTAMP_TYPE_MAPPING":
      if (!/^TIMESTAMP_(NTZ|LTZ|TZ)$/i.test(value)) throw invalidValue(name, value);
      return;
    default:
      return;
  }
}

const literal = (text: string | null): string =>
  text === null ? "NULL::VARCHAR" : `'${text.replaceAll("'", "''")}'`;

/**
 * A strptime pattern for an input format parameter, or `AUTO` (never NULL or empty: strptime needs a
 * constant, valid pattern when the macros using it are bound; the macros test for `AUTO`).
 */
function inputPattern(format: string): string {
  if (format === "" || /^AUTO$/i.test(format)) return "AUTO";
  return toStrptime(tokenizeFormat(format))?.pattern || "AUTO";
}

/**
 * The statements that give a session's DuckDB connection its date/time settings: the time zone
 * TIMESTAMP_LTZ values are read in, and the variables the `merc_*` date/time macros read.
 */
export function connectionSettings(parameters: Readonly<Record<string, string>>): string[] {
  const value = (name: string): string => parameterValue(parameters, name);
  const pattern = (type: SnowflakeTypeName): string =>
    toStrftime(tokenizeFormat(outputFormatFor(type, parameters) ?? ""));
  const timeZone = value("TIMEZONE");
  return [
    `SET TimeZone = ${literal(/^(UTC|Z|GMT)$/i.test(timeZone) ? "UTC" : timeZone)}`,
    `SET VARIABLE merc_week_start = ${Number(value("WEEK_START")) || 0}`,
    `SET VARIABLE merc_week_policy = ${Number(value("WEEK_OF_YEAR_POLICY")) || 0}`,
    `SET VARIABLE merc_out_date = ${literal(pattern("date"))}`,
    `SET VARIABLE merc_out_time = ${literal(pattern("time"))}`,
    `SET VARIABLE merc_out_ntz = ${literal(pattern("timestamp_ntz"))}`,
    `SET VARIABLE merc_out_ltz = ${literal(pattern("timestamp_ltz"))}`,
    `SET VARIABLE merc_out_tz = ${literal(pattern("timestamp_tz"))}`,
    `SET VARIABLE merc_in_date = ${literal(inputPattern(value("DATE_INPUT_FORMAT")))}`,
    `SET VARIABLE merc_in_time = ${literal(inputPattern(value("TIME_INPUT_FORMAT")))}`,
    `SET VARIABLE merc_in_timestamp = ${literal(inputPattern(value("TIMESTAMP_INPUT_FORMAT")))}`,
  ];
}
