/** Test helpers: a fixture project copied to a temp dir, and the local engine opened on it. */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type MigrationProject, projectFromEnvironment } from "../../src/api/migrate.js";
import { loadEnvironment } from "../../src/config/index.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import { openEngine } from "../../src/engine/index.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/migrations");

/** Copies a fixture project into a fresh temp dir; returns its root. */
export async function copyFixture(name: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `mercurios-${name}-`));
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The shop project in one environment, with `--var` style overrides. */
export async function shopProject(
  root: string,
  env = "local",
  vars: Record<string, string> = {},
  processEnv: NodeJS.ProcessEnv = { SHOP_LOADER_PASSWORD: "s3cr3t-Loader!" },
): Promise<MigrationProject> {
  const environment = await loadEnvironment({ cwd: root, env, vars, processEnv });
  return projectFromEnvironment(environment, processEnv);
}

/** The local engine on the project's file, behind the local driver. */
export async function localDriver(project: MigrationProject): Promise<Driver> {
  const engine = await openEngine({ path: project.localDb! });
  return openLocalDriver(engine, { ownsEngine: true, secrets: project.secrets });
}

/** Rows of a query as display strings. */
export async function query(driver: Driver, sql: string): Promise<(string | null)[][]> {
  return (await driver.execute(sql)).rows;
}
