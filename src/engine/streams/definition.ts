/**
 * A stream as the engine keeps it (docs/decisions/022-streams.md): an `objects` row of kind STREAM
 * whose properties name the source table and hold the offset, the number of the last Time Travel
 * history statement (`_mercurios.tt_statements.seq`) the stream has consumed. A stream holds no
 * rows: reading it is a CHANGES read of its table from the offset to now (time-travel/read.ts).
 */
import type { Directory, ObjectInfo } from "../directory.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { displayQualified } from "../identifiers.js";

/** What a stream's `properties` hold. */
export interface StreamDefinition {
  name: QualifiedName;
  /** The source table, as it was named when the stream was created. */
  table: QualifiedName;
  /** The source table's creation time (ms) then: a table replaced since is not the stream's. */
  tableCreatedOn: number;
  appendOnly: boolean;
  /** SHOW_INITIAL_ROWS as written (CLONE copies it). */
  showInitialRows: boolean;
  /** The last history statement consumed: the stream's changes are the statements after it. */
  offset: number;
  /** SHOW_INITIAL_ROWS = TRUE and not consumed yet: the first read starts from an empty table. */
  initialRows: boolean;
  /** When the offset was set (ms): SHOW STREAMS's stale_after counts from it. */
  consumedOn: number;
}

/** The properties JSON of a stream row. */
export function streamProperties(def: Omit<StreamDefinition, "name">): Record<string, unknown> {
  return {
    table: def.table,
    tableCreatedOn: def.tableCreatedOn,
    appendOnly: def.appendOnly,
    showInitialRows: def.showInitialRows,
    offset: def.offset,
    initialRows: def.initialRows,
    consumedOn: def.consumedOn,
  };
}

/** The definition of a stream's `objects` row. */
export function streamDefinition(o: ObjectInfo): StreamDefinition {
  const p = o.properties;
  const table = (p.table ?? {}) as Partial<QualifiedName>;
  return {
    name: { database: o.database, schema: o.schema, name: o.name },
    table: { database: table.database ?? "", schema: table.schema ?? "", name: table.name ?? "" },
    tableCreatedOn: typeof p.tableCreatedOn === "number" ? p.tableCreatedOn : 0,
    appendOnly: p.appendOnly === true,
    showInitialRows: p.showInitialRows === true,
    offset: typeof p.offset === "number" ? p.offset : 0,
    initialRows: p.initialRows === true,
    consumedOn: typeof p.consumedOn === "number" ? p.consumedOn : o.createdOn,
  };
}

/** The stream of that name, or undefined. */
export function findStream(directory: Directory, name: QualifiedName): StreamDefinition | undefined {
  const o = directory.object(name, "STREAM");
  return o ? streamDefinition(o) : undefined;
}

/**
 * Snowflake's error for a stream whose table was dropped or replaced since it was created: the
 * stream no longer has a source (the code is our guess; the pages we read print only the text).
 */
export function sourceGone(stream: StreamDefinition): SnowflakeError {
  const table = displayQualified(stream.table.database, stream.table.schema, stream.table.name);
  return new SnowflakeError(
    "091901",
    "22000",
    `Base table '${table}' dropped, cannot read from stream '${stream.name.name}'.`,
  );
}

/** The stream's source table, checked to be the table it was created on. */
export function streamTable(directory: Directory, stream: StreamDefinition): QualifiedName {
  const entry = directory.relation(stream.table);
  if (entry?.kind !== "TABLE") throw sourceGone(stream);
  if (stream.tableCreatedOn !== 0 && Math.abs(entry.createdOn - stream.tableCreatedOn) > 1)
    throw sourceGone(stream);
  return stream.table;
}

/** Snowflake's error for a stream name that names none. */
export function missingStream(name: QualifiedName): SnowflakeError {
  return sfErrors.objectDoesNotExist(displayQualified(name.database, name.schema, name.name));
}
