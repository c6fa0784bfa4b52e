/**
 * How progress events become output. On a terminal (stderr is a TTY and CI is not set): one live
 * status line on stderr, rewritten in place (step n of N, what, elapsed), gone when the work ends.
 * Elsewhere (CI, pipes): one line per finished step, never a spinner. A command may print finished
 * steps itself, on stdout in its own format (`onFinished`), so that its text output is the same as
 * before, only earlier; steps it does not print go to stderr in CI.
 */
import type { ProgressEvent, ProgressListener } from "../api/progress.js";
import type { CliContext } from "./context.js";

export interface ProgressOptions {
  /**
   * Prints a finished step in the command's own text format (stdout); return false to leave it to
   * the default (a line on stderr in CI, nothing on a terminal). Only used with `--format text`.
   */
  onFinished?: (event: ProgressEvent) => boolean;
  /** Tasks whose finished steps are not worth a line in CI (the live line still shows them). */
  quietTasks?: readonly string[];
}

export interface Progress {
  listener: ProgressListener;
  /** Clears the live line and stops its timer; call before printing the result. */
  finish(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Seconds with one decimal under a minute, else minutes and seconds. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** `task [n/N] label`: the words every progress line starts with. */
export function describeStep(event: ProgressEvent): string {
  return `${event.task} [${event.step}/${Math.max(event.total, event.step)}] ${event.label}`;
}

/** The CI line for a finished step. */
export function finishedLine(event: ProgressEvent): string {
  const outcome =
    event.phase === "failed" ? `failed: ${event.outcome ?? "error"}` : (event.outcome ?? "done");
  const elapsed = event.elapsedMs === undefined ? "" : ` (${formatElapsed(event.elapsedMs)})`;
  return `${describeStep(event)}: ${outcome}${elapsed}`;
}

/** True when progress is a live line: stderr is a terminal and not in CI. */
export function isLive(ctx: CliContext): boolean {
  const ci = ctx.env.CI;
  return ctx.stderrIsTTY && !(ci !== undefined && ci !== "" && ci !== "false" && ci !== "0");
}

export function createProgress(ctx: CliContext, options: ProgressOptions = {}): Progress {
  const live = isLive(ctx);
  const text = ctx.globals.format === "text";
  const write = (chunk: string) => ctx.writeStderr(chunk);
  let current: { event: ProgressEvent; started: number } | undefined;
  let frame = 0;
  let shown = false;
  let timer: NodeJS.Timeout | undefined;

  const clear = () => {
    if (shown) write("\r\x1b[2K");
    shown = false;
  };
  const draw = () => {
    if (!current) return;
    const width = ctx.stderrColumns ?? 100;
    const elapsed = formatElapsed(performance.now() - current.started);
    const line = `${FRAMES[frame++ % FRAMES.length]} ${describeStep(current.event)} ${elapsed}`;
    const fitted = line.length > width - 1 ? `${line.slice(0, Math.max(10, width - 2))}…` : line;
    write(`\r\x1b[2K${ctx.output.mask(fitted)}`);
    shown = true;
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  const listener: ProgressListener = (event) => {
    if (event.phase === "start") {
      current = { event, started: performance.now() };
      if (live) {
        draw();
        if (!timer) {
          timer = setInterval(draw, 100);
          timer.unref();
        }
      }
      return;
    }
    if (live) clear();
    if (current && current.event.task === event.task && current.event.step === event.step)
      current = undefined;
    const printed = text && options.onFinished ? options.onFinished(event) : false;
    if (!printed && !live && !options.quietTasks?.includes(event.task)) ctx.output.error(finishedLine(event));
    if (live && current) draw();
    if (live && !current) stopTimer();
  };

  return {
    listener,
    finish() {
      stopTimer();
      current = undefined;
      clear();
    },
  };
}
