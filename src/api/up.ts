/**
 * Use case `up`: the one command for an environment: migrate up, then apply the declarations.
 * Then sample data, when the project has a seed module (config `extensions.seed`) and
 * `seed.environments` enables it; the report's `seed` says whether it ran.
 */
import { PlanError } from "../errors/index.js";
import type { UpReport as MigrateUpReport } from "../migrate/runner.js";
import { type ApplyReport, applyChanges } from "./apply.js";
import { type DeclarationsCommonOptions, loadDesiredState, withDriver } from "./declarations.js";
import { migrateUp, projectFromEnvironment } from "./migrate.js";
import { type SeedOutcome, seedForUp } from "./seed.js";

export interface UpOptions extends DeclarationsCommonOptions {
  allowDestructive?: boolean;
}

export interface UpResult {
  environment: string;
  /** The declared database and schemas, created (or altered) before migrations run. */
  containers: ApplyReport;
  migrate: MigrateUpReport;
  apply: ApplyReport;
  /** Whether sample data was loaded, and why not; absent when the project has no seed module. */
  seed?: { ran: true; outcome: SeedOutcome } | { ran: false; reason: string };
}

export async function upEnvironment(options: UpOptions): Promise<UpResult> {
  const { environment } = options;
  const desired = options.desired ?? (await loadDesiredState(environment, options.processEnv));
  return withDriver(options, async (driver) => {
    const common = {
      environment,
      driver,
      desired,
      command: "up",
      ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    };
    // Migrations start in their schema: the declared database and schemas exist first.
    const containers = await applyChanges({
      ...common,
      kinds: ["database", "schema"],
      withoutRemovals: true,
    });
    if (containers.failed) {
      throw new PlanError(
        "APPLY_FAILED",
        `creating ${containers.failed.object} failed: ${containers.failed.error}`,
        {
          location: { object: containers.failed.object },
          hint: "Nothing was migrated. Check the role's privileges to create databases and schemas, then run `mercurios up` again.",
        },
      );
    }
    const project = projectFromEnvironment(environment, options.processEnv);
    const migrate = await migrateUp({ project, driver });
    const apply = await applyChanges({ ...common, allowDestructive: options.allowDestructive === true });
    const seeded = await seedForUp(environment, driver, apply.failed !== undefined);
    return { environment: environment.name, containers, migrate, apply, ...(seeded ? { seed: seeded } : {}) };
  });
}
