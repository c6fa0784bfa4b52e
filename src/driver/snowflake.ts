/**
 * The Snowflake driver: snowflake-sdk, loaded only when a Snowflake environment is used, with its
 * logging routed to ours and every value fetched as text so results match the local driver's.
 */
import type * as SnowflakeSdk from "snowflake-sdk";
import { DriverError } from "../errors/index.js";
import type { ResolvedConnection } from "./connection.js";
import { displayFromSdk, sqlTypeFromSdk } from "./display.js";
import { BatchError } from "./errors.js";
import { QueryLog } from "./query-log.js";
import { withRetry } from "./retry.js";
import type {
  Driver,
  DriverColumn,
  DriverLogEvent,
  DriverOptions,
  QueryLogEntry,
  QueryResult,
  RunOptions,
} from "./types.js";
import { batchStatements } from "./batch.js";

type Sdk = typeof SnowflakeSdk;
type Connection = SnowflakeSdk.Connection;
type Statement = SnowflakeSdk.RowStatement;

/** Every type the sdk can convert is fetched as the server's text, so both drivers show the same values. */
const FETCH_AS_STRING: SnowflakeSdk.DataType[] = ["Number", "Date", "JSON", "Boolean", "Buffer"];

const logListeners = new Set<(event: DriverLogEvent) => void>();
let sdkLoading: Promise<Sdk> | undefined;

/**
 * Imports snowflake-sdk once. The environment switches must be set before the module's first line runs:
 * otherwise it probes cloud metadata addresses and sends connection-shape telemetry.
 */
export function loadSnowflakeSdk(): Promise<Sdk> {
  sdkLoading ??= (async () => {
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
    process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= "1";
    const imported = (await import("snowflake-sdk")) as Sdk & { default?: Sdk };
    const sdk = imported.default ?? imported;
    const route = (level: DriverLogEvent["level"]) => (message: string) => {
      for (const listener of logListeners) listener({ level, message });
    };
    // A custom logger replaces the sdk's file and console logging: no snowflake.log, no INFO on stdout.
    sdk.configure({
      logLevel: "WARN",
      additionalLogToConsole: false,
      customLogger: {
        error: route("error"),
        warn: route("warn"),
        info: route("info"),
        debug: route("debug"),
        trace: route("trace"),
      },
    });
    return sdk;
  })();
  return sdkLoading;
}

export interface SnowflakeDriverOptions extends DriverOptions {
  /** Login attempts for transient failures (network resets, 5xx); a refused connection fails at once. */
  loginAttempts?: number;
  /** Give up connecting after this long. Default 30 s. */
  connectTimeoutMs?: number;
}

/** Connects to Snowflake (or our local server) and returns a driver on that session. */
export async function connectSnowflake(
  connection: ResolvedConnection,
  options: SnowflakeDriverOptions = {},
): Promise<Driver> {
  const sdk = await loadSnowflakeSdk();
  const secrets = [...connection.secrets, ...(options.secrets ?? [])];
  const log = new QueryLog(secrets);
  const listener = (event: DriverLogEvent) =>
    options.onLog?.({ level: event.level, message: log.mask(event.message) });
  logListeners.add(listener);
  try {
    const conn = await withRetry(
      () => connectOnce(sdk, connection, options.connectTimeoutMs ?? 30_000, log),
      isTransientLoginFailure,
      { attempts: options.loginAttempts ?? 3, baseDelayMs: 250, maxDelayMs: 2_000 },
    );
    return new SnowflakeDriver(conn, log, options.queryTag, () => logListeners.delete(listener));
  } catch (error) {
    logListeners.delete(listener);
    throw error;
  }
}

