/**
 * What the catalog needs to know about data objects (databases, schemas, tables, views, columns).
 * The engine core owns those objects and their metadata; it hands the catalog an implementation
 * of this interface so SHOW, DESCRIBE, GET_DDL, grants and privilege checks can read them.
 */

export interface DatabaseEntry {
  name: string;
  createdOn: number;
  comment: string | null;
  transient: boolean;
  retentionTime: number;
}

export interface SchemaEntry {
  database: string;
  name: string;
  createdOn: number;
  comment: string | null;
  transient: boolean;
  managedAccess: boolean;
  retentionTime: number;
}

export interface RelationEntry {
  database: string;
  schema: string;
  name: string;
  kind: "TABLE" | "VIEW" | "MATERIALIZED_VIEW";
  createdOn: number;
  comment: string | null;
  /** For views: the CREATE statement exactly as submitted. */
  text: string | null;
  secure: boolean;
  transient: boolean;
  /** A TEMPORARY table (SHOW TABLES kind TEMPORARY). */
  temporary?: boolean;
  /** A hybrid or interactive table (CREATE HYBRID / INTERACTIVE TABLE); absent for other tables. */
  tableType?: "HYBRID" | "INTERACTIVE";
  /** DATA_RETENTION_TIME_IN_DAYS set on the table; absent when inherited. */
  retentionTime?: number | null;
  /** CHANGE_TRACKING = TRUE on the table or view. */
  changeTracking?: boolean;
  rows: number | null;
  bytes: number | null;
  clusterBy: string | null;
  /** A table's STAGE_FILE_FORMAT / STAGE_COPY_OPTIONS as set at creation (DESCRIBE … TYPE = STAGE). */
  stageOptions?: { fileFormat: Record<string, string>; copyOptions: Record<string, string> };
}

export interface ColumnEntry {
  name: string;
  /** Snowflake SQL type as DESCRIBE prints it: `NUMBER(38,0)`, `VARCHAR(16777216)`. */
  type: string;
  nullable: boolean;
  default: string | null;
  primaryKey: boolean;
  uniqueKey: boolean;
  comment: string | null;
  /** Snowflake JSON data_type for SHOW COLUMNS (`{"type":"FIXED",...}`), when the core provides it. */
  dataTypeJson?: string;
  autoincrement?: string;
  /** A BINARY column declared BINARY rather than VARBINARY (SHOW COLUMNS' `fixed`). */
  fixed?: boolean;
}

/** A user-defined function or stored procedure. */
export interface RoutineEntry {
  database: string;
  schema: string;
  name: string;
  kind: "FUNCTION" | "PROCEDURE";
  createdOn: number;
  comment: string | null;
  /** The argument list as written between the parentheses (`a NUMBER, b NUMBER`). */
  signature: string;
  /** The RETURNS clause as written (`NUMBER`, `TABLE (x INT)`), when known. */
  returns: string | null;
  language: string;
  /** The CREATE statement as submitted. */
  text: string | null;
  /** The body between `AS $$ … $$` (or the quoted string), when known. */
  body?: string | null;
}

/** A stream on a table (SHOW STREAMS, DESCRIBE STREAM). */
export interface StreamEntry {
  database: string;
  schema: string;
  name: string;
  createdOn: number;
  comment: string | null;
  /** The source table, fully qualified as SHOW STREAMS prints it (`DB.SCHEMA.TABLE`). */
  tableName: string;
  mode: "DEFAULT" | "APPEND_ONLY";
  /** When the stream may become stale if not consumed (ms). */
  staleAfter: number;
  /** The source table is gone or its changes since the offset were not kept. */
  stale: boolean;
}

/** A sequence, with where its values live in DuckDB (for the next value SHOW SEQUENCES prints). */
export interface SequenceEntry {
  database: string;
  schema: string;
  name: string;
  createdOn: number;
  comment: string | null;
  start: number;
  increment: number;
  /** DuckDB schema and sequence name (`duckdb_sequences()`'s schema_name, sequence_name). */
  duckSchema: string;
  duckName: string;
}

/** A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint of a table (declared, not enforced). */
export interface ConstraintEntry {
  database: string;
  schema: string;
  table: string;
  kind: "PRIMARY KEY" | "UNIQUE" | "FOREIGN KEY";
  name: string;
  /** Constrained columns in key order. */
  columns: string[];
  createdOn: number;
  rely: boolean;
  /** For a foreign key: what it references (the columns of its primary key when none were named). */
  references?: {
    database: string;
    schema: string;
    table: string;
    columns: string[];
    constraintName: string | null;
  };
  onDelete?: string;
  onUpdate?: string;
}

/**
 * An index of a hybrid table (SHOW INDEXES): the one behind its primary key, each UNIQUE and
 * FOREIGN KEY constraint's, and the INDEX items it declares.
 */
export interface IndexEntry {
  database: string;
  schema: string;
  table: string;
  name: string;
  unique: boolean;
  /** Indexed columns in key order. */
  columns: string[];
  /** Covered columns (`INCLUDE (…)`). */
  included: string[];
  createdOn: number;
}

/** A dropped database, schema or table still within its Time Travel retention (SHOW … HISTORY). */
export type Dropped<T> = T & {
  droppedOn: number;
  /** The role that owned it when it was dropped (its grants went with it). */
  owner: string | null;
};

/** What the core remembers of dropped objects, oldest drop first. */
export interface DroppedObjects {
  databases: Dropped<DatabaseEntry>[];
  schemas: Dropped<SchemaEntry>[];
  relations: Dropped<RelationEntry>[];
}

/** Read access to the core's data-object metadata. All names are resolved (stored) names. */
export interface DataObjectDirectory {
  databases(): Promise<DatabaseEntry[]>;
  schemas(database?: string): Promise<SchemaEntry[]>;
  relations(database?: string, schema?: string): Promise<RelationEntry[]>;
  columns(database: string, schema: string, relation: string): Promise<ColumnEntry[]>;
  /** Table constraints in a database or schema (all when neither is given). */
  constraints?(database?: string, schema?: string): Promise<ConstraintEntry[]>;
  /** Hybrid tables' indexes in a database or schema (all when neither is given). */
  indexes?(database?: string, schema?: string): Promise<IndexEntry[]>;
  /** User-defined functions and procedures in a database or schema (all when neither is given). */
  routines?(database?: string, schema?: string): Promise<RoutineEntry[]>;
  /** Sequences in a database or schema (all when neither is given). */
  sequences?(database?: string, schema?: string): Promise<SequenceEntry[]>;
  /** Streams in a database or schema (all when neither is given). */
  streams?(database?: string, schema?: string): Promise<StreamEntry[]>;
  /** A stored table's row count and size estimate (SHOW TABLES / OBJECTS `rows`, `bytes`). */
  tableStats?(database: string, schema: string, table: string): Promise<{ rows: number; bytes: number }>;
  /** Dropped databases, schemas and tables (retention not yet applied: the catalog's clock decides). */
  dropped?(): Promise<DroppedObjects>;
}

/** A directory with no data objects, for a catalog used on its own. */
export const emptyDirectory: DataObjectDirectory = {
  databases: async () => [],
  schemas: async () => [],
  relations: async () => [],
  columns: async () => [],
};
