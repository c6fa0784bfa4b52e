/**
 * Use case `up`: the one command for an environment: migrate up, then apply the declarations.
 * Sample data is loaded by the platform's seed step where the config enables it; that step is
 * wired here when it lands (see `seed` in the report: it says whether it ran).
 */
import type { UpReport as MigrateUpReport } from "../migrate/runner.js";
import { type ApplyReport, applyChanges } from "./apply.js";
import { type DeclarationsCommonOptions, withDriver } from "./declarations.js";
import { migrateUp, projectFromEnvironment } from "./migrate.js";

export interface UpOptions extends DeclarationsCommonOptions {
  allowDestructive?: boolean;
}

export interface UpResult {
  environment: string;
  migrate: MigrateUpReport;
  apply: ApplyReport;
  /** Whether sample data was loaded, and why not. */
  seed: { ran: false; reason: string };
}

export async function upEnvironment(options: UpOptions): Promise<UpResult> {
  const { environment } = options;
  return withDriver(options, async (driver) => {
    const project = projectFromEnvironment(environment, options.processEnv);
    const migrate = await migrateUp({ project, driver });
    const apply = await applyChanges({
      environment,
      driver,
      command: "up",
      allowDestructive: options.allowDestructive === true,
      ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    });
    const seedEnabled = environment.config.seed.environments.includes(environment.name);
    return {
      environment: environment.name,
      migrate,
      apply,
      seed: {
        ran: false,
        reason: seedEnabled
          ? "the sample-data loader is not wired into `up` yet"
          : `sample data is not enabled for ${environment.name} (config seed.environments)`,
      },
    };
  });
}
