/**
 * Engine files that cannot be opened each get their own error at once: corrupt, not a DuckDB file,
 * a directory, unreadable, read-only. Only a file another process really holds waits, and then the
 * error names the holder (its pid, and `mercurios local serve` when that is what holds it).
 * Permissions are tried by a process that is not root (root may read and write any file).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, openSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineFileError } from "../../src/engine/errors.js";
import { openEngine } from "../../src/engine/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/mercurios.js");
const DIST_ENGINE = path.join(ROOT, "dist/engine/index.js");
const scratch = mkdtempSync(path.join(tmpdir(), "mercurios-files-"));
chmodSync(scratch, 0o777);
const children: ChildProcess[] = [];
/** Ten minutes: a test that finishes proves the open did not wait for the lock. */
const LONG_WAIT = 600_000;

beforeAll(() => {
  // The other processes (another user, `local serve`, a plain holder) run the built engine.
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "ignore" });
}, 600_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** A real engine file with a table in it. */
async function engineFile(name: string): Promise<string> {
  const file = path.join(scratch, name);
  const engine = await openEngine({ path: file });
  const session = await engine.openSession();
  await session.execute("CREATE DATABASE D");
  await session.execute(
    "CREATE TABLE D.PUBLIC.T AS SELECT SEQ4() AS N FROM TABLE(GENERATOR(ROWCOUNT => 50000))",
  );
  await engine.close();
  return file;
}

async function openError(file: string, lockWaitMs = LONG_WAIT): Promise<EngineFileError> {
  try {
    const engine = await openEngine({ path: file, lockWaitMs });
    await engine.close();
  } catch (error) {
    if (error instanceof EngineFileError) return error;
    throw error;
  }
  throw new Error(`${file} opened`);
}

/** Opens `file` in a process that is not root (uid 65534) and returns what it reports. */
function openAsOtherUser(file: string): { problem?: string; message: string } {
  const script = `import(${JSON.stringify(DIST_ENGINE)}).then((m) => m.openEngine({ path: ${JSON.stringify(file)}, lockWaitMs: ${LONG_WAIT} })).then(async (e) => { await e.close(); console.log(JSON.stringify({ message: "opened" })); }, (e) => console.log(JSON.stringify({ problem: e.problem, message: e.message })));`;
  const asRoot = process.getuid?.() === 0;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    env: { ...process.env, HOME: scratch },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as { problem?: string; message: string };
}

describe("an engine file with a problem of its own is told at once", () => {
  it("a corrupt file (a block that fails DuckDB's checksum) is corrupt, not 'in use'", async () => {
    const file = await engineFile("corrupt.duckdb");
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 8192);
    closeSync(fd);
    const error = await openError(file);
    expect(error.problem).toBe("corrupt");
    expect(error.message).toBe(
      `Local engine file is corrupt: '${file}' fails DuckDB's checksum. Restore it from a copy, or delete it and rebuild it with \`mercurios up\`.`,
    );
  });

  it("a file that is not DuckDB's, and a directory", async () => {
    const garbage = path.join(scratch, "notes.duckdb");
    writeFileSync(garbage, "not a database\n".repeat(400));
    expect((await openError(garbage)).problem).toBe("not-duckdb");
    const dir = path.join(scratch, "folder.duckdb");
    mkdirSync(dir);
    expect((await openError(dir)).problem).toBe("directory");
  });

  describe("permissions, tried by a user that is not root", () => {
    it("an unreadable file, a read-only file and a file in a read-only folder", async () => {
      const unreadable = await engineFile("unreadable.duckdb");
      chmodSync(unreadable, 0o000);
      expect(openAsOtherUser(unreadable)).toEqual({
        problem: "unreadable",
        message: `Local engine file cannot be read: '${unreadable}' (permission denied). Give this user read and write access to it.`,
      });
      const readOnly = await engineFile("read-only.duckdb");
      chmodSync(readOnly, 0o444);
      expect(openAsOtherUser(readOnly).problem).toBe("read-only");
      const folder = path.join(scratch, "ro-folder");
      mkdirSync(folder, { mode: 0o777 });
      const inFolder = await engineFile("ro-folder/engine.duckdb");
      chmodSync(inFolder, 0o666);
      chmodSync(folder, 0o555);
      expect(openAsOtherUser(inFolder)).toMatchObject({
        problem: "read-only",
        message: expect.stringContaining(`Local engine file is read-only: '${inFolder}'`),
      });
      // The same files open for a user that may read and write them.
      chmodSync(folder, 0o777);
      chmodSync(inFolder, 0o666);
      expect(openAsOtherUser(inFolder)).toEqual({ message: "opened" });
    }, 120_000);
  });
});

describe("a file another process holds", () => {
  it("held by `mercurios local serve`: told at once, naming it and its pid", async () => {
    const file = await engineFile("served.duckdb");
    const child = spawn(process.execPath, [BIN, "local", "serve", "--port", "0", "--local-db", file], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("listening on")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`local serve exited with ${code}`)));
    });
    const error = await openError(file);
    expect(error.problem).toBe("in-use");
    expect(error.message).toBe(
      `Local engine file in use: '${file}' is held by \`mercurios local serve\` (pid ${child.pid}). Stop it, or point --local-db at another file.`,
    );
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  }, 120_000);

  it("held by another process without a note: waits for it, then names its pid", async () => {
    const file = await engineFile("held.duckdb");
    const script = `import(${JSON.stringify(DIST_ENGINE)}).then((m) => m.openEngine({ path: ${JSON.stringify(file)} })).then(() => { console.log("open"); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script]);
    children.push(child);
    await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
    const error = await openError(file, 300);
    expect(error.problem).toBe("in-use");
    expect(error.message).toContain(`Local engine file in use: '${file}' is held by process ${child.pid}`);
    child.kill("SIGKILL");
  }, 120_000);
});
