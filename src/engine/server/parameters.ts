/**
 * The session parameters Snowflake's servers send with the login reply and with every query reply,
 * and that its drivers read: snowflake-sdk (lib/parameters.js: CLIENT_STAGE_ARRAY_BINDING_THRESHOLD,
 * CLIENT_SESSION_KEEP_ALIVE*, QUERY_CONTEXT_CACHE_SIZE, SERVICE_NAME, JS_TREAT_INTEGER_AS_BIGINT;
 * result.js: the output formats) and the Python connector (connection.py `_update_parameters`,
 * cursor.py `executemany`, converters: AUTOCOMMIT, CLIENT_PREFETCH_THREADS, CLIENT_TELEMETRY_ENABLED,
 * TIMEZONE, the output formats and CLIENT_STAGE_ARRAY_BINDING_THRESHOLD, which it reads without a
 * fallback). Values are Snowflake's defaults as a fresh account sends them (the Python connector's
 * recorded replies, test/data/wiremock/mappings/queries/select_1_successful.json), except TIMEZONE,
 * which is the local engine's (UTC), and the session's own ALTER SESSION values.
 */
import type { SessionState } from "../types.js";

type ParameterValue = string | number | boolean;

/** Output formats: the drivers decode and render values with these, from each reply. */
const FORMAT_PARAMETERS: Record<string, string> = {
  TIMEZONE: "UTC",
  DATE_OUTPUT_FORMAT: "YYYY-MM-DD",
  TIME_OUTPUT_FORMAT: "HH24:MI:SS",
  TIMESTAMP_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
  TIMESTAMP_NTZ_OUTPUT_FORMAT: "YYYY-MM-DD HH24:MI:SS.FF3",
  TIMESTAMP_LTZ_OUTPUT_FORMAT: "",
  TIMESTAMP_TZ_OUTPUT_FORMAT: "",
  BINARY_OUTPUT_FORMAT: "HEX",
};

/** Client behaviour switches, with the values a Snowflake account sends by default. */
const CLIENT_PARAMETERS: Record<string, ParameterValue> = {
  AUTOCOMMIT: true,
  CLIENT_STAGE_ARRAY_BINDING_THRESHOLD: 65280,
  CLIENT_SESSION_KEEP_ALIVE: false,
  CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: 3600,
  CLIENT_PREFETCH_THREADS: 4,
  CLIENT_RESULT_CHUNK_SIZE: 16,
  CLIENT_MEMORY_LIMIT: 1536,
  CLIENT_RESULT_PREFETCH_THREADS: 1,
  CLIENT_RESULT_PREFETCH_SLOTS: 2,
  CLIENT_TIMESTAMP_TYPE_MAPPING: "TIMESTAMP_LTZ",
  CLIENT_RESULT_COLUMN_CASE_INSENSITIVE: false,
  CLIENT_HONOR_CLIENT_TZ_FOR_TIMESTAMP_NTZ: true,
  CLIENT_METADATA_REQUEST_USE_CONNECTION_CTX: false,
  CLIENT_METADATA_USE_SESSION_DATABASE: false,
  CLIENT_TELEMETRY_ENABLED: true,
  CLIENT_TELEMETRY_SESSIONLESS_ENABLED: true,
  CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED: false,
  CLIENT_USE_V1_QUERY_API: true,
  CLIENT_DISABLE_INCIDENTS: true,
  CLIENT_SESSION_CLONE: false,
  CLIENT_ENABLE_LOG_INFO_STATEMENT_PARAMETERS: false,
  QUERY_CONTEXT_CACHE_SIZE: 5,
  JS_TREAT_INTEGER_AS_BIGINT: false,
  SERVICE_NAME: "",
  CSV_TIMESTAMP_FORMAT: "",
  ENABLE_STAGE_S3_PRIVATELINK_FOR_US_EAST_1: false,
};

/** Every parameter's default, by name (tests and the README list them). */
export const SESSION_PARAMETER_DEFAULTS: Readonly<Record<string, ParameterValue>> = {
  ...FORMAT_PARAMETERS,
  ...CLIENT_PARAMETERS,
};

/**
 * The `parameters` list of a reply: every default, with the session's ALTER SESSION values in place
 * (a numeric or boolean default keeps its JSON type: the Python connector compares with `>=`).
 */
export function parameterList(state: SessionState): { name: string; value: ParameterValue }[] {
  return Object.entries(SESSION_PARAMETER_DEFAULTS).map(([name, fallback]) => {
    const set = state.parameters[name];
    return { name, value: set === undefined ? fallback : typed(set, fallback) };
  });
}

function typed(value: string, like: ParameterValue): ParameterValue {
  if (typeof like === "number") {
    const number = Number(value);
    return Number.isFinite(number) ? number : like;
  }
  if (typeof like === "boolean") return /^(true|1|yes|on)$/i.test(value.trim());
  return value;
}
