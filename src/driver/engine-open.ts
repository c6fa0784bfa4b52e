/**
 * Opens the local engine for a toolkit command, turning the engine's file errors into the toolkit's
 * (a corrupt, unreadable, read-only or held file each has its own code and says what to do), so a
 * command never reports them as an internal error.
 */
import { EngineFileError } from "../engine/errors.js";
import type { Engine } from "../engine/types.js";
import { DriverError, type ErrorCode } from "../errors/index.js";

const CODES: Record<EngineFileError["problem"], ErrorCode> = {
  corrupt: "LOCAL_ENGINE_CORRUPT",
  "not-duckdb": "LOCAL_ENGINE_NOT_AN_ENGINE_FILE",
  directory: "LOCAL_ENGINE_NOT_AN_ENGINE_FILE",
  "read-only": "LOCAL_ENGINE_READ_ONLY",
  unreadable: "LOCAL_ENGINE_UNREADABLE",
  "in-use": "LOCAL_ENGINE_IN_USE",
};

/** The toolkit's error for an engine that could not be opened, or the error itself when it is not one. */
export function engineOpenError(error: unknown, path: string): unknown {
  if (!(error instanceof EngineFileError)) return error;
  return new DriverError(CODES[error.problem], error.message, {
    location: { file: path },
    sqlCode: error.code,
    sqlState: error.sqlState,
    cause: error,
  });
}

export interface OpenLocalEngineOptions {
  /** Who holds the file while open, for long-lived holders (`mercurios local serve`). */
  holder?: string;
  /** Secret values every session masks. */
  secrets?: readonly string[];
}

/** `openEngine` with the toolkit's errors. */
export async function openLocalEngine(path: string, options: OpenLocalEngineOptions = {}): Promise<Engine> {
  const { openEngine } = await import("../engine/index.js");
  try {
    return await openEngine({
      path,
      ...(options.holder === undefined ? {} : { holder: options.holder }),
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    });
  } catch (error) {
    throw engineOpenError(error, path);
  }
}

/**
 * Creates the folder of an engine file. A path that runs through a file (`config.ts/engine.duckdb`)
 * or a folder this user may not write is the engine file's problem, named, not a crash.
 */
export async function makeEngineFolder(path: string): Promise<void> {
  const { mkdir } = await import("node:fs/promises");
  const { dirname } = await import("node:path");
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = code === "EEXIST" || code === "ENOTDIR" ? "part of its path is a file, not a folder" : code;
    throw new DriverError(
      "LOCAL_ENGINE_OPEN",
      `cannot create the folder of the local engine file '${path}': ${why}`,
      {
        location: { file: path },
        hint: "Pass --local-db (or localDb in the config) a path in a folder you can write.",
        cause: error,
      },
    );
  }
}
