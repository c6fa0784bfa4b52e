/** CREATE TABLE (columns, CTAS, LIKE, CLONE), TRUNCATE, and the TABLE statements' dispatch. */
import { withHistory } from "../time-travel/history.js";
import { stripStatement } from "../classify.js";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { displayName, duckRelation, duckSchemaName, encodeName, quoteDuck } from "../identifiers.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { alterTable } from "./alter-table.js";
import { constraintsOf } from "../constraints.js";
import { refuseCollatedKeys, schemaDefaultCollation } from "../default-collation.js";
import { parseSnowflakeType } from "../types-map.js";
import {
  dependentTableError,
  duckConstraintClauses,
  hybridKeyError,
  referencingTables,
} from "../hybrid-keys.js";
import { type IndexDefinition, type TableKind, withoutIndexes } from "../table-kinds.js";
import { type ColumnDefinition, columnDefinitions, duckDefault, recordedDefault } from "./columns.js";
import { type InlineMask, setInlineMasks, withoutInlineMasks } from "./inline-masks.js";
import {
  authorise,
  type ColumnRow,
  insertColumnRows,
  insertObjectRow,
  notifyCreated,
  notifyReplaced,
  runDdl,
} from "./ddl.js";
import { readForCopy } from "./query.js";
import { consumeStreams, type StreamRead } from "../streams/offsets.js";
import {
  attachPolicy,
  derivedColumns,
  display,
  dropRelation,
  dropRelationStatement,
  readTableOptions,
  resolveParts,
  target,
} from "./relations.js";
import { undropTable } from "./undrop.js";

