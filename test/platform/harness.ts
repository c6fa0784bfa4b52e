/**
 * The Mercurios platform on a fresh in-memory local engine, built from the repository's own files:
 * mercurios.config.ts, every migration (run by the real migration runner) and the ANALYTICS views
 * rendered from views/. Tests load hand-made RAW rows and run the real STANDARD refresh.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateUp, projectFromEnvironment } from "../../src/api/migrate.js";
import { refreshStandard } from "../../src/api/seed.js";
import { loadEnvironment, type ResolvedEnvironment } from "../../src/config/index.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import { openEngine } from "../../src/engine/index.js";
import type { Engine } from "../../src/engine/types.js";
import { templateContextFor } from "../../src/project/files.js";
import { renderTemplate } from "../../src/template/index.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const VIEWS_DIR = path.join(ROOT, "views", "ANALYTICS");

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

/**
 * Snowflake's ACCOUNT_USAGE metering view, as a plain table with the real column names, when the
 * engine does not provide it: the cost views (ADMIN/R__cost_views.sql) compile against it.
 */
async function ensureAccountUsage(driver: Driver): Promise<void> {
  try {
    await driver.execute("SELECT START_TIME FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY LIMIT 0");
  } catch {
    await driver.execute("CREATE DATABASE IF NOT EXISTS SNOWFLAKE");
    await driver.execute("CREATE SCHEMA IF NOT EXISTS SNOWFLAKE.ACCOUNT_USAGE");
    await driver.execute(
      `CREATE TABLE IF NOT EXISTS SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY (
        START_TIME TIMESTAMP_LTZ, END_TIME TIMESTAMP_LTZ, WAREHOUSE_ID NUMBER, WAREHOUSE_NAME VARCHAR,
        CREDITS_USED NUMBER(38, 9), CREDITS_USED_COMPUTE NUMBER(38, 9), CREDITS_USED_CLOUD_SERVICES NUMBER(38, 9))`,
    );
  }
}

/** Renders every views/ANALYTICS/*.sql for the environment and creates the view. */
export async function createAnalyticsViews(
  driver: Driver,
  environment: ResolvedEnvironment,
): Promise<string[]> {
  const names = (await readdir(VIEWS_DIR)).filter((f) => f.endsWith(".sql")).sort();
  for (const name of names) {
    const file = path.join(VIEWS_DIR, name);
    const sql = renderTemplate(await readFile(file, "utf8"), file, templateContextFor(environment, file)).sql;
    const view = `${environment.database}.ANALYTICS.${name.replace(/\.sql$/, "")}`;
    await driver.execute(`CREATE OR REPLACE VIEW ${view} AS\n${sql}`);
  }
  return names.map((n) => n.replace(/\.sql$/, ""));
}

export async function openPlatform(): Promise<Platform> {
  const environment = await loadEnvironment({ cwd: ROOT, env: "local" });
  const engine = await openEngine({ path: ":memory:" });
  const driver = await openLocalDriver(engine, {});
  await ensureAccountUsage(driver);
  await migrateUp({ project: projectFromEnvironment(environment), driver });
  await driver.execute(`USE DATABASE ${environment.database}`);
  await createAnalyticsViews(driver, environment);
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
  await refreshStandard(platform.driver, platform.environment);
}

/** Numbers as numbers, so `"190.00"` and `190` compare equal; other values unchanged. */
export function num(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
