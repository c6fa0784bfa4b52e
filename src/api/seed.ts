/**
 * Use case `seed`: deterministic ProHandel-shaped sample data for the platform, generated in SQL by
 * the templates in `migrations/_seed/` (GENERATOR and a seeded integer hash, see its README), then the
 * STANDARD refresh: the same MERGE statements (`migrations/_partials/standard_merge_*.sql`) the
 * refresh tasks run. Returns a report; prints nothing.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ResolvedEnvironment, TenantConfig } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { ConfigError, ProjectError, ValidationError } from "../errors/index.js";
import { templateContextFor } from "../project/files.js";
import { quoteIdentifier, renderTemplate } from "../template/index.js";

/** Tenant tables, in the order the refresh merges them (lines after receipts, stock after articles). */
export const TENANT_TABLES = [
  "SHOPS",
  "SUPPLIERS",
  "ARTICLES",
  "CUSTOMERS",
  "RECEIPTS",
  "RECEIPT_LINES",
  "STOCK_LEVELS",
] as const;
export type TenantTable = (typeof TENANT_TABLES)[number];

/** Receipts on a Thursday in an average shop at scale 1 (about 99,000 lines for three tenants). */
const RECEIPTS_PER_SHOP_DAY = 26;
/** Largest day factor: Saturday 1.6 x busiest shop 1.45 x busiest tenant 1.1. */
const PEAK_FACTOR = 1.6 * 1.45 * 1.1;
const SHOPS_PER_TENANT = 5;
const SUPPLIERS_PER_TENANT = 8;
const ARTICLES_PER_TENANT = 2000;
const CUSTOMERS_PER_TENANT = 1500;
const MAX_SCALE = 100;
const MAX_TENANTS = 50;

export interface SeedOptions {
  environment: ResolvedEnvironment;
  /** Volume multiplier (receipts and customers); default 1. */
  scale?: number;
  /** Number of tenants; default: the configured tenants (at least one). */
  tenants?: number;
  /** Overrides `seed.randomSeed`. */
  randomSeed?: number;
  /** Overrides `seed.days`. */
  days?: number;
  /** Overrides `seed.endDate` (YYYY-MM-DD). */
  endDate?: string;
  /** Seed an environment not listed in `seed.environments` (never needed for `local`). */
  force?: boolean;
  /** An open driver to use (tests, `up`); otherwise the environment's driver is opened and closed. */
  driver?: Driver;
}

/** A seeded tenant: config tenants first, then generated `demo-tenant-NN`. */
export interface SeedTenant {
  index: number;
  id: string;
  name: string;
}

/** Row counts per tenant table. */
export type TableCounts = Record<TenantTable, number>;

export interface RefreshReport {
  /** Rows inserted, updated or deleted by each MERGE. */
  merged: TableCounts;
  durationMs: number;
  steps: { step: string; ms: number }[];
}

export interface SeedReport {
  environment: string;
  database: string;
  tenants: string[];
  scale: number;
  randomSeed: number;
  days: number;
  endDate: string;
  raw: TableCounts;
  standard: TableCounts;
  /** Milliseconds generating RAW, refreshing STANDARD, and in all. */
  durationMs: { generate: number; refresh: number; total: number };
  /** Milliseconds per generation script (migrations/_seed/…) and per MERGE (`refresh <TABLE>`). */
  steps: { step: string; ms: number }[];
}

/** The template variables of the seed scripts (also shown by `seed --format json`). */
export interface SeedPlan {
  tenants: SeedTenant[];
  scale: number;
  randomSeed: number;
  days: number;
  endDate: string;
  vars: Record<string, string | number>;
}

