/**
 * The Mercurios platform on a fresh in-memory local engine, built from the repository's own files:
 * mercurios.config.ts, every migration (the real migration runner) and every declaration in roles/,
 * monitors/ and views/ (the real apply, as `mercurios up` does). Tests load hand-made RAW rows and
 * run the real STANDARD refresh.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { applyChanges } from "../../src/api/apply.js";
import { migrateUp, projectFromEnvironment } from "../../src/api/migrate.js";
import { extensionContext, loadExtension } from "../../src/api/extensions.js";
import { loadEnvironment, type ResolvedEnvironment } from "../../src/config/index.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import { Catalog } from "../../src/engine/catalog/index.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/types.js";
import { templateContextFor } from "../../src/project/files.js";
import { renderTemplate } from "../../src/template/index.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Platform {
  engine: Engine;
  /** A session as the engine's default user (ACCOUNTADMIN), current database set. */
  driver: Driver;
  environment: ResolvedEnvironment;
  /** Rows of a query as objects keyed by column name (values as Snowflake displays them). */
  rows(sql: string, driver?: Driver): Promise<Record<string, string | null>[]>;
  /** Opens another session with the given role. */
  as(role: string): Promise<Driver>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** A clock the test drives: metering and CURRENT_TIMESTAMP()/CURRENT_DATE() follow it. */
  now?: () => number;
}

export async function openPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const environment = await loadEnvironment({ cwd: ROOT, env: "local" });
  const catalog = new Catalog({ defaultUser: "ADMIN", ...(options.now ? { now: options.now } : {}) });
  const engine = await openEngine({ path: ":memory:", catalog });
  const driver = await openLocalDriver(engine, {});
  await migrateUp({ project: projectFromEnvironment(environment), driver });
  // Declarations: warehouses, monitors, roles (incl. tenant roles), grants, policy, tasks and views.
  const applied = await applyChanges({ environment, driver });
  if (applied.failed) throw new Error(`apply step ${applied.failed.number} failed: ${applied.failed.error}`);
  await driver.execute(`USE DATABASE ${environment.database}`);
  const rows = async (sql: string, on: Driver = driver) => {
    const result = await on.execute(sql);
    return result.rows.map((row) =>
      Object.fromEntries(result.columns.map((c, i) => [c.name, row[i] ?? null])),
    );
  };
  const opened: Driver[] = [];
  return {
    engine,
    driver,
    environment,
    rows,
    async as(role: string) {
      const session = await openLocalDriver(engine, { session: { role, database: environment.database } });
      opened.push(session);
      return session;
    },
    async close() {
      for (const d of opened) await d.close();
      await driver.close();
      await engine.close();
    },
  };
}

/** Runs a fixture file (RAW inserts) of test/views/fixtures, then the STANDARD refresh. */
export async function loadFixture(platform: Platform, name: string): Promise<void> {
  const file = fileURLToPath(new URL(`../views/fixtures/${name}`, import.meta.url));
  const { splitStatements } = await import("../../src/engine/split/index.js");
  const context = templateContextFor(platform.environment, file);
  const text = renderTemplate(await readFile(file, "utf8"), file, context).sql;
  for (const statement of splitStatements(text)) await platform.driver.execute(statement.text);
  await refreshStandard(platform);
}

/** Runs the platform's STANDARD refresh (its seed module's MERGEs) once. */
export async function refreshStandard(platform: {
  driver: Driver;
  environment: ResolvedEnvironment;
}): Promise<void> {
  const module = (await loadExtension(platform.environment, "seed")) as unknown as {
    refreshStandard(context: Awaited<ReturnType<typeof extensionContext>>): Promise<unknown>;
  };
  await module.refreshStandard(await extensionContext(platform.environment, platform.driver));
}

/** Numbers as numbers, so `"190.00"` and `190` compare equal; other values unchanged. */
export function num(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
