/**
 * Use case `drift`: compares the declarations (and, with tables, the replayed migrations) with the
 * live account and returns the versioned drift report.
 */
import { DEFAULT_DIFF_KINDS, diffModels, unmanagedObjects } from "../diff/index.js";
import type { Driver } from "../driver/types.js";
import { type ModelObject, type ObjectKind, quoteIdentifier } from "../model/index.js";
import { buildDriftReport, type DriftReport } from "../report/index.js";
import {
  createContainersIfMissing,
  type DeclarationsCommonOptions,
  queryTag,
  readLiveState,
  withDesiredAndDriver,
} from "./declarations.js";
import { migrateUp, projectFromEnvironment } from "./migrate.js";
import { emit, type ProgressListener } from "./progress.js";

export interface DriftOptions extends DeclarationsCommonOptions {
  /** `--include tables`: also compare tables and columns with the migrations replayed on a fresh engine. */
  includeTables?: boolean;
  /** Progress: task `read`, one step per round trip to the account (N grows as reads find roles). */
  onProgress?: ProgressListener;
}

export interface DriftResult {
  report: DriftReport;
}

/** Replays the migrations on a fresh in-memory local engine and reads its tables. */
async function tablesFromMigrations(options: DriftOptions, schemaScope: string[]): Promise<ModelObject[]> {
  const { openEngine } = await import("../engine/index.js");
  const { openLocalDriver } = await import("../driver/local.js");
  const engine = await openEngine({ path: ":memory:" });
  const driver: Driver = await openLocalDriver(engine, {
    ownsEngine: true,
    secrets: options.environment.secrets,
  });
  try {
    const project = {
      ...projectFromEnvironment(options.environment, options.processEnv),
      kind: "local" as const,
      createHistoryDatabase: true,
    };
    await createContainersIfMissing(driver, options.environment);
    await migrateUp({ project, driver });
    const { introspect } = await import("../introspect/index.js");
    const replayed = await introspect(driver, {
      scope: { databases: schemaScope, roles: [], warehouses: [], monitors: [], users: [], ignore: [] },
      schemas: [],
      kinds: ["table"],
    });
    return [...replayed.model.objects.values()];
  } finally {
    await driver.close();
  }
}

export async function checkDrift(options: DriftOptions): Promise<DriftResult> {
  const { environment } = options;
  const kinds: ObjectKind[] = [...DEFAULT_DIFF_KINDS, ...(options.includeTables ? (["table"] as const) : [])];
  return withDesiredAndDriver(options, async (desired, driver) => {
    if (options.includeTables) {
      const history = environment.history;
      for (const table of await tablesFromMigrations(options, desired.model.scope.databases)) {
        // The change-history table is the runner's own bookkeeping, not part of the schema.
        if (
          table.name.endsWith(`.${history.schema}.${history.table}`) ||
          table.name.endsWith(`.${history.schema}.${history.table}_LOCK`)
        )
          continue;
        desired.model.objects.set(`${table.kind}:${table.name}`, table);
      }
    }
    const started = new Map<number, number>();
    const live = await readLiveState(driver, desired.model, environment, {
      kinds,
      ...(options.onProgress
        ? {
            onRound: ({ phase, index, known, sql }) => {
              if (phase === "start") started.set(index, performance.now());
              const elapsedMs = performance.now() - (started.get(index) ?? performance.now());
              emit(options.onProgress, {
                task: "read",
                phase,
                step: index,
                total: known,
                label: sql,
                ...(phase === "done" ? { elapsedMs, outcome: "read" } : {}),
              });
            },
          }
        : {}),
      queryTag: queryTag("drift", environment),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });
    if (options.includeTables) {
      const history = environment.history;
      for (const [key, object] of live.model.objects) {
        if (object.kind === "table" && object.name.includes(`.${history.schema}.${history.table}`))
          live.model.objects.delete(key);
      }
    }
    const diff = diffModels(desired.model, live.model, { kinds });
    // The user drift reads as is the operator's own, not the platform's: never "unmanaged".
    const session = await driver.execute("SELECT CURRENT_USER() AS U");
    const self = session.rows[0]?.[0];
    return {
      report: buildDriftReport(diff, {
        environment: environment.name,
        database: environment.database,
        introspection: live.stats,
        unmanaged: unmanagedObjects(desired.model, live.model, {
          users: typeof self === "string" ? [quoteIdentifier(self)] : [],
        }),
      }),
    };
  });
}