/** Works out tenants and row counts for a seed run; throws ValidationError on bad options. */
export function planSeed(
  environment: ResolvedEnvironment,
  options: Omit<SeedOptions, "environment" | "driver"> = {},
): SeedPlan {
  const settings = environment.config.seed;
  const scale = options.scale ?? 1;
  const randomSeed = options.randomSeed ?? settings.randomSeed;
  const days = options.days ?? settings.days;
  const endDate = options.endDate ?? settings.endDate;
  const tenantCount = options.tenants ?? Math.max(1, environment.tenants.length);
  const problems: string[] = [];
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE)
    problems.push(`--scale must be a number above 0 and at most ${MAX_SCALE} (got ${scale})`);
  if (!Number.isInteger(tenantCount) || tenantCount < 1 || tenantCount > MAX_TENANTS)
    problems.push(`--tenants must be a whole number from 1 to ${MAX_TENANTS} (got ${tenantCount})`);
  if (!Number.isInteger(randomSeed) || randomSeed < 0 || randomSeed > 1_000_000)
    problems.push(`the random seed must be a whole number from 0 to 1000000 (got ${randomSeed})`);
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    problems.push(`days must be a whole number from 1 to 3660 (got ${days})`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(`${endDate}T00:00:00Z`)))
    problems.push(`the end date must be a date YYYY-MM-DD (got '${endDate}')`);
  if (problems.length > 0) {
    throw new ValidationError(
      "SEED_OPTIONS_INVALID",
      "cannot seed with these options:",
      problems.map((p) => new ConfigError("SEED_OPTION", p)),
      { hint: "Fix the options (or `seed` in mercurios.config.ts) and run again." },
    );
  }
  const tenants = seedTenants(environment.tenants, tenantCount);
  const customersPerTenant = Math.max(20, Math.round(CUSTOMERS_PER_TENANT * scale));
  const receiptsPerShopDay = Number((RECEIPTS_PER_SHOP_DAY * scale).toFixed(4));
  const maxPerShopDay = Math.ceil(receiptsPerShopDay * PEAK_FACTOR) + 1;
  const count = tenants.length;
  return {
    tenants,
    scale,
    randomSeed,
    days,
    endDate,
    vars: {
      random_seed: randomSeed,
      end_date: endDate,
      days,
      days_minus_one: days - 1,
      shop_rows: count * SHOPS_PER_TENANT,
      supplier_rows: count * SUPPLIERS_PER_TENANT,
      article_rows: count * ARTICLES_PER_TENANT,
      customers_per_tenant: customersPerTenant,
      customer_rows: count * customersPerTenant,
      receipts_per_shop_day: receiptsPerShopDay,
      max_receipts_per_shop_day: maxPerShopDay,
      shop_day_rows: count * SHOPS_PER_TENANT * days,
      stock_rows: count * SHOPS_PER_TENANT * ARTICLES_PER_TENANT,
    },
  };
}

function seedTenants(configured: readonly TenantConfig[], count: number): SeedTenant[] {
  const tenants: SeedTenant[] = [];
  for (let index = 0; index < count; index++) {
    const tenant = configured[index];
    const number = String(index + 1).padStart(2, "0");
    tenants.push(
      tenant
        ? { index, id: tenant.id, name: tenant.name }
        : { index, id: `demo-tenant-${number}`, name: `Demo Tenant ${number}` },
    );
  }
  return tenants;
}

/** Generates the sample data and refreshes STANDARD. */
export async function seed(options: SeedOptions): Promise<SeedReport> {
  const { environment } = options;
  const allowed = environment.config.seed.environments;
  if (!options.force && environment.kind !== "local" && !allowed.includes(environment.name)) {
    throw new ConfigError(
      "SEED_NOT_ALLOWED",
      `environment '${environment.name}' does not take sample data (seed.environments: ${allowed.join(", ")})`,
      {
        location: { file: path.relative(process.cwd(), environment.configFile) || environment.configFile },
        hint: `Add '${environment.name}' to seed.environments in mercurios.config.ts, or pass --force if you really mean it.`,
      },
    );
  }
  const plan = planSeed(environment, options);
  const scripts = await seedScripts(environment, plan);
  const driver = options.driver ?? (await openEnvironmentDriver(environment));
  const started = performance.now();
  try {
    await driver.execute(`USE DATABASE ${quoteIdentifier(environment.database)}`);
    const steps: SeedReport["steps"] = [];
    for (const script of scripts) {
      const scriptStarted = performance.now();
      await runScript(driver, script.statements);
      steps.push({ step: path.basename(script.file), ms: Math.round(performance.now() - scriptStarted) });
    }
    const generated = performance.now();
    const refresh = await refreshStandard(driver, environment);
    steps.push(...refresh.steps);
    const refreshed = performance.now();
    const raw = await countRows(driver, environment.database, "RAW");
    const standard = await countRows(driver, environment.database, "STANDARD");
    return {
      environment: environment.name,
      database: environment.database,
      tenants: plan.tenants.map((t) => t.id),
      scale: plan.scale,
      randomSeed: plan.randomSeed,
      days: plan.days,
      endDate: plan.endDate,
      raw,
      standard,
      durationMs: {
        generate: Math.round(generated - started),
        refresh: Math.round(refreshed - generated),
        total: Math.round(performance.now() - started),
      },
      steps,
    };
  } finally {
    if (!options.driver) await driver.close();
  }
}

