/**
 * Installs the function hooks' definitions into a database file only when the file does not hold
 * them already. Writing ~150 macro definitions on every open was most of a short command's cost
 * (`mercurios sql`: parse, bind and log them, then checkpoint them at close), and a file engine keeps
 * them between processes. The stamp (a digest of the definitions) is stored in `_mercurios.installed`
 * once the install succeeded; any change to the definitions changes the stamp and installs again.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { FunctionHooks } from "./hooks.js";
import { META_SCHEMA } from "./metadata.js";

const WHAT = "functions";

/** Runs `functions.install` on `connection`, with `definitionsStored` when the file's stamp matches. */
export async function installFunctionsOnce(
  connection: DuckDBConnection,
  path: string,
  functions: FunctionHooks,
): Promise<void> {
  if (!functions.install) return;
  // An in-memory database starts empty every time, and hooks without a stamp cannot be compared.
  const stamp = path === ":memory:" ? undefined : functions.stamp?.();
  if (stamp === undefined) {
    await functions.install(connection);
    return;
  }
  const stored = await connection.runAndReadAll(
    `SELECT stamp FROM ${META_SCHEMA}.installed WHERE what = '${WHAT}'`,
  );
  if (stored.getRows()[0]?.[0] === stamp) {
    await functions.install(connection, { definitionsStored: true });
    return;
  }
  await functions.install(connection);
  await connection.run(`INSERT OR REPLACE INTO ${META_SCHEMA}.installed VALUES ('${WHAT}', '${stamp}')`);
}
