/**
 * Opens the DuckDB file behind an engine and creates the engine's metadata tables.
 * DuckDB takes an exclusive lock on a file; a second process waits for it (serialising short
 * commands such as `mercurios sql`) and then fails with a clear "engine file in use" error.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "./duckdb.js";
import { type EngineFileError, engineFileError, sfErrors } from "./errors.js";
import { InstallStamps } from "./install-stamp.js";
import { METADATA_DDL } from "./metadata.js";

export interface OpenedStorage {
  instance: DuckDBInstance;
  /** The engine's own connection: metadata reads and writes outside sessions. */
  connection: DuckDBConnection;
  path: string;
  /** What the file already holds of the engine's install (metadata tables, macros, views). */
  stamps: InstallStamps;
}

/**
 * The storage format a new engine file is written in. The date/time functions are DuckDB macros
 * with typed overloads (docs/decisions/007-timestamp-tz-storage.md), which DuckDB stores only in
 * files of format v1.4.0 or later; its default for new files is an older one. A file that already
 * exists keeps its format (see isOldStorageFormatError).
 */
const STORAGE_VERSION = "v1.4.0";

/** DuckDB's refusal to create a typed macro in a file of an older storage format. */
export function isOldStorageFormatError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Typed macro parameters are only supported for storage versions/i.test(text);
}

/**
 * DuckDB's own wall behind the engine's (only Snowflake SQL reaches DuckDB): no file, network or
 * extension access from SQL. The engine file itself, its WAL and DuckDB's spill directory stay
 * open to DuckDB. The engine never reads files through SQL (scripts, seeds and fixtures are read
 * by Node and sent as statements), so nothing of the engine needs more.
 */
export const DUCKDB_CONFIG: Record<string, string> = {
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  allow_community_extensions: "false",
};

/** How long a second process waits for the file lock before giving up. */
const DEFAULT_LOCK_WAIT_MS = 60_000;

/** DuckDB's words for a file another process holds (never just "lock": "block" contains it). */
const LOCKED = /Could not set lock on file|Conflicting lock is held|database is locked/i;

/**
 * Errors that mean another process holds or is just releasing the file. Besides the lock itself,
 * a process that closes the file checkpoints and deletes its `.wal`; one opening at that moment can
 * find the WAL gone ("No such file or directory"), which a retry resolves.
 */
export function isTransientOpenError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return LOCKED.test(text) || /No such file or directory/i.test(text);
}

/**
 * An engine file that cannot be opened for a reason of its own, told at once: a corrupt file, one
 * that is not DuckDB's, a directory, one the process may not read or may not write.
 */
export function fileProblem(error: unknown, filePath: string): EngineFileError | null {
  const text = error instanceof Error ? error.message : String(error);
  const detail = text.split("\n")[0] ?? text;
  if (/Corrupt database file|computed checksum/i.test(text))
    return engineFileError("corrupt", filePath, detail);
  if (/not a valid DuckDB database file/i.test(text)) return engineFileError("not-duckdb", filePath, detail);
  if (/Is a directory/i.test(text)) return engineFileError("directory", filePath, detail);
  if (/Permission denied|Read-only file system|EACCES|EROFS/i.test(text)) {
    let readable = true;
    try {
      accessSync(filePath, constants.R_OK);
    } catch {
      readable = !existsSync(filePath);
    }
    return engineFileError(readable ? "read-only" : "unreadable", filePath, detail);
  }
  return null;
}

/**
 * An existing engine file this process may not read, or may not write (the engine writes the file
 * and a `.wal` beside it on every change): refused before DuckDB opens it, with its own message.
 */
function checkAccess(filePath: string): void {
  if (!existsSync(filePath)) return;
  try {
    accessSync(filePath, constants.R_OK);
  } catch {
    throw engineFileError("unreadable", filePath);
  }
  try {
    accessSync(filePath, constants.W_OK);
    accessSync(dirname(filePath), constants.W_OK);
  } catch {
    throw engineFileError("read-only", filePath);
  }
}

/** Who holds a locked file, from DuckDB's message (`… held in /usr/bin/node (PID 123) …`). */
export function lockHolder(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const pid = /\(PID (\d+)\)/.exec(text)?.[1];
  if (pid === undefined) return undefined;
  let command = "";
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    // Not Linux, or the process is gone: the pid alone still helps.
  }
  if (/\blocal\s+serve\b/.test(command)) return `\`mercurios local serve\` (pid ${pid})`;
  if (/\bmercurios(\.js)?\s+dev\b/.test(command)) return `\`mercurios dev\` (pid ${pid})`;
  return command === "" ? `process ${pid}` : `process ${pid} (${command.slice(0, 120)})`;
}

export async function openStorage(path: string, lockWaitMs = DEFAULT_LOCK_WAIT_MS): Promise<OpenedStorage> {
  const inMemory = path === ":memory:";
  const filePath = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });
  if (!inMemory) checkAccess(filePath);
  const started = Date.now();
  let delay = 25;
  for (;;) {
    try {
      const instance = await DuckDBInstance.create(filePath, {
        ...DUCKDB_CONFIG,
        storage_compatibility_version: STORAGE_VERSION,
      });
      const connection = await instance.connect();
      const stamps = await InstallStamps.read(connection, filePath);
      await stamps.runOnce("metadata", METADATA_DDL);
      return { instance, connection, path: filePath, stamps };
    } catch (error) {
      if (inMemory) throw error;
      const problem = fileProblem(error, filePath);
      if (problem) throw problem;
      if (!isTransientOpenError(error)) throw error;
      // A long-lived holder (`mercurios dev`, `local serve`) does not let go: say who it is now.
      const holder = liveHolder(filePath);
      if (holder) throw sfErrors.engineFileInUse(filePath, holder);
      if (Date.now() - started >= lockWaitMs) throw sfErrors.engineFileInUse(filePath, lockHolder(error));
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 250);
    }
  }
}

/**
 * `<file>.holder`: a note a process that keeps an engine file open for long (e.g. `mercurios dev`)
 * leaves beside it, so that another process finds out at once who holds the file.
 */
const holderPath = (filePath: string) => `${filePath}.holder`;

/** Leaves the note (JSON: pid, who); removed by removeHolder when the engine closes. */
export function writeHolder(filePath: string, holder: string): void {
  writeFileSync(holderPath(filePath), JSON.stringify({ pid: process.pid, holder }));
}

/** Removes this process's note (another process's note is left alone). */
export function removeHolder(filePath: string): void {
  try {
    const note = JSON.parse(readFileSync(holderPath(filePath), "utf8")) as { pid?: number };
    if (note.pid === process.pid) unlinkSync(holderPath(filePath));
  } catch {
    // No note, or unreadable: nothing of ours to remove.
  }
}

/** `mercurios dev (pid 123)` when another live process left a note; a crashed holder's note is ignored. */
function liveHolder(filePath: string): string | undefined {
  try {
    const note = JSON.parse(readFileSync(holderPath(filePath), "utf8")) as { pid?: number; holder?: string };
    if (typeof note.pid !== "number" || note.pid === process.pid) return undefined;
    process.kill(note.pid, 0);
    return `${note.holder ?? "another process"} (pid ${note.pid})`;
  } catch {
    return undefined;
  }
}