async function createTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const directory = ctx.engine.directory;
  c.expect("CREATE");
  const orReplace = c.accept("OR", "REPLACE");
  c.accept("LOCAL") || c.accept("GLOBAL");
  let tableKind: TableKind = "PERMANENT";
  if (c.accept("TRANSIENT")) tableKind = "TRANSIENT";
  else if (c.accept("TEMPORARY") || c.accept("TEMP") || c.accept("VOLATILE")) tableKind = "TEMPORARY";
  else if (c.accept("HYBRID")) tableKind = "HYBRID";
  else if (c.accept("INTERACTIVE")) tableKind = "INTERACTIVE";
  c.expect("TABLE");
  const ifNotExists = c.accept("IF", "NOT", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  let defs: ColumnDefinition[] | null = null;
  let writtenDefs: string | null = null;
  let inlineMasks: InlineMask[] = [];
  let indexes: IndexDefinition[] = [];
  if (c.peek()?.kind === "punct" && c.text() === "(") {
    const written = withoutInlineMasks(c.group());
    inlineMasks = written.masks;
    // INDEX items belong to hybrid tables; for any other table they stay and fail to parse.
    const columnsOnly =
      tableKind === "HYBRID" ? withoutIndexes(written.defs) : { defs: written.defs, indexes };
    indexes = columnsOnly.indexes;
    writtenDefs = columnsOnly.defs;
  }
  const options = readTableOptions(c);
  // The table's own DEFAULT_DDL_COLLATION, else its schema's or database's, for text columns without COLLATE.
  const defaultCollation =
    options.defaultDdlCollation ?? (await schemaDefaultCollation(ctx.connection, name.database, name.schema));
  // A CTAS column list only renames the query's columns (their types come from the query), so it
  // takes no default; a hybrid table's list declares its columns.
  const declares = options.query === null || tableKind === "HYBRID";
  if (writtenDefs !== null)
    defs = columnDefinitions(writtenDefs, name.name, declares ? defaultCollation : null);
  if (tableKind === "HYBRID" && defs !== null) refuseCollatedKeyColumns(ctx, name, defs, indexes);
  const existing = directory.relation(name);
  if (existing && ifNotExists) return statusResult(`${name.name} already exists, statement succeeded.`);
  if (existing && (!orReplace || existing.kind !== "TABLE"))
    throw sfErrors.alreadyExists(displayName(name.name));
  if (existing && referencingTables(directory, name).length) throw dependentTableError();
  // A hybrid table's keys are declared with its columns and enforced from the start.
  const keyClauses =
    tableKind === "HYBRID" ? hybridKeyClauses(ctx, name, defs !== null, options.like ?? options.clone) : [];
  // CREATE on the new object's type and name: the catalog checks CREATE TABLE on its schema.
  await authorise(ctx, "TABLE", name, "CREATE");
  // OR REPLACE drops the table it replaces: OWNERSHIP of it.
  if (existing) await authorise(ctx, "TABLE", name, "DROP");
  const rel = duckRelation(name.database, name.schema, name.name);
  let sourceSql: string | null = null;
  let sourceTypes: (column: string) => string | undefined = () => undefined;
  let copyFrom: QualifiedName | null = null;
  let cloneSql = "";
  let fillSql: string | null = null;
  // CTAS is a DML transaction for streams: the streams its query reads are consumed.
  let streamReads: StreamRead[] = [];
  if (options.query !== null && tableKind === "HYBRID") {
    // CREATE HYBRID TABLE … AS SELECT: the declared table, then the query's rows into it.
    const read = await readForCopy(ctx, options.query);
    fillSql = read.duckSql;
    streamReads = read.streamReads;
  } else if (options.query !== null) {
    const { translation, duckSql, streamReads: reads } = await readForCopy(ctx, options.query);
    streamReads = reads;
    sourceSql = duckSql;
    sourceTypes = directory.columnTypeLookup(translation.relations.map((r) => r.name));
  } else if (options.like || options.clone) {
    copyFrom = target(ctx, (options.like ?? options.clone) as string[]);
    if (!directory.relation(copyFrom)) throw sfErrors.objectDoesNotExist(display(copyFrom));
    // The source is read like any SELECT: a clone holds only the rows the session may select.
    const point = options.clone && options.clonePoint ? ` ${options.clonePoint}` : "";
    cloneSql = (await readForCopy(ctx, `SELECT * FROM ${display(copyFrom)}${point}`)).duckSql;
  } else if (defs === null) {
    c.fail();
  }
  await runDdl(ctx, async (conn) => {
    if (existing) await dropRelation(ctx, conn, name);
    let columns: ColumnRow[];
    if (sourceSql !== null) {
      await conn.run(`CREATE TABLE ${rel} AS ${sourceSql}`);
      columns = await derivedColumns(conn, name, new Map(), sourceTypes);
      if (defs !== null) {
        // CREATE TABLE t (a, b) AS SELECT …: the list renames the query's columns.
        for (let i = 0; i < defs.length && i < columns.length; i++) {
          const from = columns[i] as ColumnRow;
          const to = defs[i] as ColumnDefinition;
          if (from.name !== to.name) {
            await conn.run(
              `ALTER TABLE ${rel} RENAME COLUMN ${quoteDuck(encodeName(from.name))} TO ${quoteDuck(encodeName(to.name))}`,
            );
          }
          // A declared type is the column's type: the query's values are converted to it, as Snowflake does.
          if (to.dataType !== "VARCHAR(16777216)" && to.dataType !== from.dataType) {
            await conn.run(
              `ALTER TABLE ${rel} ALTER COLUMN ${quoteDuck(encodeName(to.name))} SET DATA TYPE ${to.duckType}`,
            );
          }
          columns[i] = {
            ...from,
            name: to.name,
            dataType: to.dataType === "VARCHAR(16777216)" ? from.dataType : to.dataType,
          };
        }
      }
    } else if (copyFrom !== null) {
      await conn.run(`CREATE TABLE ${rel} AS ${cloneSql}${options.like ? " LIMIT 0" : ""}`);
      columns = directory.columnsOf(copyFrom).map((col) => ({ ...col }));
      if (columns.length === 0) columns = await derivedColumns(conn, name);
    } else {
      const parts: string[] = [];
      for (const d of defs as ColumnDefinition[]) {
        let def = `${quoteDuck(encodeName(d.name))} ${d.duckType}`;
        if (d.autoIncrement) {
          const sequence = `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(`${name.name}$${d.name}$SEQ`))}`;
          await conn.run(
            `CREATE SEQUENCE IF NOT EXISTS ${sequence} START ${d.autoIncrement.start} INCREMENT ${d.autoIncrement.increment}`,
          );
          def += ` DEFAULT nextval('${sequence.replaceAll("'", "''")}')`;
        } else if (d.defaultValue !== null && d.rowDefault === undefined) {
          def += ` DEFAULT (${duckDefault(ctx, d.defaultValue)})`;
        }
        if (!d.nullable) def += " NOT NULL";
        parts.push(def);
      }
      await conn.run(`CREATE TABLE ${rel} (${[...parts, ...keyClauses].join(", ")})`);
      if (fillSql !== null)
        await conn.run(`INSERT INTO ${rel} ${fillSql}`).catch((error: unknown) => {
          throw hybridKeyError({ text: stripStatement(ctx.original), tableKind }, name, error) ?? error;
        });
      columns = (defs as ColumnDefinition[]).map((d) => ({
        name: d.name,
        dataType: d.dataType,
        nullable: d.nullable,
        defaultValue: d.autoIncrement
          ? `AUTOINCREMENT START ${d.autoIncrement.start} INCREMENT ${d.autoIncrement.increment}${d.autoIncrement.order ? " ORDER" : ""}`
          : d.rowDefault === undefined
            ? recordedDefault(ctx, d.defaultValue)
            : d.defaultValue,
        comment: d.comment,
      }));
    }
    await insertObjectRow(conn, {
      name,
      kind: "TABLE",
      duckName: encodeName(name.name),
      tableKind,
      text: stripStatement(ctx.original),
      comment: options.comment,
      clusterBy: options.clusterBy,
      owner: ctx.session.stateValue.role,
      properties: {
        ...(tableKind === "TEMPORARY" ? { sessionId: ctx.session.id } : {}),
        ...(options.retentionTime !== null ? { retentionTime: options.retentionTime } : {}),
        ...(options.changeTracking ? { changeTracking: true } : {}),
        ...(options.stageFileFormat ? { stageFileFormat: options.stageFileFormat } : {}),
        ...(options.stageCopyOptions ? { stageCopyOptions: options.stageCopyOptions } : {}),
        ...(indexes.length ? { indexes } : {}),
        ...(options.defaultDdlCollation !== null ? { defaultDdlCollation: options.defaultDdlCollation } : {}),
        ...tableColumnProperties(defs ?? []),
      },
    });
    await insertColumnRows(conn, name, columns);
  });
  await consumeStreams(ctx, streamReads);
  if (existing) await notifyReplaced(ctx, "TABLE", name, { copyGrants: options.copyGrants });
  else await notifyCreated(ctx, "TABLE", name);
  if (options.rowAccessPolicy) await attachPolicy(ctx, "TABLE", name, options.rowAccessPolicy);
  await setInlineMasks(ctx, "TABLE", name, inlineMasks);
  return statusResult(`Table ${name.name} successfully created.`);
}

