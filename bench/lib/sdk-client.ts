/**
 * The real snowflake-sdk as a client of `local serve`, for benchmarks that need what the Driver
 * interface hides: `streamRows`, array binds, async execution. Logging goes through the toolkit's
 * loader (no snowflake.log, no console output).
 */
import { loadSnowflakeSdk } from "../../src/driver/snowflake.js";

type Sdk = Awaited<ReturnType<typeof loadSnowflakeSdk>>;
export type SdkConnection = ReturnType<Sdk["createConnection"]>;

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

/** Runs one statement and collects its rows (`binds` may be array binds: one array per row). */
export function run(
  connection: SdkConnection,
  sqlText: string,
  binds?: unknown[],
): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      ...(binds === undefined ? {} : { binds: binds as never }),
      complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as never)),
    });
  });
}

/** Closes the connection, ignoring a server that is already gone. */
export function close(connection: SdkConnection): Promise<void> {
  return new Promise((resolve) => connection.destroy(() => resolve()));
}
