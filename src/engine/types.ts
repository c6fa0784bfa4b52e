/**
 * The local Snowflake engine's public contract. Everything outside src/engine/ (the local driver,
 * `mercurios sql`, the REST server) talks to the engine only through these types.
 * The engine imports nothing from the rest of src/.
 */

/** Snowflake's lower-case result type names, as the REST protocol's `rowtype[].type` spells them. */
export type SnowflakeTypeName =
  | "fixed"
  | "real"
  | "text"
  | "boolean"
  | "date"
  | "time"
  | "timestamp_ntz"
  | "timestamp_ltz"
  | "timestamp_tz"
  | "interval"
  | "binary"
  | "variant"
  | "object"
  | "array";

/** One result column, described as Snowflake describes it. */
export interface ResultColumn {
  /** Column name exactly as Snowflake reports it (unaliased expressions: upper-cased text). */
  name: string;
  type: SnowflakeTypeName;
  /** SQL type as Snowflake prints it in DESCRIBE and `mercurios sql`: `NUMBER(38,0)`, `VARCHAR(16777216)`. */
  sqlType: string;
  nullable: boolean;
  precision: number | null;
  scale: number | null;
  length: number | null;
  /**
   * Date and time columns: the session's output format (Snowflake format elements) the values are
   * shown in, as the session parameters stood when the statement ran. Absent: Snowflake's default.
   */
  outputFormat?: string;
  /** TIMESTAMP_LTZ columns: the session TIMEZONE the values are shown in. Absent: UTC. */
  timeZone?: string;
  /** Source object of the column when known (for rowtype's database/schema/table). */
  database?: string;
  schema?: string;
  table?: string;
}

/**
 * A cell in canonical form, independent of how it is shown:
 * - fixed: decimal text at the column's scale (`"1.50"`); real: decimal text;
 * - text: the string; boolean: `true`/`false`;
 * - date: days since 1970-01-01 (number);
 * - time: nanoseconds since midnight (bigint);
 * - timestamp_ntz / timestamp_ltz: nanoseconds since the epoch (bigint);
 * - timestamp_tz: `{ epochNanos, offsetMinutes }`;
 * - binary: Uint8Array; variant / object / array: JSON text.
 * `null` is SQL NULL. Formatting lives in `format.ts` (display for people, wire for the REST protocol).
 */
export type CellValue =
  | null
  | string
  | number
  | boolean
  | bigint
  | Uint8Array
  | { epochNanos: bigint; offsetMinutes: number };

/** Snowflake's statement kinds, with the numeric `statementTypeId` the REST protocol reports. */
export type StatementKind =
  | "SELECT"
  | "INSERT"
  | "UPDATE"
  | "DELETE"
  | "MERGE"
  | "MULTI_INSERT"
  | "DML"
  | "USE"
  | "SHOW"
  | "DESCRIBE"
  | "TCL"
  | "DDL"
  | "SET"
  | "CALL";

export interface StatementResult {
  queryId: string;
  /** The statement's text as sent (one statement). */
  sql: string;
  kind: StatementKind;
  statementTypeId: number;
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Rows returned, or rows affected for DML. */
  rowCount: number;
  durationMs: number;
  /** Session state after the statement, for `finalDatabaseName` and friends. */
  session: SessionState;
  /**
   * With `deferRows`, a query's rows stay in the engine (DuckDB's columnar result) and are read
   * here a batch at a time; `rows` is then empty and `rowCount` counts the whole result.
   */
  cursor?: RowCursor;
}

/** The rows of a query result, read in order a batch at a time (the REST server's result chunks). */
export interface RowCursor {
  /** Rows in the whole result. */
  readonly rowCount: number;
  /** The next batch (about 2,048 rows), or null when every row has been read. */
  next(): Promise<CellValue[][] | null>;
  /** Lets go of the rows not yet read; calling it twice is harmless. */
  close(): void;
}

export interface SessionState {
  user: string;
  role: string;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  /** Session parameters set with ALTER SESSION, upper-case keys (QUERY_TAG, TIMEZONE, …). */
  parameters: Record<string, string>;
}

