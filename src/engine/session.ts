/**
 * A session: the statement pipeline for one client.
 * split -> classify -> resolve names -> authorise -> rewrite -> translate -> execute -> shape -> log.
 */
import { loadJavaScriptUdfRuntime } from "./javascript/udf-runtime.js";
import { setClockStatement } from "./clock.js";
import type { DuckDBConnection, DuckDBMaterializedResult } from "@duckdb/node-api";
import { classify } from "./classify.js";
import type { EngineCore } from "./engine.js";
import { toSnowflakeError } from "./error-map.js";
import { ScriptError, SnowflakeError, sfErrors } from "./errors.js";
import { handleCall, handleScripting } from "./handlers/call.js";
import { handleDatabase, handleSchema } from "./handlers/containers.js";
import { handleComment } from "./handlers/comments.js";
import { handleObject } from "./handlers/schema-objects.js";
import { handleStream } from "./handlers/streams.js";
import { handleTable } from "./handlers/tables.js";
import { handleView } from "./handlers/views.js";
import { handleQuery } from "./handlers/query.js";
import { handleMultiTableInsert, isMultiTableInsert } from "./handlers/insert-multi-table.js";
import type { TransactionLock } from "./handlers/locks.js";
import { handleSessionShow, isSessionShow } from "./handlers/session-show.js";
import {
  handleAlterSession,
  handleSet,
  handleTcl,
  handleUnset,
  handleUse,
} from "./handlers/session-statements.js";
import type { HookContext, QualifiedName } from "./hooks.js";
import { duckRelation, duckSchemaName, parseQualifiedName, quoteDuck } from "./identifiers.js";
import { dropTemporaryTables } from "./temporary.js";
import { qualify } from "./resolve.js";
import { type HandlerOutput, STATEMENT_TYPE_IDS } from "./result.js";
import { maskSecretValues, secretPattern } from "./secrets.js";
import { type SplitStatement, splitStatements } from "./split/index.js";
import { loadTranspiler } from "./transpiler.js";
import type { ExecuteOptions, ResultColumn, SessionOptions, SessionState, StatementResult } from "./types.js";
import { nameVariableColumns, substitute, type VariableValue } from "./variables.js";
import { applyBinds } from "./binds.js";
import { connectionSettings, withDisplaySettings } from "./datetime/parameters.js";
import { batchOf, hasArrayBinds } from "./batch-binds.js";
import { runBatch, runRowByRow } from "./batch-run.js";
import { RecentResults, type ScanTables } from "./result-scan.js";
import { runPipe, splitPipe } from "./pipe.js";
import { DEFAULT_LOCK_TIMEOUT_SECONDS, runWaitingForRowLocks } from "./row-lock-wait.js";

/** What a handler gets: the session, its connection, and the statement. */
export interface StatementContext {
  engine: EngineCore;
  session: Session;
  connection: DuckDBConnection;
  /** The statement after variable, IDENTIFIER() and bind substitution, without comments around it. */
  sql: string;
  /** The statement exactly as the client sent it. */
  original: string;
  /** Upper-case leading keywords. */
  words: string[];
  /** The caller reads a query's rows through a cursor (ExecuteOptions.deferRows). */
  deferRows: boolean;
  /**
   * A SELECT the engine runs for itself (a RETURN value, CALL arguments, SET's expressions): its
   * result is not the statement's, so it is neither kept for RESULT_SCAN nor typed as one.
   */
  internal?: boolean;
  /** A handler runs this statement inside a transaction it opened itself (a multi-table INSERT). */
  heldTransaction?: boolean;
  /**
   * The temporary tables of the MATCH_RECOGNIZE clauses expanded so far in the statement (by
   * reserved DuckDB name), shared with the engine's own reads so a clause over another's output
   * can name it.
   */
  matchTables?: ScanTables;
}

export class Session {
  readonly variables = new Map<string, VariableValue>();
  readonly stateValue: SessionState;
  /** The secret values this session masks (null: none). */
  private readonly secrets: RegExp | null;
  secondaryRoles: "ALL" | "NONE" = "NONE";
  inTransaction = false;
  /** The explicit transaction BEGIN last opened (SHOW TRANSACTIONS lists it while inTransaction). */
  transactionInfo: { name: string; startedOn: number } | null = null;
  /** Query ids and statement results for LAST_QUERY_ID / RESULT_SCAN. */
  readonly recent = new RecentResults();
  /** The tables the open explicit transaction has written (SHOW LOCKS; handlers/locks.ts). */
  transactionLocks: TransactionLock[] = [];
  /** The id of the statement running now (statements nest: scripts, CALL). */
  private runningQueryId: string | undefined;

  /** The id of the statement running now, if any. */
  get currentQueryId(): string | undefined {
    return this.runningQueryId;
  }
  private closed = false;

