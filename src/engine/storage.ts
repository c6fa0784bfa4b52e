/**
 * Opens the DuckDB file behind an engine and creates the engine's metadata tables.
 * DuckDB takes an exclusive lock on a file; a second process waits for it (serialising short
 * commands such as `mercurios sql`) and then fails with a clear "engine file in use" error.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { sfErrors } from "./errors.js";
import { METADATA_DDL } from "./metadata.js";

export interface OpenedStorage {
  instance: DuckDBInstance;
  /** The engine's own connection: metadata reads and writes outside sessions. */
  connection: DuckDBConnection;
  path: string;
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

/**
 * Errors that mean another process holds or is just releasing the file. Besides the lock itself,
 * a process that closes the file checkpoints and deletes its `.wal`; one opening at that moment can
 * find the WAL gone ("No such file or directory"), which a retry resolves.
 */
export function isTransientOpenError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /lock|in use|Conflicting|No such file or directory/i.test(text);
}

export async function openStorage(path: string, lockWaitMs = DEFAULT_LOCK_WAIT_MS): Promise<OpenedStorage> {
  const inMemory = path === ":memory:";
  const filePath = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });
  const started = Date.now();
  let delay = 25;
  for (;;) {
    try {
      const instance = await DuckDBInstance.create(filePath, DUCKDB_CONFIG);
      const connection = await instance.connect();
      for (const ddl of METADATA_DDL) await connection.run(ddl);
      return { instance, connection, path: filePath };
    } catch (error) {
      if (inMemory || !isTransientOpenError(error)) throw error;
      // A long-lived holder (`mercurios dev`) does not let go: say who it is now, not after the wait.
      const holder = liveHolder(filePath);
      if (holder) throw sfErrors.engineFileInUse(filePath, holder);
      if (Date.now() - started >= lockWaitMs) throw sfErrors.engineFileInUse(filePath);
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
