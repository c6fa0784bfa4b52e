/** TEMPORARY tables: Snowflake drops them when their session ends. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { EngineCore } from "./engine.js";
import { duckRelation } from "./identifiers.js";
import { META_SCHEMA } from "./metadata.js";

/**
 * Drops the temporary tables of one session, or of every session when `sessionId` is null (at
 * engine open, after a crash). Reloads the directory when something was dropped.
 */
export async function dropTemporaryTables(
  engine: EngineCore,
  connection: DuckDBConnection,
  sessionId: string | null,
): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT database_name, schema_name, name, properties FROM ${META_SCHEMA}.objects WHERE kind = 'TABLE' AND table_kind = 'TEMPORARY'`,
  );
  const doomed = reader
    .getRows()
    .filter(
      (r) =>
        sessionId === null ||
        (JSON.parse(String(r[3] ?? "{}")) as { sessionId?: string }).sessionId === sessionId,
    );
  if (doomed.length === 0) return;
  for (const [database, schema, name] of doomed) {
    const [d, s, n] = [String(database), String(schema), String(name)];
    await connection.run(`DROP TABLE IF EXISTS ${duckRelation(d, s, n)}`);
    const where = `database_name = '${d.replaceAll("'", "''")}' AND schema_name = '${s.replaceAll("'", "''")}'`;
    await connection.run(
      `DELETE FROM ${META_SCHEMA}.objects WHERE ${where} AND name = '${n.replaceAll("'", "''")}' AND kind = 'TABLE'`,
    );
    await connection.run(
      `DELETE FROM ${META_SCHEMA}.columns WHERE ${where} AND table_name = '${n.replaceAll("'", "''")}'`,
    );
  }
  await engine.directory.load(engine.connection);
}
