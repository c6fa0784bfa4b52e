/**
 * Use cases of `mercurios migrate`: up (and dry run), status, validate, repair, baseline, down and
 * unlock. Each validates the project once, opens one driver, returns a report and prints nothing.
 */
import path from "node:path";
import type { ConnectionConfig, ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { DriverError, MercuriosError, MigrationError } from "../errors/index.js";
import { DEFAULT_HISTORY_LOCATION, type HistoryLocation } from "../migrate/history.js";
import { baselineHistory, type HistoryChange, repairHistory } from "../migrate/history-edits.js";
import type { LockState } from "../migrate/lock.js";
import {
  checksumProblem,
  type DownReport,
  migrateDown as runDown,
  migrateUp as runUp,
  type UpOptions,
  type UpReport,
} from "../migrate/runner.js";
import { readSchemachangeHistory, recordSchemachangeBaseline } from "../migrate/schemachange.js";
import {
  forceUnlock,
  type LockOptions,
  type MigrationTarget,
  newRunIdentity,
  type RunIdentity,
  readHistory,
} from "../migrate/session.js";
import { computeStatus, type ScriptStatus } from "../migrate/status.js";
import { partialDirsFor, templateContextFor } from "../project/files.js";
import {
  discoverMigrations,
  type PreparedMigrations,
  prepareMigrations,
  type ScriptRenderer,
} from "../project/migrations/index.js";
import { renderTemplate, type TemplateContext } from "../template/index.js";
import { emit, type ProgressListener } from "./progress.js";

/** Everything the migration use cases need to know about the project and the environment. */
/** One script's run as `migrate up` and `up` report it (re-exported so the CLI needs only the API). */
export type { ScriptRun } from "../migrate/runner.js";

export interface MigrationProject {
  root: string;
  /** Environment name, e.g. `local`, `dev`. */
  environment: string;
  kind: "local" | "snowflake";
  /** Database each script starts in, or null (no config: scripts say `USE DATABASE` themselves). */
  database: string | null;
  /** Schema folders in order, or null (no config: folders only organise files). */
  schemas: readonly string[] | null;
  /** Known environment names, to catch typos in qualifiers; null accepts any. */
  environments: readonly string[] | null;
  history: HistoryLocation;
  /** Whether the history's database may be created (only the no-config default, METADATA). */
  createHistoryDatabase: boolean;
  /** DuckDB file of a local environment. */
  localDb?: string;
  render: ScriptRenderer;
  /** Secret values: masked in every SQL text a report carries. */
  secrets: readonly string[];
  /** The resolved environment, when there is a config (used to open a Snowflake connection). */
  resolved?: ResolvedEnvironment;
  /** Folder of the scripts relative to the root; default `migrations`. */
  dir?: string;
  /** Skip `.sql` files that are not script names, and these folders (a schemachange root folder). */
  discover?: { ignoreOtherFiles?: boolean; exclude?: readonly string[] };
  /** The Snowflake connection when there is no config (a schemachange project's connection name). */
  connection?: ConnectionConfig;
  /** Appended to every query tag (schemachange's `query-tag`). */
  queryTag?: string;
  /** A schemachange project: its config file and change-history table (baseline's default source). */
  schemachange?: { configFile: string; historyTable: string };
}

/** The project as configured in mercurios.config.ts. */
export function projectFromEnvironment(
  environment: ResolvedEnvironment,
  processEnv: NodeJS.ProcessEnv = process.env,
): MigrationProject {
  return {
    root: environment.root,
    environment: environment.name,
    kind: environment.kind,
    database: environment.database,
    schemas: environment.schemas,
    environments: Object.keys(environment.config.environments),
    history: environment.history,
    // The local engine starts empty; on Snowflake the database is the admins' to create.
    createHistoryDatabase: environment.kind === "local",
    ...(environment.localDb ? { localDb: environment.localDb } : {}),
    render: (script) => {
      const context = templateContextFor(environment, script.absolutePath, processEnv);
      return renderTemplate(script.template, script.absolutePath, context);
    },
    secrets: environment.secrets,
    resolved: environment,
  };
}

export interface NoConfigOptions {
  /** Project root: where `migrations/` is. */
  root: string;
  /** `--env`; default `local`. */
  env?: string;
  /** `--var` values; a var whose name says SECRET, PASSWORD, TOKEN, KEY or PASSPHRASE is a secret. */
  vars: Record<string, string>;
  /** DuckDB file; default `<root>/.mercurios/local.duckdb`. */
  localDb?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * A project without a config file (e.g. moved over from schemachange): the local engine, history in
 * METADATA.MERCURIOS.CHANGE_HISTORY, vars from `--var` only, folders that set no schema.
 */
export function projectWithoutConfig(options: NoConfigOptions): MigrationProject {
  const secretNames = Object.keys(options.vars).filter((name) =>
    /SECRET|PASSWORD|PASSPHRASE|TOKEN|KEY/i.test(name),
  );
  const secrets = secretNames.map((name) => options.vars[name]!).filter(Boolean);
  const env = options.env ?? "local";
  return {
    root: options.root,
    environment: env,
    kind: "local",
    database: null,
    schemas: null,
    environments: null,
    history: DEFAULT_HISTORY_LOCATION,
    createHistoryDatabase: true,
    localDb: options.localDb ?? path.join(options.root, ".mercurios", "local.duckdb"),
    render: (script) => {
      const context: TemplateContext = {
        env,
        kind: "local",
        database: options.vars["database"] ?? "",
        vars: options.vars,
        secrets,
        partialDirs: partialDirsFor(options.root, "migrations"),
        processEnv: options.processEnv ?? process.env,
        root: options.root,
      };
      return renderTemplate(script.template, script.absolutePath, context);
    },
    secrets,
  };
}

/** Options every migrate use case takes. */
export interface MigrateCommonOptions {
  project: MigrationProject;
  /** An open driver to use (tests, embedding); otherwise one is opened for the environment and closed after. */
  driver?: Driver;
  /** Wait this long for another runner's lock. Default 60 s. */
  lockTimeoutMs?: number;
  /** Lease length. Default 300 s. */
  lockTtlSeconds?: number;
  /** Told once when another runner holds the lock. */
  onLockWait?: (holder: string) => void;
  /** Who is running (tests give fixed ids). */
  identity?: RunIdentity;
}

/** The project's scripts for its environment, rendered and in run order. */
export async function loadPrepared(project: MigrationProject): Promise<PreparedMigrations> {
  const scripts = await discoverMigrations({
    root: project.root,
    schemas: project.schemas,
    ...(project.dir ? { dir: project.dir } : {}),
    ...(project.environments ? { environments: project.environments } : {}),
    ...(project.discover?.ignoreOtherFiles ? { ignoreOtherFiles: true } : {}),
    ...(project.discover?.exclude ? { exclude: project.discover.exclude } : {}),
  });
  return prepareMigrations(scripts, {
    environment: project.environment,
    schemas: project.schemas,
    render: project.render,
  });
}

/** Opens the environment's driver: the local engine in-process, or Snowflake (also our `local serve`). */
export async function openDriver(project: MigrationProject): Promise<Driver> {
  if (project.kind === "local") {
    if (!project.localDb) throw new MercuriosError("NO_LOCAL_DB", "the local environment has no engine file");
    const { openEngine } = await import("../engine/index.js");
    const { openLocalDriver } = await import("../driver/local.js");
    let engine: Awaited<ReturnType<typeof openEngine>>;
    try {
      engine = await openEngine({ path: project.localDb });
    } catch (error) {
      // The engine has its own error type; say it in the toolkit's terms (e.g. the file is in use).
      throw new DriverError("LOCAL_ENGINE_OPEN", error instanceof Error ? error.message : String(error), {
        location: { file: project.localDb },
        hint: "Another mercurios process may hold the engine file; run again when it is done, or use `mercurios local serve` to share one engine between processes.",
        cause: error,
      });
    }
    return openLocalDriver(engine, { ownsEngine: true, secrets: project.secrets });
  }
  const { resolveConnection } = await import("../driver/connection.js");
  const { connectSnowflake } = await import("../driver/snowflake.js");
  const connection = resolveConnection(project.resolved?.connection ?? project.connection, {
    configPath: project.resolved ? `environments.${project.environment}.connection` : "connection-name",
  });
  return connectSnowflake(connection, {
    secrets: [...project.secrets, ...connection.secrets],
    queryTag: `mercurios/migrate/${project.environment}${project.queryTag ? `;${project.queryTag}` : ""}`,
  });
}

async function withTarget<T>(
  options: MigrateCommonOptions,
  work: (target: MigrationTarget, prepared: PreparedMigrations) => Promise<T>,
  needsScripts = true,
): Promise<T> {
  // Unlock must work even when the scripts don't load: it is what people run when things are stuck.
  const prepared = needsScripts
    ? await loadPrepared(options.project)
    : {
        environment: options.project.environment,
        versioned: [],
        repeatable: [],
        always: [],
        undo: new Map(),
      };
  const driver = options.driver ?? (await openDriver(options.project));
  const target: MigrationTarget = {
    driver,
    location: options.project.history,
    environment: options.project.environment,
    database: options.project.database,
    createDatabase: options.project.createHistoryDatabase,
    ...(options.project.queryTag ? { queryTag: options.project.queryTag } : {}),
  };
  try {
    return await work(target, prepared);
  } catch (error) {
    throw missingDatabase(options.project, error) ?? error;
  } finally {
    if (!options.driver) await driver.close();
  }
}

/**
 * On Snowflake the project's database is not created by migrations (its history lives inside it):
 * when it is missing, say so and what creates it, instead of the failing statement's error.
 */
function missingDatabase(project: MigrationProject, error: unknown): MigrationError | undefined {
  if (project.kind !== "snowflake" || !project.database) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  const missing = /Database '([^']+)' does not exist or not authorized/i.exec(message)?.[1];
  if (!missing || missing.toUpperCase() !== project.database.toUpperCase()) return undefined;
  return new MigrationError(
    "DATABASE_MISSING",
    `database ${project.database} does not exist in ${project.environment}, or the role cannot see it.`,
    {
      hint: `\`mercurios up --env ${project.environment}\` creates the declared database and schemas, then migrates. Or have an administrator create it and grant your role USAGE on it.`,
      cause: error,
    },
  );
}

