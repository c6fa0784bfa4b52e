/**
 * `mercurios warehouses suspend [NAME…] [--all]`: suspends running warehouses: the project's declared
 * ones by default, the named ones, or every warehouse with --all. Already-suspended ones are skipped.
 */
import { ConfigError } from "../../errors/index.js";
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    const warehouses = program.command("warehouses").description("manage warehouses (suspend)");
    warehouses
      .command("suspend")
      .description("suspend running warehouses: the declared ones, the named ones, or --all")
      .argument("[names...]", "warehouses to suspend (default: those declared in monitors/)")
      .option("--all", "every warehouse in the account, declared or not")
      .action(async (names: string[], flags: { all?: boolean }) => {
        if (flags.all && names.length > 0) {
          throw new ConfigError("WAREHOUSES_ARGS", "name warehouses or pass --all, not both", {
            hint: "mercurios warehouses suspend --all, or mercurios warehouses suspend MERCURIOS_DEV_WH",
          });
        }
        const { suspendWarehouses } = await import("../../api/warehouses.js");
        const environment = await ctx.loadEnvironment();
        const report = await suspendWarehouses({
          environment,
          all: flags.all === true,
          ...(names.length > 0 ? { names } : {}),
        });
        const out = ctx.output;
        if (ctx.globals.format === "json") out.json(report);
        else {
          for (const name of report.suspended) out.line(`suspended          ${name}`);
          for (const name of report.alreadySuspended) out.line(`already suspended  ${name}`);
          for (const name of report.missing) out.error(`not found          ${name}`);
          out.line(
            `${report.suspended.length} suspended, ${report.alreadySuspended.length} already suspended${report.missing.length ? `, ${report.missing.length} not found` : ""} in ${report.environment}.`,
          );
        }
        if (report.missing.length > 0) ctx.exitCode = 1;
      });
  },
};
