/**
 * Runs JavaScript user-defined functions (CREATE FUNCTION … LANGUAGE JAVASCRIPT) row by row, inside
 * DuckDB's synchronous scalar-function callback (udf-function.ts). A UDF cannot run SQL, so unlike a
 * procedure it needs no host function at all: it runs in QuickJS's synchronous WebAssembly build
 * with nothing installed but the body, so it reaches no DuckDB connection, file, network or Node
 * global (docs/decisions/020-javascript-udfs.md). Arguments and results cross as strings.
 *
 * The WebAssembly module is loaded once, asynchronously, before the first statement of an engine
 * whose catalog holds a JavaScript UDF (`loadJavaScriptUdfRuntime`); the callback cannot wait.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./sandbox.js";

/** How a value crosses between SQL and JavaScript (the SQL side of each is in udf-macro.ts). */
export type UdfValueKind = "number" | "string" | "boolean" | "json" | "date" | "binary";

/** One UDF as its macro passes it to the callback (JSON text, a constant of the macro). */
export interface UdfDefinition {
  /** The function's name, for error messages. */
  name: string;
  body: string;
  /** JavaScript names of the arguments (upper case unless quoted in SQL). */
  params: string[];
  kinds: UdfValueKind[];
  returns: UdfValueKind;
  /** A table function's RETURNS TABLE columns (the body is then its handler object). */
  columns?: { name: string; kind: UdfValueKind }[];
  /** A table function's argument types as declared, for initialize()'s argumentInfo. */
  types?: string[];
}

let module: QuickJSWASMModule | undefined;
let loading: Promise<void> | undefined;

/** Loads the synchronous QuickJS build (once per process). */
export function loadJavaScriptUdfRuntime(): Promise<void> {
  loading ??= (async () => {
    const { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } = await import("quickjs-emscripten");
    const wasmPath = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
      .WebAssembly;
    const wasmModule = await wasm.compile(await readFile(wasmPath));
    module = await newQuickJSWASMModuleFromVariant(
      newVariant(RELEASE_SYNC, { wasmModule: wasmModule as never }),
    );
  })();
  return loading;
}

/**
 * Inside the sandbox: turns the argument strings into JavaScript values (SQL NULL is `undefined`),
 * calls the body, and converts what it returns to the declared type *in JavaScript* as Snowflake
 * does (a number returned for a STRING becomes its JavaScript text), answering a string or null.
 */
