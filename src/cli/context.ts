/**
 * What every command receives: the parsed global flags, output helpers and a lazy way to load the
 * project config and environment (so commands that don't need it, and `--help`, never pay for it).
 */
import type { Command } from "commander";
import type { ResolvedEnvironment } from "../config/index.js";
import { resolveLocalDb } from "../config/local-db.js";
import { createOutput, type Output } from "./output.js";

/** The global flags, as every command sees them. */
export interface GlobalOptions {
  /** `--env NAME` (or MERCURIOS_ENV); undefined means the config's default (`local`). */
  env: string | undefined;
  /** `--config PATH`. */
  config: string | undefined;
  /** markdown and junit are drift report formats; other commands print text for them. */
  format: "text" | "json" | "markdown" | "junit";
  debug: boolean;
  /** False with `--no-color`, NO_COLOR, or when stdout is not a terminal. */
  color: boolean;
  /** `--var key=value`, in the order given. */
  var: string[];
  /** `--local-db PATH` (or MERCURIOS_LOCAL_DB), absolute; undefined means the config's default. */
  localDb: string | undefined;
}

/** Shared state of one CLI run. */
export interface CliContext {
  /** Global flags; valid once parsing has started (inside an action). */
  readonly globals: GlobalOptions;
  /** Where commands print. Text goes through `out`, diagnostics through `err`. */
  readonly output: Output;
  /** Working directory of the run. */
  readonly cwd: string;
  /** Exit code the run ends with (set 2 for "changes or drift found"). Errors set 1 themselves. */
  exitCode: number;
  /** Loads mercurios.config.ts and resolves the selected environment (once; later calls reuse it). */
  loadEnvironment(): Promise<ResolvedEnvironment>;
  /** Secret values known so far; the CLI masks them in everything it prints, errors included. */
  readonly secrets: string[];
  /** The process environment of the run (CI, NO_COLOR, …). */
  readonly env: NodeJS.ProcessEnv;
  /** Where questions are read from. */
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Whether questions may be asked: stdin and stderr are terminals (CliIo.interactive overrides). */
  readonly interactive: boolean;
  /** Whether stderr is a terminal (progress draws a live line there). */
  readonly stderrIsTTY: boolean;
  /** The terminal width of stderr, when it is one. */
  readonly stderrColumns: number | undefined;
  /** Raw writes to stderr (progress lines that rewrite themselves); text is not masked here. */
  writeStderr(chunk: string): void;
}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Standard input (questions on a terminal); default process.stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Forces whether questions are asked (tests); default: stdin and stderr are terminals. */
  interactive?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Reads the global flags from the root program (commander parses them before or after the command). */
export function readGlobals(program: Command, io: CliIo): GlobalOptions {
  const opts = program.opts<{
    env?: string;
    config?: string;
    format?: "text" | "json" | "markdown" | "junit";
    debug?: boolean;
    color?: boolean;
    var?: string[];
    localDb?: string;
  }>();
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "";
  return {
    env: opts.env,
    config: opts.config,
    format: opts.format ?? "text",
    debug: opts.debug === true,
    color: opts.color !== false && !noColorEnv && io.stdout.isTTY === true,
    var: opts.var ?? [],
    localDb: opts.localDb ? resolveLocalDb(io.cwd, opts.localDb) : undefined,
  };
}

/** Creates the context; `globals` is filled in by main once commander has parsed the flags. */
export function createContext(program: Command, io: CliIo): CliContext {
  let cached: Promise<ResolvedEnvironment> | undefined;
  const secrets: string[] = [];
  const ctx: CliContext = {
    get globals() {
      return readGlobals(program, io);
    },
    get output() {
      return createOutput(io, ctx.globals.color, secrets);
    },
    cwd: io.cwd,
    exitCode: 0,
    secrets,
    env: io.env,
    stdin: io.stdin ?? process.stdin,
    interactive: io.interactive ?? ((io.stdin ?? process.stdin).isTTY === true && io.stderr.isTTY === true),
    stderrIsTTY: io.stderr.isTTY === true,
    stderrColumns: io.stderr.isTTY ? (io.stderr as { columns?: number }).columns : undefined,
    writeStderr: (chunk) => io.stderr.write(chunk),
    loadEnvironment() {
      cached ??= (async () => {
        const { loadConfig, parseVarAssignments, resolveEnvironment } = await import("../config/index.js");
        const globals = ctx.globals;
        const vars = parseVarAssignments(globals.var);
        const loaded = await loadConfig({
          cwd: io.cwd,
          ...(globals.config ? { configPath: globals.config } : {}),
        });
        const environment = resolveEnvironment(loaded, {
          ...(globals.env ? { env: globals.env } : {}),
          vars,
          processEnv: io.env,
          ...(globals.localDb ? { localDb: globals.localDb } : {}),
        });
        secrets.push(...environment.secrets);
        return environment;
      })();
      return cached;
    },
  };
  return ctx;
}
