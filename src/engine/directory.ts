/**
 * The core's data-object metadata, cached in memory and written through to the `_mercurios` tables
 * (metadata.ts). One process holds the DuckDB file at a time, so the cache is authoritative.
 * Implements the catalog's DataObjectDirectory for SHOW / DESCRIBE / GET_DDL.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type {
  ColumnEntry,
  ConstraintEntry,
  DatabaseEntry,
  DataObjectDirectory,
  DroppedObjects,
  IndexEntry,
  RelationEntry,
  RoutineEntry,
  SequenceEntry,
  SchemaEntry,
  StreamEntry,
} from "./catalog/directory.js";
import { streamDefinition } from "./streams/definition.js";
import { retentionDays, STREAM_EXTENSION_DAYS } from "./time-travel/history.js";
import { constraintsOf, type TableConstraint } from "./constraints.js";
import type { QualifiedName } from "./hooks.js";
import { foreignKeyIndexName, uniqueIndexName } from "./hybrid-keys.js";
import { INFORMATION_SCHEMA_VIEWS } from "./information-schema.js";
import { META_SCHEMA, type ObjectKind } from "./metadata.js";
import { type TableStats, tableStats } from "./table-stats.js";

export interface DatabaseInfo {
  name: string;
  kind: "STANDARD" | "TRANSIENT";
  comment: string | null;
  owner: string | null;
  retentionTime: number;
  createdOn: number;
}

export interface SchemaInfo {
  database: string;
  name: string;
  duckSchema: string;
  transient: boolean;
  managedAccess: boolean;
  comment: string | null;
  owner: string | null;
  retentionTime: number;
  createdOn: number;
}

export interface ObjectInfo {
  database: string;
  schema: string;
  name: string;
  kind: ObjectKind;
  duckName: string | null;
  /** PERMANENT, TRANSIENT, TEMPORARY, HYBRID or INTERACTIVE for tables (table-kinds.ts). */
  tableKind: string | null;
  secure: boolean;
  /** Original CREATE text (views, procedures, functions, sequences, stages, file formats). */
  text: string | null;
  comment: string | null;
  clusterBy: string | null;
  owner: string | null;
  properties: Record<string, unknown>;
  createdOn: number;
}

export interface ColumnInfo {
  name: string;
  ordinal: number;
  dataType: string;
  nullable: boolean;
  defaultValue: string | null;
  comment: string | null;
}

/** A row of `_mercurios.dropped`. */
interface DroppedContainer {
  kind: "DATABASE" | "SCHEMA";
  database: string;
  name: string;
  transient: boolean;
  managedAccess: boolean;
  comment: string | null;
  owner: string | null;
  retentionTime: number;
  createdOn: number;
  droppedOn: number;
}

const SEP = "\u0000";
export const dbKey = (database: string): string => database;
export const schemaKey = (database: string, schema: string): string => `${database}${SEP}${schema}`;
export const objectKey = (n: QualifiedName): string => `${n.database}${SEP}${n.schema}${SEP}${n.name}`;

