/**
 * How progress reaches people: on a terminal a live line on stderr (step n of N, the object,
 * elapsed), rewritten in place and cleared when the work ends; in CI (CI=true, or stderr not a
 * terminal) one line per finished step, never a spinner; a command's own lines go to stdout.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../src/api/progress.js";
import { commands } from "../../src/cli/commands/index.js";
import { buildProgram } from "../../src/cli/main.js";
import { createProgress } from "../../src/cli/progress.js";

function stream(isTTY: boolean) {
  let text = "";
  const s = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  s.isTTY = isTTY;
  s.columns = 80;
  return { s, text: () => text };
}

function context(options: { tty: boolean; env?: NodeJS.ProcessEnv }) {
  const stdout = stream(false);
  const stderr = stream(options.tty);
  const { ctx } = buildProgram(
    { stdout: stdout.s, stderr: stderr.s, env: options.env ?? {}, cwd: process.cwd() },
    commands,
  );
  return { ctx, stdout: stdout.text, stderr: stderr.text };
}

const step = (n: number, phase: ProgressEvent["phase"], label: string): ProgressEvent => ({
  task: "apply",
  phase,
  step: n,
  total: 2,
  label,
  ...(phase === "start" ? {} : { elapsedMs: 12, outcome: phase === "done" ? "ok" : "boom" }),
});

function play(listener: (e: ProgressEvent) => void) {
  listener(step(1, "start", "create ROLE A"));
  listener(step(1, "done", "create ROLE A"));
  listener(step(2, "start", "grant GRANT USAGE ON DATABASE D -> A"));
  listener(step(2, "failed", "grant GRANT USAGE ON DATABASE D -> A"));
}

describe("progress output", () => {
  it("CI=true: one line per finished step on stderr, no spinner, nothing rewritten", () => {
    const { ctx, stderr, stdout } = context({ tty: true, env: { CI: "true" } });
    const progress = createProgress(ctx);
    play(progress.listener);
    progress.finish();
    expect(stderr()).toBe(
      "apply [1/2] create ROLE A: ok (12 ms)\napply [2/2] grant GRANT USAGE ON DATABASE D -> A: failed: boom (12 ms)\n",
    );
    expect(stdout()).toBe("");
  });

  it("not a terminal (a pipe, a log file): the same lines, without CI set", () => {
    const { ctx, stderr } = context({ tty: false });
    const progress = createProgress(ctx);
    play(progress.listener);
    progress.finish();
    expect(stderr().split("\n").filter(Boolean)).toHaveLength(2);
    expect(stderr()).not.toMatch(/[\r⠋]/);
  });

  it("a terminal: a live line with step n of N, the object and the time, cleared at the end", () => {
    const { ctx, stderr } = context({ tty: true });
    const progress = createProgress(ctx);
    progress.listener(step(1, "start", "create ROLE A"));
    expect(stderr()).toMatch(/^\r\x1b\[2K⠋ apply \[1\/2\] create ROLE A \d+ ms$/);
    progress.listener(step(1, "done", "create ROLE A"));
    progress.listener(step(2, "start", "grant GRANT USAGE ON DATABASE D -> A"));
    expect(stderr()).toContain("apply [2/2] grant GRANT USAGE ON DATABASE D -> A");
    progress.finish();
    expect(stderr().endsWith("\r\x1b[2K")).toBe(true);
    // No finished-step lines on a terminal: the live line said it.
    expect(stderr()).not.toContain("\n");
  });

  it("a command prints its own finished steps on stdout (text output), in CI and on a terminal", () => {
    for (const tty of [true, false]) {
      const { ctx, stdout, stderr } = context({ tty, env: {} });
      const progress = createProgress(ctx, {
        onFinished: (event) => {
          ctx.output.line(`ok ${event.step}. ${event.label}`);
          return true;
        },
      });
      play(progress.listener);
      progress.finish();
      expect(stdout()).toBe("ok 1. create ROLE A\nok 2. grant GRANT USAGE ON DATABASE D -> A\n");
      if (!tty) expect(stderr()).toBe("");
    }
  });
});