function sdkOptions(connection: ResolvedConnection): SnowflakeSdk.ConnectionOptions {
  const accessUrl =
    connection.accessUrl ??
    (connection.host ? `https://${connection.host.replace(/^https?:\/\//, "")}` : undefined);
  const options: SnowflakeSdk.ConnectionOptions = {
    // The sdk requires an account even with an access URL; the local server ignores it.
    account: connection.account || "local",
    username: connection.user,
    authenticator: connection.authenticator,
    application: "mercurios",
    // The sdk's own login retries (with up to 16 s backoff) would turn a dead endpoint into a long hang;
    // our retry loop above decides instead.
    sfRetryMaxLoginRetries: 0,
    clientSessionKeepAlive: false,
    // SQL NULL must stay null, not the text "NULL", to match the local driver.
    representNullAsStringNull: false,
  };
  if (accessUrl) options.accessUrl = accessUrl;
  if (connection.role) options.role = connection.role;
  if (connection.warehouse) options.warehouse = connection.warehouse;
  if (connection.database) options.database = connection.database;
  if (connection.schema) options.schema = connection.schema;
  if (connection.password) options.password = connection.password;
  if (connection.privateKey) options.privateKey = connection.privateKey;
  if (connection.privateKeyPath) options.privateKeyPath = connection.privateKeyPath;
  if (connection.privateKeyPass) options.privateKeyPass = connection.privateKeyPass;
  if (connection.token) options.token = connection.token;
  return options;
}

async function connectOnce(
  sdk: Sdk,
  connection: ResolvedConnection,
  timeoutMs: number,
  log: QueryLog,
): Promise<Connection> {
  let conn: Connection;
  try {
    conn = sdk.createConnection(sdkOptions(connection));
  } catch (error) {
    throw new DriverError(
      "CONNECTION_OPTIONS",
      `Invalid Snowflake connection settings: ${log.mask(messageOf(error))}`,
      {
        hint: "Check the connection's account, user and authenticator (docs/guide/connections.md).",
      },
    );
  }
  const where = connection.accessUrl ?? connection.host ?? `account ${connection.account}`;
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  // connectAsync (needed for the browser flow) resolves even when login fails: the outcome only
  // reaches its callback, so both paths settle through the callback.
  const connecting = new Promise<Connection>((resolve, reject) => {
    const done = (error: SnowflakeSdk.SnowflakeError | undefined, connected: Connection) =>
      error ? reject(error) : resolve(connected);
    if (connection.authenticator === "EXTERNALBROWSER") conn.connectAsync(done).catch(reject);
    else conn.connect(done);
  });
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ConnectTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([connecting, deadline]);
  } catch (error) {
    conn.destroy(() => undefined);
    if (error instanceof ConnectTimeout) {
      throw new DriverError("CONNECT_TIMEOUT", `No answer from ${where} within ${timeoutMs} ms.`, {
        hint: "Check the account/host and the network; the endpoint accepted the connection but never replied.",
      });
    }
    throw loginError(error, where, connection.user, Date.now() - started, log);
  } finally {
    clearTimeout(timer);
  }
}

class ConnectTimeout extends Error {}

function loginError(
  error: unknown,
  where: string,
  user: string,
  elapsedMs: number,
  log: QueryLog,
): DriverError {
  const sdkError = error as SnowflakeSdk.SnowflakeError;
  const rawCode = sdkError.code === undefined ? undefined : String(sdkError.code);
  // Only Snowflake's numeric codes are SQL codes; Node's (ERR_OSSL_…, ECONNREFUSED) are not.
  const code = rawCode !== undefined && /^\d+$/.test(rawCode) ? rawCode : undefined;
  const message = log.mask(messageOf(error));
  if (/bad decrypt|unsupported key|PEM routines|DECODER routines/i.test(message)) {
    return new DriverError("PRIVATE_KEY", "Cannot read the private key for the key-pair login.", {
      hint: "Check SNOWFLAKE_PRIVATE_KEY_PATH (a PKCS#8 PEM file) and SNOWFLAKE_PRIVATE_KEY_PASSPHRASE.",
      cause: error,
    });
  }
  if (
    code === "390100" ||
    code === "390144" ||
    /incorrect username or password|jwt token is invalid/i.test(message)
  ) {
    return new DriverError("LOGIN_FAILED", `Login as ${user} at ${where} was refused: ${message}`, {
      hint: "Check the user and its credentials (password, key pair or token) for this environment.",
      sqlCode: code ?? "390100",
      cause: error,
    });
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(message)) {
    return new DriverError("UNREACHABLE", `Cannot reach ${where} (${message}, after ${elapsedMs} ms).`, {
      hint: "Check the account identifier or access URL; for the local server, start it with `mercurios local serve`.",
      ...(code === undefined ? {} : { sqlCode: code }),
      cause: error,
    });
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    return new DriverError("CONNECT_FAILED", `Connecting to ${where} failed: HTTP ${status} (${message})`, {
      hint: "Check the account identifier or access URL; a 5xx answer is usually temporary.",
      ...(code === undefined ? {} : { sqlCode: code }),
      cause: error,
    });
  }
  return new DriverError("CONNECT_FAILED", `Connecting to ${where} failed: ${message}`, {
    hint: "Run again with --debug for the driver's log.",
    ...(code === undefined ? {} : { sqlCode: code }),
    cause: error,
  });
}

