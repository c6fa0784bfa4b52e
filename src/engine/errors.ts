/**
 * The engine's own errors. Clients see Snowflake's codes, SQLSTATEs and wording, never a raw DuckDB
 * message alone (the DuckDB text, when useful, is kept in `detail`).
 */
import type { StatementResult } from "./types.js";

export interface SnowflakeErrorOptions {
  /** 1-based line of the offending token, for syntax and compilation errors. */
  line?: number;
  /** 0-based position within that line, as Snowflake counts it. */
  position?: number;
  /** Underlying engine text, for `--debug` output only. */
  detail?: string;
  cause?: unknown;
}

/** An error as Snowflake reports it: `code` (e.g. `002003`), `sqlState` (e.g. `02000`), message. */
export class SnowflakeError extends Error {
  readonly code: string;
  readonly sqlState: string;
  readonly line: number | undefined;
  readonly position: number | undefined;
  readonly detail: string | undefined;
  /** Set by the session once the statement has a query id. */
  queryId: string | undefined;

  constructor(code: string, sqlState: string, message: string, options: SnowflakeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SnowflakeError";
    this.code = code;
    this.sqlState = sqlState;
    this.line = options.line;
    this.position = options.position;
    this.detail = options.detail;
    this.queryId = undefined;
  }
}

/** A script stopped at a failing statement; carries what ran before it. */
export class ScriptError extends Error {
  /** Results of the statements that succeeded, in order. */
  readonly results: StatementResult[];
  /** 0-based index of the failing statement in the script. */
  readonly failedIndex: number;
  /** 1-based line in the script where the failing statement starts. */
  readonly statementLine: number;
  readonly error: SnowflakeError;

  constructor(results: StatementResult[], failedIndex: number, statementLine: number, error: SnowflakeError) {
    super(`Statement ${failedIndex + 1} (line ${statementLine}) failed: ${error.message}`, { cause: error });
    this.name = "ScriptError";
    this.results = results;
    this.failedIndex = failedIndex;
    this.statementLine = statementLine;
    this.error = error;
  }
}

/** Why an engine file could not be opened. */
export type EngineFileProblem =
  | "corrupt"
  | "not-duckdb"
  | "directory"
  | "read-only"
  | "unreadable"
  | "in-use";

/** The engine file could not be opened; `problem` says why, the message says what to do. */
export class EngineFileError extends SnowflakeError {
  constructor(
    readonly problem: EngineFileProblem,
    readonly path: string,
    message: string,
    detail?: string,
  ) {
    super("390400", "08001", message, detail === undefined ? {} : { detail });
    this.name = "EngineFileError";
  }
}

const FILE_MESSAGES: Record<Exclude<EngineFileProblem, "in-use">, (path: string) => string> = {
  corrupt: (path) =>
    `Local engine file is corrupt: '${path}' fails DuckDB's checksum. Restore it from a copy, or delete it and rebuild it with \`mercurios up\`.`,
  "not-duckdb": (path) =>
    `'${path}' is not a local engine file (not a DuckDB database). Point --local-db at the engine file, or move this file away.`,
  directory: (path) => `'${path}' is a directory, not a local engine file. Point --local-db at a file.`,
  "read-only": (path) =>
    `Local engine file is read-only: '${path}' (or its directory) cannot be written, and the engine writes to it. Make it writable, or copy it somewhere writable and point --local-db there.`,
  unreadable: (path) =>
    `Local engine file cannot be read: '${path}' (permission denied). Give this user read and write access to it.`,
};

/** The error for an engine file that cannot be opened for a reason of its own. */
export function engineFileError(
  problem: Exclude<EngineFileProblem, "in-use">,
  path: string,
  detail?: string,
): EngineFileError {
  return new EngineFileError(problem, path, FILE_MESSAGES[problem](path), detail);
}

const COMPILATION = "SQL compilation error:\n";