const WRAPPER = `(function (fn, kindsJson, returns, namesJson, columnsJson) {
  "use strict";
  // Snowflake disables eval() in JavaScript UDFs (udf-javascript-limitations).
  delete globalThis.eval;
  var kinds = JSON.parse(kindsJson);
  function hexBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  // A typed VARIANT value (docs/decisions/021) reaches the function as its text, an undefined
  // array element as undefined.
  function untyped(key, value) {
    if (typeof value !== "string" || value.charCodeAt(0) !== 0xe000) return value;
    return value[1] === "U" ? undefined : value.slice(2);
  }
  function decode(text, kind) {
    if (text === null) return undefined;
    switch (kind) {
      case "number": return text === "inf" ? Infinity : text === "-inf" ? -Infinity : text === "nan" ? NaN : Number(text);
      case "boolean": return text === "true";
      case "json": return JSON.parse(text, untyped);
      case "date": return new Date(Number(text));
      case "binary": return hexBytes(text);
      default: return text;
    }
  }
  function hex(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + (bytes[i] & 255).toString(16);
    return out.toUpperCase();
  }
  function encode(value, returns) {
    if (value === undefined) return null;
    if (value === null) return returns === "json" ? "null" : null;
    switch (returns) {
      case "number": { var n = Number(value); return isNaN(n) ? "nan" : n === Infinity ? "inf" : n === -Infinity ? "-inf" : String(n); }
      case "boolean": return Boolean(value) ? "true" : "false";
      case "date": { var d = value instanceof Date ? value : new Date(value); if (isNaN(d.getTime())) throw new TypeError("Invalid Date"); return d.toISOString(); }
      case "binary": return hex(value instanceof Uint8Array ? value : Uint8Array.from(value));
      case "json": { var json = JSON.stringify(value); return json === undefined ? null : json; }
      default: return String(value);
    }
  }
  if (columnsJson === "") {
    return function (argsJson) {
      var texts = JSON.parse(argsJson);
      var args = [];
      for (var i = 0; i < kinds.length; i++) args.push(decode(texts[i], kinds[i]));
      return JSON.stringify(encode(fn.apply(undefined, args), returns));
    };
  }
  // A table function: fn makes a fresh handler object; each call is one partition's rows, run as the
  // UDTF page's contract says: initialize() once, processRow() per row in order, finalize() once.
  // Each written row is answered with the index of the input row it came from (-1: from finalize()).
  var names = JSON.parse(namesJson);
  var columns = JSON.parse(columnsJson);
  return function (partitionJson) {
    var partition = JSON.parse(partitionJson);
    var handler = fn();
    if (handler === null || typeof handler !== "object" || typeof handler.processRow !== "function")
      throw new TypeError("the table function's object has no processRow function");
    var rows = [];
    var current = -1;
    var writer = { writeRow: function (out) {
      var cells = [current];
      for (var c = 0; c < columns.length; c++)
        cells.push(out === null || out === undefined ? null : encode(out[columns[c].name], columns[c].kind));
      rows.push(cells);
    } };
    if (typeof handler.initialize === "function") {
      // argumentInfo: each argument's type, and its value when the call passes a constant.
      var info = {};
      for (var a = 0; a < names.length; a++) {
        var constant = partition.consts[a] === true && partition.rows.length > 0;
        info[names[a]] = {
          type: partition.types[a],
          isConst: constant,
          constValue: constant ? decode(partition.rows[0][a], kinds[a]) : undefined,
        };
      }
      handler.initialize(info, {});
    }
    for (var r = 0; r < partition.rows.length; r++) {
      var texts = partition.rows[r];
      var row = {};
      for (var i = 0; i < kinds.length; i++) row[names[i]] = decode(texts[i], kinds[i]);
      current = r;
      handler.processRow(row, writer, {});
    }
    current = -1;
    if (typeof handler.finalize === "function") handler.finalize(writer, {});
    return JSON.stringify(JSON.stringify(rows));
  };
})`;

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A thrown JavaScript error, as the sandbox reports it. */
export class UdfError extends Error {
  constructor(
    readonly kind: "thrown" | "timeout" | "memory",
    message: string,
    readonly errorName: string | null = null,
    readonly stack_: string = "",
  ) {
    super(message);
  }
}

/** One UDF compiled in a runtime of its own (its globals persist across rows, as Snowflake allows). */
class CompiledUdf {
  private deadline = 0;
  private timedOut = false;
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  private readonly call: QuickJSHandle;

  constructor(
    quickjs: QuickJSWASMModule,
    readonly definition: UdfDefinition,
    private readonly limits: SandboxLimits,
  ) {
    this.runtime = quickjs.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.runtime.setInterruptHandler(() => {
      if (Date.now() > this.deadline) this.timedOut = true;
      return this.timedOut;
    });
    this.context = this.runtime.newContext();
    this.deadline = Date.now() + limits.timeoutMs;
    const wrapper = this.context.evalCode(WRAPPER, "wrapper.js");
    if (wrapper.error) {
      wrapper.error.dispose();
      this.dispose();
      throw new Error("JavaScript UDF wrapper failed to compile");
    }
    // The body alone in its file, so stack trace lines are the body's own.
    // Named as the UDF, so the body can call itself (the page's RECURSION_TEST); a table
    // function's body is its handler object.
    const self = JS_IDENTIFIER.test(definition.name) ? definition.name : "";
    const fn = this.context.evalCode(
      definition.columns
        ? // A table function's body is an object literal: a factory, so each partition gets its own.
          `(function () { return (${definition.body}\n); })`
        : `(function ${self}(${definition.params.join(", ")}) {${definition.body}\n})`,
      definition.name,
    );
    const texts = [
      JSON.stringify(definition.kinds),
      definition.returns,
      JSON.stringify(definition.params),
      definition.columns ? JSON.stringify(definition.columns) : "",
    ].map((text) => this.context.newString(text));
    const compiled = fn.error
      ? fn
      : this.context.callFunction(wrapper.value, this.context.undefined, fn.value, ...texts);
    for (const text of texts) text.dispose();
    wrapper.value.dispose();
    if (!fn.error) fn.value.dispose();
    if (compiled.error) {
      const error = this.failure(compiled.error);
      this.dispose();
      throw error;
    }
    this.call = compiled.value;
  }

