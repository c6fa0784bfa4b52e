/**
 * Runs user JavaScript (a stored procedure's body) in QuickJS compiled to WebAssembly: a separate
 * heap with no Node globals, no `require`, no `process`, no file or network access. `node:vm` is
 * not a security boundary; a WebAssembly instance is. The only ways out are the two host functions
 * installed here, which take and return JSON text (docs/decisions/014-javascript-procedures-in-quickjs.md).
 *
 * Each run gets its own asyncified WebAssembly module: the module suspends while the host runs a
 * statement, and a procedure that CALLs another JavaScript procedure needs a second module, since
 * one asyncified module can wait on only one host call at a time. The WebAssembly code is compiled
 * once per process; an instance costs tens of milliseconds. An instance is dropped whole after its
 * run (its memory goes with it) rather than disposed handle by handle: in quickjs-emscripten 0.32.0,
 * freeing a runtime that held an asyncified host function fails an assertion.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { QuickJSAsyncVariant } from "quickjs-emscripten";
import { PRELUDE } from "./prelude.js";

/** How far user JavaScript may go before it is stopped. */
export interface SandboxLimits {
  /** Heap of one run, in bytes. */
  memoryBytes: number;
  /** Time spent running JavaScript (host statements excluded), in milliseconds. */
  timeoutMs: number;
  /** Interpreter stack, in bytes (deep recursion ends in a RangeError, not a host crash). */
  stackBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 64 * 1024 * 1024,
  timeoutMs: 30_000,
  stackBytes: 256 * 1024,
};

let variant: Promise<QuickJSAsyncVariant> | undefined;

/** The asyncified release build, its WebAssembly compiled once. */
function asyncVariant(): Promise<QuickJSAsyncVariant> {
  variant ??= (async () => {
    const { newVariant, RELEASE_ASYNC } = await import("quickjs-emscripten");
    const wasmPath = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-asyncify/wasm");
    // Node's WebAssembly global; the project's TypeScript lib does not declare it.
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
      .WebAssembly;
    const wasmModule = await wasm.compile(await readFile(wasmPath));
    return newVariant(RELEASE_ASYNC, { wasmModule: wasmModule as never });
  })();
  return variant;
}

/** The host side of the sandbox: a statement to run, a line to log (both JSON text). */
export interface SandboxHost {
  execute(requestJson: string): Promise<string>;
  log(entryJson: string): void;
}

/** What a run ended with. */
export type SandboxOutcome =
  /** The body returned or threw normally: the prelude's JSON (`{ok}` or `{error}`). */
  | { kind: "completed"; json: string }
  /** Stopped by the host: the time limit, or the heap limit. */
  | { kind: "interrupted"; reason: "timeout" | "memory" }
  /** QuickJS raised an error the body could not catch (syntax error, stack overflow, …). */
  | { kind: "failed"; name: string; message: string; stack: string };

/**
 * Evaluates `code` (which calls `__merc_run`) after the prelude, in a fresh runtime and context.
 * `filename` names the code in stack traces.
 */
export async function runInSandbox(
  code: string,
  filename: string,
  host: SandboxHost,
  limits: SandboxLimits,
): Promise<SandboxOutcome> {
  const { newQuickJSAsyncWASMModuleFromVariant } = await import("quickjs-emscripten");
  const module = await newQuickJSAsyncWASMModuleFromVariant(await asyncVariant());
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  // The clock runs only while JavaScript does: time spent in the host's statements is given back.
  let deadline = Date.now() + limits.timeoutMs;
  let timedOut = false;
  runtime.setInterruptHandler(() => {
    if (Date.now() > deadline) timedOut = true;
    return timedOut;
  });
  const context = runtime.newContext();
  try {
    const execute = context.newAsyncifiedFunction("__merc_execute", async (request) => {
      const text = context.getString(request);
      const started = Date.now();
      const answer = await host.execute(text);
      deadline += Date.now() - started;
      return context.newString(answer);
    });
    context.setProp(context.global, "__merc_execute", execute);
    const log = context.newFunction("__merc_log", (entry) => {
      host.log(context.getString(entry));
    });
    context.setProp(context.global, "__merc_log", log);
    const prelude = context.evalCode(PRELUDE, "prelude.js");
    if (prelude.error) {
      const detail = context.dump(prelude.error);
      throw new Error(`JavaScript sandbox prelude failed: ${JSON.stringify(detail)}`);
    }
    deadline = Date.now() + limits.timeoutMs;
    const result = await context.evalCodeAsync(code, filename);
    if (result.error) {
      const detail = context.dump(result.error) as { name?: unknown; message?: unknown; stack?: unknown };
      if (timedOut) return { kind: "interrupted", reason: "timeout" };
      const message = String(detail?.message ?? detail);
      if (/out of memory/i.test(message)) return { kind: "interrupted", reason: "memory" };
      return {
        kind: "failed",
        name: String(detail?.name ?? "Error"),
        message,
        stack: String(detail?.stack ?? ""),
      };
    }
    const json = context.getString(result.value);
    return { kind: "completed", json };
  } catch (error) {
    // The heap limit can also surface as an exception from the module itself.
    if (timedOut) return { kind: "interrupted", reason: "timeout" };
    if (/out of memory|memory access out of bounds/i.test(String(error)))
      return { kind: "interrupted", reason: "memory" };
    // Deep recursion can exhaust Node's own stack (WebAssembly runs on it) before QuickJS's check
    // fires; the instance is discarded either way, so it ends as the body's stack overflow.
    if (error instanceof RangeError) {
      return { kind: "failed", name: "RangeError", message: "Maximum call stack size exceeded", stack: "" };
    }
    throw error;
  }
}
