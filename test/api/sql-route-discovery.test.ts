/**
 * The discovery note of a routed `mercurios sql` (src/api/sql-route/discovery.ts, decision 019): a
 * reader trusts only a regular file of its own user, closed to everyone else, of a live process.
 * Real files, a real second process for the live pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  discoveryPath,
  liveEndpoint,
  newToken,
  removeEndpointNote,
  writeEndpointNote,
} from "../../src/api/sql-route/discovery.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-discovery-"));
let other: ChildProcess;

beforeAll(async () => {
  // A live process that is not this one: a note's pid must be alive and must not be the reader.
  other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
  await new Promise((resolve) => other.once("spawn", resolve));
});

afterAll(() => {
  other.kill();
  rmSync(dir, { recursive: true, force: true });
});

const token = newToken();
/** Writes a note as a holder would, with the given fields over a valid note of the other process. */
function note(name: string, fields: Record<string, unknown> = {}, mode = 0o600): string {
  const engine = path.join(dir, name);
  const body = { version: 1, pid: other.pid, port: 4321, token, ...fields };
  writeFileSync(discoveryPath(engine), JSON.stringify(body), { mode });
  chmodSync(discoveryPath(engine), mode);
  return engine;
}

describe("liveEndpoint", () => {
  it("trusts a note of this user's live process, closed to others", () => {
    expect(liveEndpoint(note("good.duckdb"))).toEqual({ version: 1, pid: other.pid, port: 4321, token });
  });

  it("ignores a note owned by another user", () => {
    const engine = note("owned.duckdb");
    const owner = statSync(discoveryPath(engine)).uid;
    expect(liveEndpoint(engine, owner)).toBeDefined();
    expect(liveEndpoint(engine, owner + 1)).toBeUndefined();
  });

  it("ignores a note others may read or write", () => {
    expect(liveEndpoint(note("group.duckdb", {}, 0o640))).toBeUndefined();
    expect(liveEndpoint(note("world.duckdb", {}, 0o602))).toBeUndefined();
  });

  it("ignores a link to a trusted note (someone else's link could point anywhere)", () => {
    const target = note("target.duckdb");
    const linked = path.join(dir, "linked.duckdb");
    symlinkSync(discoveryPath(target), discoveryPath(linked));
    expect(liveEndpoint(linked)).toBeUndefined();
  });

  it("ignores malformed notes, other versions and this process's own note", () => {
    expect(liveEndpoint(note("version.duckdb", { version: 2 }))).toBeUndefined();
    expect(liveEndpoint(note("port.duckdb", { port: 70_000 }))).toBeUndefined();
    expect(liveEndpoint(note("token.duckdb", { token: "short" }))).toBeUndefined();
    expect(liveEndpoint(note("self.duckdb", { pid: process.pid }))).toBeUndefined();
    expect(liveEndpoint(path.join(dir, "none.duckdb"))).toBeUndefined();
  });

  it("ignores a note whose process is gone", async () => {
    const gone = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    const pid = gone.pid;
    await new Promise((resolve) => gone.once("exit", resolve));
    expect(liveEndpoint(note("stale.duckdb", { pid }))).toBeUndefined();
  });
});

describe("writeEndpointNote / removeEndpointNote", () => {
  it("writes this process's note with mode 0600 and removes only its own", () => {
    const engine = path.join(dir, "mine.duckdb");
    writeEndpointNote(engine, 5555, token);
    expect(statSync(discoveryPath(engine)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(discoveryPath(engine), "utf8"))).toEqual({
      version: 1,
      pid: process.pid,
      port: 5555,
      token,
    });
    removeEndpointNote(engine);
    expect(existsSync(discoveryPath(engine))).toBe(false);

    const theirs = note("theirs.duckdb");
    removeEndpointNote(theirs);
    expect(existsSync(discoveryPath(theirs))).toBe(true);
  });
});
