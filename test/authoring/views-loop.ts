/**
 * The views-loop fixture after `mercurios up`, for the views tests (list, diff, sync, preview): `up` runs once into a
 * template directory; each test works on its own copy (the engine file included).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { upEnvironment } from "../../src/api/up.js";
import { loadEnvironment, type ResolvedEnvironment } from "../../src/config/index.js";
import { displayValue, type Engine, openEngine } from "../../src/engine/index.js";

export const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

/** Copies the fixture and runs `up` on its local engine; returns the directory. */
export async function upTemplate(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-views-up-"));
  await cp(fixture, dir, { recursive: true });
  // An engine file left in the fixture by a manual run must not leak into the template.
  await rm(path.join(dir, ".mercurios"), { recursive: true, force: true });
  const environment = await loadEnvironment({ cwd: dir, env: "local" });
  const result = await upEnvironment({ environment });
  if (result.apply.failed) throw new Error(`up failed in ${dir}`);
  return dir;
}

/** A fresh copy of the template (project files and engine file). */
export async function copyProject(template: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-views-"));
  await cp(template, dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export function environmentOf(dir: string): Promise<ResolvedEnvironment> {
  return loadEnvironment({ cwd: dir, env: "local" });
}

/** Replaces `from` with `to` in a project file (it must occur). */
export async function editFile(dir: string, file: string, from: string, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(full, text.replace(from, to));
}

/** Rows of a query as `mercurios sql` displays them, in a session with `role`. */
export async function rowsAs(engine: Engine, role: string, sql: string): Promise<(string | null)[][]> {
  const session = await engine.openSession({ role });
  try {
    const result = await session.execute(sql);
    return result.rows.map((row) =>
      row.map((cell, i) => displayValue(cell, result.columns[i] ?? { type: "text", scale: null })),
    );
  } finally {
    await session.close();
  }
}

export { openEngine };

/** The error `promise` rejects with, checked to be an instance of `type`; fails the test if it resolves. */
export async function rejection<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
