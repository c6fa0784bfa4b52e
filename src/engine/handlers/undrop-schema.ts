/**
 * DROP SCHEMA keeps what UNDROP SCHEMA needs; UNDROP SCHEMA brings the latest dropped version back.
 *
 * DuckDB cannot rename a schema, so a schema dropped on its own keeps its DuckDB schema as it was
 * (tables, views, sequences, functions untouched) and its objects' metadata rows move to
 * `_mercurios.dropped_objects` / `dropped_columns`, stamped with the schema's `dropped_on`. Nothing
 * reads a DuckDB schema the metadata does not list, so the kept one is invisible until UNDROP moves
 * the rows back. Creating a schema of the same name discards the kept version first (its DuckDB
 * schema is the new one's), so only the latest dropped version that has not been re-created can
 * come back.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { displayQualified, duckSchemaName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { type HandlerOutput, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { authorise, duckString, notifyCreated, runDdl } from "./ddl.js";

const schemaWhere = (database: string, schema: string) =>
  `database_name = ${duckString(database)} AND schema_name = ${duckString(schema)}`;

/**
 * Moves a schema's object and column rows aside, stamped with the `dropped_on` of its newest row in
 * `_mercurios.dropped` (the caller has just written it).
 */
export async function keepDroppedSchemaObjects(
  conn: DuckDBConnection,
  database: string,
  schema: string,
): Promise<void> {
  const where = schemaWhere(database, schema);
  const stamp = `(SELECT max(dropped_on) FROM ${META_SCHEMA}.dropped WHERE kind = 'SCHEMA' AND database_name = ${duckString(database)} AND name = ${duckString(schema)})`;
  await conn.run(
    `INSERT INTO ${META_SCHEMA}.dropped_objects BY NAME SELECT *, ${stamp} AS dropped_on FROM ${META_SCHEMA}.objects WHERE ${where}`,
  );
  await conn.run(
    `INSERT INTO ${META_SCHEMA}.dropped_columns BY NAME SELECT *, ${stamp} AS dropped_on FROM ${META_SCHEMA}.columns WHERE ${where}`,
  );
}

/** Discards a kept dropped version before a schema of that name is created again (or its database goes). */
export async function discardDroppedSchema(
  conn: DuckDBConnection,
  database: string,
  schema: string,
): Promise<void> {
  await conn.run(`DROP SCHEMA IF EXISTS ${quoteDuck(duckSchemaName(database, schema))} CASCADE`);
  const where = schemaWhere(database, schema);
  await conn.run(`DELETE FROM ${META_SCHEMA}.dropped_objects WHERE ${where}`);
  await conn.run(`DELETE FROM ${META_SCHEMA}.dropped_columns WHERE ${where}`);
}

/** Discards every kept dropped schema of a database that is being dropped. */
export async function discardDroppedSchemasOf(conn: DuckDBConnection, database: string): Promise<void> {
  const kept = await conn.runAndReadAll(
    `SELECT DISTINCT name FROM ${META_SCHEMA}.dropped WHERE kind = 'SCHEMA' AND database_name = ${duckString(database)}`,
  );
  for (const [name] of kept.getRows()) await discardDroppedSchema(conn, database, String(name));
}

/** UNDROP SCHEMA [db.]name: the most recently dropped version whose data is still kept. */
export async function undropSchema(
  ctx: StatementContext,
  c: Cursor,
  target: { database: string; schema: string },
): Promise<HandlerOutput> {
  if (!c.done) c.fail();
  const { database, schema } = target;
  const display = displayQualified(database, schema);
  if (ctx.engine.directory.schema(database, schema)) throw sfErrors.alreadyExists(display);
  const conn = ctx.connection;
  const droppedRow = `kind = 'SCHEMA' AND database_name = ${duckString(database)} AND name = ${duckString(schema)}`;
  const latest = await conn.runAndReadAll(
    `SELECT epoch_us(dropped_on), owner FROM ${META_SCHEMA}.dropped WHERE ${droppedRow} ORDER BY dropped_on DESC LIMIT 1`,
  );
  const [stampValue, ownerValue] = latest.getRows()[0] ?? [];
  const exists = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = ${duckString(duckSchemaName(database, schema))}`,
  );
  if (stampValue === undefined || Number(exists.getRows()[0]?.[0] ?? 0) === 0) {
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nSchema '${display}' does not exist or not authorized.`,
    );
  }
  const schemaOwner = ownerValue == null ? undefined : String(ownerValue);
  // Before anything changes: CREATE SCHEMA on the database and the dropped schema's owner role.
  await authorise(ctx, "SCHEMA", { database, schema, name: schema }, "RESTORE", schemaOwner);
  const stamp = `epoch_us(dropped_on) = ${String(stampValue)}`;
  const version = `${droppedRow} AND ${stamp}`;
  const where = `${schemaWhere(database, schema)} AND ${stamp}`;
  const restored = await conn.runAndReadAll(
    `SELECT name, kind, owner FROM ${META_SCHEMA}.dropped_objects WHERE ${where}`,
  );
  await runDdl(ctx, async (tx) => {
    await tx.run(
      `INSERT INTO ${META_SCHEMA}.schemas (database_name, name, duck_schema, is_transient, managed_access, comment, owner, retention_time, created_on) SELECT database_name, name, ${duckString(duckSchemaName(database, schema))}, is_transient, managed_access, comment, owner, retention_time, created_on FROM ${META_SCHEMA}.dropped WHERE ${version}`,
    );
    await tx.run(`DELETE FROM ${META_SCHEMA}.dropped WHERE ${version}`);
    await tx.run(
      `INSERT INTO ${META_SCHEMA}.objects BY NAME SELECT * EXCLUDE (dropped_on) FROM ${META_SCHEMA}.dropped_objects WHERE ${where}`,
    );
    await tx.run(
      `INSERT INTO ${META_SCHEMA}.columns BY NAME SELECT * EXCLUDE (dropped_on) FROM ${META_SCHEMA}.dropped_columns WHERE ${where}`,
    );
    await tx.run(`DELETE FROM ${META_SCHEMA}.dropped_objects WHERE ${schemaWhere(database, schema)}`);
    await tx.run(`DELETE FROM ${META_SCHEMA}.dropped_columns WHERE ${schemaWhere(database, schema)}`);
  });
  // Each object is owned again by the role that owned it, not opened to every role (an object the
  // catalog records no owner for is) nor given to the role that ran UNDROP. Its other grants, row
  // access and masking policy attachments went with the DROP and are not restored (catalog/README.md).
  await notifyCreated(ctx, "SCHEMA", { database, schema, name: schema }, schemaOwner ?? "ACCOUNTADMIN");
  for (const [name, kind, owner] of restored.getRows()) {
    const objectOwner = owner == null ? (schemaOwner ?? "ACCOUNTADMIN") : String(owner);
    await notifyCreated(ctx, String(kind), { database, schema, name: String(name) }, objectOwner);
  }
  return statusResult(`Schema ${schema} successfully restored.`);
}
