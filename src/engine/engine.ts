/**
 * The engine: one DuckDB file (or :memory:), its metadata directory, the translation cache and the
 * seams (catalog, functions) shared by every session.
 */
import { javascriptUdfFunction } from "./javascript/udf-function.js";
import { CLOCK_MACRO } from "./clock.js";
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Catalog } from "./catalog/index.js";
import { Directory } from "./directory.js";
import { functionHooks } from "./functions/index.js";
import type { CatalogHooks, FunctionHooks } from "./hooks.js";
import { Session } from "./session.js";
import { ensureInformationSchemas } from "./information-schema.js";
import { sfErrors } from "./errors.js";
import { installFunctionsOnce } from "./install-stamp.js";
import { isOldStorageFormatError, openStorage, removeHolder, writeHolder } from "./storage.js";
import { dropTemporaryTables } from "./temporary.js";
import { TranslationCache } from "./translate.js";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./javascript/sandbox.js";
import { TranslationStore, translationsPath } from "./translation-store.js";
import type { Engine, EngineOptions, EngineSession, SessionOptions } from "./types.js";

/** Engine options for embedders and tests; the public EngineOptions plus the seams. */
export interface EngineInternalOptions extends EngineOptions {
  catalog?: CatalogHooks;
  functions?: FunctionHooks;
  /** How long to wait for another process to release the file. */
  lockWaitMs?: number;
  /**
   * Who holds the file while this engine is open (e.g. "`mercurios dev`"), for long-lived holders:
   * another process that tries to open the file is told at once instead of waiting for the lock.
   */
  holder?: string;
}

export class EngineCore implements Engine {
  readonly directory = new Directory();
  readonly cache = new TranslationCache();
  /** Translations kept between processes (file engines opened with persistentTranslations). */
  translations: TranslationStore | undefined;
  private readonly sessions = new Set<Session>();
  private closed = false;
  /** The file whose holder note this engine left (removed on close). */
  holderNote: string | undefined;
  /** Leave a small WAL at close (EngineOptions.deferCheckpoint). */
  deferCheckpoint = false;
  /** How far a JavaScript procedure may run (EngineOptions.javascriptLimits over the defaults). */
  javascriptLimits: SandboxLimits = DEFAULT_SANDBOX_LIMITS;

  constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly catalog: CatalogHooks,
    readonly functions: FunctionHooks,
    readonly defaultUser: string,
    /** Secret values every session masks (EngineOptions.secrets). */
    readonly secrets: readonly string[] = [],
  ) {}

  async openSession(options: SessionOptions = {}): Promise<EngineSession> {
    if (this.closed) throw new Error("engine is closed");
    const connection = await this.instance.connect();
    const session = new Session(this, connection, randomUUID(), options);
    await session.initialise(options);
    this.sessions.add(session);
    return session;
  }

  /** Called by a session when it closes. */
  forget(session: Session): void {
    this.sessions.delete(session);
  }

  newQueryId(): string {
    // Snowflake query ids look like UUIDs with a leading region/time prefix; a UUID is close enough.
    return randomUUID();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const session of [...this.sessions]) await session.close();
    // The catalog buffers its query log; let it write before the file closes.
    if (this.catalog.close) await this.catalog.close();
    if (this.deferCheckpoint && walBytes(this.path) < DEFERRED_WAL_LIMIT)
      await this.connection.run("PRAGMA disable_checkpoint_on_shutdown");
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.holderNote) removeHolder(this.holderNote);
  }
}

/** The largest write-ahead log a deferCheckpoint engine leaves for the next open to replay. */
const DEFERRED_WAL_LIMIT = 256 * 1024;

/** The size of a file engine's write-ahead log (0 when there is none). */
function walBytes(path: string): number {
  try {
    return statSync(`${path}.wal`).size;
  } catch {
    return 0;
  }
}

/** The hooks without which the engine would allow what the catalog should refuse. */
const REQUIRED_HOOKS = [
  "tryExecute",
  "authorise",
  "onObjectCreated",
  "onObjectDropped",
  "onObjectReplaced",
  "onObjectRenamed",
  "rowAccessFilter",
  "columnMasks",
  "rewriteQuery",
  "startSession",
  "recordQuery",
] as const satisfies readonly (keyof CatalogHooks)[];

/**
 * The types already require these hooks; this check keeps a catalog put together at run time
 * (plain JavaScript, a cast) from opening an engine that fails open.
 */
function checkCatalog(catalog: CatalogHooks): void {
  const missing = REQUIRED_HOOKS.filter((hook) => typeof catalog[hook] !== "function");
  if (missing.length > 0) {
    throw new TypeError(
      `The engine's catalog lacks ${missing.join(", ")}: every security hook is required (use allowAllCatalog to opt out on purpose).`,
    );
  }
}

export async function createEngine(options: EngineInternalOptions): Promise<EngineCore> {
  // The account catalog and the Snowflake functions are on by default (allowAllCatalog opts out, by name).
  const catalog = options.catalog ?? new Catalog({ defaultUser: options.defaultUser ?? "ADMIN" });
  checkCatalog(catalog);
  const storage = await openStorage(options.path, options.lockWaitMs);
  const functions = options.functions ?? functionHooks;
  try {
    const engine = new EngineCore(
      storage.path,
      storage.instance,
      storage.connection,
      catalog,
      functions,
      options.defaultUser ?? "ADMIN",
      options.secrets ?? [],
    );
    engine.deferCheckpoint = options.deferCheckpoint === true && storage.path !== ":memory:";
    engine.javascriptLimits = { ...DEFAULT_SANDBOX_LIMITS, ...options.javascriptLimits };
    // Only with the engine's own function hooks: the store's keys digest the engine's code, not a caller's.
    if (options.persistentTranslations && storage.path !== ":memory:" && options.functions === undefined)
      engine.translations = new TranslationStore(translationsPath(storage.path));
    // Temporary tables die with their session; a crashed process leaves them behind.
    await dropTemporaryTables(engine, storage.connection, null);
    await engine.directory.load(storage.connection);
    await ensureInformationSchemas(
      storage.connection,
      [...engine.directory.databaseMap.keys()],
      storage.stamps,
    );
    if (functions.install) {
      try {
        await installFunctionsOnce(storage.connection, storage.stamps, functions);
      } catch (error) {
        if (!isOldStorageFormatError(error)) throw error;
        throw sfErrors.engineFileOldFormat(
          storage.path,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
    // JavaScript UDFs' macros call it (javascript/udf-function.ts), under this engine's limits.
    storage.connection.registerScalarFunction(javascriptUdfFunction(engine.javascriptLimits));
    storage.connection.registerScalarFunction(javascriptUdfFunction(engine.javascriptLimits, true));
    await storage.stamps.runOnce("clock", [CLOCK_MACRO]);
    if (catalog.install) await catalog.install(storage.connection, engine.directory, storage.stamps);
    // No lock_configuration: each session sets DuckDB's TimeZone to its Snowflake TIMEZONE (datetime/
    // parameters.ts), which a lock forbids. External access and community extensions, once off,
    // cannot be turned back on while the database runs (DuckDB refuses), and no raw SQL reaches
    // DuckDB (only translated Snowflake statements).
    if (options.holder && storage.path !== ":memory:") {
      writeHolder(storage.path, options.holder);
      engine.holderNote = storage.path;
    }
    return engine;
  } catch (error) {
    storage.connection.closeSync();
    storage.instance.closeSync();
    throw error;
  }
}
