/**
 * Seams where other parts of the engine plug into the core pipeline. src/engine/catalog/ (account
 * objects, privileges, policies, metering) and src/engine/functions/ (Snowflake functions as DuckDB
 * macros and text fix-ups) fill them in. See README.md "Seams".
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataObjectDirectory } from "./catalog/directory.js";
import type { InstallStamps } from "./install-stamp.js";
import type { CellValue, ResultColumn, StatementKind } from "./types.js";

/** A fully qualified Snowflake object name (stored names: unquoted parts already upper-cased). */
export interface QualifiedName {
  database: string;
  schema: string;
  name: string;
}

/** What a statement does to one object; the authorise step passes a list of these to the catalog. */
export interface ObjectAccess {
  /** TABLE for any relation read or written (views included); DATABASE / SCHEMA for those. */
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
    | "STREAM";
  /** Qualified name; for SCHEMA `name` is the schema and `schema` repeats it; for DATABASE all three are the database. */
  object: QualifiedName;
  /**
   * REFERENCE needs what READ needs but reads no rows now (a view's sources when it is created), so
   * it runs on no warehouse.
   */
  action:
    | "READ"
    | "REFERENCE"
    | "INSERT"
    | "UPDATE"
    | "DELETE"
    | "TRUNCATE"
    | "CREATE"
    | "DROP"
    | "ALTER"
    | "USAGE"
    | "RESTORE";
  /**
   * RESTORE (UNDROP) brings back a dropped object: it needs what CREATE needs in the container, and
   * `owner`, the role that owned the dropped object, among the session's roles (Snowflake requires
   * OWNERSHIP of the dropped object). The catalog holds no grants of a dropped object to check.
   */
  owner?: string;
}

/** The session a hook runs for, with the core's helpers. */
export interface HookContext {
  sessionId: string;
  user: string;
  role: string;
  secondaryRoles?: "ALL" | "NONE";
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  /** Session parameters set with ALTER SESSION. */
  parameters?: Readonly<Record<string, string>>;
  /** The running statement as the client sent it, `;` included (CURRENT_STATEMENT()). */
  statementText?: string;
  /** The session's DuckDB connection (same transaction as the statement). */
  connection: DuckDBConnection;
  /** The core's metadata, read-only. */
  directory: DataObjectDirectory;
  /** Runs Snowflake SQL in this session through the full pipeline (EXECUTE TASK, CALL). */
  execute(sql: string): Promise<unknown>;
  /** Resolves a written name (`t`, `s.t`, `db.s.t`, quoted parts allowed) against the session. */
  resolveName(written: string): QualifiedName;
  /** DuckDB SQL reference for a Snowflake relation, e.g. `"DB.PUBLIC"."T"`. */
  duckRelation(name: QualifiedName): string;
}

/** A statement the catalog handled, as the core turns it into a StatementResult. */
export interface HookResult {
  kind: StatementKind;
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Session changes the statement made (USE ROLE, USE WAREHOUSE, USE SECONDARY ROLES). */
  session?: { role?: string; warehouse?: string | null; secondaryRoles?: "ALL" | "NONE" };
}

