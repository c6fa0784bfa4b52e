/**
 * Questions on a terminal (node:readline, no dependency): a value with a default, and yes/no.
 * Asked on stderr so that stdout stays the command's output. Commands ask only when
 * `ctx.interactive`; elsewhere they take flags and defaults, or refuse (`--yes` is needed).
 */
import { createInterface, type Interface } from "node:readline/promises";
import { Writable } from "node:stream";
import type { CliContext } from "./context.js";

/** One conversation: several questions share the line reader. */
export interface Prompter {
  /** Asks `question`, showing the default; an empty answer takes it. */
  ask(question: string, defaultValue: string): Promise<string>;
  /** Asks a yes/no question; only `y` or `yes` is yes. */
  confirm(question: string): Promise<boolean>;
  close(): void;
}

export function createPrompter(ctx: CliContext): Prompter {
  let reader: Interface | undefined;
  const rl = () => {
    reader ??= createInterface({ input: ctx.stdin, output: writableOf(ctx), terminal: ctx.stderrIsTTY });
    return reader;
  };
  return {
    async ask(question, defaultValue) {
      const answer = (await rl().question(`${question} (${defaultValue}): `)).trim();
      return answer === "" ? defaultValue : answer;
    },
    async confirm(question) {
      const answer = (await rl().question(`${question} [y/N] `)).trim();
      return /^y(es)?$/i.test(answer);
    },
    close() {
      reader?.close();
    },
  };
}

/** Asks one yes/no question and closes the reader. */
export async function confirmOnce(ctx: CliContext, question: string): Promise<boolean> {
  const prompter = createPrompter(ctx);
  try {
    return await prompter.confirm(question);
  } finally {
    prompter.close();
  }
}

/** readline writes its prompt here: stderr, through the context (so tests capture it). */
function writableOf(ctx: CliContext): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
      ctx.writeStderr(String(chunk));
      done();
    },
  });
}