  constructor(
    readonly engine: EngineCore,
    readonly connection: DuckDBConnection,
    readonly id: string,
    options: SessionOptions,
  ) {
    this.secrets = secretPattern([...engine.secrets, ...(options.secrets ?? [])]);
    this.stateValue = {
      user: (options.user ?? engine.defaultUser).toUpperCase(),
      role: (options.role ?? "ACCOUNTADMIN").toUpperCase(),
      database: null,
      schema: null,
      warehouse: options.warehouse === undefined ? null : normaliseWritten(options.warehouse),
      parameters: { ...(options.parameters ?? {}) },
    };
  }

  /** Applies the login's database and schema (when they exist, as Snowflake does). */
  async initialise(options: SessionOptions): Promise<void> {
    await this.applyDateTimeSettings();
    const requested = {
      ...(options.role === undefined ? {} : { role: normaliseWritten(options.role) }),
      ...(options.warehouse === undefined ? {} : { warehouse: normaliseWritten(options.warehouse) }),
    };
    const begun = await this.engine.catalog.startSession(this.stateValue.user, requested);
    this.stateValue.role = begun.role;
    this.stateValue.warehouse = begun.warehouse;
    if (options.database !== undefined) {
      const db = normaliseWritten(options.database);
      if (this.engine.directory.database(db)) {
        this.stateValue.database = db;
        const schema = options.schema === undefined ? "PUBLIC" : normaliseWritten(options.schema);
        this.stateValue.schema = this.engine.directory.schema(db, schema) ? schema : null;
      }
    }
  }

  /** Gives the DuckDB connection the session's time zone and date/time parameters (see datetime/). */
  async applyDateTimeSettings(): Promise<void> {
    await this.connection.run(connectionSettings(this.stateValue.parameters).join(";\n"));
  }

  state(): SessionState {
    return { ...this.stateValue, parameters: { ...this.stateValue.parameters } };
  }

  /** The hook context for the catalog seam. */
  hookContext(): HookContext {
    return {
      sessionId: this.id,
      user: this.stateValue.user,
      role: this.stateValue.role,
      secondaryRoles: this.secondaryRoles,
      database: this.stateValue.database,
      schema: this.stateValue.schema,
      warehouse: this.stateValue.warehouse,
      parameters: this.stateValue.parameters,
      connection: this.connection,
      directory: this.engine.directory,
      execute: (sql: string) => this.execute(sql),
      resolveName: (written: string) => this.resolveWritten(written),
      duckRelation: (name: QualifiedName) => duckRelation(name.database, name.schema, name.name),
    };
  }

  /** The session's LOCK_TIMEOUT in seconds (ALTER SESSION SET LOCK_TIMEOUT), else its default. */
  private lockTimeoutSeconds(): number {
    const set = Number(this.stateValue.parameters.LOCK_TIMEOUT);
    return Number.isFinite(set) && set >= 0 ? set : DEFAULT_LOCK_TIMEOUT_SECONDS;
  }

