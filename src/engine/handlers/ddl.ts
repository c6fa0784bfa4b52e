/** Shared machinery for DDL handlers: Snowflake's implicit commit, atomic metadata writes. */
import { dropHistoryStatement } from "../time-travel/history.js";
import { commitStreamOffsets } from "../streams/offsets.js";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { QualifiedName } from "../hooks.js";
import { META_SCHEMA } from "../metadata.js";
import type { StatementContext } from "../session.js";

/**
 * Runs a DDL change atomically: Snowflake commits an open transaction before DDL, then the DuckDB
 * change and its metadata rows commit together, and the directory is reloaded.
 */
export async function runDdl<T>(
  ctx: StatementContext,
  change: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const session = ctx.session;
  const connection = ctx.connection;
  if (session.inTransaction) {
    session.inTransaction = false;
    await connection.run("COMMIT");
    await commitStreamOffsets(ctx);
  }
  await connection.run("BEGIN TRANSACTION");
  let result: T;
  try {
    result = await change(connection);
    await connection.run("COMMIT");
  } catch (error) {
    try {
      await connection.run("ROLLBACK");
    } catch {
      // Already rolled back by DuckDB after the failure.
    }
    throw error;
  }
  await ctx.engine.directory.load(ctx.engine.connection);
  return result;
}

/** SQL string literal for DuckDB (no backslash escapes in DuckDB). */
export function duckString(value: string | null | undefined): string {
  return value === null || value === undefined ? "NULL" : `'${value.replaceAll("'", "''")}'`;
}

/** Deletes an object's metadata rows (and its columns). */
export async function deleteObjectRows(
  connection: DuckDBConnection,
  name: QualifiedName,
  kind?: string,
): Promise<void> {
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  await connection.run(
    `DELETE FROM ${META_SCHEMA}.objects WHERE ${where} AND name = ${duckString(name.name)}${kind ? ` AND kind = ${duckString(kind)}` : ""}`,
  );
  if (kind === undefined || kind === "TABLE" || kind === "VIEW" || kind === "MATERIALIZED VIEW") {
    await connection.run(
      `DELETE FROM ${META_SCHEMA}.columns WHERE ${where} AND table_name = ${duckString(name.name)}`,
    );
  }
}

export interface ObjectRow {
  name: QualifiedName;
  kind: string;
  duckName: string | null;
  tableKind?: string | null;
  secure?: boolean;
  text?: string | null;
  comment?: string | null;
  clusterBy?: string | null;
  owner?: string | null;
  properties?: Record<string, unknown>;
}

export async function insertObjectRow(connection: DuckDBConnection, row: ObjectRow): Promise<void> {
  // A new table starts without history, whatever a table of that name kept before.
  if (row.kind === "TABLE") await connection.run(dropHistoryStatement(row.name));
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.objects (database_name, schema_name, name, kind, duck_name, table_kind, is_secure, text, comment, cluster_by, owner, properties) VALUES (${[
      duckString(row.name.database),
      duckString(row.name.schema),
      duckString(row.name.name),
      duckString(row.kind),
      duckString(row.duckName),
      duckString(row.tableKind ?? null),
      row.secure ? "true" : "false",
      duckString(row.text ?? null),
      duckString(row.comment ?? null),
      duckString(row.clusterBy ?? null),
      duckString(row.owner ?? null),
      duckString(JSON.stringify(row.properties ?? {})),
    ].join(", ")})`,
  );
}

export interface ColumnRow {
  name: string;
  dataType: string;
  nullable: boolean;
  defaultValue: string | null;
  comment: string | null;
}

export async function insertColumnRows(
  connection: DuckDBConnection,
  table: QualifiedName,
  columns: ColumnRow[],
): Promise<void> {
  if (columns.length === 0) return;
  const values = columns.map(
    (c, i) =>
      `(${[
        duckString(table.database),
        duckString(table.schema),
        duckString(table.name),
        duckString(c.name),
        String(i + 1),
        duckString(c.dataType),
        c.nullable ? "true" : "false",
        duckString(c.defaultValue),
        duckString(c.comment),
      ].join(", ")})`,
  );
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.columns (database_name, schema_name, table_name, name, ordinal, data_type, nullable, default_value, comment) VALUES ${values.join(", ")}`,
  );
}

/** Tells the catalog about a new object (its creating role becomes the owner). */
export async function notifyCreated(
  ctx: StatementContext,
  objectType: string,
  name: QualifiedName,
  restoredOwner?: string,
): Promise<void> {
  await ctx.engine.catalog.onObjectCreated(ctx.session.hookContext(), objectType, name, restoredOwner);
}

export async function notifyDropped(
  ctx: StatementContext,
  objectType: string,
  name: QualifiedName,
): Promise<void> {
  await ctx.engine.catalog.onObjectDropped(ctx.session.hookContext(), objectType, name);
}

/** CREATE OR REPLACE of an existing object. */
export async function notifyReplaced(
  ctx: StatementContext,
  objectType: string,
  name: QualifiedName,
  options: { copyGrants: boolean },
): Promise<void> {
  await ctx.engine.catalog.onObjectReplaced(ctx.session.hookContext(), objectType, name, options);
}

/** Asks the catalog whether the session may do `action` on `name`. */
export async function authorise(
  ctx: StatementContext,
  objectType:
    | "DATABASE"
    | "SCHEMA"
    | "TABLE"
    | "VIEW"
    | "SEQUENCE"
    | "FUNCTION"
    | "PROCEDURE"
    | "STAGE"
    | "FILE FORMAT"
    | "STREAM",
  name: QualifiedName,
  action: "CREATE" | "DROP" | "ALTER" | "USAGE" | "READ" | "INSERT" | "TRUNCATE" | "RESTORE",
  owner?: string,
): Promise<void> {
  await ctx.engine.catalog.authorise(ctx.session.hookContext(), [
    { objectType, object: name, action, ...(owner === undefined ? {} : { owner }) },
  ]);
}
