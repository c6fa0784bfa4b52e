/**
 * Use case `views test`: runs the view tests (`views/<SCHEMA>/<VIEW>.test.yaml`) on one fresh
 * in-memory local engine built for the project (the real migration runner, then the declarations
 * applied, so roles, row access policies and grants exist). Per case: the tables the view reads
 * (transitively) and the `given` tables are emptied, the given rows inserted, the view selected
 * (as `as_role` when given) and compared with the expected rows. A session stays open for `dev`.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import { openLocalDriver } from "../../driver/local.js";
import type { Driver, QueryResult } from "../../driver/types.js";
import { openEngine } from "../../engine/index.js";
import type { Engine } from "../../engine/types.js";
import { MercuriosError, ProjectError } from "../../errors/index.js";
import { quoteIdentifier, resolveIdentifier, splitDotted, type ViewObject } from "../../model/index.js";
import { templateContextFor } from "../../project/files.js";
import {
  compareRows,
  discoverViewTestFiles,
  type ExpectedCell,
  loadViewTestFiles,
  type TestCell,
  throwIfInvalid,
  type ViewTestCase,
  type ViewTestFile,
} from "../../project/view-tests/index.js";
import type { ViewTestCaseResult, ViewTestReport } from "../../report/view-tests.js";
import { renderTemplate, sqlLiteral } from "../../template/index.js";
import { applyChanges } from "../apply.js";
import { createContainersIfMissing } from "../declarations.js";
import { emit, type ProgressEvent, type ProgressListener } from "../progress.js";
import { migrateUp, projectFromEnvironment } from "../migrate.js";
import { type DeclaredViews, loadDeclaredViews } from "./declared.js";
import { syncViews, ViewSyncError } from "./sync.js";
import { type Catalog, messageOf, readCatalog, restore, tableKey } from "./test-tables.js";

export type { ViewTestCaseResult, ViewTestReport } from "../../report/view-tests.js";

/** An engine built for running view tests, kept open between runs (the `dev` watcher). */
export interface ViewTestSession {
  /** Runs the tests of the given views (qualified names; all views with tests by default). Re-reads the test files. */
  run(options?: { views?: readonly string[] }): Promise<ViewTestReport>;
  /**
   * After project changes: re-creates changed views from `declared` and, when `migrations` is
   * true, rebuilds the engine from the migrations.
   */
  refresh(change: {
    declared: DeclaredViews;
    views?: readonly string[];
    migrations?: boolean;
  }): Promise<void>;
  close(): Promise<void>;
}

export interface ViewTestSessionOptions {
  processEnv?: NodeJS.ProcessEnv;
  /** The environment's declared views, when the caller has them loaded already. */
  declared?: DeclaredViews;
  /**
   * Progress: building the engine (tasks `test engine: migrate`, `test engine: apply`), then task
   * `views test`, one step per case (`detail` is the case's result).
   */
  onProgress?: ProgressListener;
}

/** One built engine and what it knows. */
interface Built {
  engine: Engine;
  driver: Driver;
  catalog: Catalog;
  /** Sessions per `as_role`, opened on first use. */
  roleDrivers: Map<string, Driver>;
  /** Why the declarations could not all be applied (views missing then), if they could not. */
  applyFailure?: string;
  /**
   * Views whose latest definition could not be created (and the views reading them), with why:
   * the engine still holds an older definition, so their tests must not pass against it.
   */
  stale: Map<string, string>;
}

const TAG = "mercurios/views-test";

const sqlName = (qualified: string) => splitDotted(qualified).map(quoteIdentifier).join(".");

