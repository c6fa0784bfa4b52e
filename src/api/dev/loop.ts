/**
 * The core of `mercurios dev`, without a watcher: `createDevLoop` brings the local engine up to date
 * once (as `mercurios up` does) and opens a warm view-test session; `handle(paths)` then does only
 * what a burst of saved files needs (re-render views, re-create the changed ones and their
 * dependants, re-run their tests, migrate, reload the config) and returns the round's status.
 * Nothing here waits on time, so tests drive it with file edits and `handle` calls.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import type { Driver } from "../../driver/types.js";
import { ConfigError, DriverError } from "../../errors/index.js";
import type { ModuleDeclarations } from "../../project/declarations/index.js";
import type {
  DevAppliedView,
  DevPreview,
  DevProblem,
  DevStatus,
  DevTimings,
} from "../../report/dev-status.js";
import type { ViewTestReport } from "../../report/view-tests.js";
import { migrateUp, projectFromEnvironment } from "../migrate.js";
import { withSqlEndpoint } from "../sql-route/endpoint.js";
import { upEnvironment } from "../up.js";
import { type DeclaredViews, loadDeclaredViews } from "../views/declared.js";
import type { SyncViewsOptions, SyncViewsReport } from "../views/sync.js";
import { classifyChanges, type SavedPath } from "./changes.js";
import { devProblems } from "./problems.js";

/** The warm view-test session the loop re-runs tests in (src/api/views/test.ts). */
export interface DevTestSession {
  run(options?: { views?: readonly string[] }): Promise<ViewTestReport>;
  refresh(options: {
    declared: DeclaredViews;
    views?: readonly string[];
    migrations?: boolean;
  }): Promise<void>;
  close(): Promise<void>;
}

/** The parts the loop calls; tests and embedders may replace them. */
export interface DevServices {
  syncViews(options: SyncViewsOptions): Promise<SyncViewsReport>;
  openViewTestSession(
    environment: ResolvedEnvironment,
    options: { processEnv?: NodeJS.ProcessEnv; declared?: DeclaredViews },
  ): Promise<DevTestSession>;
}

export interface DevLoopOptions {
  environment: ResolvedEnvironment;
  /** Loads the config again (a saved mercurios.config.ts); defaults to reusing `environment`. */
  reloadEnvironment?: () => Promise<ResolvedEnvironment>;
  processEnv?: NodeJS.ProcessEnv;
  /** An open driver on the local engine (kept open by close()); otherwise the loop opens one. */
  driver?: Driver;
  /** How long to wait for another process to release the engine file. Default 2 s. */
  lockWaitMs?: number;
  /** Rows of the changed view in the status. Default 5. */
  previewRows?: number;
  services?: DevServices;
}

/** A running loop: its first status (the start), and the handler of each burst of saves. */
export interface DevLoop {
  readonly environment: ResolvedEnvironment;
  /** What the start did: migrations, views applied, the tests, problems. */
  readonly started: DevStatus;
  /** Handles one burst of saved paths (absolute or relative to the root). Calls must not overlap. */
  handle(saved: readonly (string | SavedPath)[]): Promise<DevStatus>;
  /** Closes the test session and the engine (when the loop opened it). */
  close(): Promise<void>;
}

async function defaultServices(): Promise<DevServices> {
  const [{ syncViews }, { openViewTestSession }] = await Promise.all([
    import("../views/sync.js"),
    import("../views/test.js"),
  ]);
  return { syncViews, openViewTestSession };
}

