/**
 * What the engine writes into a database file at open (its metadata tables, the INFORMATION_SCHEMA
 * views, the clock macro, the Snowflake function macros, the account catalog's tables) is written
 * only when the file does not hold it already. Re-running those ~30 statements on every open was a
 * short command's main cost after loading modules (`mercurios sql`: a round trip each, and the
 * re-created views and macros were checkpointed again at close). Each part's stamp (a digest of
 * its statements) is stored in `_mercurios.installed` once the part succeeded; any change to the
 * statements changes the stamp and writes the part again. In-memory databases start empty, so
 * they always get everything.
 */
import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { FunctionHooks } from "./hooks.js";
import { META_SCHEMA } from "./metadata.js";

/** A digest of the statements (or any text) a part of the install runs. */
export function stampOf(...texts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\0");
  return hash.digest("hex");
}

/**
 * The stamps of one open file, read once at open: `matches` says whether a part can be skipped,
 * `record` stores a part's stamp after it was written. For `:memory:` nothing matches and nothing
 * is stored.
 */
export class InstallStamps {
  private constructor(
    private readonly stored: Map<string, string> | null,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Reads the file's stamps; a new file (or one from before the stamps) has none. */
  static async read(connection: DuckDBConnection, path: string): Promise<InstallStamps> {
    if (path === ":memory:") return new InstallStamps(null, connection);
    const stored = new Map<string, string>();
    try {
      const reader = await connection.runAndReadAll(`SELECT what, stamp FROM ${META_SCHEMA}.installed`);
      for (const [what, stamp] of reader.getRows() as [string, string][]) stored.set(what, stamp);
    } catch {
      // No `installed` table yet: everything is written (and stamped) below.
    }
    return new InstallStamps(stored, connection);
  }

  matches(what: string, stamp: string): boolean {
    return this.stored?.get(what) === stamp;
  }

  async record(what: string, stamp: string): Promise<void> {
    if (this.stored === null || this.stored.get(what) === stamp) return;
    await this.connection.run(
      `INSERT OR REPLACE INTO ${META_SCHEMA}.installed VALUES ('${what}', '${stamp}')`,
    );
    this.stored.set(what, stamp);
  }

  /** Runs `statements` unless the file holds them (same stamp), then records their stamp. */
  async runOnce(what: string, statements: readonly string[]): Promise<void> {
    const stamp = stampOf(...statements);
    if (this.matches(what, stamp)) return;
    for (const statement of statements) await this.connection.run(statement);
    await this.record(what, stamp);
  }
}

const FUNCTIONS = "functions";

/** Runs `functions.install` on `connection`, with `definitionsStored` when the file's stamp matches. */
export async function installFunctionsOnce(
  connection: DuckDBConnection,
  stamps: InstallStamps,
  functions: FunctionHooks,
): Promise<void> {
  if (!functions.install) return;
  // Hooks without a stamp cannot be compared.
  const stamp = functions.stamp?.();
  if (stamp !== undefined && stamps.matches(FUNCTIONS, stamp)) {
    await functions.install(connection, { definitionsStored: true });
    return;
  }
  await functions.install(connection);
  if (stamp !== undefined) await stamps.record(FUNCTIONS, stamp);
}
