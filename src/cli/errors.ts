/** The one place errors become text: MercuriosError's paragraph, the stack only with --debug. */
import { asMercuriosError } from "../errors/index.js";

/** Formats an error for stderr. Unknown errors become an INTERNAL MercuriosError with a hint. */
export function formatError(
  error: unknown,
  debug: boolean,
  colors: { red(s: string): string; dim(s: string): string },
): string {
  const failure = asMercuriosError(error);
  const lines = [`${colors.red("error")}${colors.dim(`[${failure.code}]`)}: ${failure.describe()}`];
  if (debug) {
    const stack = (error instanceof Error ? error.stack : undefined) ?? failure.stack;
    if (stack) lines.push(colors.dim(stack));
    let cause = (error as { cause?: unknown } | undefined)?.cause;
    while (cause instanceof Error) {
      lines.push(colors.dim(`caused by: ${cause.stack ?? cause.message}`));
      cause = (cause as { cause?: unknown }).cause;
    }
  }
  return lines.join("\n");
}
