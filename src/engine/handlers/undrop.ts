/** DROP TABLE keeps a tombstone; UNDROP TABLE brings the latest one back. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Cursor } from "../cursor.js";
import { type ObjectInfo, objectKey } from "../directory.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { displayName, duckRelation, duckSchemaName, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA, type ObjectKind } from "../metadata.js";
import { type HandlerOutput, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { authorise, duckString, notifyCreated, runDdl } from "./ddl.js";
import { display, resolveParts } from "./relations.js";

/**
 * DROP TABLE keeps the data for UNDROP: the DuckDB table is renamed to a tombstone name (raw
 * lower-case letters never occur in encoded names, so it cannot collide), and its metadata rows
 * become kind DROPPED TABLE with the tombstone as their table name.
 */
export async function keepDroppedTable(conn: DuckDBConnection, name: QualifiedName): Promise<void> {
  const tombstone = `${encodeName(name.name)}~dropped~${Date.now()}`;
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  await conn.run(
    `ALTER TABLE ${duckRelation(name.database, name.schema, name.name)} RENAME TO ${quoteDuck(tombstone)}`,
  );
  await conn.run(
    `UPDATE ${META_SCHEMA}.objects SET kind = 'DROPPED TABLE', duck_name = ${duckString(tombstone)}, properties = json_merge_patch(coalesce(properties, '{}'::JSON), json_object('droppedOn', epoch_ms(current_timestamp))) WHERE ${where} AND name = ${duckString(name.name)} AND kind = 'TABLE'`,
  );
  await conn.run(
    `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(tombstone)} WHERE ${where} AND table_name = ${duckString(name.name)}`,
  );
}

/** When a tombstone's table was dropped (tombstones older than `droppedOn` carry it as created_on). */
export function droppedOn(o: ObjectInfo): number {
  return typeof o.properties.droppedOn === "number" ? o.properties.droppedOn : o.createdOn;
}

/** UNDROP TABLE: the most recently dropped table of that name comes back. */
export async function undropTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("UNDROP", "TABLE");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const directory = ctx.engine.directory;
  const dropped = (directory.objectMap.get(objectKey(name)) ?? [])
    .filter((o) => o.kind === ("DROPPED TABLE" as ObjectKind) && o.duckName !== null)
    .sort((a, b) => droppedOn(b) - droppedOn(a))[0];
  if (!dropped?.duckName) {
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nTable '${display(name)}' does not exist or not authorized.`,
    );
  }
  if (directory.relation(name)) throw sfErrors.alreadyExists(displayName(name.name));
  // CREATE TABLE in the schema and the dropped table's owner role, before anything changes.
  const owner = dropped.owner ?? undefined;
  await authorise(ctx, "TABLE", name, "RESTORE", owner);
  const tombstone = dropped.duckName;
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  await runDdl(ctx, async (conn) => {
    await conn.run(
      `ALTER TABLE ${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(tombstone)} RENAME TO ${quoteDuck(encodeName(name.name))}`,
    );
    await conn.run(
      `UPDATE ${META_SCHEMA}.objects SET kind = 'TABLE', duck_name = ${duckString(encodeName(name.name))}, properties = json_merge_patch(properties, '{"droppedOn": null}'::JSON) WHERE ${where} AND name = ${duckString(name.name)} AND kind = 'DROPPED TABLE' AND duck_name = ${duckString(tombstone)}`,
    );
    await conn.run(
      `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(name.name)} WHERE ${where} AND table_name = ${duckString(tombstone)}`,
    );
  });
  // Owned again by its old owner (its other grants and policy attachments went with the DROP).
  await notifyCreated(ctx, "TABLE", name, owner ?? "ACCOUNTADMIN");
  return statusResult(`Table ${name.name} successfully restored.`);
}
