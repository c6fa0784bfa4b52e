/**
 * Use case `warehouses suspend` (the seed's suspend_all_warehouses.py): suspends running warehouses.
 * By default the project's declared warehouses (monitors/), or the ones named, or with `all` every
 * warehouse the role can see. Already-suspended warehouses are left alone. Returns a report.
 */
import type { ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { ProjectError } from "../errors/index.js";
import { quoteIdentifier } from "../template/index.js";
import { openEnvironmentDriver } from "../driver/index.js";

export interface SuspendOptions {
  environment: ResolvedEnvironment;
  /** Warehouses to suspend; default: the declared ones. */
  names?: readonly string[];
  /** Every warehouse in the account (that the role can see). */
  all?: boolean;
  driver?: Driver;
  processEnv?: NodeJS.ProcessEnv;
}

export interface SuspendReport {
  environment: string;
  /** Warehouses that were running and are now suspended. */
  suspended: string[];
  /** Warehouses that were not running. */
  alreadySuspended: string[];
  /** Named (or declared) warehouses that do not exist in the account. */
  missing: string[];
}

export async function suspendWarehouses(options: SuspendOptions): Promise<SuspendReport> {
  const { environment } = options;
  const wanted = options.all ? null : (options.names?.map(normalise) ?? (await declaredWarehouses(options)));
  const driver = options.driver ?? (await openEnvironmentDriver(environment, "warehouses"));
  try {
    const tag = { queryTag: `mercurios/warehouses/${environment.name}` };
    const show = await driver.execute("SHOW WAREHOUSES", tag);
    const nameAt = show.columns.findIndex((c) => c.name.toLowerCase() === "name");
    const stateAt = show.columns.findIndex((c) => c.name.toLowerCase() === "state");
    const live = new Map(
      show.rows.map((row) => [String(row[nameAt]), String(row[stateAt] ?? "").toUpperCase()]),
    );
    const targets = wanted ?? [...live.keys()].sort();
    const report: SuspendReport = {
      environment: environment.name,
      suspended: [],
      alreadySuspended: [],
      missing: [],
    };
    for (const name of targets) {
      const state = live.get(name);
      if (state === undefined) report.missing.push(name);
      else if (state === "SUSPENDED" || state === "SUSPENDING") report.alreadySuspended.push(name);
      else {
        await driver.execute(`ALTER WAREHOUSE ${quoteIdentifier(name)} SUSPEND`, tag);
        report.suspended.push(name);
      }
    }
    return report;
  } finally {
    if (!options.driver) await driver.close();
  }
}

/** Unquoted names are upper case, as in Snowflake; a quoted name keeps its case. */
function normalise(name: string): string {
  return /^".*"$/.test(name) ? name.slice(1, -1).replaceAll('""', '"') : name.toUpperCase();
}

async function declaredWarehouses(options: SuspendOptions): Promise<string[]> {
  const { loadDesiredState } = await import("./declarations.js");
  const desired = await loadDesiredState(options.environment, options.processEnv);
  const names = [...desired.model.objects.values()]
    .filter((object) => object.kind === "warehouse")
    .map((object) => object.name)
    .sort();
  if (names.length === 0) {
    throw new ProjectError("NO_WAREHOUSES_DECLARED", "the project declares no warehouses", {
      location: { file: "monitors/" },
      hint: "Name the warehouses (mercurios warehouses suspend NAME…) or pass --all.",
    });
  }
  return names;
}
