/**
 * Use case `seed`: loads the project's sample data through its seed module (config
 * `extensions.seed`, src/api/extensions.ts). Allowed in the environments of `seed.environments`
 * (or with `force`). Returns what the module reports; prints nothing.
 */
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import { openEnvironmentDriver } from "../driver/index.js";
import type { Driver } from "../driver/types.js";
import { ConfigError, ProjectError } from "../errors/index.js";
import { extensionContext, loadExtension, type SeedOptions, type SeedOutcome } from "./extensions.js";
import type { ProgressListener } from "./progress.js";

export type { SeedOptions, SeedOutcome } from "./extensions.js";

export interface SeedRunOptions extends SeedOptions {
  environment: ResolvedEnvironment;
  /** Seed an environment not listed in `seed.environments` (never needed for `local`). */
  force?: boolean;
  /** An open driver to use (tests, `up`); otherwise the environment's driver is opened and closed. */
  driver?: Driver;
  /** Progress: task `seed`, the steps the seed module reports. */
  onProgress?: ProgressListener;
}

/** Loads the sample data. */
export async function seed(options: SeedRunOptions): Promise<SeedOutcome> {
  const { environment, force: _force, driver: given, onProgress, ...flags } = options;
  const module = await loadExtension(environment, "seed");
  if (!module) {
    throw new ProjectError("SEED_NOT_CONFIGURED", "this project has no sample data", {
      location: { file: path.basename(environment.configFile), path: "extensions.seed" },
      hint: "Name a seed module in mercurios.config.ts (extensions.seed); see docs/guide/extensions.md.",
    });
  }
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
  module.check?.(environment, flags);
  const driver = given ?? (await openEnvironmentDriver(environment, "seed"));
  try {
    return await module.seed(
      await extensionContext(environment, driver, onProgress ? { onProgress } : {}),
      flags,
    );
  } finally {
    if (!given) await driver.close();
  }
}

/** What `up` does about sample data: nothing to say when the project has none. */
export async function seedForUp(
  environment: ResolvedEnvironment,
  driver: Driver,
  applyFailed: boolean,
  onProgress?: ProgressListener,
): Promise<{ ran: true; outcome: SeedOutcome } | { ran: false; reason: string } | undefined> {
  const module = await loadExtension(environment, "seed");
  if (!module) return undefined;
  if (!environment.config.seed.environments.includes(environment.name))
    return {
      ran: false,
      reason: `sample data is not enabled for ${environment.name} (config seed.environments)`,
    };
  if (applyFailed) return { ran: false, reason: "the apply step failed" };
  const context = await extensionContext(environment, driver, onProgress ? { onProgress } : {});
  if (await module.hasData(context))
    return { ran: false, reason: "sample data is already loaded (`mercurios seed` regenerates it)" };
  return { ran: true, outcome: await module.seed(context, {}) };
}