/** Builders for the errors the engine raises, worded as Snowflake words them. */
export const sfErrors = {
  /** A missing table or view: SQLSTATE 42S02 (base table or view not found), as Snowflake reports it. */
  objectDoesNotExist(name: string, detail?: string): SnowflakeError {
    return new SnowflakeError(
      "002003",
      "42S02",
      `${COMPILATION}Object '${name}' does not exist or not authorized.`,
      detail === undefined ? {} : { detail },
    );
  },
  databaseDoesNotExist(name: string): SnowflakeError {
    return new SnowflakeError(
      "002003",
      "02000",
      `${COMPILATION}Database '${name}' does not exist or not authorized.`,
    );
  },
  schemaDoesNotExist(name: string): SnowflakeError {
    return new SnowflakeError(
      "002003",
      "02000",
      `${COMPILATION}Schema '${name}' does not exist or not authorized.`,
    );
  },
  alreadyExists(name: string): SnowflakeError {
    return new SnowflakeError("002002", "42710", `${COMPILATION}Object '${name}' already exists.`);
  },
  syntax(line: number, position: number, near: string): SnowflakeError {
    const unexpected = near === "" ? "unexpected '<EOF>'." : `unexpected '${near}'.`;
    // Snowflake reports an offending token by its text, e.g. `unexpected 'FRM'.`
    return new SnowflakeError(
      "001003",
      "42000",
      `${COMPILATION}syntax error line ${line} at position ${position} ${unexpected}`,
      { line, position },
    );
  },
  invalidIdentifier(name: string, line?: number, position?: number, detail?: string): SnowflakeError {
    const where = line === undefined ? "" : `error line ${line} at position ${position ?? 0}\n`;
    return new SnowflakeError("000904", "42000", `${COMPILATION}${where}invalid identifier '${name}'`, {
      ...(line === undefined ? {} : { line }),
      ...(position === undefined ? {} : { position }),
      ...(detail === undefined ? {} : { detail }),
    });
  },
  /** An expression an INSERT's VALUES clause cannot hold (a subquery, aggregate, window or semi-structured value). */
  invalidValuesExpression(expression: string): SnowflakeError {
    return new SnowflakeError(
      "002014",
      "22000",
      `${COMPILATION}Invalid expression [${expression}] in VALUES clause`,
    );
  },
  /** A value of an INSERT's VALUES row that does not convert to the type the first row gave its column. */
  dmlNumericNotRecognized(table: string, column: string, value: string): SnowflakeError {
    return new SnowflakeError(
      "100038",
      "22018",
      `DML operation to table ${table} failed on column ${column} with error: Numeric value '${value}' is not recognized`,
    );
  },
  numericNotRecognized(value: string, detail?: string): SnowflakeError {
    return new SnowflakeError(
      "100038",
      "22018",
      `Numeric value '${value}' is not recognized`,
      detail === undefined ? {} : { detail },
    );
  },
  dateNotRecognized(value: string, detail?: string): SnowflakeError {
    return new SnowflakeError(
      "100040",
      "22007",
      `Date '${value}' is not recognized`,
      detail === undefined ? {} : { detail },
    );
  },
  timestampNotRecognized(value: string, detail?: string): SnowflakeError {
    return new SnowflakeError(
      "100035",
      "22007",
      `Timestamp '${value}' is not recognized`,
      detail === undefined ? {} : { detail },
    );
  },
  divisionByZero(): SnowflakeError {
    return new SnowflakeError("100051", "22012", "Division by zero");
  },
  nullInNotNull(column: string): SnowflakeError {
    return new SnowflakeError("100072", "22000", `NULL result in a non-nullable column '${column}'`);
  },
  duplicateKey(detail: string): SnowflakeError {
    return new SnowflakeError("100116", "23505", `Duplicate key value violates unique constraint: ${detail}`);
  },
  variableNotSet(name: string): SnowflakeError {
    return new SnowflakeError("002211", "02000", `${COMPILATION}Session variable '$${name}' does not exist`);
  },
  noCurrentDatabase(): SnowflakeError {
    return new SnowflakeError(
      "090105",
      "22000",
      "Cannot perform operation. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
    );
  },
  noCurrentSchema(): SnowflakeError {
    return new SnowflakeError(
      "090106",
      "22000",
      "Cannot perform operation. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.",
    );
  },
  /** A target row changed from two source rows (MERGE; UPDATE … FROM with ERROR_ON_NONDETERMINISTIC_UPDATE). */
  nondeterministicMerge(): SnowflakeError {
    return new SnowflakeError("100090", "42P18", "Duplicate row detected during DML action");
  },
  /** A request for one statement that holds several (Snowflake's MULTI_STATEMENT_COUNT = 1). */
  statementCount(actual: number, wanted = 1): SnowflakeError {
    return new SnowflakeError(
      "000008",
      "0A000",
      `Actual statement count ${actual} did not match the desired statement count ${wanted}.`,
    );
  },
  unsupported(what: string): SnowflakeError {
    return new SnowflakeError("002040", "0A000", `${COMPILATION}Unsupported feature '${what}'.`);
  },
  generic(message: string, detail?: string): SnowflakeError {
    return new SnowflakeError("000603", "XX000", message, detail === undefined ? {} : { detail });
  },
  compilation(message: string, detail?: string): SnowflakeError {
    return new SnowflakeError(
      "002043",
      "02000",
      `${COMPILATION}${message}`,
      detail === undefined ? {} : { detail },
    );
  },
  engineFileOldFormat(path: string, detail: string): SnowflakeError {
    return new SnowflakeError(
      "390400",
      "08001",
      `Local engine file '${path}' is in an older storage format that cannot hold the engine's date and time functions. ` +
        "It is local state: move it aside (or delete it) to let a new one be created, or point --local-db at another file.",
      { detail },
    );
  },
  engineFileInUse(path: string, holder?: string): EngineFileError {
    return new EngineFileError(
      "in-use",
      path,
      holder
        ? `Local engine file in use: '${path}' is held by ${holder}. Stop it, or point --local-db at another file.`
        : `Local engine file in use: '${path}' is held by another process. Wait for it to finish, or point --local-db at another file.`,
    );
  },
};
