/**
 * `mercurios cost`: credits per warehouse against its monitor's quota, month to date and forecast to
 * month end. Exit 2 when a monitor is forecast over its quota (AT_RISK) or has used it (OVER_QUOTA).
 */
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("cost")
      .description(
        "credits per warehouse against its monitor's quota: month to date and forecast (exit 2 if at risk)",
      )
      .action(async () => {
        const { costReport } = await import("../../api/cost.js");
        const environment = await ctx.loadEnvironment();
        const report = await costReport({ environment });
        const out = ctx.output;
        if (ctx.globals.format === "json") out.json(report);
        else {
          out.line(`Credits in ${report.environment} this month, as of ${report.asOf}:`);
          const header = [
            "monitor",
            "warehouse",
            "quota",
            "used",
            "used %",
            "forecast",
            "forecast %",
            "status",
          ];
          const rows = report.lines.map((l) => [
            l.monitor,
            l.warehouse,
            l.creditQuota.toFixed(2),
            l.creditsMonthToDate.toFixed(3),
            l.pctOfQuota.toFixed(1),
            l.forecastMonthEnd.toFixed(3),
            l.forecastPctOfQuota.toFixed(1),
            l.status,
          ]);
          rows.push([
            "total",
            "",
            report.total.creditQuota.toFixed(2),
            report.total.creditsMonthToDate.toFixed(3),
            "",
            report.total.forecastMonthEnd.toFixed(3),
            "",
            "",
          ]);
          const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
          const format = (cells: string[]) =>
            cells
              .map((cell, i) => (i < 2 || i === 7 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
              .join("  ");
          out.line(format(header));
          for (const row of rows) {
            const line = format(row);
            out.line(
              row[7] === "OVER_QUOTA"
                ? out.colors.red(line)
                : row[7] === "AT_RISK"
                  ? out.colors.yellow(line)
                  : line,
            );
          }
        }
        if (report.attention) ctx.exitCode = 2;
      });
  },
};
