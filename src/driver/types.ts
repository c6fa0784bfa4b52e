/**
 * The toolkit's one way to talk to an account: the local engine in-process, or Snowflake through
 * snowflake-sdk. Everything above the driver (introspection, migrations, apply) uses only this.
 */

/** A result column with Snowflake's type, as both drivers report it. */
export interface DriverColumn {
  name: string;
  /** Snowflake's lower-case type name: fixed, real, text, boolean, date, timestamp_ntz, variant, … */
  type: string;
  /** `NUMBER(38,0)`, `VARCHAR(16777216)`, … when known. */
  sqlType?: string;
  scale?: number | null;
}

/**
 * One statement's result. Values are strings as Snowflake displays them (DATE `2026-11-27`,
 * NUMBER at its scale `1.50`, BOOLEAN `true`, VARIANT as JSON text) or null, identical on both drivers.
 */
export interface QueryResult {
  queryId: string;
  sql: string;
  columns: DriverColumn[];
  rows: (string | null)[][];
  /** Rows returned, or rows affected for DML. */
  rowCount: number;
}

/** One round trip to the account, as kept in the query log. */
export interface QueryLogEntry {
  /** The SQL sent (a whole batch for multi-statement requests), with secret values masked. */
  sql: string;
  queryIds: string[];
  durationMs: number;
  ok: boolean;
  statementCount: number;
  queryTag?: string;
  error?: string;
}

export interface RunOptions {
  binds?: (string | number | boolean | null)[];
  /** `mercurios/<command>/<env>[/<script>]`. */
  queryTag?: string;
}

export interface Driver {
  readonly kind: "local" | "snowflake";
  /** Runs one statement in one round trip. Throws `DriverError` with the Snowflake code on failure. */
  execute(sql: string, options?: RunOptions): Promise<QueryResult>;
  /**
   * Runs several statements in order in one round trip (a multi-statement request on Snowflake).
   * Stops at the first failure and throws `DriverError`; `BatchError.completed` tells how many ran.
   */
  executeBatch(statements: string[], options?: Omit<RunOptions, "binds">): Promise<QueryResult[]>;
  /** Every round trip so far, oldest first. */
  readonly queryLog: readonly QueryLogEntry[];
  close(): Promise<void>;
}

/** A message from a driver or the library under it (snowflake-sdk), already free of secrets. */
export interface DriverLogEvent {
  level: "error" | "warn" | "info" | "debug" | "trace";
  message: string;
}

/** Options every driver takes. */
export interface DriverOptions {
  /** Query tag for statements that do not name one: `mercurios/<command>/<env>`. */
  queryTag?: string;
  /** Receives driver log messages (snowflake-sdk's are routed here). Default: dropped. */
  onLog?: (event: DriverLogEvent) => void;
  /** Extra secret values to mask in the query log, errors and log messages. */
  secrets?: readonly string[];
}