function ms(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "object" && value !== null && "micros" in value)
    return Number((value as { micros: bigint }).micros / 1000n);
  return Date.now();
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export class Directory implements DataObjectDirectory {
  // Replaced whole on each load, so a session reading while another session reloads never sees a
  // half-filled directory.
  databaseMap = new Map<string, DatabaseInfo>();
  schemaMap = new Map<string, SchemaInfo>();
  /** Keyed by objectKey; several kinds may share a name (a table and a procedure). */
  objectMap = new Map<string, ObjectInfo[]>();
  columnMap = new Map<string, ColumnInfo[]>();
  /** Dropped databases and schemas (`_mercurios.dropped`), oldest drop first. */
  droppedContainers: DroppedContainer[] = [];
  /** Whether any JavaScript UDF exists: its runtime is loaded before a statement can call one. */
  javascriptFunctions = false;
  /** Whether any stream exists: queries look for stream names in their FROM items only then. */
  hasStreams = false;
  /** Bumped on every reload, so cached translations that used column types are not reused. */
  version = 0;

  /** Declared type of a column by name across relations (undefined when absent or ambiguous). */
  columnTypeLookup(relations: readonly QualifiedName[]): (column: string) => string | undefined {
    return (column: string) => {
      let found: string | undefined;
      for (const r of relations) {
        const col = this.columnsOf(r).find((c) => c.name === column);
        if (col === undefined) continue;
        if (found !== undefined && found !== col.dataType) return undefined;
        found = col.dataType;
      }
      return found;
    };
  }

  private loading: Promise<void> = Promise.resolve();

  /**
   * Re-reads every metadata table; called at open and after each DDL statement commits. Loads run
   * one at a time (they share the engine's connection) and swap the maps in at the end.
   */
  load(connection: DuckDBConnection): Promise<void> {
    const next = this.loading.then(() => this.reload(connection));
    this.loading = next.catch(() => undefined);
    return next;
  }

  /** The engine's connection (the one metadata loads through), for table statistics. */
  private connection: DuckDBConnection | null = null;

  async tableStats(database: string, schema: string, table: string): Promise<TableStats> {
    if (!this.connection) return { rows: 0, bytes: 0 };
    return tableStats(this.connection, database, schema, table);
  }

  private async reload(connection: DuckDBConnection): Promise<void> {
    this.connection = connection;
    const databaseMap = new Map<string, DatabaseInfo>();
    const schemaMap = new Map<string, SchemaInfo>();
    const objectMap = new Map<string, ObjectInfo[]>();
    const columnMap = new Map<string, ColumnInfo[]>();
    let javascriptFunctions = false;
    let hasStreams = false;
    const dbs = await connection.runAndReadAll(
      `SELECT name, kind, comment, owner, retention_time, created_on FROM ${META_SCHEMA}.databases`,
    );
    for (const r of dbs.getRows()) {
      databaseMap.set(String(r[0]), {
        name: String(r[0]),
        kind: String(r[1]) === "TRANSIENT" ? "TRANSIENT" : "STANDARD",
        comment: str(r[2]),
        owner: str(r[3]),
        retentionTime: Number(r[4]),
        createdOn: ms(r[5]),
      });
    }
    const schemas = await connection.runAndReadAll(
      `SELECT database_name, name, duck_schema, is_transient, managed_access, comment, owner, retention_time, created_on FROM ${META_SCHEMA}.schemas`,
    );
    for (const r of schemas.getRows()) {
      schemaMap.set(schemaKey(String(r[0]), String(r[1])), {
        database: String(r[0]),
        name: String(r[1]),
        duckSchema: String(r[2]),
        transient: r[3] === true,
        managedAccess: r[4] === true,
        comment: str(r[5]),
        owner: str(r[6]),
        retentionTime: Number(r[7]),
        createdOn: ms(r[8]),
      });
    }
    const objects = await connection.runAndReadAll(
      `SELECT database_name, schema_name, name, kind, duck_name, table_kind, is_secure, text, comment, cluster_by, owner, properties, created_on FROM ${META_SCHEMA}.objects`,
    );
    for (const r of objects.getRows()) {
      const info: ObjectInfo = {
        database: String(r[0]),
        schema: String(r[1]),
        name: String(r[2]),
        kind: String(r[3]) as ObjectKind,
        duckName: str(r[4]),
        tableKind: str(r[5]),
        secure: r[6] === true,
        text: str(r[7]),
        comment: str(r[8]),
        clusterBy: str(r[9]),
        owner: str(r[10]),
        properties: r[11] === null ? {} : (JSON.parse(String(r[11])) as Record<string, unknown>),
        createdOn: ms(r[12]),
      };
      if (info.kind === "FUNCTION" && info.properties.language === "JAVASCRIPT") javascriptFunctions = true;
      if (info.kind === "STREAM") hasStreams = true;
      const key = objectKey(info);
      const list = objectMap.get(key) ?? [];
      list.push(info);
      objectMap.set(key, list);
    }
    const columns = await connection.runAndReadAll(
      `SELECT database_name, schema_name, table_name, name, ordinal, data_type, nullable, default_value, comment FROM ${META_SCHEMA}.columns ORDER BY ordinal`,
    );
    for (const r of columns.getRows()) {
      const key = objectKey({ database: String(r[0]), schema: String(r[1]), name: String(r[2]) });
      const list = columnMap.get(key) ?? [];
      list.push({
        name: String(r[3]),
        ordinal: Number(r[4]),
        dataType: String(r[5]),
        nullable: r[6] === true,
        defaultValue: str(r[7]),
        comment: str(r[8]),
      });
      columnMap.set(key, list);
    }
    const dropped = await connection.runAndReadAll(
      `SELECT kind, database_name, name, is_transient, managed_access, comment, owner, retention_time, created_on, dropped_on FROM ${META_SCHEMA}.dropped ORDER BY dropped_on`,
    );
    this.droppedContainers = dropped.getRows().map((r) => ({
      kind: String(r[0]) === "DATABASE" ? "DATABASE" : "SCHEMA",
      database: String(r[1]),
      name: String(r[2]),
      transient: r[3] === true,
      managedAccess: r[4] === true,
      comment: str(r[5]),
      owner: str(r[6]),
      retentionTime: Number(r[7]),
      createdOn: ms(r[8]),
      droppedOn: ms(r[9]),
    }));
    this.databaseMap = databaseMap;
    this.schemaMap = schemaMap;
    this.objectMap = objectMap;
    this.columnMap = columnMap;
    this.javascriptFunctions = javascriptFunctions;
    this.hasStreams = hasStreams;
    this.version++;
  }

  database(name: string): DatabaseInfo | undefined {
    return this.databaseMap.get(dbKey(name));
  }

  schema(database: string, schema: string): SchemaInfo | undefined {
    return this.schemaMap.get(schemaKey(database, schema));
  }

  /** The relation (table, view, materialized view) with this name, if any. */
  relation(name: QualifiedName): ObjectInfo | undefined {
    if (
      name.schema === "INFORMATION_SCHEMA" &&
      name.name in INFORMATION_SCHEMA_VIEWS &&
      this.database(name.database)
    ) {
      return {
        ...name,
        kind: "VIEW",
        duckName: name.name,
        tableKind: null,
        secure: false,
        text: null,
        comment: null,
        clusterBy: null,
        owner: null,
        properties: {},
        createdOn: this.database(name.database)?.createdOn ?? 0,
      };
    }
    return this.objectMap
      .get(objectKey(name))
      ?.find((o) => o.kind === "TABLE" || o.kind === "VIEW" || o.kind === "MATERIALIZED VIEW");
  }

  object(name: QualifiedName, kind: ObjectKind): ObjectInfo | undefined {
    return this.objectMap.get(objectKey(name))?.find((o) => o.kind === kind);
  }

  /** Every object in a database (all when undefined) and schema (all when undefined): the listings' common walk. */
  private *objectsIn(database?: string, schema?: string): Generator<ObjectInfo> {
    for (const list of this.objectMap.values()) {
      for (const o of list) {
        if (database !== undefined && o.database !== database) continue;
        if (schema !== undefined && o.schema !== schema) continue;
        yield o;
      }
    }
  }

  columnsOf(name: QualifiedName): ColumnInfo[] {
    return this.columnMap.get(objectKey(name)) ?? [];
  }

  // DataObjectDirectory, for the catalog.

  async databases(): Promise<DatabaseEntry[]> {
    return [...this.databaseMap.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({
        name: d.name,
        createdOn: d.createdOn,
        comment: d.comment,
        transient: d.kind === "TRANSIENT",
        retentionTime: d.retentionTime,
      }));
  }

  async schemas(database?: string): Promise<SchemaEntry[]> {
    return [...this.schemaMap.values()]
      .filter((s) => database === undefined || s.database === database)
      .sort((a, b) => a.database.localeCompare(b.database) || a.name.localeCompare(b.name))
      .map((s) => ({
        database: s.database,
        name: s.name,
        createdOn: s.createdOn,
        comment: s.comment,
        transient: s.transient,
        managedAccess: s.managedAccess,
        retentionTime: s.retentionTime,
      }));
  }

  async routines(database?: string, schema?: string): Promise<RoutineEntry[]> {
    const out: RoutineEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "FUNCTION" && o.kind !== "PROCEDURE") continue;
      const p = o.properties;
      out.push({
        database: o.database,
        schema: o.schema,
        name: o.name,
        kind: o.kind,
        createdOn: o.createdOn,
        comment: o.comment,
        signature: typeof p.arguments === "string" ? p.arguments : "",
        returns: typeof p.returns === "string" ? p.returns : null,
        language: typeof p.language === "string" ? p.language : "SQL",
        text: o.text,
        body: typeof p.body === "string" ? p.body : null,
      });
    }
    return out;
  }

  async sequences(database?: string, schema?: string): Promise<SequenceEntry[]> {
    const out: SequenceEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "SEQUENCE" || o.duckName === null) continue;
      const duckSchema = this.schemaMap.get(schemaKey(o.database, o.schema))?.duckSchema;
      if (duckSchema === undefined) continue;
      const p = o.properties;
      out.push({
        database: o.database,
        schema: o.schema,
        name: o.name,
        createdOn: o.createdOn,
        comment: o.comment,
        start: typeof p.start === "number" ? p.start : 1,
        increment: typeof p.increment === "number" ? p.increment : 1,
        duckSchema,
        duckName: o.duckName,
      });
    }
    return out;
  }

  async streams(database?: string, schema?: string): Promise<StreamEntry[]> {
    const out: StreamEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "STREAM") continue;
      const def = streamDefinition(o);
      const table = this.relation(def.table);
      // The table's retention, extended to 14 days for its streams (MAX_DATA_EXTENSION_TIME_IN_DAYS).
      const days = Math.max(retentionDays(this, def.table), STREAM_EXTENSION_DAYS);
      out.push({
        database: o.database,
        schema: o.schema,
        name: o.name,
        createdOn: o.createdOn,
        comment: o.comment,
        tableName: [def.table.database, def.table.schema, def.table.name].join("."),
        mode: def.appendOnly ? "APPEND_ONLY" : "DEFAULT",
        staleAfter: def.consumedOn + days * 86_400_000,
        stale:
          table?.kind !== "TABLE" ||
          (def.tableCreatedOn !== 0 && Math.abs(table.createdOn - def.tableCreatedOn) > 1),
      });
    }
    return out;
  }

  private relationEntry(o: ObjectInfo): RelationEntry {
    return {
      database: o.database,
      schema: o.schema,
      name: o.name,
      kind: o.kind === "MATERIALIZED VIEW" ? "MATERIALIZED_VIEW" : o.kind === "VIEW" ? "VIEW" : "TABLE",
      createdOn: o.createdOn,
      comment: o.comment,
      text: o.text,
      secure: o.secure,
      transient: o.tableKind === "TRANSIENT",
      temporary: o.tableKind === "TEMPORARY",
      ...(o.tableKind === "HYBRID" || o.tableKind === "INTERACTIVE" ? { tableType: o.tableKind } : {}),
      retentionTime: typeof o.properties.retentionTime === "number" ? o.properties.retentionTime : null,
      changeTracking: o.properties.changeTracking === true,
      rows: null,
      bytes: null,
      clusterBy: o.clusterBy,
      stageOptions: {
        fileFormat: stringRecord(o.properties.stageFileFormat),
        copyOptions: stringRecord(o.properties.stageCopyOptions),
      },
    };
  }

  async relations(database?: string, schema?: string): Promise<RelationEntry[]> {
    const out: RelationEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "TABLE" && o.kind !== "VIEW" && o.kind !== "MATERIALIZED VIEW") continue;
      out.push(this.relationEntry(o));
    }
    return out.sort(
      (a, b) =>
        a.database.localeCompare(b.database) ||
        a.schema.localeCompare(b.schema) ||
        a.name.localeCompare(b.name),
    );
  }

  async dropped(): Promise<DroppedObjects> {
    const containers = this.droppedContainers;
    const relations: DroppedObjects["relations"] = [];
    for (const list of this.objectMap.values()) {
      for (const o of list) {
        if (o.kind !== ("DROPPED TABLE" as ObjectKind)) continue;
        relations.push({
          ...this.relationEntry(o),
          kind: "TABLE",
          owner: o.owner,
          droppedOn: typeof o.properties.droppedOn === "number" ? o.properties.droppedOn : o.createdOn,
        });
      }
    }
    return {
      databases: containers
        .filter((c) => c.kind === "DATABASE")
        .map((c) => ({
          name: c.name,
          createdOn: c.createdOn,
          comment: c.comment,
          transient: c.transient,
          retentionTime: c.retentionTime,
          owner: c.owner,
          droppedOn: c.droppedOn,
        })),
      schemas: containers
        .filter((c) => c.kind === "SCHEMA")
        .map((c) => ({
          database: c.database,
          name: c.name,
          createdOn: c.createdOn,
          comment: c.comment,
          transient: c.transient,
          managedAccess: c.managedAccess,
          retentionTime: c.retentionTime,
          owner: c.owner,
          droppedOn: c.droppedOn,
        })),
      relations: relations.sort((a, b) => a.droppedOn - b.droppedOn),
    };
  }

  async columns(database: string, schema: string, relation: string): Promise<ColumnEntry[]> {
    const name = { database, schema, name: relation };
    const keys = this.tableConstraints(name);
    const inKey = (column: string, kind: TableConstraint["kind"]) =>
      keys.some((k) => k.kind === kind && k.columns.includes(column));
    const declaredFixed = this.object(name, "TABLE")?.properties.fixedBinary;
    const fixed = new Set(Array.isArray(declaredFixed) ? declaredFixed : []);
    return this.columnsOf(name).map((c) => ({
      ...(fixed.has(c.name) ? { fixed: true } : {}),
      name: c.name,
      type: c.dataType,
      nullable: c.nullable,
      default: describedDefault(c.defaultValue),
      ...(c.defaultValue?.startsWith("AUTOINCREMENT ")
        ? { autoincrement: describedDefault(c.defaultValue) as string }
        : {}),
      primaryKey: inKey(c.name, "PRIMARY KEY"),
      uniqueKey: inKey(c.name, "UNIQUE"),
      comment: c.comment,
    }));
  }

  /** A table's declared PRIMARY KEY / UNIQUE / FOREIGN KEY constraints (constraints.ts). */
  tableConstraints(name: QualifiedName): TableConstraint[] {
    const table = this.object(name, "TABLE");
    return table ? constraintsOf(table.text, name) : [];
  }

  async constraints(database?: string, schema?: string): Promise<ConstraintEntry[]> {
    const out: ConstraintEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "TABLE") continue;
      const table = { database: o.database, schema: o.schema, name: o.name };
      for (const k of constraintsOf(o.text, table)) {
        const references = k.references;
        const referencedColumns =
          references && references.columns.length === 0
            ? (this.tableConstraints(references.table).find((p) => p.kind === "PRIMARY KEY")?.columns ?? [])
            : (references?.columns ?? []);
        const primary = references
          ? this.tableConstraints(references.table).find((p) => p.kind === "PRIMARY KEY")
          : undefined;
        out.push({
          database: o.database,
          schema: o.schema,
          table: o.name,
          kind: k.kind,
          name: k.name,
          columns: k.columns,
          createdOn: o.createdOn,
          rely: k.rely,
          ...(references
            ? {
                references: {
                  database: references.table.database ?? o.database,
                  schema: references.table.schema ?? o.schema,
                  table: references.table.name,
                  columns: referencedColumns,
                  constraintName: primary?.name ?? null,
                },
                onDelete: k.onDelete,
                onUpdate: k.onUpdate,
              }
            : {}),
        });
      }
    }
    return out;
  }

  /**
   * Hybrid tables' indexes (SHOW INDEXES), each table's in the order Snowflake builds them: the
   * primary key's (SYS_INDEX_<table>_PRIMARY), the UNIQUE and FOREIGN KEY constraints' (named as the
   * key violation errors name them, hybrid-keys.ts), then the INDEX items the table declares.
   */
  async indexes(database?: string, schema?: string): Promise<IndexEntry[]> {
    const out: IndexEntry[] = [];
    for (const o of this.objectsIn(database, schema)) {
      if (o.kind !== "TABLE" || o.tableKind !== "HYBRID") continue;
      const table = { database: o.database, schema: o.schema, name: o.name };
      const at = { database: o.database, schema: o.schema, table: o.name, createdOn: o.createdOn };
      const mine: IndexEntry[] = [];
      const constraints = constraintsOf(o.text, table);
      for (const k of constraints) {
        if (k.kind === "PRIMARY KEY")
          mine.unshift({
            ...at,
            name: `SYS_INDEX_${o.name}_PRIMARY`,
            unique: true,
            columns: k.columns,
            included: [],
          });
        else if (k.kind === "UNIQUE")
          mine.push({
            ...at,
            name: uniqueIndexName(table, k),
            unique: true,
            columns: k.columns,
            included: [],
          });
        else {
          const target = k.references?.table;
          const keyColumns = k.references?.columns.length
            ? k.references.columns
            : target
              ? (this.tableConstraints({
                  database: target.database ?? o.database,
                  schema: target.schema ?? o.schema,
                  name: target.name,
                }).find((p) => p.kind === "PRIMARY KEY")?.columns ?? [])
              : [];
          mine.push({
            ...at,
            name: foreignKeyIndexName(table, k, keyColumns),
            unique: false,
            columns: k.columns,
            included: [],
          });
        }
      }
      for (const index of declaredIndexes(o.properties.indexes))
        mine.push({
          ...at,
          name: index.name,
          unique: false,
          columns: index.columns,
          included: index.include,
        });
      out.push(...mine);
    }
    return out;
  }
}

/** The INDEX items a hybrid table's properties keep (handlers/tables.ts), or none. */
function declaredIndexes(value: unknown): { name: string; columns: string[]; include: string[] }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (i): i is { name: string; columns: string[]; include: string[] } =>
        typeof i === "object" && i !== null && typeof i.name === "string" && Array.isArray(i.columns),
    )
    .map((i) => ({ name: i.name, columns: i.columns, include: Array.isArray(i.include) ? i.include : [] }));
}

/** A JSON object of strings from the properties column, or an empty one. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/**
 * An identity column's default as DESCRIBE and SHOW COLUMNS print it: `IDENTITY START 1 INCREMENT 1
 * NOORDER`, or `… ORDER` when ORDER was written (NOORDER is Snowflake's default for new columns).
 */
function describedDefault(value: string | null): string | null {
  const identity =
    value === null ? null : /^AUTOINCREMENT START (-?\d+) INCREMENT (-?\d+)( ORDER)?$/.exec(value);
  if (!identity) return value;
  return `IDENTITY START ${identity[1]} INCREMENT ${identity[2]} ${identity[3] ? "ORDER" : "NOORDER"}`;
}
