/**
 * Snowflake functions on DuckDB: macros installed on each connection, and the text fix-ups the
 * translate step applies around the transpiler.
 *
 * Seam with the engine core:
 *   await installFunctions(conn)            once per DuckDB connection (TEMP macros)
 *   sql = rewriteBeforeTranslate(snowflake) before @polyglot-sql/sdk's transpile
 *   sql = rewriteAfterTranslate(duckdb)     on the transpiler's output
 * Result column names must come from the original Snowflake text, not from these rewrites.
 */
import { MACROS, macroStatement } from "./macros.js";

export { type MacroDefinition, MACROS } from "./macros.js";
export { rewriteAfterTranslate, rewriteBeforeTranslate } from "./rewrite.js";
export { isDateTimeFormat, snowflakeFormatToStrftime } from "./formats.js";

/** The one method this module needs from a DuckDB connection (`DuckDBConnection` has it). */
export interface MacroTarget {
  run(sql: string): Promise<unknown>;
}

/** Every statement installFunctions runs, in order (for engines that batch them). */
export function functionInstallStatements(): string[] {
  return MACROS.map(macroStatement);
}

/** Defines the Snowflake function macros on a connection. Idempotent. */
export async function installFunctions(conn: MacroTarget): Promise<void> {
  await conn.run(functionInstallStatements().join(";\n"));
}
