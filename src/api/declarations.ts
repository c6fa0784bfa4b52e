/**
 * Shared steps of plan, apply, drift and up: load the desired state of an environment (declarations
 * rendered for it), open its driver, and read the live state with the introspector.
 */
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { type IntrospectOptions, type IntrospectionResult, introspect } from "../introspect/index.js";
import type { AccountModel, ObjectKind } from "../model/index.js";
import { quoteIdentifier, resolveIdentifier } from "../model/index.js";
import {
  type DesiredState,
  type KnownRelations,
  loadDeclarations,
  type ModuleDeclarations,
} from "../project/declarations/index.js";
import { templateContextFor } from "../project/files.js";
import { renderTemplate } from "../template/index.js";
import { openDriver, projectFromEnvironment } from "./migrate.js";
import { lazyDriver, migrationRelations, relationsInAccount } from "./relations.js";

export interface DeclarationsCommonOptions {
  environment: ResolvedEnvironment;
  /** An open driver (tests, embedding); otherwise one is opened for the environment and closed after. */
  driver?: Driver;
  processEnv?: NodeJS.ProcessEnv;
  /** Introspection queries in flight at once (default 8). */
  concurrency?: number;
  /** The environment's declarations when the caller has loaded them already (else loaded here). */
  desired?: DesiredState;
  /** Only these kinds are read, compared and planned (default: every declared kind). */
  kinds?: readonly ObjectKind[];
}

/**
 * The environment's declarations as the desired model. What views read is checked against the
 * declared views, the relations the migrations create and, given `inAccount` (a target is known),
 * the account's.
 */
export async function loadDesiredState(
  environment: ResolvedEnvironment,
  processEnv: NodeJS.ProcessEnv = process.env,
  options: { modules?: ModuleDeclarations; inAccount?: KnownRelations["inAccount"] } = {},
): Promise<DesiredState> {
  const created = await migrationRelations(environment, processEnv);
  return loadDeclarations({
    ...(options.modules ? { modules: options.modules } : {}),
    ...(created
      ? { relations: { created, ...(options.inAccount ? { inAccount: options.inAccount } : {}) } }
      : {}),
    root: environment.root,
    context: {
      env: environment.name,
      database: environment.database,
      schemas: environment.schemas,
      vars: environment.vars,
    },
    processEnv,
    containers: containersOf(environment),
    ignore: [...environment.config.ignore, ...historySchemaIgnore(environment)],
    renderView: (sql, file, firstLine) => {
      const absolute = `${environment.root}/${file}`;
      const context = { ...templateContextFor(environment, absolute, processEnv), firstLine };
      return renderTemplate(sql, absolute, context).sql;
    },
  });
}

/** The database and schemas mercurios.config.ts declares for the environment. */
function containersOf(environment: ResolvedEnvironment) {
  const options = environment.config.schemaOptions ?? {};
  const optionsOf = (name: string) =>
    options[name] ??
    Object.entries(options).find(([key]) => key.toUpperCase() === name.toUpperCase())?.[1] ??
    {};
  return {
    file: path.relative(environment.root, environment.configFile) || "mercurios.config.ts",
    database: { name: environment.database, ...environment.databaseOptions },
    schemas: environment.schemas.map((name) => ({ name, ...optionsOf(name) })),
  };
}

/**
 * The migration history's schema is the runner's own: when the config does not name it as a schema,
 * it is no drift (the runner creates it).
 */
function historySchemaIgnore(environment: ResolvedEnvironment): string[] {
  const { history } = environment;
  const named = environment.schemas.some((s) => resolveIdentifier(s) === resolveIdentifier(history.schema));
  if (named) return [];
  const qualified = [history.database, history.schema]
    .map((p) => quoteIdentifier(resolveIdentifier(p)))
    .join(".");
  return [`SCHEMA ${qualified}`];
}

/** Reads the live account for the desired model's scope. */
export async function readLiveState(
  driver: Driver,
  desired: AccountModel,
  environment: ResolvedEnvironment,
  options: {
    kinds?: readonly ObjectKind[];
    queryTag: string;
    concurrency?: number;
    onRound?: IntrospectOptions["onRound"];
  },
): Promise<IntrospectionResult> {
  return introspect(driver, {
    ...(options.onRound ? { onRound: options.onRound } : {}),
    scope: desired.scope,
    schemas: environment.schemas.map((s) => resolveIdentifier(s)),
    queryTag: options.queryTag,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}

/**
 * Creates the environment's database and schemas where missing, without their options: for a fresh
 * in-memory engine on which migrations are replayed (view tests, `drift --include tables`), since
 * scripts start in their schema as they do on the account, where `up` created it.
 */
export async function createContainersIfMissing(
  driver: Driver,
  environment: ResolvedEnvironment,
): Promise<void> {
  const db = quoteIdentifier(resolveIdentifier(environment.database));
  await driver.executeBatch([
    `CREATE DATABASE IF NOT EXISTS ${db}`,
    ...environment.schemas.map(
      (s) => `CREATE SCHEMA IF NOT EXISTS ${db}.${quoteIdentifier(resolveIdentifier(s))}`,
    ),
  ]);
}

/**
 * Loads the desired state (unless given) and runs `work` with the driver. The driver is opened when
 * validation first needs the account (a view reads a relation the project does not create) or when
 * the declarations are valid, so that invalid declarations are reported without a connection.
 */
export async function withDesiredAndDriver<T>(
  options: DeclarationsCommonOptions,
  work: (desired: DesiredState, driver: Driver) => Promise<T>,
): Promise<T> {
  const lazy = lazyDriver(() =>
    options.driver
      ? Promise.resolve(options.driver)
      : openDriver(projectFromEnvironment(options.environment, options.processEnv)),
  );
  try {
    const desired =
      options.desired ??
      (await loadDesiredState(options.environment, options.processEnv, {
        inAccount: async (relations) => relationsInAccount(await lazy.get(), relations),
      }));
    return await work(desired, await lazy.get());
  } finally {
    if (!options.driver) await lazy.close();
  }
}

/** Runs `work` with the given driver or one opened for the environment (closed afterwards). */
export async function withDriver<T>(
  options: DeclarationsCommonOptions,
  work: (driver: Driver) => Promise<T>,
): Promise<T> {
  const driver =
    options.driver ?? (await openDriver(projectFromEnvironment(options.environment, options.processEnv)));
  try {
    return await work(driver);
  } finally {
    if (!options.driver) await driver.close();
  }
}

export function queryTag(command: string, environment: ResolvedEnvironment): string {
  return `mercurios/${command}/${environment.name}`;
}
