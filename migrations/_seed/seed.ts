/**
 * The Mercurios platform's sample data, behind the toolkit's seed extension point (config
 * `extensions.seed`, docs/guide/extensions.md): deterministic ProHandel-shaped POS data generated in
 * SQL by the templates beside this file (GENERATOR and a seeded integer hash, see README.md), then
 * the STANDARD refresh: the same MERGE statements (`migrations/_partials/standard_merge_*.sql`) the
 * refresh tasks run.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import {
  ConfigError,
  type Driver,
  type ExtensionContext,
  ProjectError,
  quoteIdentifier,
  type ResolvedEnvironment,
  type SeedExtension,
  type SeedOptions,
  type TenantConfig,
  ValidationError,
} from "mercurios";

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
export function planSeed(environment: ResolvedEnvironment, options: SeedOptions = {}): SeedPlan {
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
export async function seedPlatform(context: ExtensionContext, options: SeedOptions): Promise<SeedReport> {
  const { environment, driver } = context;
  const plan = planSeed(environment, options);
  const scripts = await seedScripts(context, plan);
  const started = performance.now();
  await driver.execute(`USE DATABASE ${quoteIdentifier(environment.database)}`);
  const steps: SeedReport["steps"] = [];
  context.plannedSteps(scripts.length + TENANT_TABLES.length);
  for (const script of scripts) {
    const scriptStarted = performance.now();
    await context.step(`generate ${path.basename(script.file)}`, async () => {
      for (const statement of script.statements)
        await driver.execute(statement, { queryTag: "mercurios/seed" });
    });
    steps.push({ step: path.basename(script.file), ms: Math.round(performance.now() - scriptStarted) });
  }
  const generated = performance.now();
  const refresh = await refreshStandard(context);
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
}

/**
 * Runs the STANDARD refresh once: the MERGE of every tenant table from RAW, in dependency order.
 * The refresh tasks (monitors/task.ts) run the same statements on MERCURIOS_TASK_WH.
 */
export async function refreshStandard(context: ExtensionContext): Promise<RefreshReport> {
  const { driver, environment } = context;
  const started = performance.now();
  const merged = {} as TableCounts;
  const steps: RefreshReport["steps"] = [];
  for (const table of TENANT_TABLES) {
    const sql = await renderMerge(context, table);
    const mergeStarted = performance.now();
    const result = await context.step(`refresh STANDARD.${table}`, () =>
      driver.execute(sql, { queryTag: `mercurios/seed/${environment.name}/refresh` }),
    );
    steps.push({ step: `refresh ${table}`, ms: Math.round(performance.now() - mergeStarted) });
    merged[table] = result.rowCount;
  }
  return { merged, durationMs: Math.round(performance.now() - started), steps };
}

/** The rendered MERGE that refreshes one STANDARD table (the text the refresh task runs). */
export async function renderMerge(context: ExtensionContext, table: TenantTable): Promise<string> {
  const file = `migrations/_partials/standard_merge_${table.toLowerCase()}.sql`;
  return (await context.render(file)).trim().replace(/;$/, "");
}

interface SeedScript {
  file: string;
  statements: string[];
}

async function seedScripts(context: ExtensionContext, plan: SeedPlan): Promise<SeedScript[]> {
  const dir = path.join(context.environment.root, "migrations", "_seed");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  } catch (cause) {
    throw new ProjectError("SEED_SCRIPTS_MISSING", "the sample-data scripts are missing", {
      location: { file: "migrations/_seed" },
      hint: "Seeding needs migrations/_seed/*.sql from the Mercurios project.",
      cause,
    });
  }
  const scripts: SeedScript[] = [];
  for (const name of names) {
    const file = `migrations/_seed/${name}`;
    const sql = await context.render(file, { tenants: plan.tenants, vars: plan.vars });
    scripts.push({ file, statements: context.splitStatements(sql) });
  }
  return scripts;
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

/** True when RAW already holds receipts (so `up` leaves the sample data alone). */
async function hasSampleData({ driver, environment }: ExtensionContext): Promise<boolean> {
  const result = await driver.execute(
    `SELECT COUNT(*) AS N FROM (SELECT 1 FROM ${quoteIdentifier(environment.database)}.RAW.RECEIPTS LIMIT 1)`,
  );
  return Number(result.rows[0]?.[0] ?? 0) > 0;
}

/** The platform's seed module: what `mercurios seed` and `up` call. */
const platformSeed: SeedExtension & { refreshStandard: typeof refreshStandard } = {
  check: (environment, options) => void planSeed(environment, options),
  hasData: hasSampleData,
  async seed(context, options) {
    const report = await seedPlatform(context, options);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return {
      summary: `loaded ${report.raw.RECEIPT_LINES} receipt lines for ${report.tenants.length} tenants`,
      lines: [
        `Seeded ${report.database} (${report.environment}): ${report.tenants.length} tenants (${report.tenants.join(", ")}), scale ${report.scale}, seed ${report.randomSeed}, ${report.days} days to ${report.endDate}`,
        `${"table".padEnd(14)} ${"RAW".padStart(10)} ${"STANDARD".padStart(10)}`,
        ...TENANT_TABLES.map(
          (table) =>
            `${table.padEnd(14)} ${String(report.raw[table]).padStart(10)} ${String(report.standard[table]).padStart(10)}`,
        ),
        `generate ${seconds(report.durationMs.generate)}, refresh ${seconds(report.durationMs.refresh)}, total ${seconds(report.durationMs.total)}`,
      ],
      report,
    };
  },
  refreshStandard,
};

export default platformSeed;
