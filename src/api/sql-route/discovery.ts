/**
 * `<engine file>.endpoint`: where the process holding an engine file (`mercurios dev`, `local serve`)
 * answers `mercurios sql` for it (docs/decisions/019). JSON `{ version, pid, port, token }`, mode 0600.
 *
 * A reader trusts a note only when it is a regular file (not a link) owned by the reading user,
 * readable and writable by nobody else, and its process is alive: a note another local user could
 * have written or read would send them the statements, or let them answer in the holder's place.
 * Anything else is no holder: the caller opens the file itself, as without this note. Nothing here
 * ever puts the note's content (its token) into an error.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";

/** The note's format; a reader ignores other versions. */
export const DISCOVERY_VERSION = 1;

export interface EndpointNote {
  version: number;
  pid: number;
  port: number;
  token: string;
}

export const discoveryPath = (engineFile: string): string => `${engineFile}.endpoint`;

/** A token nobody can guess: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString("hex");
}

/**
 * What the holder answers to a caller's nonce before the caller sends anything: proof that it knows
 * the note's token, without revealing it. A process that took a dead holder's port cannot give it.
 */
export function tokenProof(token: string, nonce: string): string {
  return createHmac("sha256", token).update(`mercurios-sql-route:${nonce}`).digest("hex");
}

/** Writes this process's note (mode 0600, replaced in one rename so no reader sees half of it). */
export function writeEndpointNote(engineFile: string, port: number, token: string): void {
  const target = discoveryPath(engineFile);
  const temporary = `${target}.${process.pid}.tmp`;
  const note: EndpointNote = { version: DISCOVERY_VERSION, pid: process.pid, port, token };
  try {
    unlinkSync(temporary);
  } catch {
    // None left over: the usual case.
  }
  // `wx`: never write through a file (or link) someone else put at the temporary name.
  writeFileSync(temporary, JSON.stringify(note), { mode: 0o600, flag: "wx" });
  renameSync(temporary, target);
}

/** Removes the note when it is this process's (another holder's note is left alone). */
export function removeEndpointNote(engineFile: string): void {
  const note = readNote(discoveryPath(engineFile), currentUid());
  if (note?.pid !== process.pid) return;
  try {
    unlinkSync(discoveryPath(engineFile));
  } catch {
    // Already gone.
  }
}

/**
 * The live holder's note for an engine file, or undefined (no note, not trusted, unreadable,
 * malformed, or its process is gone). `uid` is the user the note must belong to (this process's).
 */
export function liveEndpoint(engineFile: string, uid = currentUid()): EndpointNote | undefined {
  const note = readNote(discoveryPath(engineFile), uid);
  if (note === undefined || note.pid === process.pid || !isAlive(note.pid)) return undefined;
  return note;
}

function currentUid(): number | undefined {
  return typeof process.getuid === "function" ? process.getuid() : undefined;
}

function readNote(file: string, uid: number | undefined): EndpointNote | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || (stat.mode & 0o077) !== 0) return undefined;
    if (uid !== undefined && stat.uid !== uid) return undefined;
    return parseNote(readFileSync(fd, "utf8"));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function parseNote(text: string): EndpointNote | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { version, pid, port, token } = value as Record<string, unknown>;
  if (version !== DISCOVERY_VERSION) return undefined;
  if (!Number.isInteger(pid) || (pid as number) <= 0) return undefined;
  if (!Number.isInteger(port) || (port as number) <= 0 || (port as number) > 65_535) return undefined;
  if (typeof token !== "string" || !/^[0-9a-f]{64}$/.test(token)) return undefined;
  return { version, pid: pid as number, port: port as number, token };
}

/** True while the process exists and this user may signal it (a reused pid of another user's is not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