function lockOptions(options: MigrateCommonOptions): LockOptions {
  return {
    timeoutMs: options.lockTimeoutMs ?? 60_000,
    ttlSeconds: options.lockTtlSeconds ?? 300,
    ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
  };
}

/** Round trips made by this use case (the driver's query log). */
export interface RoundTrips {
  roundTrips: number;
}

/** `migrate up`. Progress: task `migrate`, one step per script (`detail` is the script's run). */
export async function migrateUp(
  options: MigrateCommonOptions & Omit<UpOptions, "onScript"> & { onProgress?: ProgressListener },
): Promise<UpReport & RoundTrips> {
  return withTarget(options, async (target, prepared) => {
    const before = target.driver.queryLog.length;
    const listener = options.onProgress;
    const report = await runUp(prepared, target, options.identity ?? newRunIdentity(), lockOptions(options), {
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(options.outOfOrder ? { outOfOrder: true } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(listener
        ? {
            onScript: (event) =>
              emit(listener, {
                task: "migrate",
                phase: event.phase,
                step: event.index,
                total: event.total,
                label: event.script,
                ...(event.run
                  ? { elapsedMs: event.run.durationMs, outcome: "applied", detail: event.run }
                  : {}),
                ...(event.phase === "failed"
                  ? { outcome: event.error instanceof Error ? event.error.message : String(event.error) }
                  : {}),
              }),
          }
        : {}),
    });
    return { ...report, roundTrips: target.driver.queryLog.length - before };
  });
}

export interface StatusReport {
  environment: string;
  history: string;
  scripts: ScriptStatus[];
  /** Counts per state. */
  summary: Record<ScriptStatus["state"], number>;
  /** Who holds the migration lock, if anyone. */
  lock: LockState | null;
}

/** `migrate status`. */
export async function migrateStatus(options: MigrateCommonOptions): Promise<StatusReport> {
  return withTarget(options, async (target, prepared) => {
    const { rows, lock } = await readHistory(target);
    const scripts = computeStatus(prepared, rows);
    const summary = { applied: 0, pending: 0, failed: 0, changed: 0, "out-of-order": 0, missing: 0 };
    for (const s of scripts) summary[s.state]++;
    const h = options.project.history;
    return {
      environment: target.environment,
      history: `${h.database}.${h.schema}.${h.table}`,
      scripts,
      summary,
      lock: lock?.runId ? lock : null,
    };
  });
}

export interface ValidateReport {
  environment: string;
  ok: boolean;
  /** Errors: edited applied versioned scripts (with both checksums), failed scripts. */
  errors: { script: string; code: string; message: string }[];
  /** Worth knowing, not failing: out-of-order versions, missing files, var-only changes. */
  warnings: { script: string; message: string }[];
}

/** `migrate validate`: is every applied script still as it was applied? */
export async function migrateValidate(options: MigrateCommonOptions): Promise<ValidateReport> {
  const status = await migrateStatus(options);
  const errors: ValidateReport["errors"] = [];
  const warnings: ValidateReport["warnings"] = [];
  for (const s of status.scripts) {
    if (s.state === "changed") {
      const problem = checksumProblem(s);
      errors.push({ script: s.script, code: problem.code, message: problem.message });
    } else if (s.state === "failed") {
      errors.push({
        script: s.script,
        code: "MIGRATION_FAILED",
        message: `${s.reason}: ${s.errorMessage ?? ""}`.trim(),
      });
    } else if (s.state === "out-of-order" || s.state === "missing") {
      warnings.push({ script: s.script, message: s.reason });
    } else if (s.reason.startsWith("renders differently")) {
      warnings.push({ script: s.script, message: s.reason });
    }
  }
  return { environment: status.environment, ok: errors.length === 0, errors, warnings };
}

export interface HistoryChangeReport {
  environment: string;
  changes: HistoryChange[];
}

/** `migrate repair`. */
export async function migrateRepair(options: MigrateCommonOptions): Promise<HistoryChangeReport> {
  return withTarget(options, async (target, prepared) => ({
    environment: target.environment,
    changes: await repairHistory(
      prepared,
      target,
      options.identity ?? newRunIdentity(),
      lockOptions(options),
    ),
  }));
}

/** `migrate baseline --version V`. */
export async function migrateBaseline(
  options: MigrateCommonOptions & { version: string },
): Promise<HistoryChangeReport> {
  return withTarget(options, async (target, prepared) => ({
    environment: target.environment,
    changes: await baselineHistory(
      prepared,
      target,
      options.identity ?? newRunIdentity(),
      lockOptions(options),
      options.version,
    ),
  }));
}

/** The default source of `baseline --from-schemachange`: the project's schemachange table, else schemachange's default. */
export const DEFAULT_SCHEMACHANGE_TABLE = "METADATA.SCHEMACHANGE.CHANGE_HISTORY";

export interface SchemachangeBaselineReport extends HistoryChangeReport {
  /** The schemachange table read. */
  table: string;
  /** How many successful rows it held. */
  rowsRead: number;
  /** Scripts left for `migrate up`, and why. */
  left: { script: string; reason: string }[];
  warnings: string[];
}

/**
 * `migrate baseline --from-schemachange [TABLE]`: records every script schemachange applied as
 * BASELINE (repeatables only when unchanged since), so `migrate up` runs nothing already applied.
 */
export async function migrateBaselineFromSchemachange(
  options: MigrateCommonOptions & { table?: string },
): Promise<SchemachangeBaselineReport> {
  const { parseSchemachangeTable } = await import("../project/schemachange.js");
  const table = parseSchemachangeTable(
    options.table ?? options.project.schemachange?.historyTable ?? DEFAULT_SCHEMACHANGE_TABLE,
  ).qualified;
  return withTarget(options, async (target, prepared) => {
    const theirs = await readSchemachangeHistory(target, table);
    const result = await recordSchemachangeBaseline(
      prepared,
      target,
      options.identity ?? newRunIdentity(),
      lockOptions(options),
      theirs,
    );
    return { environment: target.environment, table, rowsRead: theirs.length, ...result };
  });
}

/** `migrate down [--to V]`. */
export async function migrateDown(options: MigrateCommonOptions & { to?: string }): Promise<DownReport> {
  return withTarget(options, (target, prepared) =>
    runDown(prepared, target, options.identity ?? newRunIdentity(), lockOptions(options), {
      ...(options.to === undefined ? {} : { to: options.to }),
    }),
  );
}

/** `migrate unlock`: frees the lock whoever holds it; says who did. */
export async function migrateUnlock(
  options: MigrateCommonOptions,
): Promise<{ environment: string; released: LockState | null }> {
  return withTarget(
    options,
    async (target) => ({ environment: target.environment, released: await forceUnlock(target) }),
    false,
  );
}