/** Resets, 5xx, 408 and 429 may pass; refusals and bad credentials will not. */
function isTransientLoginFailure(error: unknown): boolean {
  if (!(error instanceof DriverError) || error.code !== "CONNECT_FAILED") return false;
  const status = httpStatusOf(error.cause);
  if (status !== undefined) return status >= 500 || status === 408 || status === 429;
  return /ECONNRESET|ETIMEDOUT|socket hang up|EPIPE/i.test(error.message);
}

/** The HTTP status snowflake-sdk attached to a failed request, if any. */
function httpStatusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: unknown; statusCode?: unknown } } | undefined)?.response;
  const status = response?.status ?? response?.statusCode;
  return typeof status === "number" ? status : undefined;
}

class SnowflakeDriver implements Driver {
  readonly kind = "snowflake" as const;
  private closed = false;

  constructor(
    private readonly conn: Connection,
    private readonly log: QueryLog,
    private readonly defaultTag: string | undefined,
    private readonly detachLog: () => void,
  ) {}

  get queryLog(): readonly QueryLogEntry[] {
    return this.log.entries;
  }

  async execute(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    this.assertOpen();
    const queryTag = options.queryTag ?? this.defaultTag;
    const started = performance.now();
    try {
      const [result] = await this.run(sql, [sql], {
        ...(options.binds ? { binds: options.binds } : {}),
        ...(queryTag ? { parameters: { QUERY_TAG: queryTag } } : {}),
      });
      this.log.roundTrip(sql, started, [result!.queryId], true, 1, queryTag);
      return result!;
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
    if (cleaned.length === 1) return [await this.execute(cleaned[0]!, options)];
    const queryTag = options.queryTag ?? this.defaultTag;
    const sqlText = cleaned.join(";\n");
    const started = performance.now();
    try {
      const results = await this.run(sqlText, cleaned, {
        parameters: { MULTI_STATEMENT_COUNT: cleaned.length, ...(queryTag ? { QUERY_TAG: queryTag } : {}) },
      });
      this.log.roundTrip(
        sqlText,
        started,
        results.map((r) => r.queryId),
        true,
        cleaned.length,
        queryTag,
      );
      return results;
    } catch (error) {
      const inner = this.statementError(error, sqlText);
      const data = (error as SnowflakeSdk.SnowflakeError).data ?? {};
      const completed = typeof data.failedStatementIndex === "number" ? data.failedStatementIndex : undefined;
      const failed = completed === undefined ? undefined : cleaned[completed];
      // The statements that ran are known by query id only (their rows were never fetched).
      const ranIds =
        typeof data.resultIds === "string" && data.resultIds !== "" ? data.resultIds.split(",") : [];
      const results: QueryResult[] = ranIds.map((queryId: string, index: number) => ({
        queryId,
        // Errors get printed and serialised: never with a secret literal in them.
        sql: this.log.mask(cleaned[index] ?? ""),
        columns: [],
        rows: [],
        rowCount: 0,
      }));
      const batchError = new BatchError(
        failed === undefined
          ? `Batch of ${cleaned.length} statements failed: ${inner.message}`
          : `Statement ${completed! + 1} of ${cleaned.length} failed: ${inner.message}`,
        {
          ...(inner.sqlCode ? { sqlCode: inner.sqlCode } : {}),
          ...(inner.sqlState ? { sqlState: inner.sqlState } : {}),
          ...(inner.queryId ? { queryId: inner.queryId } : {}),
          ...(completed === undefined ? {} : { completed }),
          ...(inner.hint ? { hint: inner.hint } : {}),
          results,
          cause: inner,
        },
      );
      this.log.roundTrip(
        sqlText,
        started,
        [...ranIds, ...(inner.queryId ? [inner.queryId] : [])],
        false,
        cleaned.length,
        queryTag,
        inner.message,
      );
      throw batchError;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.detachLog();
    await new Promise<void>((resolve) => {
      this.conn.destroy(() => resolve());
    });
  }

  /** Sends one request and collects one result per statement (several for a multi-statement request). */
  private run(
    sqlText: string,
    statements: readonly string[],
    extra: { binds?: RunOptions["binds"]; parameters?: Record<string, unknown> },
  ): Promise<QueryResult[]> {
    return new Promise((resolve, reject) => {
      const results: QueryResult[] = [];
      this.conn.execute({
        sqlText,
        rowMode: "array",
        fetchAsString: FETCH_AS_STRING,
        ...(extra.binds ? { binds: extra.binds as SnowflakeSdk.Binds } : {}),
        ...(extra.parameters ? { parameters: extra.parameters } : {}),
        complete: (error, statement, rows) => {
          if (error) {
            reject(error);
            return;
          }
          try {
            const stmt = statement as SnowflakeSdk.FileAndStageBindStatement;
            results.push(toResult(stmt, rows ?? [], statements[results.length] ?? sqlText));
            if (typeof stmt.hasNext === "function" && stmt.hasNext()) stmt.NextResult();
            else resolve(results);
          } catch (conversion) {
            reject(conversion);
          }
        },
      });
    });
  }

  private statementError(error: unknown, sql: string): DriverError {
    if (error instanceof DriverError) return error;
    const sdkError = error as SnowflakeSdk.SnowflakeError;
    const code = sdkError.code === undefined ? undefined : String(sdkError.code);
    const queryId = typeof sdkError.data?.queryId === "string" ? sdkError.data.queryId : undefined;
    const message = this.log.mask(messageOf(error));
    const firstLine = this.log.mask(sql.trim().split("\n")[0] ?? "").slice(0, 120);
    return new DriverError("STATEMENT_FAILED", message, {
      ...(code ? { sqlCode: code } : {}),
      ...(sdkError.sqlState ? { sqlState: sdkError.sqlState } : {}),
      ...(queryId ? { queryId } : {}),
      location: { object: firstLine },
      cause: error,
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new DriverError("DRIVER_CLOSED", "The Snowflake connection is already closed.");
  }
}

function toResult(statement: Statement, rows: unknown[], sql: string): QueryResult {
  const sdkColumns = statement.getColumns() ?? [];
  const columns: DriverColumn[] = sdkColumns.map((column) => {
    const scale = column.getScale() ?? null;
    const sqlType = sqlTypeFromSdk(column.getType(), column.getPrecision() ?? null, scale);
    return { name: column.getName(), type: column.getType(), scale, ...(sqlType ? { sqlType } : {}) };
  });
  const values = rows.map((row) =>
    (row as unknown[]).map((cell, index) => displayFromSdk(columns[index]?.type ?? "text", cell)),
  );
  const updated = statement.getNumUpdatedRows();
  return {
    queryId: statement.getQueryId() ?? statement.getStatementId(),
    sql,
    columns,
    rows: values,
    // The sdk answers -1 (or NaN) for statements that are not DML.
    rowCount: typeof updated === "number" && updated >= 0 ? updated : values.length,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
