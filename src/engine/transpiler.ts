/**
 * The transpiler (@polyglot-sql/sdk), loaded on first need. Importing it compiles ~22 MB of
 * WebAssembly, most of a short command's cost, and a statement whose translation comes from the
 * persistent cache (translation-store.ts) needs none of it. Engine modules import parse / generate /
 * transpile / generateDataType from here; the pipeline awaits `loadTranspiler()` before any step
 * that translates (Session.run for every statement but a query, prepareQuery on a cache miss, row
 * access filters), and a call before that is a bug, reported as one.
 */
import type * as Sdk from "@polyglot-sql/sdk";

let sdk: typeof Sdk | undefined;
let loading: Promise<typeof Sdk> | undefined;

/** Loads the transpiler once per process; later calls return at once. */
export async function loadTranspiler(): Promise<void> {
  if (sdk !== undefined) return;
  loading ??= import("@polyglot-sql/sdk");
  sdk = await loading;
}

/** Whether this process has loaded the transpiler (tests of the cached path). */
export function transpilerLoaded(): boolean {
  return sdk !== undefined;
}

function loaded(): typeof Sdk {
  if (sdk === undefined)
    throw new Error(
      "internal error: the transpiler was called before loadTranspiler() (src/engine/transpiler.ts)",
    );
  return sdk;
}

/** The dialects the engine uses, with the values of the transpiler's `Dialect` enum. */
export const Dialect = {
  Snowflake: "snowflake" as Sdk.Dialect.Snowflake,
  DuckDB: "duckdb" as Sdk.Dialect.DuckDB,
} as const;

export const parse: typeof Sdk.parse = (...args) => loaded().parse(...args);
export const generate: typeof Sdk.generate = (...args) => loaded().generate(...args);
export const transpile: typeof Sdk.transpile = (...args) => loaded().transpile(...args);
export const generateDataType: typeof Sdk.generateDataType = (...args) => loaded().generateDataType(...args);
