/**
 * Use case `up`: the one command for an environment: create the declared database and schemas,
 * migrate up, then apply the declarations. Then sample data, when the project has a seed module
 * (config `extensions.seed`) and `seed.environments` enables it; the report's `seed` says whether it ran.
 */
import { PlanError } from "../errors/index.js";
import type { ScriptRun, UpReport as MigrateUpReport } from "../migrate/runner.js";
import type { PlanReport } from "../report/index.js";
import { type ApplyReport, applyChanges } from "./apply.js";
import { type DeclarationsCommonOptions, withDesiredAndDriver } from "./declarations.js";
import { migrateUp, projectFromEnvironment } from "./migrate.js";
import { planChanges } from "./plan.js";
import type { ProgressListener } from "./progress.js";
import { type SeedOutcome, seedForUp } from "./seed.js";

/** What `up` is about to do, for a confirmation before anything changes. */
export interface UpPreview {
  environment: string;
  /** The database and schemas to create or alter. */
  containers: PlanReport;
  /** The scripts `migrate up` would run, in order (dry run: nothing ran). */
  migrations: ScriptRun[];
  /**
   * The declarations' plan as the account is now. Migrations run first and may create what views
   * and grants need, so the plan `up` runs is computed again after them.
   */
  declarations: PlanReport;
}

export interface UpOptions extends DeclarationsCommonOptions {
  allowDestructive?: boolean;
  /** Also run pending versioned scripts older than the newest applied one (`migrate up --out-of-order`). */
  outOfOrder?: boolean;
  /**
   * Called with what `up` would do before anything changes, when there is something to do; return
   * false to stop (the CLI's question on a terminal). Without it, `up` does not ask.
   */
  confirm?: (preview: UpPreview) => boolean | Promise<boolean>;
  /** Progress: tasks `databases and schemas`, `migrate`, `apply`, then the seed's own. */
  onProgress?: ProgressListener;
}

export interface UpResult {
  environment: string;
  /** False when `confirm` declined: nothing ran. */
  confirmed: boolean;
  /** The declared database and schemas, created (or altered) before migrations run. */
  containers: ApplyReport;
  migrate: MigrateUpReport;
  apply: ApplyReport;
  /** Whether sample data was loaded, and why not; absent when the project has no seed module. */
  seed?: { ran: true; outcome: SeedOutcome } | { ran: false; reason: string };
}

export async function upEnvironment(options: UpOptions): Promise<UpResult> {
  const { environment } = options;
  return withDesiredAndDriver(options, async (desired, driver) => {
    const common = {
      environment,
      driver,
      desired,
      command: "up",
      ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    };
    const project = projectFromEnvironment(environment, options.processEnv);
    const progress = options.onProgress ? { onProgress: options.onProgress } : {};
    if (options.confirm) {
      const preview = await previewUp(common, project, options);
      const work =
        preview.containers.steps.length + preview.migrations.length + preview.declarations.steps.length;
      if (work > 0 && !(await options.confirm(preview))) {
        const none = (plan: PlanReport): ApplyReport => ({
          environment: environment.name,
          plan,
          applied: [],
          skipped: plan.steps.length,
          confirmed: false,
        });
        return {
          environment: environment.name,
          confirmed: false,
          containers: none(preview.containers),
          migrate: { environment: environment.name, runId: "", dryRun: true, scripts: [], warnings: [] },
          apply: none(preview.declarations),
        };
      }
    }
    // Migrations start in their schema: the declared database and schemas exist first.
    const containers = await applyChanges({
      ...common,
      ...progress,
      progressTask: "databases and schemas",
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
    const migrate = await migrateUp({
      project,
      driver,
      ...(options.outOfOrder ? { outOfOrder: true } : {}),
      ...progress,
    });
    const apply = await applyChanges({
      ...common,
      ...progress,
      allowDestructive: options.allowDestructive === true,
    });
    const seeded = await seedForUp(environment, driver, apply.failed !== undefined, options.onProgress);
    return {
      environment: environment.name,
      confirmed: true,
      containers,
      migrate,
      apply,
      ...(seeded ? { seed: seeded } : {}),
    };
  });
}

/** What `up` would do, computed without changing anything. */
async function previewUp(
  common: Parameters<typeof planChanges>[0],
  project: ReturnType<typeof projectFromEnvironment>,
  options: UpOptions,
): Promise<UpPreview> {
  const containers = await planChanges({ ...common, kinds: ["database", "schema"], withoutRemovals: true });
  // Before the database exists, the history cannot be read: every script is pending.
  const migrations = await migrateUp({
    project,
    driver: common.driver!,
    dryRun: true,
    ...(options.outOfOrder ? { outOfOrder: true } : {}),
  });
  const declarations = await planChanges(common);
  return {
    environment: common.environment.name,
    containers: containers.report,
    migrations: migrations.scripts,
    declarations: declarations.report,
  };
}