/** A bound value: positional (`?`, `:1`) or named (`:name`), with Snowflake's bind type. */
export interface BindValue {
  type:
    | "FIXED"
    | "REAL"
    | "TEXT"
    | "BOOLEAN"
    | "DATE"
    | "TIME"
    | "TIMESTAMP_NTZ"
    | "TIMESTAMP_LTZ"
    | "TIMESTAMP_TZ"
    | "BINARY"
    | "VARIANT";
  /** As the REST protocol sends it: a string, null, or an array of those for array binds. */
  value: string | null | (string | null)[];
}

export interface ExecuteOptions {
  /** Positional binds (index 0 is `?` number 1 / `:1`) or named binds. */
  binds?: BindValue[] | Record<string, BindValue>;
  /** Query tag for this statement; otherwise the session's QUERY_TAG. */
  queryTag?: string;
  /**
   * Leave a query's rows in the engine and hand back a `cursor` instead of `rows`, so a caller that
   * sends a large result on (the REST server) never holds it whole in JavaScript.
   */
  deferRows?: boolean;
  /**
   * The id this statement gets, when the caller had to announce it before the statement ran
   * (asynchronous execution over REST). Otherwise the engine makes one.
   */
  queryId?: string;
}

export interface SessionOptions {
  /** Login user; defaults to the engine's default user (ADMIN). */
  user?: string;
  role?: string;
  database?: string;
  schema?: string;
  warehouse?: string;
  parameters?: Record<string, string>;
  /**
   * Values this session must never record or report (template values marked secret): masked in
   * QUERY_HISTORY's text and error message and in the errors `execute` throws, in any letter case
   * and however quoted. Results are not masked: a query that selects a secret gets it.
   */
  secrets?: readonly string[];
}

/** One client session: its own current database/schema/role/warehouse, variables and transaction. */
export interface EngineSession {
  readonly id: string;
  /** Runs exactly one statement. Throws `SnowflakeError` on failure. */
  execute(sql: string, options?: ExecuteOptions): Promise<StatementResult>;
  /**
   * Splits a script into statements and runs them in order, stopping at the first failure.
   * On failure throws `ScriptError` carrying the results so far and the failing statement's index.
   */
  executeScript(sql: string, options?: Omit<ExecuteOptions, "binds">): Promise<StatementResult[]>;
  state(): SessionState;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** A file path, or `:memory:` for a throwaway engine. */
  path: string;
  /** User a session gets when none is named. Defaults to `ADMIN`. */
  defaultUser?: string;
  /** Secret values masked in every session of this engine (see SessionOptions.secrets). */
  secrets?: readonly string[];
  /**
   * Keep query translations beside a file engine, in `<path>.translations/`, so that a later process
   * running a statement already seen does not load the transpiler (short commands: `mercurios sql`).
   * Ignored for `:memory:`. Statements carrying a session's secret value are not kept.
   */
  persistentTranslations?: boolean;
  /**
   * At close, leave a write-ahead log under 256 KB for the next open to replay instead of writing it
   * into the file (DuckDB's checkpoint), for short commands whose only write is often their query
   * history row (`mercurios sql`): the checkpoint's writes and syncs were a tenth of such a command.
   * The data is as durable either way (DuckDB syncs the log at each commit); a larger log is
   * checkpointed as usual, which bounds what an open replays. Ignored for `:memory:`.
   */
  deferCheckpoint?: boolean;
  /**
   * Limits of a JavaScript procedure's sandbox (QuickJS in WebAssembly): heap bytes, milliseconds of
   * JavaScript (statements it runs not counted) and interpreter stack bytes. Defaults: 64 MB, 30 s, 512 KB.
   */
  javascriptLimits?: Partial<{ memoryBytes: number; timeoutMs: number; stackBytes: number }>;
}

export interface Engine {
  readonly path: string;
  openSession(options?: SessionOptions): Promise<EngineSession>;
  close(): Promise<void>;
}
