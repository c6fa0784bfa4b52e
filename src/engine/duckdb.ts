/**
 * @duckdb/node-api's values, loaded with `require`. The package is CommonJS: imported from ESM,
 * Node first scans each of its ~40 files for export names (cjs-module-lexer), which cost a short
 * command (`mercurios sql`) about a third of DuckDB's load time. Engine modules import the package's
 * values from here; types still come from the package itself (`import type`).
 */
import { createRequire } from "node:module";
import type * as Api from "@duckdb/node-api";

const api = createRequire(import.meta.url)("@duckdb/node-api") as typeof Api;

export const {
  ANY,
  BIGINT,
  BLOB,
  BOOLEAN,
  DOUBLE,
  VARCHAR,
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBIntervalValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBScalarFunction,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  DuckDBVarCharType,
} = api;
export type DuckDBArrayValue = Api.DuckDBArrayValue;
export type DuckDBBlobValue = Api.DuckDBBlobValue;
export type DuckDBDateValue = Api.DuckDBDateValue;
export type DuckDBDecimalValue = Api.DuckDBDecimalValue;
export type DuckDBInstance = Api.DuckDBInstance;
export type DuckDBIntervalValue = Api.DuckDBIntervalValue;
export type DuckDBListType = Api.DuckDBListType;
export type DuckDBListValue = Api.DuckDBListValue;
export type DuckDBMapValue = Api.DuckDBMapValue;
export type DuckDBScalarFunction = Api.DuckDBScalarFunction;
export type DuckDBStructValue = Api.DuckDBStructValue;
export type DuckDBTimestampMillisecondsValue = Api.DuckDBTimestampMillisecondsValue;
export type DuckDBTimestampNanosecondsValue = Api.DuckDBTimestampNanosecondsValue;
export type DuckDBTimestampSecondsValue = Api.DuckDBTimestampSecondsValue;
export type DuckDBTimestampTZValue = Api.DuckDBTimestampTZValue;
export type DuckDBTimestampValue = Api.DuckDBTimestampValue;
export type DuckDBTimeValue = Api.DuckDBTimeValue;
export type DuckDBVarCharType = Api.DuckDBVarCharType;
export type {
  DuckDBConnection,
  DuckDBResultReader,
  DuckDBType,
  DuckDBValue,
} from "@duckdb/node-api";
