/** Printing for commands: plain or coloured text, JSON, and secret masking on everything written. */
import pc from "picocolors";
import type { CliIo } from "./context.js";

type Colors = ReturnType<typeof pc.createColors>;

export interface Output {
  /** Colour functions (identity when colour is off). */
  readonly colors: Colors;
  /** Writes a line (or lines) to stdout, secrets masked. */
  line(text?: string): void;
  /** Writes `value` as pretty JSON to stdout, secrets masked. */
  json(value: unknown): void;
  /** Writes a line to stderr, secrets masked. */
  error(text: string): void;
  /** Masks known secret values in `text`. */
  mask(text: string): string;
  /** The terminal's width in characters when stdout is a terminal; undefined for pipes and files. */
  readonly width: number | undefined;
}

const MASK = "********";

/** Masks secret values; a tiny copy of template/maskSecrets so that printing needs no template module. */
function mask(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(secret.replace(/\\/g, "\\\\").replace(/'/g, "''"));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  if (forms.size === 0) return text;
  // In any letter case: Snowflake upper-cases an unquoted name in its errors.
  const escaped = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return text.replace(new RegExp(escaped.join("|"), "gi"), MASK);
}

export function createOutput(io: CliIo, color: boolean, secrets: readonly string[]): Output {
  const colors = pc.createColors(color);
  return {
    colors,
    line: (text = "") => io.stdout.write(`${mask(text, secrets)}\n`),
    json: (value) => io.stdout.write(`${mask(JSON.stringify(value, null, 2), secrets)}\n`),
    error: (text) => io.stderr.write(`${mask(text, secrets)}\n`),
    mask: (text) => mask(text, secrets),
    width: io.stdout.isTTY ? (io.stdout as { columns?: number }).columns : undefined,
  };
}

/** `1 step`, `2 steps`; `plural(n, "step was", "steps were")` for irregular forms. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