/** One executed statement, for query history and metering. */
export interface QueryRecord {
  queryId: string;
  sessionId: string;
  user: string;
  role: string;
  warehouse: string | null;
  database: string | null;
  schema: string | null;
  sql: string;
  kind: StatementKind;
  queryTag: string | null;
  startedAt: number;
  durationMs: number;
  rowCount: number;
  ok: boolean;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * The account catalog's side of the seam. Every hook that decides who may see or do what is
 * required, so an engine cannot be put together with a security hook left out: a missing
 * `authorise`, `rowAccessFilter`, `rewriteQuery` (views over protected relations), ownership
 * notification or `startSession` would otherwise allow everything. Only lifecycle hooks
 * (`install`, `close`) are optional. `allowAllCatalog` (allow-all.ts) is the explicit opt-out
 * for benchmarks of the bare pipeline.
 */
export interface CatalogHooks {
  /**
   * Once per engine, after the core's metadata exists (create tables, load state). `stamps` says
   * what the file already holds (install-stamp.ts), so unchanged tables are not created again.
   */
  install?(
    connection: DuckDBConnection,
    directory: DataObjectDirectory,
    stamps?: InstallStamps,
  ): Promise<void>;
  /** Account statements (classify routes them here). Return null when not handled. */
  tryExecute(ctx: HookContext, sql: string): Promise<HookResult | null>;
  /** Throws a Snowflake-coded error when the session's roles may not do all of `accesses`. */
  authorise(ctx: HookContext, accesses: readonly ObjectAccess[]): Promise<void>;
  /**
   * The creating role owns the new object (objects without an owner are open to every role). An
   * object brought back by UNDROP passes `restoredOwner`, the role that owned it when it was dropped:
   * it owns it again, and FUTURE grants do not apply.
   */
  onObjectCreated(
    ctx: HookContext,
    objectType: string,
    name: QualifiedName,
    restoredOwner?: string,
  ): Promise<void>;
  onObjectDropped(ctx: HookContext, objectType: string, name: QualifiedName): Promise<void>;
  /**
   * CREATE OR REPLACE replaced an object of the same kind. With `copyGrants` (COPY GRANTS) the
   * replaced object's privileges, except OWNERSHIP, pass to the new one.
   */
  onObjectReplaced(
    ctx: HookContext,
    objectType: string,
    name: QualifiedName,
    options: { copyGrants: boolean },
  ): Promise<void>;
  onObjectRenamed(
    ctx: HookContext,
    objectType: string,
    from: QualifiedName,
    to: QualifiedName,
  ): Promise<void>;
  /**
   * A Snowflake SQL boolean predicate over the relation's columns (unqualified) that rows must meet
   * for this session, or null when the relation has no row access policy.
   */
  rowAccessFilter(ctx: HookContext, relation: QualifiedName): Promise<string | null>;
  /**
   * The relation's masked columns for this session: column name → a Snowflake SQL expression over
   * the relation's columns (unqualified, or qualified with the relation's name) that replaces the
   * column wherever the statement reads it. Null when no column of the relation is masked.
   */
  columnMasks(ctx: HookContext, relation: QualifiedName): Promise<ReadonlyMap<string, string> | null>;
  /**
   * The relation with a row access or masking policy attached that reading `relation` reaches: the
   * relation itself, or one a view of that name reads (transitively); null when none. The core
   * refuses SQL UDFs whose bodies lead to one (udf-policies.ts): a macro body is never rewritten.
   */
  protectedRead(ctx: HookContext, relation: QualifiedName): Promise<QualifiedName | null>;
  /**
   * Before a query is translated: substitutes session functions the catalog answers
   * (CURRENT_ROLE(), IS_ROLE_IN_SESSION(), GET_DDL(), RESULT_SCAN(LAST_QUERY_ID()), …) and expands
   * views that lead to policy-protected relations.
   */
  rewriteQuery(ctx: HookContext, sql: string): Promise<string>;
  /**
   * The clock the caller drives (tests), or null for the system clock. When driven, CURRENT_TIMESTAMP(),
   * CURRENT_DATE() and their kin follow it as metering does (clock.ts).
   */
  drivenClock?(): (() => number) | null;
  /**
   * When a session opens: the role and warehouse it starts with. Checks that the user exists and
   * holds the requested role; without one, the user's DEFAULT_ROLE (PUBLIC when not granted).
   */
  startSession(
    user: string,
    requested: { role?: string; warehouse?: string },
  ): Promise<{ role: string; warehouse: string | null }>;
  /** Before the engine closes its file: write anything buffered. */
  close?(): Promise<void>;
  /** After every statement, successful or not (query history, metering, resource monitors). */
  recordQuery(ctx: HookContext, record: QueryRecord): Promise<void>;
}

/** The functions module's side of the seam. */
export interface FunctionHooks {
  /**
   * Once per engine: DuckDB macros for Snowflake functions. `definitionsStored`: the database file
   * already holds the definitions of this `stamp()`; set up only what does not persist.
   */
  install?(connection: DuckDBConnection, options?: { definitionsStored?: boolean }): Promise<void>;
  /** A digest of what `install` stores in the database file (same digest, same definitions). */
  stamp?(): string;
  /** Snowflake SQL text fix-ups before transpiling (e.g. TO_CHAR formats). */
  beforeTranspile?(snowflakeSql: string, context?: { timestampTypeMapping?: string }): string;
  /** DuckDB SQL text fix-ups after transpiling. */
  afterTranspile?(duckSql: string): string;
}