  /** Resolves a written object name against the current database and schema. */
  resolveWritten(written: string): QualifiedName {
    const parts = parseQualifiedName(written);
    if (!parts || parts.length === 0 || parts.length > 3) throw sfErrors.invalidIdentifier(written);
    const names = parts.map((p) => p.name);
    const name = names[names.length - 1] as string;
    const schema = names.length >= 2 ? (names[names.length - 2] as string) : null;
    const database = names.length === 3 ? (names[0] as string) : null;
    return qualify({ database, schema, name }, this.stateValue);
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<StatementResult> {
    if (this.closed) throw new SnowflakeError("390111", "08003", "Session no longer exists.");
    // `a ->> b`: each statement of the chain runs as a statement of its own (pipe.ts).
    const chain = sql.includes("->>") ? splitPipe(sql) : null;
    if (chain)
      return runPipe(chain, (statement) => this.execute(statement, { ...options, queryId: undefined }));
    const started = Date.now();
    const startedHr = performance.now();
    const queryId = options.queryId ?? this.engine.newQueryId();
    let output: HandlerOutput | undefined;
    const outer = this.runningQueryId;
    this.runningQueryId = queryId;
    try {
      const clock = this.engine.catalog.drivenClock?.();
      if (clock) await this.connection.run(setClockStatement(clock()));
      // DuckDB calls a JavaScript UDF synchronously: its runtime must be loaded beforehand.
      if (this.engine.directory.javascriptFunctions) await loadJavaScriptUdfRuntime();
      // A session opened in a schema (its options) has not run a statement yet to set the path.
      await this.syncSearchPath();
      output = await runWaitingForRowLocks(
        sql,
        { inTransaction: () => this.inTransaction, timeoutSeconds: this.lockTimeoutSeconds() },
        () => this.run(sql, options),
      );
    } catch (error) {
      this.runningQueryId = outer;
      this.recent.recordId(queryId);
      const sfError = this.maskError(toSnowflakeError(error));
      sfError.queryId = queryId;
      await this.log(queryId, sql, "SELECT", started, performance.now() - startedHr, 0, options, sfError);
      throw sfError;
    }
    this.runningQueryId = outer;
    this.recent.recordId(queryId);
    // A query keeps its own result (handleQuery); SHOW / DESCRIBE results are the catalog's.
    if (output.kind !== "SELECT" && output.kind !== "SHOW" && output.kind !== "DESCRIBE")
      this.recent.keepRows(queryId, output.columns, output.rows, this.connection);
    await this.syncSearchPath();
    const durationMs = performance.now() - startedHr;
    const rowCount = output.rowCount ?? output.rows.length;
    await this.log(queryId, sql, output.kind, started, durationMs, rowCount, options);
    return {
      queryId,
      sql,
      kind: output.kind,
      statementTypeId: STATEMENT_TYPE_IDS[output.kind],
      columns: withDisplaySettings(output.columns, this.stateValue.parameters),
      rows: output.rows,
      rowCount,
      durationMs,
      session: this.state(),
      ...(output.cursor === undefined ? {} : { cursor: output.cursor }),
    };
  }

  private async log(
    queryId: string,
    sql: string,
    kind: StatementResult["kind"],
    startedAt: number,
    durationMs: number,
    rowCount: number,
    options: ExecuteOptions,
    error?: SnowflakeError,
  ): Promise<void> {
    sql = maskSecretValues(sql, this.secrets);
    try {
      await this.engine.catalog.recordQuery(this.hookContext(), {
        queryId,
        sessionId: this.id,
        user: this.stateValue.user,
        role: this.stateValue.role,
        warehouse: this.stateValue.warehouse,
        database: this.stateValue.database,
        schema: this.stateValue.schema,
        sql,
        kind,
        queryTag: options.queryTag ?? this.stateValue.parameters.QUERY_TAG ?? null,
        startedAt,
        durationMs,
        rowCount,
        ok: error === undefined,
        ...(error === undefined
          ? {}
          : { errorCode: error.code, errorMessage: maskSecretValues(error.message, this.secrets) }),
      });
    } catch {
      // Metering must never turn a statement's outcome into a failure.
    }
  }

  /** The error with every secret value masked (its cause dropped: DuckDB's text may quote one). */
  private maskError(error: SnowflakeError): SnowflakeError {
    if (this.secrets === null) return error;
    const message = maskSecretValues(error.message, this.secrets);
    const detail = error.detail === undefined ? undefined : maskSecretValues(error.detail, this.secrets);
    if (message === error.message && detail === error.detail) return error;
    return new SnowflakeError(error.code, error.sqlState, message, {
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(error.position === undefined ? {} : { position: error.position }),
      ...(detail === undefined ? {} : { detail }),
    });
  }

  private searchPath = "";

  /**
   * Keeps DuckDB's search path on the current schema, so unqualified calls of SQL UDFs (macros in
   * that schema) resolve as in Snowflake.
   */
  async syncSearchPath(): Promise<void> {
    const { database, schema } = this.stateValue;
    const wanted =
      database !== null && schema !== null ? `${quoteDuck(duckSchemaName(database, schema))},main` : "main";
    if (wanted === this.searchPath) return;
    await this.connection.run(`SET search_path = '${wanted.replaceAll("'", "''")}'`);
    this.searchPath = wanted;
  }

  /** Whether `text` holds one of the session's secret values (such text is never persisted). */
  carriesSecret(text: string): boolean {
    return this.secrets !== null && maskSecretValues(text, this.secrets) !== text;
  }

  /** Keeps the running statement's SELECT result for RESULT_SCAN. */
  keepResult(result: DuckDBMaterializedResult, columns: ResultColumn[]): void {
    if (this.runningQueryId !== undefined)
      this.recent.keep(this.runningQueryId, result, columns, this.connection);
  }

  /** The handler context for a statement's text (binds already applied). */
  statementContext(text: string, original: string, deferRows: boolean) {
    const classified = classify(text);
    const ctx: StatementContext = {
      engine: this.engine,
      session: this,
      connection: this.connection,
      sql: classified.body,
      original,
      words: classified.words,
      deferRows,
    };
    return { cls: classified.cls, ctx };
  }

  /** classify -> handler. */
  private async run(original: string, options: ExecuteOptions): Promise<HandlerOutput> {
    // Only a query can be answered from the persistent translation cache (prepareQuery loads the
    // transpiler on a miss); every other path may translate at once.
    if (this.engine.translations === undefined || options.binds !== undefined) await loadTranspiler();
    let text = substitute(nameVariableColumns(original), this.variables);
    // One statement per call, as on a Snowflake connection (executeScript takes several): what
    // follows a `;` would otherwise reach a handler, or DuckDB, without being classified.
    const count = splitStatements(text).length;
    if (count > 1) throw sfErrors.statementCount(count);
    if (options.binds !== undefined) {
      // Array binds and many-tuple INSERTs run as one batch (batch-run.ts).
      const batch = batchOf(text, options.binds);
      if (batch)
        return runBatch(this, original, batch, (row) => this.run(original, { ...options, binds: row }));
      if (hasArrayBinds(options.binds))
        return runRowByRow(options.binds, (row) => this.run(original, { ...options, binds: row }));
      text = applyBinds(text, options.binds);
    }
    const { cls, ctx } = this.statementContext(text, original, options.deferRows === true);
    const classified = { cls, body: ctx.sql, words: ctx.words };
    if (cls !== "query") await loadTranspiler();
    switch (classified.cls) {
      case "query":
        return isMultiTableInsert(ctx.sql) ? handleMultiTableInsert(ctx, handleQuery) : handleQuery(ctx);
      case "use":
        return handleUse(ctx);
      case "set":
        return handleSet(ctx);
      case "unset":
        return handleUnset(ctx);
      case "alter_session":
        return handleAlterSession(ctx);
      case "tcl":
        return handleTcl(ctx);
      case "database":
        return handleDatabase(ctx);
      case "schema":
        return handleSchema(ctx);
      case "table":
        return handleTable(ctx);
      case "view":
        return handleView(ctx);
      case "object":
        return handleObject(ctx);
      case "stream":
        return handleStream(ctx);
      case "comment":
        return handleComment(ctx);
      case "account":
        return this.runAccount(ctx);
      case "call":
        return this.runCall(ctx);
      case "scripting":
        return handleScripting(ctx);
      case "empty":
        throw new SnowflakeError("000900", "42000", "SQL compilation error:\nEmpty SQL statement.");
      default: {
        const parsed = classified.body.match(/^\S+/);
        throw sfErrors.syntax(1, 0, parsed ? parsed[0] : "");
      }
    }
  }

  /** CALL: the catalog first (system procedures), else the engine's SQL procedures. */
  private async runCall(ctx: StatementContext): Promise<HandlerOutput> {
    const handled = await this.engine.catalog.tryExecute(this.hookContext(), ctx.sql);
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    return handleCall(ctx);
  }

  private async runAccount(ctx: StatementContext): Promise<HandlerOutput> {
    if (isSessionShow(ctx.words)) return handleSessionShow(ctx);
    const handled = await this.engine.catalog.tryExecute(this.hookContext(), ctx.sql);
    if (handled) {
      if (handled.session?.role !== undefined) this.stateValue.role = handled.session.role;
      if (handled.session?.warehouse !== undefined) this.stateValue.warehouse = handled.session.warehouse;
      if (handled.session?.secondaryRoles !== undefined) this.secondaryRoles = handled.session.secondaryRoles;
      return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    }
    throw sfErrors.unsupported(ctx.words.slice(0, 3).join(" "));
  }

  async executeScript(sql: string, options: Omit<ExecuteOptions, "binds"> = {}): Promise<StatementResult[]> {
    const statements = splitStatements(sql);
    const results: StatementResult[] = [];
    for (const statement of statements) {
      try {
        results.push(await this.execute(sentText(sql, statement), options));
      } catch (error) {
        const sfError = toSnowflakeError(error);
        throw new ScriptError(results, statement.index, statement.line, sfError);
      }
    }
    return results;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inTransaction) {
      try {
        await this.connection.run("ROLLBACK");
      } catch {
        // The transaction may already be gone; closing must still succeed.
      }
    }
    await dropTemporaryTables(this.engine, this.connection, this.id);
    this.connection.closeSync();
    this.engine.forget(this);
  }
}

/** A written single name (`x`, `"x"`) as Snowflake stores it. */
export function normaliseWritten(written: string): string {
  const parts = parseQualifiedName(written);
  if (parts?.length !== 1) return written;
  return (parts[0] as { name: string }).name;
}

/**
 * A script's statement as a client sends it on its own: with its `;` when only blanks stand between
 * the two (CURRENT_STATEMENT() and the query history show the text as sent).
 */
function sentText(script: string, statement: SplitStatement): string {
  if (!statement.terminated) return statement.text;
  const semicolon = script.indexOf(";", statement.endOffset);
  return semicolon !== -1 && script.slice(statement.endOffset, semicolon).trim() === ""
    ? `${statement.text};`
    : statement.text;
}