/** Builds the engine: migrations, then the declarations (roles, policies, grants, views). */
async function build(
  environment: ResolvedEnvironment,
  processEnv: NodeJS.ProcessEnv,
  declared: DeclaredViews,
  onProgress?: ProgressListener,
): Promise<Built> {
  const progress = onProgress
    ? { onProgress: (e: ProgressEvent) => onProgress({ ...e, task: `test engine: ${e.task}` }) }
    : {};
  const engine = await openEngine({ path: ":memory:" });
  try {
    const driver = await openLocalDriver(engine, { secrets: environment.secrets, queryTag: TAG });
    // Whatever the environment's kind, its scripts run on this throwaway local engine, which starts
    // empty: the history's database may be created here.
    const project = {
      ...projectFromEnvironment(environment, processEnv),
      kind: "local" as const,
      createHistoryDatabase: true,
    };
    await createContainersIfMissing(driver, environment);
    await migrateUp({ project, driver, ...progress });
    const applied = await applyChanges({
      environment,
      driver,
      processEnv,
      ...progress,
      command: "views-test",
      desired: declared.desired,
      // A throwaway engine: nothing here is anyone's data.
      allowDestructive: true,
    });
    await driver.execute(`USE DATABASE ${quoteIdentifier(environment.database)}`);
    const catalog = await readCatalog(driver, environment, TAG);
    return {
      engine,
      driver,
      catalog,
      roleDrivers: new Map(),
      stale: new Map(),
      ...(applied.failed
        ? {
            applyFailure: `applying the declarations failed at ${applied.failed.object}: ${applied.failed.error}`,
          }
        : {}),
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

const normalisedKey = (qualified: string) =>
  splitDotted(qualified)
    .map((p) => quoteIdentifier(resolveIdentifier(p)))
    .join(".");

const short = (key: string) => splitDotted(key).slice(1).join(".");

const expectedCell = (value: TestCell): ExpectedCell => (typeof value === "boolean" ? String(value) : value);

/** Whose rows does a file test: the declared view at views/<SCHEMA>/<VIEW>.sql. */
function viewOfFile(declared: DeclaredViews, schema: string, view: string): ViewObject | undefined {
  const s = resolveIdentifier(schema);
  const v = resolveIdentifier(view);
  return [...declared.graph.views.values()].find(
    (o) => resolveIdentifier(o.schema) === s && resolveIdentifier(splitDotted(o.name).pop() ?? "") === v,
  );
}

const fileParts = (absolutePath: string) => {
  const parts = absolutePath.replace(/\\/g, "/").split("/");
  const file = parts.pop() ?? "";
  return { schema: parts.pop() ?? "", view: file.replace(/\.test\.ya?ml$/i, "") };
};

/** Opens a session: builds the engine once; `run` re-reads the test files each time. */
export async function openViewTestSession(
  environment: ResolvedEnvironment,
  options: ViewTestSessionOptions = {},
): Promise<ViewTestSession> {
  const processEnv = options.processEnv ?? process.env;
  let declared = options.declared ?? (await loadDeclaredViews(environment, processEnv));
  let built: Built | undefined = await build(environment, processEnv, declared, options.onProgress);
  // run and refresh share one engine; the watcher may call refresh while a run is going.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const current = (): Built => {
    if (!built) throw new MercuriosError("SESSION_CLOSED", "the view test session is closed");
    return built;
  };
  const closeBuilt = async (b: Built) => {
    for (const d of b.roleDrivers.values()) await d.close();
    await b.driver.close();
    await b.engine.close();
  };
  const render = (text: string, absolutePath: string) =>
    renderTemplate(text, absolutePath, templateContextFor(environment, absolutePath, processEnv)).sql;

  return {
    run: (runOptions = {}) =>
      serial(async () => {
        const b = current();
        const wanted = runOptions.views ? new Set(runOptions.views) : undefined;
        const problems: MercuriosError[] = [];
        const paths: string[] = [];
        const viewOf = new Map<string, ViewObject>();
        for (const absolutePath of await discoverViewTestFiles(environment.root)) {
          const { schema, view } = fileParts(absolutePath);
          const object = viewOfFile(declared, schema, view);
          if (!object) {
            if (!wanted) {
              problems.push(
                new ProjectError(
                  "VIEW_TEST_NO_VIEW",
                  `no declared view ${schema}.${view} for this test file.`,
                  {
                    location: { file: absolutePath.slice(environment.root.length).replace(/^[\\/]/, "") },
                    hint: `A test file sits beside its view: views/${schema}/${view}.sql. Rename the file or add the view.`,
                  },
                ),
              );
            }
            continue;
          }
          if (wanted && !wanted.has(object.name)) continue;
          paths.push(absolutePath);
          viewOf.set(absolutePath, object);
        }
        const loaded = await loadViewTestFiles({ root: environment.root, render, files: paths });
        problems.push(...loaded.problems);
        const columnsOf = new Map<string, string[] | Error>();
        for (const file of loaded.files) {
          const view = viewOf.get(file.absolutePath)!;
          if (!columnsOf.has(view.name)) {
            const stale = declared.graph.upstream([view.name]).some((v) => b.stale.has(v));
            // A stale view's columns are its old ones: its cases report why it is stale instead.
            columnsOf.set(view.name, stale ? new Error("stale") : await viewColumns(b, view));
          }
          problems.push(...checkFile(file, view, columnsOf.get(view.name)!, b.catalog, environment.database));
        }
        throwIfInvalid(problems);
        const cases: ViewTestCaseResult[] = [];
        const total = loaded.files.reduce((n, f) => n + f.cases.length, 0);
        for (const file of loaded.files) {
          const view = viewOf.get(file.absolutePath)!;
          for (const testCase of file.cases) {
            const step = {
              task: "views test",
              step: cases.length + 1,
              total,
              label: `${short(normalisedKey(view.name))}: ${testCase.name}`,
            };
            emit(options.onProgress, { ...step, phase: "start" });
            const result = await runCase(b, declared, environment.database, file, view, testCase);
            cases.push(result);
            emit(options.onProgress, {
              ...step,
              phase: "done",
              elapsedMs: result.durationMs,
              outcome: result.status,
              detail: result,
            });
          }
        }
        const passed = cases.filter((c) => c.status === "passed").length;
        return { cases, passed, failed: cases.length - passed, files: loaded.files.map((f) => f.file) };
      }),
    refresh: (change) =>
      serial(async () => {
        declared = change.declared;
        if (change.migrations) {
          const old = current();
          built = undefined;
          await closeBuilt(old);
          built = await build(environment, processEnv, declared, options.onProgress);
          return;
        }
        const b = current();
        if (change.views && change.views.length > 0) {
          // Only the named views and what reads them: `dev` calls this on every view save, and the
          // whole plan (declarations re-imported, every kind introspected) took seconds there.
          const named = change.views.filter((v) => change.declared.graph.views.has(v));
          const affected = change.declared.graph.downstream(named);
          try {
            await syncViews({
              environment,
              driver: b.driver,
              declared: change.declared,
              views: named,
              withDependants: true,
            });
            delete b.applyFailure;
            for (const view of affected) b.stale.delete(view);
          } catch (error) {
            // Views handled before the failing one are up to date; it and those after it are not.
            const synced = new Set(error instanceof ViewSyncError ? error.synced.map((v) => v.name) : []);
            const why = messageOf(error);
            for (const view of affected) {
              if (synced.has(view)) b.stale.delete(view);
              else b.stale.set(view, why);
            }
          }
          await b.driver.execute(`USE DATABASE ${quoteIdentifier(environment.database)}`);
          return;
        }
        // Without views named, the whole plan is applied: unchanged views are untouched.
        const applied = await applyChanges({
          environment,
          driver: b.driver,
          processEnv,
          command: "views-test",
          desired: change.declared.desired,
          allowDestructive: true,
        });
        if (applied.failed) {
          b.applyFailure = `applying the declarations failed at ${applied.failed.object}: ${applied.failed.error}`;
          const failedView = /^VIEW (.+)$/.exec(applied.failed.object)?.[1];
          if (failedView) {
            for (const view of change.declared.graph.downstream([failedView]))
              b.stale.set(view, applied.failed.error);
          }
        } else {
          delete b.applyFailure;
          b.stale.clear();
        }
        await b.driver.execute(`USE DATABASE ${quoteIdentifier(environment.database)}`);
      }),
    close: () =>
      serial(async () => {
        const b = built;
        built = undefined;
        if (b) await closeBuilt(b);
      }),
  };
}

/** `mercurios views test`: one session, the tests of `views` (names as typed; all by default), closed after. */
export async function runViewTests(options: {
  environment: ResolvedEnvironment;
  views?: readonly string[];
  processEnv?: NodeJS.ProcessEnv;
  onProgress?: ProgressListener;
}): Promise<ViewTestReport> {
  const declared = await loadDeclaredViews(options.environment, options.processEnv);
  const views = options.views?.map((name) => declared.resolve(name).name);
  const session = await openViewTestSession(options.environment, {
    declared,
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    return await session.run(views ? { views } : {});
  } finally {
    await session.close();
  }
}

/**
 * A session with `role`. The engine's user holds ACCOUNTADMIN, so it may use the roles in that chain;
 * one of the project's roles outside it (no parent up to SYSADMIN) is granted to a user of its own
 * on this throwaway engine, as a person holding the role would log in.
 */
async function openRoleDriver(b: Built, role: string, database: string): Promise<Driver> {
  try {
    return await openLocalDriver(b.engine, { session: { role, database }, queryTag: TAG });
  } catch (error) {
    if (!/not granted/i.test(messageOf(error))) throw error;
  }
  const user = quoteIdentifier(`MERCURIOS_VIEW_TESTS_${role}`);
  await b.driver.executeBatch(
    [`CREATE USER IF NOT EXISTS ${user}`, `GRANT ROLE ${quoteIdentifier(role)} TO USER ${user}`],
    {
      queryTag: TAG,
    },
  );
  return openLocalDriver(b.engine, {
    session: { user: `MERCURIOS_VIEW_TESTS_${role}`, role, database },
    queryTag: TAG,
  });
}

/** The view's column names, or why it cannot be selected. */
async function viewColumns(b: Built, view: ViewObject): Promise<string[] | Error> {
  try {
    const result = await b.driver.execute(`SELECT * FROM ${sqlName(view.name)} LIMIT 0`, { queryTag: TAG });
    return result.columns.map((c) => c.name);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Names in a test file checked against the engine: tables, their columns, roles, the view's columns. */
function checkFile(
  file: ViewTestFile,
  view: ViewObject,
  viewColumnsOrError: string[] | Error,
  catalog: Catalog,
  database: string,
): MercuriosError[] {
  const problems: MercuriosError[] = [];
  const problem = (line: number, message: string, hint: string) =>
    new ProjectError("VIEW_TEST_INVALID", message, { location: { file: file.file, line }, hint });
  const tableList = (near?: string) => {
    const all = [...catalog.tables.keys()].map(short);
    const schema = near ? splitDotted(near).slice(-2, -1)[0] : undefined;
    const same = schema ? all.filter((t) => t.startsWith(`${resolveIdentifier(schema)}.`)) : [];
    return (same.length > 0 ? same : all).join(", ");
  };
  for (const testCase of file.cases) {
    for (const given of testCase.given) {
      const key = tableKey(given.written, database);
      const columns = key ? catalog.tables.get(key) : undefined;
      if (!key || !columns) {
        problems.push(
          problem(
            given.line,
            `given: no table ${given.written}${key ? "" : " (write SCHEMA.TABLE or DB.SCHEMA.TABLE)"}.`,
            `Tables: ${tableList(given.written)}.`,
          ),
        );
        continue;
      }
      for (const row of given.rows) {
        for (const cell of row.cells) {
          if (!columns.includes(cell.column)) {
            problems.push(
              problem(
                cell.line,
                `given: table ${short(key)} has no column ${cell.written}.`,
                `Its columns: ${columns.join(", ")}.`,
              ),
            );
          }
        }
      }
    }
    if (testCase.asRole && !catalog.roles.has(testCase.asRole.name)) {
      problems.push(
        problem(
          testCase.asRole.line,
          `as_role: no role ${testCase.asRole.written}.`,
          `Roles: ${[...catalog.roles].sort().join(", ")}.`,
        ),
      );
    }
    if (viewColumnsOrError instanceof Error) continue; // the case reports the view's error when it runs
    const viewName = short(normalisedKey(view.name));
    const named = [
      ...(testCase.expect.rows[0]?.cells.map((c) => ({ name: c.column, written: c.written, line: c.line })) ??
        []),
      ...(testCase.expect.orderBy ?? []),
    ];
    for (const column of named) {
      if (!viewColumnsOrError.includes(column.name)) {
        problems.push(
          problem(
            column.line,
            `expect: view ${viewName} has no column ${column.written}.`,
            `Its columns: ${viewColumnsOrError.join(", ")}.`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The tables `view` reads, directly or through the declared views it reads. */
function tablesRead(declared: DeclaredViews, view: ViewObject, catalog: Catalog): string[] {
  const tables = new Set<string>();
  for (const name of declared.graph.upstream([view.name])) {
    for (const relation of declared.graph.reads(name)) {
      const key = normalisedKey(relation);
      if (catalog.tables.has(key)) tables.add(key);
    }
  }
  return [...tables].sort();
}

async function runCase(
  b: Built,
  declared: DeclaredViews,
  database: string,
  file: ViewTestFile,
  view: ViewObject,
  testCase: ViewTestCase,
): Promise<ViewTestCaseResult> {
  const started = performance.now();
  const base = { view: view.name, file: file.file, line: testCase.line, name: testCase.name };
  const done = (result: Omit<ViewTestCaseResult, keyof typeof base>): ViewTestCaseResult => ({
    ...base,
    ...result,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  });
  const stale = declared.graph.upstream([view.name]).find((v) => b.stale.has(v));
  if (stale) {
    const which = stale === view.name ? "the view" : `${short(normalisedKey(stale))}, which it reads,`;
    return done({
      status: "error",
      message: `${which} could not be re-created, so the test did not run: ${b.stale.get(stale)}`,
    });
  }
  const reads = tablesRead(declared, view, b.catalog);
  const given = testCase.given.map((g) => ({ ...g, key: tableKey(g.written, database)! }));
  // A given table the view does not read (a policy's mapping table) is put back afterwards.
  const outside = given.filter((g) => !reads.includes(g.key));
  const saved = new Map<string, QueryResult>();
  for (const g of outside) {
    if (!saved.has(g.key))
      saved.set(g.key, await b.driver.execute(`SELECT * FROM ${g.key}`, { queryTag: TAG }));
  }
  try {
    const clear = [...new Set([...reads, ...given.map((g) => g.key)])];
    await b.driver.executeBatch(
      clear.map((t) => `TRUNCATE TABLE ${t}`),
      { queryTag: TAG },
    );
    for (const g of given) {
      if (g.rows.length === 0) continue;
      const columns = [...new Set(g.rows.flatMap((r) => r.cells.map((c) => c.column)))];
      const values = g.rows.map((row) => {
        const byColumn = new Map(row.cells.map((c) => [c.column, c.value]));
        return `(${columns.map((c) => sqlLiteral(byColumn.has(c) ? byColumn.get(c)! : null)).join(", ")})`;
      });
      try {
        await b.driver.execute(
          `INSERT INTO ${g.key} (${columns.map(quoteIdentifier).join(", ")}) VALUES\n${values.join(",\n")}`,
          { queryTag: TAG },
        );
      } catch (error) {
        return done({
          status: "error",
          message: `${file.file}:${g.line}: the rows given for ${g.written} could not be inserted: ${messageOf(error)}`,
        });
      }
    }
    let driver = b.driver;
    if (testCase.asRole) {
      const role = testCase.asRole.name;
      let session = b.roleDrivers.get(role);
      if (!session) {
        session = await openRoleDriver(b, role, database);
        b.roleDrivers.set(role, session);
      }
      driver = session;
    }
    const orderBy = testCase.expect.orderBy;
    const select = `SELECT * FROM ${sqlName(view.name)}${
      orderBy ? ` ORDER BY ${orderBy.map((c) => quoteIdentifier(c.name)).join(", ")}` : ""
    }`;
    let result: QueryResult;
    try {
      result = await driver.execute(select, { queryTag: TAG });
    } catch (error) {
      const where = view.source ? `${view.source}:${view.sourceLine ?? 1}` : view.name;
      const applied = b.applyFailure ? ` (${b.applyFailure})` : "";
      const as = testCase.asRole ? ` as ${testCase.asRole.name}` : "";
      return done({
        status: "error",
        message: `selecting the view${as} failed: ${messageOf(error)}${applied} [${where}]`,
      });
    }
    const names = result.columns.map((c) => c.name);
    // Expecting no rows names no columns: show the whole row of anything that came.
    const columns = testCase.expect.columns.length > 0 ? testCase.expect.columns : names;
    const indexes = columns.map((c) => names.indexOf(c));
    const actual = result.rows.map((row) => indexes.map((i) => row[i] ?? null));
    const expected = testCase.expect.rows.map((row) => {
      const byColumn = new Map(row.cells.map((c) => [c.column, expectedCell(c.value)]));
      return columns.map((c) => byColumn.get(c) ?? null);
    });
    const ordered = orderBy !== undefined;
    const comparison = compareRows(expected, actual, { ordered, width: columns.length });
    if (comparison.equal) return done({ status: "passed" });
    const missing = comparison.pairs.filter((p) => p.actual === null).length;
    const extra = comparison.pairs.filter((p) => p.expected === null).length;
    const differing = comparison.pairs.filter(
      (p) => p.actual !== null && p.expected !== null && p.differing.length > 0,
    ).length;
    const parts = [
      differing > 0
        ? `${differing} row${differing === 1 ? "" : "s"} differ${differing === 1 ? "s" : ""}`
        : "",
      missing > 0 ? `${missing} expected row${missing === 1 ? "" : "s"} missing` : "",
      extra > 0 ? `${extra} unexpected row${extra === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    return done({
      status: "failed",
      message: `${parts.join(", ")} (${expected.length} expected, ${actual.length} actual${testCase.asRole ? `, as ${testCase.asRole.name}` : ""})`,
      columns,
      expected,
      actual,
      pairs: comparison.pairs,
      ordered,
    });
  } catch (error) {
    return done({ status: "error", message: messageOf(error) });
  } finally {
    for (const [key, rows] of saved) await restore(b.driver, key, rows);
  }
}
