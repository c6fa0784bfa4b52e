/**
 * `mercurios seed [--scale N] [--tenants N] [--random-seed N] [--days N] [--end-date YYYY-MM-DD] [--force]`:
 * replaces the sample POS data in RAW with deterministic ProHandel-shaped rows generated in SQL, then
 * refreshes STANDARD. Allowed in the environments of config `seed.environments` (always on `local`).
 */
import { ConfigError } from "../../errors/index.js";
import type { CliCommand } from "./index.js";

interface SeedFlags {
  scale?: string;
  tenants?: string;
  randomSeed?: string;
  days?: string;
  endDate?: string;
  force?: boolean;
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command("seed")
      .description("load deterministic sample POS data into RAW and refresh STANDARD (generated in SQL)")
      .option("--scale <n>", "volume multiplier: about 99,000 receipt lines per unit with 3 tenants", "1")
      .option("--tenants <n>", "number of tenants (default: the configured tenants)")
      .option("--random-seed <n>", "seed of the generator (default: config seed.randomSeed)")
      .option("--days <n>", "days of receipts (default: config seed.days)")
      .option("--end-date <date>", "last day of receipts, YYYY-MM-DD (default: config seed.endDate)")
      .option("--force", "seed an environment that is not in seed.environments")
      .action(async (flags: SeedFlags) => {
        const options = {
          scale: number("--scale", flags.scale ?? "1"),
          ...(flags.tenants !== undefined ? { tenants: number("--tenants", flags.tenants) } : {}),
          ...(flags.randomSeed !== undefined
            ? { randomSeed: number("--random-seed", flags.randomSeed) }
            : {}),
          ...(flags.days !== undefined ? { days: number("--days", flags.days) } : {}),
          ...(flags.endDate !== undefined ? { endDate: flags.endDate } : {}),
          force: flags.force === true,
        };
        const { seed } = await import("../../api/seed.js");
        const environment = await ctx.loadEnvironment();
        const report = await seed({ environment, ...options });
        const out = ctx.output;
        if (ctx.globals.format === "json") {
          out.json(report);
          return;
        }
        out.line(
          `Seeded ${report.database} (${report.environment}): ${report.tenants.length} tenants (${report.tenants.join(", ")}), scale ${report.scale}, seed ${report.randomSeed}, ${report.days} days to ${report.endDate}`,
        );
        out.line(`${"table".padEnd(14)} ${"RAW".padStart(10)} ${"STANDARD".padStart(10)}`);
        for (const table of Object.keys(report.raw) as (keyof typeof report.raw)[]) {
          out.line(
            `${table.padEnd(14)} ${String(report.raw[table]).padStart(10)} ${String(report.standard[table]).padStart(10)}`,
          );
        }
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        out.line(
          `generate ${seconds(report.durationMs.generate)}, refresh ${seconds(report.durationMs.refresh)}, total ${seconds(report.durationMs.total)}`,
        );
      });
  },
};

function number(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new ConfigError("SEED_OPTION", `${flag} expects a number, got '${text}'`, {
      hint: `Example: mercurios seed ${flag} 2`,
    });
  }
  return value;
}
