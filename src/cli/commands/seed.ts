/**
 * `mercurios seed [--scale N] [--tenants N] [--random-seed N] [--days N] [--end-date YYYY-MM-DD] [--force]`:
 * replaces the sample POS data in RAW with deterministic ProHandel-shaped rows generated in SQL, then
 * refreshes STANDARD. Allowed in the environments of config `seed.environments` (always on `local`).
 */
import { ConfigError } from "../../errors/index.js";
import { createProgress } from "../progress.js";
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
    const seed = program
      .command("seed")
      .description("load deterministic sample POS data into RAW and refresh STANDARD (generated in SQL)")
      .option("--scale <n>", "volume multiplier: about 99,000 receipt lines per unit with 3 tenants", "1")
      .option("--tenants <n>", "number of tenants (default: the configured tenants)")
      .option("--random-seed <n>", "seed of the generator (default: config seed.randomSeed)")
      .option("--days <n>", "days of receipts (default: config seed.days)")
      .option("--end-date <date>", "last day of receipts, YYYY-MM-DD (default: config seed.endDate)")
      .option("--force", "seed an environment that is not in seed.environments");
    seed.action(async (flags: SeedFlags) => {
      const options = {
        scale: number("--scale", flags.scale ?? "1"),
        ...(flags.tenants !== undefined ? { tenants: number("--tenants", flags.tenants) } : {}),
        ...(flags.randomSeed !== undefined ? { randomSeed: number("--random-seed", flags.randomSeed) } : {}),
        ...(flags.days !== undefined ? { days: number("--days", flags.days) } : {}),
        ...(flags.endDate !== undefined ? { endDate: flags.endDate } : {}),
        force: flags.force === true,
      };
      const { seed: run } = await import("../../api/seed.js");
      const environment = await ctx.loadEnvironment();
      const progress = createProgress(ctx);
      let outcome: Awaited<ReturnType<typeof run>>;
      try {
        outcome = await run({ environment, ...options, onProgress: progress.listener });
      } finally {
        progress.finish();
      }
      if (ctx.globals.format === "json") ctx.output.json(outcome.report);
      else for (const line of outcome.lines) ctx.output.line(line);
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