/**
 * Runs the STANDARD refresh once: the MERGE of every tenant table from RAW, in dependency order.
 * The refresh tasks (monitors/task.ts) run the same statements on MERCURIOS_TASK_WH.
 */
export async function refreshStandard(
  driver: Driver,
  environment: ResolvedEnvironment,
): Promise<RefreshReport> {
  const started = performance.now();
  const merged = {} as TableCounts;
  const steps: RefreshReport["steps"] = [];
  for (const table of TENANT_TABLES) {
    const sql = await renderMerge(environment, table);
    const mergeStarted = performance.now();
    const result = await driver.execute(sql, { queryTag: `mercurios/seed/${environment.name}/refresh` });
    steps.push({ step: `refresh ${table}`, ms: Math.round(performance.now() - mergeStarted) });
    merged[table] = result.rowCount;
  }
  return { merged, durationMs: Math.round(performance.now() - started), steps };
}

/** The rendered MERGE that refreshes one STANDARD table (the text the refresh task runs). */
export async function renderMerge(environment: ResolvedEnvironment, table: TenantTable): Promise<string> {
  const file = path.join(
    environment.root,
    "migrations",
    "_partials",
    `standard_merge_${table.toLowerCase()}.sql`,
  );
  const text = await readProjectFile(file, environment.root);
  return renderTemplate(text, file, templateContextFor(environment, file)).sql.trim().replace(/;$/, "");
}

interface SeedScript {
  file: string;
  statements: string[];
}

async function seedScripts(environment: ResolvedEnvironment, plan: SeedPlan): Promise<SeedScript[]> {
  const dir = path.join(environment.root, "migrations", "_seed");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  } catch (cause) {
    throw new ProjectError("SEED_SCRIPTS_MISSING", "the sample-data scripts are missing", {
      location: { file: path.relative(environment.root, dir) },
      hint: "Seeding needs migrations/_seed/*.sql from the Mercurios project.",
      cause,
    });
  }
  const { splitStatements } = await import("../engine/split/index.js");
  const scripts: SeedScript[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await readProjectFile(file, environment.root);
    const base = templateContextFor(environment, file);
    const rendered = renderTemplate(text, file, {
      ...base,
      tenants: plan.tenants,
      vars: { ...base.vars, ...plan.vars },
    });
    scripts.push({ file, statements: splitStatements(rendered.sql).map((s) => s.text) });
  }
  return scripts;
}

async function runScript(driver: Driver, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await driver.execute(statement, { queryTag: "mercurios/seed" });
}

async function countRows(driver: Driver, database: string, schema: "RAW" | "STANDARD"): Promise<TableCounts> {
  const sql = TENANT_TABLES.map(
    (table) => `SELECT '${table}' AS T, COUNT(*) AS N FROM ${database}.${schema}.${table}`,
  ).join(" UNION ALL ");
  const result = await driver.execute(sql);
  const counts = Object.fromEntries(TENANT_TABLES.map((t) => [t, 0])) as TableCounts;
  for (const [table, count] of result.rows) counts[table as TenantTable] = Number(count);
  return counts;
}

async function readProjectFile(file: string, root: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    throw new ProjectError("SEED_FILE_UNREADABLE", `cannot read ${path.relative(root, file)}`, {
      location: { file: path.relative(root, file) },
      hint: "The seed and refresh SQL live in migrations/_seed/ and migrations/_partials/.",
      cause,
    });
  }
}

/** True when the project has sample-data scripts (`migrations/_seed/`); other projects never seed. */
export function hasSeedScripts(environment: ResolvedEnvironment): boolean {
  return existsSync(path.join(environment.root, "migrations", "_seed"));
}

/** True when RAW already holds receipts (so `up` leaves the sample data alone). */
export async function hasSampleData(driver: Driver, environment: ResolvedEnvironment): Promise<boolean> {
  const result = await driver.execute(
    `SELECT COUNT(*) AS N FROM (SELECT 1 FROM ${quoteIdentifier(environment.database)}.RAW.RECEIPTS LIMIT 1)`,
  );
  return Number(result.rows[0]?.[0] ?? 0) > 0;
}

/** Opens the environment's driver (the local engine in-process, or Snowflake). */
export async function openEnvironmentDriver(environment: ResolvedEnvironment): Promise<Driver> {
  const { openDriver, projectFromEnvironment } = await import("./migrate.js");
  return openDriver(projectFromEnvironment(environment));
}
