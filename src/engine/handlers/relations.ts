/** What tables and views share: name resolution, DuckDB's view of columns, options, DROP. */
import { clusteringKey } from "../clustering-key.js";
import { dependentTableError, referencingTables } from "../hybrid-keys.js";
import type { DuckDBConnection } from "@duckdb/node-api";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { displayName, displayQualified, duckRelation, duckSchemaName, encodeName } from "../identifiers.js";
import { checkedDefaultCollation } from "../default-collation.js";
import { qualify } from "../resolve.js";
import { type HandlerOutput, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { declaredTypeText, fromDuckType, parseSnowflakeType, type SnowflakeType } from "../types-map.js";
import { authorise, type ColumnRow, deleteObjectRows, duckString, notifyDropped, runDdl } from "./ddl.js";
import { keepDroppedTable } from "./undrop.js";

/** Resolves a written name against the session, checking the schema exists. */
export function target(ctx: StatementContext, parts: string[]): QualifiedName {
  if (parts.length > 3) throw sfErrors.invalidIdentifier(parts.join("."));
  const name = parts[parts.length - 1] as string;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as string) : null;
  const database = parts.length === 3 ? (parts[0] as string) : null;
  const qn = qualify({ database, schema, name }, ctx.session.stateValue);
  const directory = ctx.engine.directory;
  if (!directory.database(qn.database)) throw sfErrors.databaseDoesNotExist(displayName(qn.database));
  if (!directory.schema(qn.database, qn.schema))
    throw sfErrors.schemaDoesNotExist(displayQualified(qn.database, qn.schema));
  return qn;
}

export const display = (n: QualifiedName): string => displayQualified(n.database, n.schema, n.name);

