// The platform's cost figures, behind the toolkit's cost extension point (config `extensions.cost`,
// docs/guide/extensions.md): each resource monitor's credits this month against its quota, with a
// straight-line forecast to month end, read from the platform's ADMIN.MONITOR_MONTH_TO_DATE view
// (over SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY; views/ADMIN/).
import { type CostExtension, type CostLine, MercuriosError, ProjectError, quoteIdentifier } from "mercurios";

const platformCost: CostExtension = {
  async read({ driver, environment }) {
    const view = `${quoteIdentifier(environment.database)}.ADMIN.MONITOR_MONTH_TO_DATE`;
    const tag = { queryTag: `mercurios/cost/${environment.name}` };
    let result: Awaited<ReturnType<typeof driver.execute>>;
    try {
      // The local engine refreshes ACCOUNT_USAGE only when a statement names it directly, not through a
      // view; this cheap read makes the view current there (on Snowflake it is just a small query).
      await driver.execute("SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY", tag);
      result = await driver.execute(
        `SELECT MONITOR_NAME, WAREHOUSE_NAME, CREDIT_QUOTA, CREDITS_MONTH_TO_DATE, PCT_OF_QUOTA,
          FORECAST_MONTH_END, FORECAST_PCT_OF_QUOTA, STATUS, CURRENT_DATE() AS AS_OF
        FROM ${view} ORDER BY MONITOR_NAME`,
        tag,
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
      status: (row[7] ?? "OK") as CostLine["status"],
    }));
    return { asOf: String(result.rows[0]?.[8] ?? ""), lines };
  },
};

export default platformCost;