  private failure(handle: QuickJSHandle): UdfError {
    const detail = this.context.dump(handle) as
      | { name?: unknown; message?: unknown; stack?: unknown }
      | unknown;
    handle.dispose();
    if (this.timedOut) return new UdfError("timeout", "time limit");
    const object = typeof detail === "object" && detail !== null ? (detail as Record<string, unknown>) : null;
    const message = object && "message" in object ? String(object.message) : String(detail);
    if (/out of memory/i.test(message)) return new UdfError("memory", message);
    if (object && "name" in object && "message" in object)
      return new UdfError("thrown", message, String(object.name), String(object.stack ?? ""));
    return new UdfError("thrown", object ? "#<Object>" : message, null);
  }

  /** Calls the body on one row's argument strings (null: SQL NULL); the result string or null. */
  run(args: (string | null)[]): string | null {
    return this.call_(JSON.stringify(args));
  }

  /**
   * Runs a table function's handler over one partition: `rows` are its input rows' argument
   * strings in processing order, `consts` says which arguments the call passes as constants. Each
   * written row comes back as the index of the input row that wrote it (-1: finalize()) and its
   * cells as strings.
   */
  runPartition(rows: (string | null)[][], consts: boolean[]): [number, ...(string | null)[]][] {
    const types = this.definition.types ?? this.definition.params.map(() => "");
    const text = this.call_(JSON.stringify({ rows, consts, types }));
    return JSON.parse(text ?? "[]") as [number, ...(string | null)[]][];
  }

  private call_(inputJson: string): string | null {
    this.timedOut = false;
    this.deadline = Date.now() + this.limits.timeoutMs;
    const input = this.context.newString(inputJson);
    let result: ReturnType<QuickJSContext["callFunction"]>;
    try {
      result = this.context.callFunction(this.call, this.context.undefined, input);
    } catch (error) {
      if (this.timedOut) throw new UdfError("timeout", "time limit");
      if (/out of memory|memory access out of bounds/i.test(String(error)))
        throw new UdfError("memory", String(error));
      if (error instanceof RangeError)
        throw new UdfError("thrown", "Maximum call stack size exceeded", "RangeError");
      throw error;
    } finally {
      input.dispose();
    }
    if (result.error) throw this.failure(result.error);
    const text = this.context.getString(result.value);
    result.value.dispose();
    return JSON.parse(text) as string | null;
  }

  dispose(): void {
    try {
      this.call?.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      // A runtime stopped mid-run may hold objects it can no longer free; drop it whole.
    }
  }
}

/** Compiled UDFs by their definition text; a few are kept so a UDF is not compiled per chunk. */
const compiled = new Map<string, CompiledUdf>();
const KEEP = 8;
/** Engines in one process may set different limits: a compiled UDF runs under its engine's. */
const cacheKey = (definitionJson: string, limits: SandboxLimits) =>
  `${limits.memoryBytes}/${limits.timeoutMs}/${limits.stackBytes}/${definitionJson}`;

/**
 * The compiled UDF for a macro's definition text. A UDF that failed (error, limit) is dropped, so
 * the next statement starts from a fresh runtime.
 */
export function compiledUdf(
  definitionJson: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): CompiledUdf {
  const key = cacheKey(definitionJson, limits);
  const known = compiled.get(key);
  if (known) {
    compiled.delete(key);
    compiled.set(key, known);
    return known;
  }
  if (module === undefined) throw new Error("the JavaScript UDF runtime is not loaded");
  const udf = new CompiledUdf(module, JSON.parse(definitionJson) as UdfDefinition, limits);
  compiled.set(key, udf);
  for (const [oldKey, old] of compiled) {
    if (compiled.size <= KEEP) break;
    compiled.delete(oldKey);
    old.dispose();
  }
  return udf;
}

/** Forgets a compiled UDF (after it failed), disposing its runtime. */
export function forgetUdf(definitionJson: string, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): void {
  const key = cacheKey(definitionJson, limits);
  const udf = compiled.get(key);
  if (udf === undefined) return;
  compiled.delete(key);
  udf.dispose();
}
