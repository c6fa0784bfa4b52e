/**
 * The driver module's front door: `createDriver(environment, …)` opens the right driver for a
 * resolved environment: the local engine in-process, or snowflake-sdk (Snowflake, or `local serve`).
 */
import type { ResolvedEnvironment } from "../config/index.js";
import { ConfigError, DriverError } from "../errors/index.js";
import type { Driver, DriverOptions } from "./types.js";

export type { Authenticator, ResolvedConnection, ResolveConnectionOptions } from "./connection.js";
export { connectionsTomlPath, resolveConnection } from "./connection.js";
export { BatchError } from "./errors.js";
export { maskSecrets } from "./query-log.js";
export type * from "./types.js";

export interface CreateDriverOptions extends Omit<DriverOptions, "queryTag"> {
  /** The command running, for the query tag `mercurios/<command>/<env>`. */
  command: string;
  /** Environment variables to read the connection from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Snowflake only: give up connecting after this long (default 30 s). */
  connectTimeoutMs?: number;
}

/** `mercurios/<command>/<env>[/<script>]`, the query tag every statement carries. */
export function queryTag(command: string, environment: string, script?: string): string {
  return script ? `mercurios/${command}/${environment}/${script}` : `mercurios/${command}/${environment}`;
}

/** Opens the driver for `environment`. Close it when done (it closes the engine it opened). */
export async function createDriver(
  environment: ResolvedEnvironment,
  options: CreateDriverOptions,
): Promise<Driver> {
  const tag = queryTag(options.command, environment.name);
  const secrets = [...environment.secrets, ...(options.secrets ?? [])];
  const onLog = options.onLog ? { onLog: options.onLog } : {};
  if (environment.kind === "local") {
    if (!environment.localDb) {
      throw new ConfigError("NO_LOCAL_DB", `environment '${environment.name}' has no local engine file.`, {
        hint: "Set localDb in the environment or pass --local-db PATH.",
      });
    }
    const { makeEngineFolder, openLocalEngine } = await import("./engine-open.js");
    await makeEngineFolder(environment.localDb);
    const { openLocalDriver } = await import("./local.js");
    let engine: Awaited<ReturnType<typeof openLocalEngine>>;
    try {
      // A corrupt, unreadable, read-only or held file has its own code (engine-open.ts).
      engine = await openLocalEngine(environment.localDb);
    } catch (error) {
      if (error instanceof DriverError) throw error;
      // The engine has its own error type; say it in the toolkit's terms.
      throw new DriverError("LOCAL_ENGINE_OPEN", error instanceof Error ? error.message : String(error), {
        location: { file: environment.localDb },
        hint: "Another mercurios process may hold the engine file; run again when it is done, or use `mercurios local serve` to share one engine between processes.",
        cause: error,
      });
    }
    try {
      return await openLocalDriver(engine, { ownsEngine: true, secrets, queryTag: tag, ...onLog });
    } catch (error) {
      await engine.close();
      throw error;
    }
  }
  const { resolveConnection } = await import("./connection.js");
  const { connectSnowflake } = await import("./snowflake.js");
  const connection = resolveConnection(environment.connection, {
    ...(options.env ? { env: options.env } : {}),
    configPath: `environments.${environment.name}.connection`,
  });
  return connectSnowflake(connection, {
    secrets,
    queryTag: tag,
    ...onLog,
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
  });
}

/** Opens the environment's driver for a command (`seed`, `cost`, `warehouses`): `createDriver` with its query tag. */
export async function openEnvironmentDriver(
  environment: ResolvedEnvironment,
  command: string,
): Promise<Driver> {
  return createDriver(environment, { command });
}
