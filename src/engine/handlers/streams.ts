/**
 * CREATE [OR REPLACE | OR ALTER] STREAM, ALTER STREAM and DROP STREAM (docs/decisions/022-streams.md).
 * A stream on a table is a row in `objects` holding its table and offset (streams/definition.ts);
 * creating one turns on the table's change tracking, as Snowflake does. Streams on views, external
 * tables, stages, dynamic and event tables are refused with what to do instead.
 */
import { stripStatement } from "../classify.js";
import { Cursor } from "../cursor.js";
import { sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { displayName, displayQualified } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import {
  findStream,
  missingStream,
  type StreamDefinition,
  streamProperties,
  streamTable,
} from "../streams/definition.js";
import type { TravelPoint } from "../time-travel/clauses.js";
import { type InternalQuery, latestSeq, pointSeqOf, pointStream } from "../time-travel/read.js";
import {
  authorise,
  deleteObjectRows,
  duckString,
  insertObjectRow,
  notifyCreated,
  notifyDropped,
  notifyReplaced,
  runDdl,
} from "./ddl.js";
import { handleQuery } from "./query.js";
import { target } from "./relations.js";

/** Source kinds Snowflake streams can have that the engine does not emulate, and what to do instead. */
const UNEMULATED_SOURCES: [string[], string, string][] = [
  [["VIEW"], "ON VIEW", "create the stream ON TABLE on each of the view's tables"],
  [["SECURE", "VIEW"], "ON VIEW", "create the stream ON TABLE on each of the view's tables"],
  [["EXTERNAL", "TABLE"], "ON EXTERNAL TABLE", "load the files into a table and create the stream on it"],
  [["STAGE"], "ON STAGE (directory table)", "list the stage's files with a query instead"],
  [["DYNAMIC", "TABLE"], "ON DYNAMIC TABLE", "create the stream on a table the pipeline fills"],
  [["EVENT", "TABLE"], "ON EVENT TABLE", "create the stream on a table the events are written to"],
];

function notEmulated(what: string, instead: string) {
  return sfErrors.unsupported(
    `CREATE STREAM … ${what}: streams ${what} are not emulated by the local engine; ${instead}`,
  );
}

/** What CREATE STREAM wrote after the name. */
interface StreamOptions {
  table: string[] | null;
  clone: string[] | null;
  point: TravelPoint | null;
  appendOnly: boolean;
  showInitialRows: boolean;
  comment: string | null;
  copyGrants: boolean;
}

function booleanValue(c: Cursor): boolean {
  c.acceptPunct("=");
  const value = c.take().toUpperCase();
  if (value !== "TRUE" && value !== "FALSE") c.fail();
  return value === "TRUE";
}

function refuseTags(c: Cursor): void {
  if (c.peek()?.upper === "TAG" || (c.peek()?.upper === "WITH" && c.peek(1)?.upper === "TAG"))
    throw sfErrors.unsupported("TAG on a stream: the local engine does not record tags on streams");
}

function readOptions(c: Cursor): StreamOptions {
  const options: StreamOptions = {
    table: null,
    clone: null,
    point: null,
    appendOnly: false,
    showInitialRows: false,
    comment: null,
    copyGrants: false,
  };
  while (!c.done) {
    refuseTags(c);
    if (c.accept("COPY", "GRANTS")) options.copyGrants = true;
    else if (c.accept("CLONE")) options.clone = c.qualifiedName().map((p) => p.name);
    else if (c.accept("ON")) {
      for (const [words, what, instead] of UNEMULATED_SOURCES)
        if (c.accept(...words)) throw notEmulated(what, instead);
      c.expect("TABLE");
      options.table = c.qualifiedName().map((p) => p.name);
    } else if (c.peek()?.upper === "AT" || c.peek()?.upper === "BEFORE") {
      const keyword = c.take().toUpperCase() as "AT" | "BEFORE";
      const inner = /^\s*(TIMESTAMP|OFFSET|STATEMENT|STREAM)\s*=>\s*([\s\S]+?)\s*$/i.exec(c.group());
      if (!inner) c.fail();
      options.point = {
        keyword,
        kind: (inner[1] as string).toUpperCase() as TravelPoint["kind"],
        expression: inner[2] as string,
      };
    } else if (c.accept("APPEND_ONLY")) options.appendOnly = booleanValue(c);
    else if (c.accept("SHOW_INITIAL_ROWS")) options.showInitialRows = booleanValue(c);
    else if (c.accept("INSERT_ONLY")) {
      if (booleanValue(c))
        throw notEmulated(
          "with INSERT_ONLY",
          "INSERT_ONLY streams are for external tables; use APPEND_ONLY on a table",
        );
    } else if (c.accept("COMMENT")) {
      c.acceptPunct("=");
      options.comment = c.string();
    } else c.fail();
  }
  return options;
}

/** Sets a stream's comment (null: none). */
async function setComment(ctx: StatementContext, name: QualifiedName, comment: string | null): Promise<void> {
  await runDdl(ctx, (conn) =>
    conn.run(
      `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString(comment)} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = 'STREAM'`,
    ),
  );
}

/** A query the engine runs for itself (a point's value). */
function internalQuery(ctx: StatementContext): InternalQuery {
  return (sql) =>
    handleQuery({ ...ctx, sql, original: sql, words: ["SELECT"], deferRows: false, internal: true });
}

/** Where a new stream starts: now, a Time Travel point, or another stream's offset. */
async function startingPoint(
  ctx: StatementContext,
  table: QualifiedName,
  point: TravelPoint | null,
): Promise<{ offset: number; initialRows: boolean } | null> {
  if (point === null) return { offset: Number(await latestSeq(ctx)), initialRows: false };
  if (point.kind === "STREAM") {
    const other = await pointStream(ctx, point, internalQuery(ctx));
    const source = streamTable(ctx.engine.directory, other);
    if (source.database !== table.database || source.schema !== table.schema || source.name !== table.name)
      throw sfErrors.compilation(`Stream '${other.name.name}' is not on table '${table.name}'.`);
    return { offset: other.offset, initialRows: other.initialRows };
  }
  const seq = await pointSeqOf(
    ctx,
    displayQualified(table.database, table.schema, table.name),
    point,
    internalQuery(ctx),
  );
  return { offset: Number(seq), initialRows: false };
}

async function createStream(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const orReplace = c.accept("OR", "REPLACE");
  const orAlter = !orReplace && c.accept("OR", "ALTER");
  c.expect("STREAM");
  const ifNotExists = c.accept("IF", "NOT", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const options = readOptions(c);
  const directory = ctx.engine.directory;
  const existing = findStream(directory, name);
  if (existing && orAlter) {
    // CREATE OR ALTER changes only the comment (the page: source and mode cannot change).
    await authorise(ctx, "STREAM", name, "ALTER");
    await setComment(ctx, name, options.comment);
    return statusResult(`Stream ${name.name} successfully created.`);
  }
  if (existing && ifNotExists) return statusResult(`${name.name} already exists, statement succeeded.`);
  if (existing && !orReplace) throw sfErrors.alreadyExists(displayName(name.name));
  await authorise(ctx, "STREAM", name, "CREATE");
  if (existing) await authorise(ctx, "STREAM", name, "DROP");
  let definition: Omit<StreamDefinition, "name">;
  if (options.clone) {
    const source = findStream(directory, target(ctx, options.clone));
    if (!source) throw missingStream(target(ctx, options.clone));
    await authorise(ctx, "STREAM", source.name, "READ");
    definition = { ...source, consumedOn: Date.now() };
  } else {
    if (!options.table) c.fail();
    const table = target(ctx, options.table);
    const entry = directory.relation(table);
    if (!entry) throw sfErrors.objectDoesNotExist(displayQualified(table.database, table.schema, table.name));
    if (entry.kind !== "TABLE")
      throw notEmulated("ON VIEW", "create the stream ON TABLE on each of the view's tables");
    // SELECT on the table; turning its change tracking on is for its owner (Snowflake's rule).
    await ctx.engine.catalog.authorise(ctx.session.hookContext(), [
      { objectType: "TABLE", object: table, action: "REFERENCE" },
    ]);
    if (entry.properties.changeTracking !== true) await authorise(ctx, "TABLE", table, "ALTER");
    const start = await startingPoint(ctx, table, options.point);
    if (!start) c.fail();
    definition = {
      table,
      tableCreatedOn: entry.createdOn,
      appendOnly: options.appendOnly,
      showInitialRows: options.showInitialRows,
      offset: start.offset,
      initialRows: options.showInitialRows || start.initialRows,
      consumedOn: Date.now(),
    };
  }
  const table = definition.table;
  const tracked = directory.relation(table)?.properties.changeTracking === true;
  await runDdl(ctx, async (conn) => {
    if (existing) await deleteObjectRows(conn, name, "STREAM");
    if (!tracked)
      await conn.run(
        `UPDATE ${META_SCHEMA}.objects SET properties = json_merge_patch(coalesce(properties, '{}'::JSON), '{"changeTracking": true}'::JSON) WHERE database_name = ${duckString(table.database)} AND schema_name = ${duckString(table.schema)} AND name = ${duckString(table.name)} AND kind = 'TABLE'`,
      );
    await insertObjectRow(conn, {
      name,
      kind: "STREAM",
      duckName: null,
      text: stripStatement(ctx.original),
      comment: options.comment,
      owner: ctx.session.stateValue.role,
      properties: streamProperties(definition),
    });
  });
  if (existing) await notifyReplaced(ctx, "STREAM", name, { copyGrants: options.copyGrants });
  else await notifyCreated(ctx, "STREAM", name);
  return statusResult(`Stream ${name.name} successfully created.`);
}

/**
 * `STREAM [IF EXISTS] <name>` of ALTER and DROP: the name, and whether a stream has it; a missing
 * stream without IF EXISTS is Snowflake's does-not-exist error.
 */
function streamTarget(ctx: StatementContext, c: Cursor): { name: QualifiedName; found: boolean } {
  c.expect("STREAM");
  const ifExists = c.accept("IF", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const found = findStream(ctx.engine.directory, name) !== undefined;
  if (!found && !ifExists) throw missingStream(name);
  return { name, found };
}

async function alterStream(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const { name, found } = streamTarget(ctx, c);
  if (!found) return statusResult(STATEMENT_OK);
  await authorise(ctx, "STREAM", name, "ALTER");
  const set = c.accept("SET");
  if (!set) c.expect("UNSET");
  refuseTags(c);
  c.expect("COMMENT");
  if (set) {
    c.acceptPunct("=");
    await setComment(ctx, name, c.string());
  } else await setComment(ctx, name, null);
  if (!c.done) c.fail();
  return statusResult(STATEMENT_OK);
}

async function dropStream(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const { name, found } = streamTarget(ctx, c);
  if (!found) return statusResult(`Drop statement executed successfully (${name.name} already dropped).`);
  await authorise(ctx, "STREAM", name, "DROP");
  await runDdl(ctx, (conn) => deleteObjectRows(conn, name, "STREAM"));
  await notifyDropped(ctx, "STREAM", name);
  return statusResult(`${name.name} successfully dropped.`);
}

/** CREATE / ALTER / DROP STREAM. */
export async function handleStream(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  const verb = c.take().toUpperCase();
  if (verb === "CREATE") return createStream(ctx, c);
  if (verb === "ALTER") return alterStream(ctx, c);
  if (verb === "DROP") return dropStream(ctx, c);
  return c.fail();
}
