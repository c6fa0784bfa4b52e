/**
 * The real snowflake-sdk against an in-process `startServer` on 127.0.0.1, for contract tests that
 * need what the toolkit's Driver hides: streamRows, array binds, column metadata, asyncExec and
 * getResultsFromQueryId. Logging goes through the toolkit's loader (no snowflake.log, no console).
 */
import { loadSnowflakeSdk } from "../../src/driver/snowflake.js";

type Sdk = Awaited<ReturnType<typeof loadSnowflakeSdk>>;
export type SdkConnection = ReturnType<Sdk["createConnection"]>;
export type SdkStatement = Parameters<NonNullable<Parameters<SdkConnection["execute"]>[0]["complete"]>>[1];

/** Connects as the fresh engine's ADMIN. */
export async function connectSdk(url: string, extra: Record<string, unknown> = {}): Promise<SdkConnection> {
  const sdk = await loadSnowflakeSdk();
  const connection = sdk.createConnection({
    account: "local",
    username: "ADMIN",
    password: "admin",
    accessUrl: url,
    sfRetryMaxLoginRetries: 0,
    ...extra,
  } as Parameters<Sdk["createConnection"]>[0]);
  await connection.connectAsync(() => undefined);
  return connection;
}

/** Runs one statement; resolves with the statement (for its metadata) and its rows. */
export function execute(
  connection: SdkConnection,
  sqlText: string,
  options: { binds?: unknown[]; asyncExec?: boolean; fetchAsString?: string[] } = {},
): Promise<{ statement: SdkStatement; rows: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      ...(options as object),
      complete: (error, statement, rows) =>
        error ? reject(error) : resolve({ statement, rows: (rows ?? []) as Record<string, unknown>[] }),
    });
  });
}

/** Rows of a statement as arrays of column values, in column order. */
export async function rowsOf(
  connection: SdkConnection,
  sqlText: string,
  binds?: unknown[],
): Promise<unknown[][]> {
  const { statement, rows } = await execute(connection, sqlText, binds === undefined ? {} : { binds });
  const names = (statement.getColumns() ?? []).map((c) => c.getName());
  return rows.map((row) => names.map((name) => row[name]));
}

export function destroy(connection: SdkConnection): Promise<void> {
  return new Promise((resolve) => connection.destroy(() => resolve()));
}