/** DuckDB's column names and types of a relation, in order. */
async function duckColumns(
  connection: DuckDBConnection,
  name: QualifiedName,
): Promise<{ name: string; type: SnowflakeType | null; duckType: string; nullable: boolean }[]> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ${duckString(duckSchemaName(name.database, name.schema))} AND table_name = ${duckString(encodeName(name.name))} ORDER BY column_index`,
  );
  return reader.getRows().map((r) => {
    const duckType = String(r[1]);
    const mapped = fromDuckType(duckType, duckType === "JSON" ? "JSON" : undefined);
    return {
      name: String(r[0]),
      duckType,
      type: parseSnowflakeType(mapped.sqlType),
      nullable: r[2] === true,
    };
  });
}

/** Metadata rows for a relation's columns as DuckDB has them (CTAS, views). */
export async function derivedColumns(
  connection: DuckDBConnection,
  name: QualifiedName,
  comments: Map<string, string> = new Map(),
  declared: (column: string, position: number) => string | undefined = () => undefined,
): Promise<ColumnRow[]> {
  const { decodeName } = await import("../identifiers.js");
  return (await duckColumns(connection, name)).map((c, position) => {
    const sfName = decodeName(c.name);
    return {
      name: sfName,
      dataType: preferDeclared(c.type, declared(sfName, position)),
      nullable: c.nullable,
      defaultValue: null,
      comment: comments.get(sfName) ?? null,
    };
  });
}

/**
 * The declared type of a source column with the same name (VARCHAR(10) rather than DuckDB's
 * VARCHAR, OBJECT rather than JSON), when it is of the same family as what DuckDB reports.
 */
function preferDeclared(derived: SnowflakeType | null, declaredText: string | undefined): string {
  const fallback = derived?.sqlType ?? "VARCHAR(16777216)";
  const declared = declaredText === undefined ? null : parseSnowflakeType(declaredText);
  if (declared === null || derived === null) return fallback;
  const same =
    declared.type === derived.type ||
    (derived.type === "variant" && (declared.type === "object" || declared.type === "array")) ||
    (derived.type === "timestamp_ltz" && declared.type === "timestamp_tz");
  if (!same) return fallback;
  if (declared.type === "fixed" && declared.scale !== derived.scale) return fallback;
  // A column read as it is keeps its collation (a view's or CTAS table's column inherits it).
  return declaredTypeText(declared);
}

/** Drops whatever relation holds `name` in DuckDB and its metadata rows. */
export async function dropRelation(
  ctx: StatementContext,
  connection: DuckDBConnection,
  name: QualifiedName,
): Promise<void> {
  const existing = ctx.engine.directory.relation(name);
  if (!existing) return;
  const rel = duckRelation(name.database, name.schema, name.name);
  await connection.run(
    existing.kind === "TABLE" ? `DROP TABLE IF EXISTS ${rel}` : `DROP VIEW IF EXISTS ${rel}`,
  );
  await deleteObjectRows(connection, name, existing.kind);
}

export interface TableOptions {
  clusterBy: string | null;
  comment: string | null;
  like: string[] | null;
  clone: string[] | null;
  /** CLONE's `AT(…)` / `BEFORE(…)` clause, or null for the current rows. */
  clonePoint: string | null;
  query: string | null;
  rowAccessPolicy: string | null;
  /** COPY GRANTS: a replaced object's privileges pass to the new one. */
  copyGrants: boolean;
  /** DATA_RETENTION_TIME_IN_DAYS = n, when given (SHOW TABLES and SHOW PARAMETERS show it). */
  retentionTime: number | null;
  /** CHANGE_TRACKING = TRUE. */
  changeTracking: boolean;
  /** STAGE_FILE_FORMAT = (…) and STAGE_COPY_OPTIONS = (…) of the table's stage, key → value. */
  stageFileFormat: Record<string, string> | null;
  stageCopyOptions: Record<string, string> | null;
  /** DEFAULT_DDL_COLLATION = '…' of the table, validated ('' is no collation); null when not given. */
  defaultDdlCollation: string | null;
}

/**
 * `(TYPE = CSV FIELD_DELIMITER = '|' NULL_IF = ('a', 'b'))` as key → value: keys upper case, string
 * values unquoted, words upper case, lists as `[a, b]` (how DESCRIBE … TYPE = STAGE prints them).
 */
function optionGroup(inner: string): Record<string, string> {
  const c = new Cursor(inner);
  const out: Record<string, string> = {};
  while (!c.done) {
    const key = c.namePart().name.toUpperCase();
    c.acceptPunct("=");
    const t = c.peek();
    if (t?.kind === "punct" && c.text(t) === "(") {
      const list = new Cursor(c.group());
      const items: string[] = [];
      while (!list.done) {
        items.push(list.peek()?.kind === "string" ? list.string() : list.take());
        list.acceptPunct(",");
      }
      out[key] = `[${items.join(", ")}]`;
    } else out[key] = t?.kind === "string" ? c.string() : c.take().toUpperCase();
    c.acceptPunct(",");
  }
  return out;
}

/** Reads the clauses after a table's name and column list, up to `AS <query>`. */
export function readTableOptions(c: Cursor): TableOptions {
  const options: TableOptions = {
    clusterBy: null,
    comment: null,
    like: null,
    clone: null,
    clonePoint: null,
    query: null,
    rowAccessPolicy: null,
    copyGrants: false,
    retentionTime: null,
    changeTracking: false,
    stageFileFormat: null,
    stageCopyOptions: null,
    defaultDdlCollation: null,
  };
  while (!c.done) {
    if (c.accept("CLUSTER", "BY")) {
      options.clusterBy = clusteringKey(c.group());
      continue;
    }
    if (c.accept("LIKE")) {
      options.like = c.qualifiedName().map((p) => p.name);
      continue;
    }
    if (c.accept("CLONE")) {
      options.clone = c.qualifiedName().map((p) => p.name);
      // The point the clone copies (Time Travel): read as `SELECT * FROM source AT(…)`.
      for (const keyword of ["AT", "BEFORE"])
        if (c.accept(keyword)) options.clonePoint = `${keyword}(${c.group()})`;
      continue;
    }
    if (c.accept("COPY", "GRANTS")) {
      options.copyGrants = true;
      continue;
    }
    if (c.accept("WITH", "ROW", "ACCESS", "POLICY") || c.accept("ROW", "ACCESS", "POLICY")) {
      const from = c.pos;
      c.qualifiedName();
      c.expect("ON");
      c.group();
      options.rowAccessPolicy = c.sliceFrom(from);
      continue;
    }
    if (c.accept("WITH", "TAG") || c.accept("TAG")) {
      c.group();
      continue;
    }
    if (c.accept("AS")) {
      options.query = c.rest();
      continue;
    }
    if (c.accept("WITH")) continue;
    const key = c.namePart().name.toUpperCase();
    if (!c.acceptPunct("=")) c.fail();
    const t = c.peek();
    if (t?.kind === "punct" && c.text(t) === "(") {
      const inner = c.group();
      if (key === "STAGE_FILE_FORMAT") options.stageFileFormat = optionGroup(inner);
      if (key === "STAGE_COPY_OPTIONS") options.stageCopyOptions = optionGroup(inner);
    } else {
      const value = t?.kind === "string" ? c.string() : c.take();
      if (key === "COMMENT") options.comment = value;
      if (key === "CHANGE_TRACKING") options.changeTracking = /^true$/i.test(value);
      if (key === "DEFAULT_DDL_COLLATION") options.defaultDdlCollation = checkedDefaultCollation(value);
      if (key === "DATA_RETENTION_TIME_IN_DAYS" && /^\d+$/.test(value)) options.retentionTime = Number(value);
    }
    c.acceptPunct(",");
  }
  return options;
}

/** Hands `ADD ROW ACCESS POLICY p ON (…)` to the catalog, which owns policies. */
export async function attachPolicy(
  ctx: StatementContext,
  kind: "TABLE" | "VIEW",
  name: QualifiedName,
  clause: string,
): Promise<void> {
  await ctx.engine.catalog.tryExecute(
    ctx.session.hookContext(),
    `ALTER ${kind} ${display(name)} ADD ROW ACCESS POLICY ${clause}`,
  );
}

export async function dropRelationStatement(
  ctx: StatementContext,
  c: Cursor,
  kind: "TABLE" | "VIEW" | "MATERIALIZED VIEW",
): Promise<HandlerOutput> {
  const ifExists = c.accept("IF", "EXISTS");
  const name = qualify(
    (() => {
      const parts = c.qualifiedName().map((p) => p.name);
      return {
        name: parts[parts.length - 1] as string,
        schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
        database: parts.length === 3 ? (parts[0] as string) : null,
      };
    })(),
    ctx.session.stateValue,
  );
  const cascade = c.accept("CASCADE");
  if (!cascade) c.accept("RESTRICT");
  if (!c.done) c.fail();
  const existing = ctx.engine.directory.relation(name);
  const kindWord = kind === "TABLE" ? "Table" : kind === "VIEW" ? "View" : "Materialized view";
  if (!existing) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${name.name} already dropped).`);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\n${kindWord} '${display(name)}' does not exist or not authorized.`,
    );
  }
  if (existing.kind !== kind) {
    throw new SnowflakeError(
      "002203",
      "02000",
      `SQL compilation error: Object found is of type '${existing.kind.replace(" ", "_")}', not specified type '${kind.replace(" ", "_")}'.`,
    );
  }
  await authorise(ctx, kind === "TABLE" ? "TABLE" : "VIEW", name, "DROP");
  // A hybrid table is dropped outright (DuckDB keeps its keys tied to the tables they reference, so
  // it cannot wait as a renamed tombstone), and not while another table's foreign key references it.
  const hybrid = existing.kind === "TABLE" && existing.tableKind === "HYBRID";
  if (hybrid && referencingTables(ctx.engine.directory, name).length) {
    // CASCADE would drop the referencing foreign keys, which DuckDB cannot take off a table.
    if (cascade)
      throw sfErrors.unsupported("DROP TABLE … CASCADE of a referenced hybrid table in the local engine");
    throw dependentTableError();
  }
  await runDdl(ctx, (conn) =>
    kind === "TABLE" && !hybrid ? keepDroppedTable(conn, name) : dropRelation(ctx, conn, name),
  );
  await notifyDropped(ctx, kind === "TABLE" ? "TABLE" : "VIEW", name);
  return statusResult(`${name.name} successfully dropped.`);
}

export function resolveParts(ctx: StatementContext, parts: string[]): QualifiedName {
  return qualify(
    {
      name: parts[parts.length - 1] as string,
      schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
      database: parts.length === 3 ? (parts[0] as string) : null,
    },
    ctx.session.stateValue,
  );
}
