/**
 * The transpiler (@polyglot-sql/sdk), loaded on first need. Importing it compiles ~22 MB of
 * WebAssembly, most of a short command's cost, and a statement whose translation comes from the
 * persistent cache (translation-store.ts) needs none of it. Engine modules import parse / generate /
 * transpile / generateDataType from here; the pipeline awaits `loadTranspiler()` before any step
 * that translates (Session.run for every statement but a query, prepareQuery on a cache miss, row
 * access filters), and a call before that is a bug, reported as one.
 */
import { setFlagsFromString } from "node:v8";
import type * as Sdk from "@polyglot-sql/sdk";

let sdk: typeof Sdk | undefined;
let loading: Promise<typeof Sdk> | undefined;

/** Loads the transpiler once per process; later calls return at once. */
export async function loadTranspiler(): Promise<void> {
  if (sdk !== undefined) return;
  if (loading === undefined) {
    keepWebAssemblyOnBaselineTier();
    loading = import("@polyglot-sql/sdk");
  }
  sdk = await loading;
}

/**
 * V8 compiles a module first with its baseline compiler (Liftoff), then recompiles all of it with
 * the optimising one (TurboFan) on background threads, and a process does not exit before that ends.
 * For the 22 MB transpiler that tier-up costs ~3.5 CPU s and ~2 s of wall time in every process that
 * loads it, and it never pays back: measured in bench/transpiler-tiers.ts, 20,000 translations take
 * less CPU on the baseline tier alone. The flag is read when a module is compiled, so it must be set
 * before the import; it also applies to the QuickJS module of JavaScript procedures compiled after it.
 */
function keepWebAssemblyOnBaselineTier(): void {
  setFlagsFromString("--liftoff-only");
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
