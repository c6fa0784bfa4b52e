/**
 * Use case `cost`: each resource monitor's credits this month against its quota, with a forecast to
 * month end, as the project's cost module reads them (config `extensions.cost`,
 * src/api/extensions.ts). Returns a report; prints nothing.
 */
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import { openEnvironmentDriver } from "../driver/index.js";
import type { Driver } from "../driver/types.js";
import { ProjectError } from "../errors/index.js";
import { type CostLine, extensionContext, loadExtension } from "./extensions.js";

export type { CostLine } from "./extensions.js";
export type CostStatus = CostLine["status"];

export interface CostReport {
  environment: string;
  database: string;
  /** The day the figures are for (the account's CURRENT_DATE). */
  asOf: string;
  lines: CostLine[];
  total: { creditQuota: number; creditsMonthToDate: number; forecastMonthEnd: number };
  /** True when any monitor is AT_RISK or OVER_QUOTA (the CLI exits 2). */
  attention: boolean;
}

export interface CostOptions {
  environment: ResolvedEnvironment;
  /** An open driver (tests); otherwise the environment's driver is opened and closed. */
  driver?: Driver;
}

export async function costReport(options: CostOptions): Promise<CostReport> {
  const { environment } = options;
  const module = await loadExtension(environment, "cost");
  if (!module) {
    throw new ProjectError("COST_NOT_CONFIGURED", "this project has no cost module", {
      location: { file: path.basename(environment.configFile), path: "extensions.cost" },
      hint: "`cost` needs declared resource monitors and a module that reads their credits (for example from SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY), named in mercurios.config.ts as extensions.cost; see docs/guide/extensions.md.",
    });
  }
  const driver = options.driver ?? (await openEnvironmentDriver(environment, "cost"));
  try {
    const { asOf, lines } = await module.read(await extensionContext(environment, driver));
    const sum = (pick: (line: CostLine) => number) =>
      Math.round(lines.reduce((total, line) => total + pick(line), 0) * 1000) / 1000;
    return {
      environment: environment.name,
      database: environment.database,
      asOf,
      lines,
      total: {
        creditQuota: sum((l) => l.creditQuota),
        creditsMonthToDate: sum((l) => l.creditsMonthToDate),
        forecastMonthEnd: sum((l) => l.forecastMonthEnd),
      },
      attention: lines.some((l) => l.status !== "OK"),
    };
  } finally {
    if (!options.driver) await driver.close();
  }
}
