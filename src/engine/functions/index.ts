/**
 * Snowflake functions on DuckDB: macros installed on each connection, and the text fix-ups the
 * translate step applies around the transpiler.
 *
 * Seam with the engine core (`functionHooks` fits hooks.ts's FunctionHooks):
 *   await installFunctions(conn)            once per engine (macros in the default catalog)
 *   sql = rewriteBeforeTranslate(snowflake) before @polyglot-sql/sdk's transpile
 *   sql = rewriteAfterTranslate(duckdb)     on the transpiler's output
 * Result column names must come from the original Snowflake text, not from these rewrites.
 */
import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { FROM_PARTS_MACROS } from "../datetime/from-parts.js";
import { CONVERT_MACROS } from "../datetime/macros-convert.js";
import { FUNCTION_MACROS as DATETIME_MACROS } from "../datetime/macros-functions.js";
import { connectionSettings } from "../datetime/parameters.js";
import type { DateTimeContext } from "../datetime/rewrite.js";
import { VARIANT_INPUT_MACROS } from "../datetime/variant-input.js";
import { AGGREGATE_MACROS } from "./aggregate-macros.js";
import { BITWISE_MACROS } from "./bitwise-macros.js";
import { CONTEXT_MACROS } from "./context-macros.js";
import { CONVERSION_MACROS } from "./conversion-macros.js";
import { rewriteCoreAfter, rewriteCoreBefore } from "./core-rewrite.js";
import { FLATTEN_CHILDREN_MACRO, FLATTEN_MACRO } from "./flatten.js";
import { GENERATION_MACROS } from "./generation-macros.js";
import { MACROS, macroStatement } from "./macros.js";
import { NUMERIC_MACROS } from "./numeric-macros.js";
import { rewriteAfterTranslate, rewriteBeforeTranslate } from "./rewrite.js";
import { finishAggregates } from "./rewrite-aggregate.js";
import { registerScalars } from "./scalars.js";
import { SPLIT_TO_TABLE_MACRO, STRTOK_SPLIT_TO_TABLE_MACRO } from "./table-macros.js";
import { TYPE_MACROS } from "./type-macros.js";

export { MACROS, type MacroDefinition } from "./macros.js";
export { rewriteAfterTranslate, rewriteBeforeTranslate } from "./rewrite.js";

/** What this module needs from a DuckDB connection (`DuckDBConnection` has both). */
export interface MacroTarget {
  run(sql: string): Promise<unknown>;
  /** JavaScript scalar functions (scalars.ts); a target without it gets the macros only. */
  registerScalarFunction?: DuckDBConnection["registerScalarFunction"];
}

/** Every statement installFunctions runs, in order (for engines that batch them). */
export function functionInstallStatements(): string[] {
  // Helpers first: a macro's body is bound when it is created, with the date/time settings the
  // macros read (Snowflake's defaults until a session sets its own).
  return [
    ...connectionSettings({}),
    ...CONVERT_MACROS.map(macroStatement),
    ...DATETIME_MACROS.map(macroStatement),
    ...FROM_PARTS_MACROS.map(macroStatement),
    ...VARIANT_INPUT_MACROS.map(macroStatement),
    ...MACROS.map(macroStatement),
    ...TYPE_MACROS.map(macroStatement),
    ...CONVERSION_MACROS.map(macroStatement),
    ...CONTEXT_MACROS.map(macroStatement),
    ...NUMERIC_MACROS.map(macroStatement),
    ...BITWISE_MACROS.map(macroStatement),
    ...AGGREGATE_MACROS.map(macroStatement),
    ...GENERATION_MACROS.map(macroStatement),
    FLATTEN_CHILDREN_MACRO,
    FLATTEN_MACRO,
    SPLIT_TO_TABLE_MACRO,
    STRTOK_SPLIT_TO_TABLE_MACRO,
  ];
}

/**
 * Defines the Snowflake function macros on a connection. Idempotent. With `definitionsStored` (the
 * database file already holds these very macros: see `functionsStamp`) only what lives in the
 * instance is set up again: the JavaScript scalars and the connection's date/time settings.
 */
export async function installFunctions(
  conn: MacroTarget,
  options: { definitionsStored?: boolean } = {},
): Promise<void> {
  if (conn.registerScalarFunction)
    registerScalars({ registerScalarFunction: conn.registerScalarFunction.bind(conn) });
  const statements = options.definitionsStored ? connectionSettings({}) : functionInstallStatements();
  await conn.run(statements.join(";\n"));
}

/**
 * A digest of every macro definition installFunctions writes: a file engine stores it after
 * installing and skips the ~100 KB of definitions on the next open when it matches (cold start).
 */
export function functionsStamp(): string {
  return createHash("sha256").update(functionInstallStatements().join(";\n")).digest("hex");
}

/** The functions module as the engine core's FunctionHooks (install, beforeTranspile, afterTranspile). */
export const functionHooks = {
  install: installFunctions,
  stamp: functionsStamp,
  // The context carries TIMESTAMP_TYPE_MAPPING, which the date/time rewrites need.
  beforeTranspile: (sql: string, context?: DateTimeContext) =>
    rewriteBeforeTranslate(rewriteCoreBefore(sql), context),
  afterTranspile: (sql: string) => finishAggregates(rewriteAfterTranslate(rewriteCoreAfter(sql))),
} as const;