/**
 * What a table's properties keep of its column definitions beyond the columns table: row-reading
 * defaults (row-defaults.ts) and which binary columns were declared BINARY (SHOW COLUMNS' fixed).
 */
function tableColumnProperties(defs: ColumnDefinition[]): Record<string, unknown> {
  const rowDefaults = Object.fromEntries(defs.flatMap((d) => (d.rowDefault ? [[d.name, d.rowDefault]] : [])));
  const fixedBinary = defs.filter((d) => d.fixedBinary).map((d) => d.name);
  return {
    ...(Object.keys(rowDefaults).length ? { rowDefaults } : {}),
    ...(fixedBinary.length ? { fixedBinary } : {}),
  };
}

/** 391464 when a hybrid table's primary key or INDEX column is collated (written or by default). */
function refuseCollatedKeyColumns(
  ctx: StatementContext,
  name: QualifiedName,
  defs: ColumnDefinition[],
  indexes: IndexDefinition[],
): void {
  const primaryKey = constraintsOf(stripStatement(ctx.original), name).filter(
    (k) => k.kind === "PRIMARY KEY",
  );
  const keyColumns = [...primaryKey, ...indexes].flatMap((k) => k.columns);
  refuseCollatedKeys(
    defs.map((d) => ({ name: d.name, collation: parseSnowflakeType(d.dataType)?.collation })),
    keyColumns,
  );
}

/**
 * DuckDB's key clauses for a new hybrid table (table-kinds.ts), from the constraints its statement
 * declares. LIKE / CLONE would copy a table without its keys, so the local engine refuses them.
 */
function hybridKeyClauses(
  ctx: StatementContext,
  name: QualifiedName,
  hasColumns: boolean,
  copied: string[] | null,
): string[] {
  if (copied !== null) throw sfErrors.unsupported("CREATE HYBRID TABLE … LIKE / CLONE in the local engine");
  if (!hasColumns)
    throw sfErrors.compilation(
      "A hybrid table's columns and PRIMARY KEY must be declared before AS <query>.",
    );
  const directory = ctx.engine.directory;
  const constraints = constraintsOf(stripStatement(ctx.original), name);
  return duckConstraintClauses(name, constraints, (target) => {
    const table = directory.relation(target);
    if (table?.kind !== "TABLE") return undefined;
    const key = constraintsOf(table.text, target).find((k) => k.kind === "PRIMARY KEY");
    return { tableKind: table.tableKind, primaryKey: key?.columns ?? [] };
  });
}

async function truncate(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("TRUNCATE");
  c.accept("TABLE");
  const ifExists = c.accept("IF", "EXISTS");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const existing = ctx.engine.directory.relation(name);
  if (existing?.kind !== "TABLE") {
    if (ifExists) return statusResult(STATEMENT_OK);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nTable '${display(name)}' does not exist or not authorized.`,
    );
  }
  await authorise(ctx, "TABLE", name, "TRUNCATE");
  // The CREATE HYBRID TABLE page: a table a foreign key references cannot be truncated.
  if (existing.tableKind === "HYBRID" && referencingTables(ctx.engine.directory, name).length)
    throw sfErrors.compilation(
      `Table '${display(name)}' cannot be truncated while another hybrid table's foreign key references it.`,
    );
  // Time Travel keeps the rows TRUNCATE removes, as a DELETE of every row (time-travel/history.ts).
  const clear = `DELETE FROM ${duckRelation(name.database, name.schema, name.name)}`;
  await withHistory(ctx, "DELETE", name, clear, (prefix) => ctx.connection.run(`${prefix}${clear}`));
  return statusResult(STATEMENT_OK);
}

export async function handleTable(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  switch (ctx.words[0]) {
    case "CREATE":
      return createTable(ctx, c);
    case "DROP":
      c.expect("DROP", "TABLE");
      return dropRelationStatement(ctx, c, "TABLE");
    case "ALTER":
      return alterTable(ctx, c);
    case "TRUNCATE":
      return truncate(ctx, c);
    case "UNDROP":
      return undropTable(ctx, c);
    default:
      throw sfErrors.unsupported(`${ctx.words.slice(0, 2).join(" ")} (time travel is not emulated)`);
  }
}