/** Opens the local engine, failing fast (not after a minute) when another process holds the file. */
async function openDevDriver(environment: ResolvedEnvironment, lockWaitMs: number): Promise<Driver> {
  if (environment.kind !== "local" || !environment.localDb) {
    throw new ConfigError("DEV_NOT_LOCAL", `environment '${environment.name}' is not a local engine`, {
      location: { path: `environments.${environment.name}` },
      hint: "`mercurios dev` works on the local engine only: run it with --env local (or another kind: local environment). Use `mercurios views diff <name> --env <env>` to compare with Snowflake.",
    });
  }
  const { openEngine } = await import("../../engine/index.js");
  const { openLocalDriver } = await import("../../driver/local.js");
  let engine: Awaited<ReturnType<typeof openEngine>>;
  try {
    engine = await openEngine({ path: environment.localDb, lockWaitMs, holder: "`mercurios dev`" });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const inUse = /in use|lock/i.test(text);
    const holder = /is held by (.+ \(pid \d+\))/.exec(text)?.[1];
    throw new DriverError(
      inUse ? "LOCAL_ENGINE_IN_USE" : "LOCAL_ENGINE_OPEN",
      inUse
        ? `the local engine file is held by ${holder ?? "another process (a command still running, or another `mercurios dev`)"}.`
        : `the local engine could not be opened: ${error instanceof Error ? error.message : String(error)}`,
      {
        location: { file: environment.localDb },
        hint: inUse
          ? "Only one process may write the engine file. Stop the other `mercurios dev` (Ctrl-C in its terminal) or wait for the command to finish; or give this one its own file with --local-db PATH."
          : "Check the path (environments.<env>.localDb or --local-db) and that its folder is writable.",
        cause: error,
      },
    );
  }
  // `mercurios sql` on this file is answered by this process while it holds it (decision 019).
  return openLocalDriver(await withSqlEndpoint(engine), { ownsEngine: true, secrets: environment.secrets });
}

/** An apply step that failed on a declared view points at the view's file, as syncViews errors do. */
function locateApplyFailure(status: DevStatus, declared: DeclaredViews): void {
  for (const problem of status.errors) {
    if (problem.code !== "APPLY_FAILED" || problem.file || !problem.object?.startsWith("VIEW ")) continue;
    const view = declared.graph.views.get(problem.object.slice(5));
    if (!view?.source) continue;
    problem.file = view.source;
    problem.line = view.sourceLine ?? 1;
  }
}

const noTimings = (): DevTimings => ({
  configMs: 0,
  migrateMs: 0,
  renderMs: 0,
  applyMs: 0,
  testsMs: 0,
  previewMs: 0,
  totalMs: 0,
});

function quoteForQuery(name: string): string {
  // Declared names are already in SQL form (`DB.SCHEMA.VIEW`, quoted parts kept quoted).
  return name;
}

