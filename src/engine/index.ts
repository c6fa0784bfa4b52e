/**
 * The local Snowflake engine on DuckDB. Public API: `openEngine`, the contract types, errors and
 * value formatting. See README.md for the pipeline and what is emulated.
 */
import { createEngine, type EngineInternalOptions } from "./engine.js";
import type { Engine } from "./types.js";

export type * from "./types.js";
export type {
  CatalogHooks,
  FunctionHooks,
  HookContext,
  HookResult,
  ObjectAccess,
  QualifiedName,
  QueryRecord,
} from "./hooks.js";
export { ScriptError, SnowflakeError } from "./errors.js";
export { displayValue, valueText, wireValue } from "./format.js";
export { decodeName, encodeName, parseQualifiedName } from "./identifiers.js";

/** Default engine file, relative to the project root (the caller chooses; the engine does not). */
export const DEFAULT_ENGINE_PATH = ".mercurios/local.duckdb";

/**
 * Opens (creating if needed) the engine stored at `options.path`, or an in-memory engine for
 * `:memory:`. A second process on the same file waits for the first, then fails with a clear
 * "engine file in use" SnowflakeError.
 */
export async function openEngine(options: EngineInternalOptions): Promise<Engine> {
  return createEngine(options);
}
