/**
 * The local driver: one engine session in-process. Values are rendered with the engine's own
 * formatter (valueText: display form, FLOAT with every digit), so they read exactly as the Snowflake
 * driver's (which receives them as text).
 */
import { ScriptError, SnowflakeError } from "../engine/errors.js";
import { valueText } from "../engine/format.js";
import type { BindValue, Engine, EngineSession, SessionOptions, StatementResult } from "../engine/types.js";
import { DriverError } from "../errors/index.js";
import { batchStatements } from "./batch.js";
import { BatchError } from "./errors.js";
import { QueryLog } from "./query-log.js";
import type { Driver, DriverOptions, QueryLogEntry, QueryResult, RunOptions } from "./types.js";

export interface LocalDriverOptions extends DriverOptions {
  /** Session settings (user, role, database, schema, warehouse). */
  session?: SessionOptions;
  /** Close the engine when the driver closes (when the driver opened it). */
  ownsEngine?: boolean;
}

/** Opens a session on `engine` and wraps it as a Driver. */
export async function openLocalDriver(engine: Engine, options: LocalDriverOptions = {}): Promise<Driver> {
  // The engine masks the secrets too, in QUERY_HISTORY and in the errors it reports.
  const secrets = options.secrets ?? [];
  const session = await engine.openSession({
    ...(options.session ?? {}),
    ...(secrets.length > 0 ? { secrets } : {}),
  });
  return new LocalDriver(engine, session, new QueryLog(options.secrets ?? []), options);
}

class LocalDriver implements Driver {
  readonly kind = "local" as const;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly session: EngineSession,
    private readonly log: QueryLog,
    private readonly options: LocalDriverOptions,
  ) {}

  get queryLog(): readonly QueryLogEntry[] {
    return this.log.entries;
  }

  async execute(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    this.assertOpen();
    const queryTag = options.queryTag ?? this.options.queryTag;
    const started = performance.now();
    try {
      const result = await this.session.execute(sql, {
        ...(options.binds ? { binds: options.binds.map(bindValue) } : {}),
        ...(queryTag ? { queryTag } : {}),
      });
      this.log.roundTrip(sql, started, [result.queryId], true, 1, queryTag);
      return toQueryResult(result);
    } catch (error) {
      const failure = this.statementError(error, sql);
      this.log.roundTrip(
        sql,
        started,
        failure.queryId ? [failure.queryId] : [],
        false,
        1,
        queryTag,
        failure.message,
      );
      throw failure;
    }
  }

  async executeBatch(statements: string[], options: Omit<RunOptions, "binds"> = {}): Promise<QueryResult[]> {
    this.assertOpen();
    const cleaned = batchStatements(statements);
    if (cleaned.length === 0) return [];
    const queryTag = options.queryTag ?? this.options.queryTag;
    const script = cleaned.join(";\n");
    const started = performance.now();
    try {
      const results = await this.session.executeScript(script, queryTag ? { queryTag } : {});
      this.log.roundTrip(
        script,
        started,
        results.map((r) => r.queryId),
        true,
        cleaned.length,
        queryTag,
      );
      return results.map((r, i) => ({ ...toQueryResult(r), sql: cleaned[i] ?? r.sql }));
    } catch (error) {
      if (error instanceof ScriptError) {
        const inner = error.error;
        const message = this.log.mask(inner.message);
        // Errors get printed and serialised: never with a secret literal in them.
        // A batch result names the statement as the caller wrote it (the joined script adds `;`).
        const done = error.results.map((r, i) => ({
          ...toQueryResult(r),
          sql: this.log.mask(cleaned[i] ?? r.sql),
        }));
        this.log.roundTrip(
          script,
          started,
          [...done.map((r) => r.queryId), ...(inner.queryId ? [inner.queryId] : [])],
          false,
          cleaned.length,
          queryTag,
          message,
        );
        throw new BatchError(`Statement ${error.failedIndex + 1} of ${cleaned.length} failed: ${message}`, {
          sqlCode: inner.code,
          sqlState: inner.sqlState,
          ...(inner.queryId ? { queryId: inner.queryId } : {}),
          completed: error.failedIndex,
          results: done,
          cause: inner,
        });
      }
      const failure = this.statementError(error, script);
      this.log.roundTrip(script, started, [], false, cleaned.length, queryTag, failure.message);
      throw failure;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.close();
    if (this.options.ownsEngine) await this.engine.close();
  }

  private statementError(error: unknown, sql: string): DriverError {
    const firstLine = this.log.mask(sql.trim().split("\n")[0] ?? "").slice(0, 120);
    if (error instanceof SnowflakeError) {
      return new DriverError("STATEMENT_FAILED", this.log.mask(error.message), {
        sqlCode: error.code,
        sqlState: error.sqlState,
        ...(error.queryId ? { queryId: error.queryId } : {}),
        location: { object: firstLine },
        cause: error,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new DriverError("ENGINE_FAILED", `The local engine failed: ${this.log.mask(message)}`, {
      hint: "This is likely a bug in the local engine; run again with --debug and report it.",
      location: { object: firstLine },
      cause: error,
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new DriverError("DRIVER_CLOSED", "The local engine session is already closed.");
  }
}

/** Binds typed the way snowflake-sdk types them (statement.js buildBindsMap), so both drivers agree. */
export function bindValue(value: string | number | boolean | null): BindValue {
  if (value === null) return { type: "TEXT", value: null };
  if (typeof value === "boolean") return { type: "BOOLEAN", value: JSON.stringify(value) };
  if (typeof value === "number")
    return { type: Number.isInteger(value) ? "FIXED" : "REAL", value: JSON.stringify(value) };
  return { type: "TEXT", value };
}

function toQueryResult(result: StatementResult): QueryResult {
  return {
    queryId: result.queryId,
    sql: result.sql,
    columns: result.columns.map((c) => ({ name: c.name, type: c.type, sqlType: c.sqlType, scale: c.scale })),
    rows: result.rows.map((row) => result.columns.map((column, i) => valueText(row[i] ?? null, column))),
    rowCount: result.rowCount,
  };
}
