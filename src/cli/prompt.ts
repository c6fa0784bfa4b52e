/**
 * Questions on a terminal (node:readline, no dependency): a value with a default, and yes/no.
 * Asked on stderr so that stdout stays the command's output. Commands ask only when
 * `ctx.interactive`; elsewhere they take flags and defaults, or refuse (`--yes` is needed).
 */
import { createInterface, type Interface } from "node:readline";
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
  // Lines are queued as they arrive, so that answers typed (or pasted) ahead are not lost.
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  let reader: Interface | undefined;
  const start = () => {
    if (reader) return;
    reader = createInterface({ input: ctx.stdin, terminal: false });
    reader.on("line", (line) => {
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    });
    reader.on("close", () => {
      ended = true;
      for (const next of waiting.splice(0)) next(undefined);
    });
  };
  const question = (text: string): Promise<string> => {
    start();
    ctx.writeStderr(text);
    if (lines.length > 0) return Promise.resolve(lines.shift()!);
    // Input closed before an answer (Ctrl-D): the empty answer, i.e. the default or "no".
    if (ended) return Promise.resolve("");
    return new Promise((resolve) => waiting.push((line) => resolve(line ?? "")));
  };
  return {
    async ask(text, defaultValue) {
      const answer = (await question(`${text} (${defaultValue}): `)).trim();
      return answer === "" ? defaultValue : answer;
    },
    async confirm(text) {
      const answer = (await question(`${text} [y/N] `)).trim();
      return /^y(es)?$/i.test(answer);
    },
    close() {
      reader?.close();
    },
  };
}

/** Asks one yes/no question and closes the reader. */
export async function confirmOnce(ctx: CliContext, text: string): Promise<boolean> {
  const prompter = createPrompter(ctx);
  try {
    return await prompter.confirm(text);
  } finally {
    prompter.close();
  }
}
