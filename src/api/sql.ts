/**
 * `sql`: runs Snowflake SQL statements in order in one session, on the local engine or on a
 * Snowflake environment, and reports each statement's result (values as Snowflake displays them)
 * or its error. Stops at the first failing statement. Prints nothing: `onStatement` streams.
 */
import type { ResolvedEnvironment } from "../config/index.js";
import type { Engine } from "../engine/index.js";
import { DriverError, MercuriosError } from "../errors/index.js";

/** One statement's outcome, as `mercurios sql --format json` prints it. */
export type SqlStatementOutput =
  | {
      statement: number;
      columns: string[];
      types: string[];
      rows: (string | null)[][];
      rowCount: number;
    }
  | { statement: number; error: { code: string; sqlState: string; message: string } };

export type SqlTarget =
  | {
      kind: "local";
      localDb: string;
      /** Values masked in the engine's QUERY_HISTORY and errors (the environment's secrets). */
      secrets?: readonly string[];
    }
  | { kind: "snowflake"; environment: ResolvedEnvironment };

export interface RunSqlOptions {
  /** A script: one or more statements separated by `;`. */
  sql: string;
  target: SqlTarget;
  /** Called after each statement, in order. */
  onStatement: (output: SqlStatementOutput) => void;
}

export interface RunSqlReport {
  /** Statements that ran successfully. */
  succeeded: number;
  /** Set when a statement failed (1-based); later statements did not run. */
  failedStatement?: number;
}

export async function runSql(options: RunSqlOptions): Promise<RunSqlReport> {
  const statements = await splitScript(options.sql);
  if (options.target.kind === "local")
    return runLocal(options.target.localDb, statements, options.onStatement, options.target.secrets ?? []);
  return runSnowflake(options.target.environment, statements, options.onStatement);
}

export interface RunSqlOnEngineOptions {
  sql: string;
  /** Values masked in the engine's QUERY_HISTORY and errors, as a direct run's target gives them. */
  secrets: readonly string[];
  onStatement: RunSqlOptions["onStatement"];
}

/**
 * A local run on an engine this process already holds (`mercurios dev`, `local serve` answering a
 * routed `mercurios sql`, docs/decisions/019): the same steps as a direct run after its open, in a
 * fresh session opened as a direct run opens it (the engine's default user and role, no database).
 */
export async function runSqlOnEngine(engine: Engine, options: RunSqlOnEngineOptions): Promise<RunSqlReport> {
  const statements = await splitScript(options.sql);
  return runInSession(engine, statements, options.onStatement, options.secrets);
}

interface Statement {
  text: string;
}

async function splitScript(sql: string): Promise<readonly Statement[]> {
  const { splitStatements } = await import("../engine/split/index.js");
  let statements: ReturnType<typeof splitStatements>;
  try {
    statements = splitStatements(sql);
  } catch (error) {
    // A string, quoted name or $$ body never closed: Snowflake's syntax error, said as one.
    const { SnowflakeError } = await import("../engine/index.js");
    if (!(error instanceof SnowflakeError)) throw error;
    throw new DriverError("SQL_SYNTAX", error.message, {
      sqlCode: error.code,
      hint: "Close the string, quoted name or $$ body it names; nothing ran.",
      cause: error,
    });
  }
  if (statements.length === 0) {
    // Only comments: nothing would run, which is as surely a mistake as an empty string.
    throw new MercuriosError("NO_SQL", "No SQL to run: the text holds only comments.", {
      hint: "mercurios sql 'select current_date()'  or  mercurios sql --file query.sql",
    });
  }
  return statements;
}

async function runLocal(
  localDb: string,
  statements: readonly Statement[],
  onStatement: RunSqlOptions["onStatement"],
  secrets: readonly string[],
): Promise<RunSqlReport> {
  if (localDb !== ":memory:") await (await import("../driver/engine-open.js")).makeEngineFolder(localDb);
  const { openEngine, SnowflakeError } = await import("../engine/index.js");
  let engine: Awaited<ReturnType<typeof openEngine>>;
  try {
    // A repeated command takes its translations from beside the file, without loading the
    // transpiler (docs/decisions/009-persistent-translations.md).
    engine = await openEngine({ path: localDb, persistentTranslations: true, deferCheckpoint: true });
  } catch (error) {
    // Say it in the toolkit's terms (e.g. the file is held by `mercurios dev`), not as a bug.
    const { engineOpenError } = await import("../driver/engine-open.js");
    const mapped = engineOpenError(error, localDb);
    if (mapped !== error) throw mapped;
    if (!(error instanceof SnowflakeError)) throw error;
    throw new DriverError("LOCAL_ENGINE_OPEN", error.message, {
      location: { file: localDb },
      hint: "`mercurios local serve` shares one engine between processes.",
      cause: error,
    });
  }
  try {
    return await runInSession(engine, statements, onStatement, secrets);
  } finally {
    await engine.close();
  }
}

/** Runs the statements in one new session, stopping at the first that fails. */
async function runInSession(
  engine: Engine,
  statements: readonly Statement[],
  onStatement: RunSqlOptions["onStatement"],
  secrets: readonly string[],
): Promise<RunSqlReport> {
  const { displayValue, SnowflakeError } = await import("../engine/index.js");
  const session = await engine.openSession({ secrets });
  try {
    let succeeded = 0;
    for (const [index, statement] of statements.entries()) {
      try {
        const result = await session.execute(statement.text);
        onStatement({
          statement: index + 1,
          columns: result.columns.map((c) => c.name),
          types: result.columns.map((c) => c.sqlType),
          rows: result.rows.map((row) =>
            row.map((cell, i) => displayValue(cell, result.columns[i] ?? { type: "text", scale: null })),
          ),
          rowCount: result.rowCount,
        });
        succeeded++;
      } catch (error) {
        if (!(error instanceof SnowflakeError)) throw error;
        onStatement({
          statement: index + 1,
          error: { code: error.code, sqlState: error.sqlState, message: error.message },
        });
        return { succeeded, failedStatement: index + 1 };
      }
    }
    return { succeeded };
  } finally {
    await session.close();
  }
}

async function runSnowflake(
  environment: ResolvedEnvironment,
  statements: readonly Statement[],
  onStatement: RunSqlOptions["onStatement"],
): Promise<RunSqlReport> {
  const { resolveConnection } = await import("../driver/connection.js");
  const { connectSnowflake } = await import("../driver/snowflake.js");
  const { DriverError } = await import("../errors/index.js");
  const connection = resolveConnection(environment.connection, {
    configPath: `environments.${environment.name}.connection`,
  });
  const driver = await connectSnowflake(connection, {
    secrets: [...environment.secrets, ...connection.secrets],
    queryTag: `mercurios/sql/${environment.name}`,
  });
  try {
    let succeeded = 0;
    for (const [index, statement] of statements.entries()) {
      try {
        const result = await driver.execute(statement.text);
        onStatement({
          statement: index + 1,
          columns: result.columns.map((c) => c.name),
          types: result.columns.map((c) => c.sqlType ?? c.type.toUpperCase()),
          rows: result.rows,
          rowCount: result.rowCount,
        });
        succeeded++;
      } catch (error) {
        if (!(error instanceof DriverError)) throw error;
        onStatement({
          statement: index + 1,
          error: {
            code: error.sqlCode ?? error.code,
            sqlState: error.sqlState ?? "",
            message: error.message,
          },
        });
        return { succeeded, failedStatement: index + 1 };
      }
    }
    return { succeeded };
  } finally {
    await driver.close();
  }
}
