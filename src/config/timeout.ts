/**
 * How long a project module (mercurios.config.ts, roles/*.ts, monitors/*.ts) may take to load. A
 * module whose top level awaits something that never settles would hang the command for ever (or
 * let Node exit silently when nothing else keeps it alive), so loading gives up after a limit.
 */

/** 30 s for declaration modules, unless MERCURIOS_MODULE_TIMEOUT_MS says otherwise. */
export const DEFAULT_MODULE_TIMEOUT_MS = 30_000;
/**
 * 120 s for the config, unless MERCURIOS_CONFIG_TIMEOUT_MS says otherwise. Every command loads it, and
 * the limit is wall-clock time: with 30 s, the bad-input suite on a 2-core machine at load 50 saw
 * valid configs time out (their import took longer than 30 s), which would stop every command.
 */
export const DEFAULT_CONFIG_TIMEOUT_MS = 120_000;

/**
 * The limit for this process: the variable (MERCURIOS_MODULE_TIMEOUT_MS for roles/ and monitors/
 * modules, MERCURIOS_CONFIG_TIMEOUT_MS for the config) when it is a positive number, else the default. Two
 * variables, so that shortening one (the test suites do) never times out the other's loading on a
 * busy machine.
 */
export function moduleTimeoutMs(
  processEnv: NodeJS.ProcessEnv = process.env,
  variable: "MERCURIOS_MODULE_TIMEOUT_MS" | "MERCURIOS_CONFIG_TIMEOUT_MS" = "MERCURIOS_MODULE_TIMEOUT_MS",
): number {
  const configured = Number(processEnv[variable]);
  if (Number.isFinite(configured) && configured > 0) return configured;
  return variable === "MERCURIOS_CONFIG_TIMEOUT_MS" ? DEFAULT_CONFIG_TIMEOUT_MS : DEFAULT_MODULE_TIMEOUT_MS;
}

/**
 * `loading`, or the error `timedOut` makes once `ms` have passed. The timer is kept referenced on
 * purpose, so that the process waits for the verdict.
 */
export async function withinTime<T>(loading: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([loading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