/** Creates the loop and runs its start: up, declared views, the warm test session, all tests. */
export async function createDevLoop(options: DevLoopOptions): Promise<DevLoop> {
  const processEnv = options.processEnv ?? process.env;
  const previewRows = options.previewRows ?? 5;
  let environment = options.environment;
  const services = options.services ?? (await defaultServices());
  const driver = options.driver ?? (await openDevDriver(environment, options.lockWaitMs ?? 2_000));

  let declared: DeclaredViews | undefined;
  let modules: ModuleDeclarations | undefined;
  let session: DevTestSession | undefined;
  /** Views whose last re-creation failed (or never ran): retried on every later round. */
  const pending = new Set<string>();
  /** Whether the start's `up` did not finish (a broken migration or declaration). */
  let upPending = false;

  const now = () => performance.now();

  /** Renders the declarations; on failure the problems go in the status and the last good set stays. */
  async function render(errors: DevProblem[], reuseModules: boolean): Promise<DeclaredViews | undefined> {
    try {
      const loaded = await loadDeclaredViews(
        environment,
        processEnv,
        reuseModules && modules ? { modules } : {},
      );
      declared = loaded;
      if (loaded.desired.modules) modules = loaded.desired.modules;
      return loaded;
    } catch (error) {
      errors.push(...devProblems(error));
      return undefined;
    }
  }

  async function ensureSession(
    current: DeclaredViews,
    errors: DevProblem[],
  ): Promise<DevTestSession | undefined> {
    if (session) return session;
    try {
      session = await services.openViewTestSession(environment, { processEnv, declared: current });
    } catch (error) {
      errors.push(...devProblems(error));
    }
    return session;
  }

  async function migrate(status: DevStatus): Promise<boolean> {
    const started = now();
    try {
      const report = await migrateUp({ project: projectFromEnvironment(environment, processEnv), driver });
      status.migrations.push(...report.scripts.map((s) => s.script));
      return true;
    } catch (error) {
      status.errors.push(...devProblems(error));
      return false;
    } finally {
      status.timings.migrateMs += now() - started;
    }
  }

  /** Re-creates `views` (and their dependants) on the engine; false when the engine rejected one. */
  async function apply(
    current: DeclaredViews,
    views: readonly string[],
    status: DevStatus,
  ): Promise<boolean> {
    const wanted = [...new Set([...views, ...pending])].filter((v) => current.graph.views.has(v));
    for (const name of pending) if (!current.graph.views.has(name)) pending.delete(name);
    if (wanted.length === 0) return true;
    const started = now();
    try {
      const report = await services.syncViews({
        environment,
        driver,
        declared: current,
        views: wanted,
        withDependants: true,
      });
      status.applied.push(
        ...report.views.map(({ name, action, reason }): DevAppliedView => ({ name, action, reason })),
      );
      pending.clear();
      return true;
    } catch (error) {
      const synced = (error as { synced?: readonly DevAppliedView[] }).synced ?? [];
      status.applied.push(...synced.map(({ name, action, reason }) => ({ name, action, reason })));
      const done = new Set(synced.map((v) => v.name));
      for (const name of current.graph.downstream(wanted)) if (!done.has(name)) pending.add(name);
      status.errors.push(...devProblems(error));
      return false;
    } finally {
      status.timings.applyMs += now() - started;
    }
  }

  async function runTests(
    current: DeclaredViews,
    status: DevStatus,
    scope: { all: true } | { views: readonly string[] },
    refresh: { views?: readonly string[]; migrations?: boolean } | null,
  ): Promise<void> {
    const started = now();
    try {
      const opened = session !== undefined;
      const active = await ensureSession(current, status.errors);
      if (!active) return;
      // A session opened just now was built from `current` already.
      if (opened && refresh) await active.refresh({ declared: current, ...refresh });
      status.tests = await active.run("all" in scope ? {} : { views: scope.views });
    } catch (error) {
      status.errors.push(...devProblems(error));
    } finally {
      status.timings.testsMs += now() - started;
    }
  }

  async function preview(view: string, status: DevStatus): Promise<void> {
    const started = now();
    try {
      const result = await driver.execute(`SELECT * FROM ${quoteForQuery(view)} LIMIT ${previewRows}`, {
        queryTag: `mercurios/dev/${environment.name}`,
      });
      const shown: DevPreview = { view, columns: result.columns.map((c) => c.name), rows: result.rows };
      status.preview = shown;
    } catch (error) {
      status.errors.push(...devProblems(error));
    } finally {
      status.timings.previewMs += now() - started;
    }
  }

  function newStatus(kind: DevStatus["kind"]): DevStatus {
    return {
      kind,
      at: "",
      environment: environment.name,
      changed: [],
      migrations: [],
      applied: [],
      tests: null,
      preview: null,
      errors: [],
      notes: [],
      timings: noTimings(),
    };
  }

  function finish(status: DevStatus, started: number): DevStatus {
    status.timings.totalMs = now() - started;
    status.at = new Date().toISOString();
    return status;
  }

  /** `mercurios up` on the engine (migrate, apply, sample data); false when it did not finish. */
  async function bringUp(status: DevStatus): Promise<boolean> {
    const upStarted = now();
    const before = status.errors.length;
    try {
      const result = await upEnvironment({ environment, driver, processEnv });
      status.migrations.push(...result.migrate.scripts.map((s) => s.script));
      if (status.kind === "change") {
        // A round that finishes the start's `up`: the views it applied are this round's news.
        const views = new Set(
          result.apply.applied.filter((s) => s.object.startsWith("VIEW ")).map((s) => s.object.slice(5)),
        );
        for (const name of views) status.applied.push({ name, action: "created", reason: "applied by `up`" });
      }
      if (result.apply.failed) {
        status.errors.push({
          code: "APPLY_FAILED",
          message: `apply step ${result.apply.failed.number} failed: ${result.apply.failed.error}`,
          object: result.apply.failed.object,
          hint: "Fix it and save: the loop runs `up` again on the next save.",
        });
      }
      if (result.seed?.ran) status.notes.push(`sample data: ${result.seed.outcome.summary}`);
    } catch (error) {
      status.errors.push(...devProblems(error));
    }
    status.timings.migrateMs += now() - upStarted;
    return status.errors.length === before;
  }

  async function start(): Promise<DevStatus> {
    const started = now();
    const status = newStatus("start");
    // A broken migration or declaration leaves `up` unfinished: the next save runs it again.
    upPending = !(await bringUp(status));

    const renderStarted = now();
    const current = await render(status.errors, false);
    status.timings.renderMs = now() - renderStarted;
    if (current) locateApplyFailure(status, current);
    if (current && !upPending) await runTests(current, status, { all: true }, null);
    else if (current) status.notes.push("view tests run once `up` has finished: fix the error and save");
    return finish(status, started);
  }

  async function handle(saved: readonly (string | SavedPath)[]): Promise<DevStatus> {
    const started = now();
    const status = newStatus("change");
    const entries = saved.map((s) => (typeof s === "string" ? { path: s } : s));
    const changes = classifyChanges(environment.root, environment.configFile, entries);
    status.changed = changes.files;
    const relevant =
      changes.config || changes.views.length + changes.tests.length + changes.migrations.length > 0;
    if (!relevant) return finish(status, started);

    if (changes.config) {
      const configStarted = now();
      try {
        if (options.reloadEnvironment) environment = await options.reloadEnvironment();
        // Vars may have changed: the roles/ and monitors/ declarations are functions of them, and
        // the test session renders with the environment it was opened for, so it is opened again.
        modules = undefined;
        const stale = session;
        session = undefined;
        if (stale) await stale.close();
      } catch (error) {
        status.errors.push(...devProblems(error));
        status.timings.configMs = now() - configStarted;
        return finish(status, started);
      }
      status.timings.configMs = now() - configStarted;
    }

    let migrations = changes.config || changes.migrations.length > 0;
    if (upPending) {
      // The start could not finish `up`: whatever was saved, finish it first (it migrates too).
      if (!(await bringUp(status))) return finish(status, started);
      upPending = false;
      migrations = true;
    } else if (migrations && !(await migrate(status))) return finish(status, started);

    // A test file alone needs no rendering: the last good declarations say which view it tests.
    const needsRender = changes.config || changes.views.length > 0 || migrations || !declared;
    let current = declared;
    if (needsRender) {
      const renderStarted = now();
      current = await render(status.errors, !changes.config);
      status.timings.renderMs = now() - renderStarted;
    }
    if (!current) return finish(status, started);
    locateApplyFailure(status, current);

    const savedViews = changes.views
      .map((file) => [...current.graph.views.values()].find((v) => v.source === file)?.name)
      .filter((name): name is string => name !== undefined);
    for (const file of changes.views) {
      if (!savedViews.some((name) => current.graph.views.get(name)?.source === file)) {
        status.notes.push(
          `${file} declares no view now; a view it declared stays in the engine until \`mercurios apply\` drops it`,
        );
      }
    }
    const toApply = changes.config ? [...current.graph.order] : savedViews;
    const applied = await apply(current, toApply, status);
    if (!applied) {
      status.notes.push("tests and rows skipped until the view is created");
      return finish(status, started);
    }

    const testedViews: string[] = [];
    for (const file of changes.tests) {
      const source = file.replace(/\.test\.ya?ml$/i, ".sql");
      const view = [...current.graph.views.values()].find((v) => v.source === source);
      if (view) testedViews.push(view.name);
      else status.notes.push(`${file} tests no declared view: a test file sits beside its view (${source})`);
    }
    const affected = current.graph.downstream(savedViews);
    if (migrations) {
      await runTests(current, status, { all: true }, { migrations: true, views: [...current.graph.order] });
    } else if (affected.length + testedViews.length > 0) {
      await runTests(
        current,
        status,
        { views: [...new Set([...affected, ...testedViews])] },
        affected.length > 0 ? { views: affected } : null,
      );
    }
    const first = savedViews[0];
    if (first) await preview(first, status);
    return finish(status, started);
  }

  let started: DevStatus;
  try {
    started = await start();
  } catch (error) {
    if (!options.driver) await driver.close();
    throw error;
  }

  return {
    get environment() {
      return environment;
    },
    started,
    handle,
    async close() {
      const open = session;
      session = undefined;
      try {
        if (open) await open.close();
      } finally {
        if (!options.driver) await driver.close();
      }
    },
  };
}
