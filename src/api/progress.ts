/**
 * Progress of long use cases (`up`, `apply`, `migrate up`, `seed`, `drift`, `views test`): events a
 * caller may listen to while the work runs. Use cases never print; the CLI turns events into a live
 * status line on a terminal, or one line per finished step in CI.
 */

/** One step of a use case starting or finishing. */
export interface ProgressEvent {
  /** The work the step belongs to: `migrate`, `apply`, `databases and schemas`, `seed`, `read`, `views test`. */
  task: string;
  phase: "start" | "done" | "failed";
  /** 1-based number of the step within its task. */
  step: number;
  /** Steps in the task when known up front; for reads that discover more work as they go, the steps known so far. */
  total: number;
  /** What the step works on: a script path, an object, a statement, a test case. */
  label: string;
  /** For `done` and `failed`: how long the step took. */
  elapsedMs?: number;
  /** For `done` and `failed`: what happened (`applied`, `passed`, `failed`, an error message). */
  outcome?: string;
  /** The step's own data for callers that render it (a test case result, an applied plan step). */
  detail?: unknown;
}

/** Receives progress events; must not throw. */
export type ProgressListener = (event: ProgressEvent) => void;

/** Calls `listener` safely: a listener that throws never stops the work. */
export function emit(listener: ProgressListener | undefined, event: ProgressEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // Progress is advisory; the use case's result is what counts.
  }
}

/**
 * Times one step: sends `start` now, and `done` (or `failed`) with the elapsed time when `work`
 * settles. Returns what `work` returns.
 */
export async function timedStep<T>(
  listener: ProgressListener | undefined,
  base: Omit<ProgressEvent, "phase" | "elapsedMs" | "outcome" | "detail">,
  work: () => Promise<T>,
  describe: (result: T) => { outcome?: string; detail?: unknown } = () => ({}),
): Promise<T> {
  const started = performance.now();
  emit(listener, { ...base, phase: "start" });
  try {
    const result = await work();
    emit(listener, { ...base, phase: "done", elapsedMs: performance.now() - started, ...describe(result) });
    return result;
  } catch (error) {
    emit(listener, {
      ...base,
      phase: "failed",
      elapsedMs: performance.now() - started,
      outcome: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
