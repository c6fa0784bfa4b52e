/**
 * Use case `cost`: each resource monitor's credits this month against its quota, with a straight-line
 * forecast to month end, read from the platform's ADMIN.MONITOR_MONTH_TO_DATE view (over
 * SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY). Returns a report; prints nothing.
 */
import type { ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { MercuriosError, ProjectError } from "../errors/index.js";
import { quoteIdentifier } from "../template/index.js";
import { openEnvironmentDriver } from "./seed.js";

/** OK; AT_RISK: forecast above the quota; OVER_QUOTA: the quota is used up. */
export type CostStatus = "OK" | "AT_RISK" | "OVER_QUOTA";

/** One monitor and the warehouse it governs. */
export interface CostLine {
  monitor: string;
  warehouse: string;
  creditQuota: number;
  creditsMonthToDate: number;
  pctOfQuota: number;
  forecastMonthEnd: number;
  forecastPctOfQuota: number;
  status: CostStatus;
}

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
  const driver = options.driver ?? (await openEnvironmentDriver(environment));
  try {
    const view = `${quoteIdentifier(environment.database)}.ADMIN.MONITOR_MONTH_TO_DATE`;
    let result: Awaited<ReturnType<Driver["execute"]>>;
    try {
      // The local engine refreshes ACCOUNT_USAGE only when a statement names it directly, not through a
      // view; this cheap read makes the view current there (on Snowflake it is just a small query).
      await driver.execute("SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY", {
        queryTag: `mercurios/cost/${environment.name}`,
      });
      result = await driver.execute(
        `SELECT MONITOR_NAME, WAREHOUSE_NAME, CREDIT_QUOTA, CREDITS_MONTH_TO_DATE, PCT_OF_QUOTA,
          FORECAST_MONTH_END, FORECAST_PCT_OF_QUOTA, STATUS, CURRENT_DATE() AS AS_OF
        FROM ${view} ORDER BY MONITOR_NAME`,
        { queryTag: `mercurios/cost/${environment.name}` },
      );
    } catch (cause) {
      if (!(cause instanceof MercuriosError)) throw cause;
      throw new ProjectError(
        "COST_VIEW_MISSING",
        `cannot read ${environment.database}.ADMIN.MONITOR_MONTH_TO_DATE`,
        {
          location: { object: `${environment.database}.ADMIN.MONITOR_MONTH_TO_DATE` },
          hint: "Run `mercurios up` for this environment first: the cost views are part of the platform.",
          cause,
        },
      );
    }
    const lines: CostLine[] = result.rows.map((row) => ({
      monitor: String(row[0]),
      warehouse: String(row[1]),
      creditQuota: Number(row[2] ?? 0),
      creditsMonthToDate: Number(row[3] ?? 0),
      pctOfQuota: Number(row[4] ?? 0),
      forecastMonthEnd: Number(row[5] ?? 0),
      forecastPctOfQuota: Number(row[6] ?? 0),
      status: (row[7] ?? "OK") as CostStatus,
    }));
    const sum = (pick: (line: CostLine) => number) =>
      Math.round(lines.reduce((total, line) => total + pick(line), 0) * 1000) / 1000;
    return {
      environment: environment.name,
      database: environment.database,
      asOf: String(result.rows[0]?.[8] ?? ""),
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
