/**
 * Queries and DML: translate (cached), check the relations exist, authorise, apply row access
 * filters, execute on DuckDB, shape the result (DML: Snowflake's count columns).
 */

import { hybridKeyError } from "../hybrid-keys.js";
import { qualify } from "../resolve.js";
import { type TargetDefaults, withMergeRowDefaults, withRowDefaults } from "../row-defaults.js";
import { followDrivenClock } from "../clock.js";
import type { Directory } from "../directory.js";
import { type SnowflakeError, sfErrors } from "../errors.js";
import { findFunctionCalls } from "../functions/check.js";
import { lookupFunction } from "../functions/inventory/index.js";
import type { ObjectAccess, QualifiedName } from "../hooks.js";
import { displayQualified } from "../identifiers.js";
import { checkInsertValues } from "../insert-values.js";
import { storeHelperTable } from "../match-recognize/helper-table.js";
import { expandMatchRecognize } from "../match-recognize/index.js";
import { expandPivots } from "../pivot.js";
import { countsResult, type HandlerOutput } from "../result.js";
import {
  applyScanTypes,
  isScanRelation,
  pointScans,
  type ScanTables,
  substituteResultScans,
} from "../result-scan.js";
import { applyResultHints, readsColumnsAsTheyAre, resultHints } from "../result-types.js";
import { materializedCursor, readAll } from "../row-cursor.js";
import type { StatementContext } from "../session.js";
import { shapeColumns } from "../shape.js";
import {
  type MandatoryRewrite,
  type Translation,
  TranslationCache,
  translateStatement,
} from "../translate.js";
import { translationKey } from "../translation-store.js";
import { loadTranspiler } from "../transpiler.js";
import type { ResultColumn, StatementKind } from "../types.js";
import { parseSnowflakeType } from "../types-map.js";
import { sessionUdfScope, udfLookup, udfObject } from "../udf-lookup.js";
import { refuseUdfsOverProtected } from "../udf-policies.js";
import { updateJoinCounts } from "../update-from.js";
import { bindViewScans } from "../view-result-scans.js";
import { runTablePartition } from "../javascript/udf-function.js";
import { javascriptTableFunctionParts } from "../javascript/udf-macro.js";
import { storeWrittenRows } from "../javascript/udtf-helper-table.js";
import {
  expandJavascriptTableFunctions,
  type JavascriptTableFunctionInfo,
} from "../javascript/udtf-partitions.js";
import { splitOverwrite } from "./insert-overwrite.js";
import { javascriptTableFunctionOf } from "./schema-objects.js";
import { noteTableWrite } from "./locks.js";
import { applyRowAccessFilters } from "./row-access.js";
import { extractTravelClauses } from "../time-travel/clauses.js";
import { resetHistory, withHistory } from "../time-travel/history.js";
import { applyTravel } from "../time-travel/read.js";
import { answerStreamHasData, streamRowsQuery } from "../streams/has-data.js";
import { findStream, missingStream } from "../streams/definition.js";
import { consumeStreams, type StreamRead } from "../streams/offsets.js";
import { expandStreamReferences } from "../streams/references.js";

/** The JavaScript table function a call's name names in the session's scope, else undefined. */
function javascriptTableFunction(
  ctx: StatementContext,
  parts: string[],
): JavascriptTableFunctionInfo | undefined {
  const udf = udfObject(ctx.engine.directory, parts, sessionUdfScope(ctx.session.stateValue));
  if (udf === undefined || udf.properties.javascriptMacro !== true) return undefined;
  const stored = javascriptTableFunctionOf(udf.properties);
  if (stored === null) return undefined;
  const fn = javascriptTableFunctionParts(udf.name, stored.args, stored.body, stored.columns);
  return fn === null ? undefined : { ...fn, args: stored.args, columns: stored.columns };
}

/** The statement kind from the AST's root node. */
export function queryKind(translation: Translation): StatementKind {
  const root = Object.keys(translation.ast)[0];
  switch (root) {
    case "insert":
      return "INSERT";
    case "update":
      return "UPDATE";
    case "delete":
      return "DELETE";
    case "merge":
      return "MERGE";
    default:
      return "SELECT";
  }
}

/** The scope a statement's names resolve in: the session's database, schema and identifier rules. */
function sessionScope(ctx: StatementContext) {
  const state = ctx.session.stateValue;
  return {
    database: state.database,
    schema: state.schema,
    quotedIgnoreCase: /^true$/i.test(state.parameters.QUOTED_IDENTIFIERS_IGNORE_CASE ?? ""),
    ...(state.parameters.TIMESTAMP_TYPE_MAPPING === undefined
      ? {}
      : { timestampTypeMapping: state.parameters.TIMESTAMP_TYPE_MAPPING }),
    ...(state.parameters.DEFAULT_NULL_ORDERING === undefined
      ? {}
      : { defaultNullOrdering: state.parameters.DEFAULT_NULL_ORDERING }),
  };
}

/** One translation of `sql` in the session's scope, uncached, with an optional mandatory AST rewrite. */
export function translateFresh(
  ctx: StatementContext,
  sql: string,
  mandatory?: MandatoryRewrite,
): Translation {
  const directory = ctx.engine.directory;
  return translateStatement(
    sql,
    sessionScope(ctx),
    ctx.engine.functions,
    (relations) => directory.columnTypeLookup(relations),
    (relation) => directory.columnsOf(relation).map((c) => c.name),
    udfLookup(directory, ctx.session.stateValue),
    mandatory,
    (relation) => directory.relation(relation)?.kind === "TABLE",
  );
}

/** DuckDB SQL reading the catalog's clock when a caller drives it (clock.ts); else unchanged. */
function onEngineClock(ctx: StatementContext, duckSql: string): string {
  return ctx.engine.catalog.drivenClock?.() ? followDrivenClock(duckSql) : duckSql;
}

/** Translation through the engine's cache. */
export function translateCached(ctx: StatementContext, sql = ctx.sql): Translation {
  const key = TranslationCache.key(sql, sessionScope(ctx), ctx.engine.directory.version);
  let translation = ctx.engine.cache.get(key);
  if (translation === undefined) {
    translation = translateFresh(ctx, sql);
    ctx.engine.cache.set(key, translation);
  }
  const duckSql = onEngineClock(ctx, translation.duckSql);
  return duckSql === translation.duckSql ? translation : { ...translation, duckSql };
}

/**
 * A query's translation: the engine's memory cache, else (file engines that keep translations,
 * translation-store.ts) the stored one, so that a statement an earlier process translated does not
 * load the transpiler; else translated now and stored, unless its text carries a secret value.
 */
async function translateQuery(ctx: StatementContext): Promise<Translation> {
  const memoryKey = TranslationCache.key(ctx.sql, sessionScope(ctx), ctx.engine.directory.version);
  if (ctx.engine.cache.get(memoryKey) === undefined) {
    const store = ctx.engine.translations;
    const key = store && translationKey(ctx.sql, sessionScope(ctx), ctx.engine.directory);
    let translation = key === undefined ? undefined : store?.get(key);
    if (translation === undefined) {
      await loadTranspiler();
      translation = translateFresh(ctx, ctx.sql);
      if (key !== undefined && !ctx.session.carriesSecret(ctx.sql)) store?.set(key, translation);
    }
    ctx.engine.cache.set(memoryKey, translation);
  }
  return translateCached(ctx);
}

/**
 * Snowflake's error for a relation that is not there: its database or schema when those are
 * missing (02000), else the object (42S02).
 */
export function missingRelation(directory: Directory, name: QualifiedName): SnowflakeError {
  if (!directory.database(name.database)) return sfErrors.databaseDoesNotExist(name.database);
  if (!directory.schema(name.database, name.schema))
    return sfErrors.schemaDoesNotExist(displayQualified(name.database, name.schema));
  return sfErrors.objectDoesNotExist(displayQualified(name.database, name.schema, name.name));
}

const ACTION: Record<StatementKind, ObjectAccess["action"]> = {
  INSERT: "INSERT",
  UPDATE: "UPDATE",
  DELETE: "DELETE",
  MERGE: "UPDATE",
  SELECT: "READ",
} as Record<StatementKind, ObjectAccess["action"]>;

/**
 * Replaces result column types by the declared Snowflake types of the columns they come from, when
 * the name matches a column of exactly one referenced relation and the storage type agrees.
 */
function applyDeclaredTypes(ctx: StatementContext, translation: Translation, columns: ResultColumn[]): void {
  if (translation.relations.length === 0) return;
  const declared = new Map<string, string | null>();
  const notNull = new Map<string, boolean>();
  for (const r of translation.relations) {
    for (const col of ctx.engine.directory.columnsOf(r.name)) {
      declared.set(
        col.name,
        declared.has(col.name) && declared.get(col.name) !== col.dataType ? null : col.dataType,
      );
      notNull.set(col.name, (notNull.get(col.name) ?? true) && !col.nullable);
    }
  }
  // NOT NULL carries over only where every item reads a column as it is, with no outer join.
  const plainColumns = readsColumnsAsTheyAre(translation.ast);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ResultColumn;
    const written = declared.get(column.name);
    if (!written) continue;
    const type = parseSnowflakeType(written);
    if (type === null) continue;
    const sameFamily =
      type.type === column.type ||
      (column.type === "variant" && (type.type === "object" || type.type === "array")) ||
      (column.type === "timestamp_ltz" && type.type === "timestamp_tz");
    if (!sameFamily) continue;
    if (type.type === "fixed" && type.scale !== column.scale) continue;
    columns[i] = {
      ...column,
      type: type.type,
      sqlType: type.sqlType,
      precision: type.precision,
      scale: type.scale,
      length: type.length,
      nullable: column.nullable && !(plainColumns && notNull.get(column.name) === true),
    };
  }
}

/**
 * Replaces result column types by the types the type system inferred for the select items
 * (`CAST(x AS NUMBER(5,2))` is NUMBER(5,2), not DuckDB's DECIMAL(38,2)), where the family and, for
 * numbers, the scale agree with what DuckDB returned (the cells are in DuckDB's scale).
 */
function applyInferredTypes(translation: Translation, columns: ResultColumn[]): void {
  const inferred = translation.resultTypes;
  if (!inferred || inferred.length !== columns.length) return;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ResultColumn;
    const type = inferred[i]?.type;
    if (!type || inferred[i]?.isNull || type.type !== column.type) continue;
    if (type.type === "fixed" && type.scale !== column.scale) continue;
    columns[i] = {
      ...column,
      sqlType: type.sqlType,
      precision: type.precision,
      scale: type.scale,
      length: type.length,
    };
  }
}

/** A write's DuckDB key violation on a hybrid table as Snowflake reports it (hybrid-keys.ts), else the error. */
function keyViolation(ctx: StatementContext, target: QualifiedName | undefined, error: unknown): unknown {
  if (target === undefined) return error;
  const directory = ctx.engine.directory;
  return hybridKeyError(directory.relation(target), target, error, directory) ?? error;
}

/** Runs DuckDB SQL. */
async function run(ctx: StatementContext, duckSql: string) {
  return ctx.connection.runAndReadAll(duckSql);
}

/** INSERT OVERWRITE: the target emptied and filled in one transaction (the session's, if open). */
async function runOverwrite(ctx: StatementContext, statements: { clear: string; insert: string }) {
  const own = !ctx.session.inTransaction;
  if (own) await ctx.connection.run("BEGIN TRANSACTION");
  try {
    await ctx.connection.run(statements.clear);
    const reader = await run(ctx, statements.insert);
    if (own) await ctx.connection.run("COMMIT");
    return reader;
  } catch (error) {
    if (own) await ctx.connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Every relation the statement names exists (Snowflake's 002003 otherwise). */
function checkRelationsExist(ctx: StatementContext, translation: Translation): void {
  for (const r of translation.relations) {
    if (!ctx.engine.directory.relation(r.name)) throw missingRelation(ctx.engine.directory, r.name);
  }
}

/**
 * Asks the catalog whether the session may do what the statement does to its relations: READ all
 * of them, except a DML statement's target (the first relation), which it writes.
 */
export async function authoriseRelations(
  ctx: StatementContext,
  translation: Translation,
  kind: StatementKind,
  read: "READ" | "REFERENCE" = "READ",
): Promise<void> {
  if (translation.relations.length === 0) return;
  const directory = ctx.engine.directory;
  const accesses: ObjectAccess[] = translation.relations.map((r, i) => ({
    objectType: directory.relation(r.name)?.kind === "TABLE" ? "TABLE" : "VIEW",
    object: r.name,
    action: i === 0 && kind !== "SELECT" ? ACTION[kind] : read,
  }));
  await ctx.engine.catalog.authorise(ctx.session.hookContext(), accesses);
  const target = translation.relations[0];
  // A DML statement's target is locked until its explicit transaction ends (SHOW LOCKS).
  if (target && ACTION[kind] !== undefined && kind !== "SELECT") noteTableWrite(ctx.session, target.name);
}

/**
 * USAGE on each UDF the statement calls by itself, as Snowflake requires of the caller. Calls inside
 * a view or another UDF's body run with their owner's rights and are not the caller's to hold.
 */
async function authoriseUdfCalls(ctx: StatementContext, sql: string): Promise<void> {
  if (!/\(/.test(sql)) return;
  const scope = sessionUdfScope(ctx.session.stateValue);
  const accesses: ObjectAccess[] = [];
  for (const call of findFunctionCalls(sql)) {
    // A one-part name of Snowflake's own function is that function, not a UDF (functions/check.ts).
    if (
      call.parts.length > 3 ||
      (call.parts.length === 1 && lookupFunction(call.parts[0] as string).length > 0)
    )
      continue;
    const udf = udfObject(ctx.engine.directory, call.parts, scope);
    if (udf)
      accesses.push({
        objectType: "FUNCTION",
        object: { database: udf.database, schema: udf.schema, name: udf.name },
        action: "READ",
      });
  }
  if (accesses.length > 0) await ctx.engine.catalog.authorise(ctx.session.hookContext(), accesses);
}

/**
 * A query whose rows another statement copies (CREATE TABLE … AS SELECT, CLONE): the steps of a
 * SELECT (catalog rewrite, translation, READ on every relation, row access filters), so that a copy
 * never holds a row the session could not select.
 */
export async function readForCopy(
  ctx: StatementContext,
  sql: string,
): Promise<{ translation: Translation; duckSql: string; streamReads: StreamRead[] }> {
  const { translation, duckSql, streamReads } = await prepareQuery({ ...ctx, sql });
  return { translation, duckSql, streamReads };
}

/** A data statement ready to run: its translation, kind and the DuckDB SQL (filters applied). */
export interface PreparedQuery {
  translation: Translation;
  kind: StatementKind;
  duckSql: string;
  /** Results of the session the statement scans (RESULT_SCAN). */
  scans: ScanTables;
  /** The streams the statement reads by name: a DML statement consumes them (streams/offsets.ts). */
  streamReads: StreamRead[];
}

/**
 * Every step before execution: the catalog's rewrite, translation, existence checks, authorisation
 * and row access filters.
 */
/** What row-defaults.ts needs of a written INSERT / MERGE target (undefined: no row-reading default). */
function targetDefaults(ctx: StatementContext, parts: string[]): TargetDefaults | undefined {
  const name = qualify(
    {
      name: parts[parts.length - 1] as string,
      schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
      database: parts.length === 3 ? (parts[0] as string) : null,
    },
    ctx.session.stateValue,
  );
  const rowDefaults = ctx.engine.directory.relation(name)?.properties.rowDefaults;
  if (!rowDefaults || typeof rowDefaults !== "object") return undefined;
  // An identity column's next value is DuckDB's to draw: it is not repeated as an expression.
  const defaults = Object.fromEntries(
    ctx.engine.directory
      .columnsOf(name)
      .filter((col) => !col.defaultValue?.startsWith("AUTOINCREMENT "))
      .map((col) => [col.name, col.defaultValue]),
  );
  return { rowDefaults: rowDefaults as Record<string, string>, defaults };
}

export async function prepareQuery(ctx: StatementContext): Promise<PreparedQuery> {
  const written = ctx.sql;
  const internalQuery = (sql: string) =>
    handleQuery({ ...ctx, sql, original: sql, words: ["SELECT"], deferRows: false, internal: true });
  const resolve = (name: string) => ctx.session.resolveWritten(name);
  // SYSTEM$STREAM_HAS_DATA reads the stream with a query of its own, authorised like any read of it.
  ctx.sql = await answerStreamHasData(ctx.sql, resolve, async (stream) => {
    // The name must be a stream's: a table of that name is not read in its place.
    if (ctx.engine.directory.relation(stream) || !findStream(ctx.engine.directory, stream))
      throw missingStream(stream);
    return Number((await internalQuery(streamRowsQuery(stream))).rows[0]?.[0]) > 0;
  });
  // Time Travel and CHANGES: the table is read as usual (authorised, filtered), its past swapped in last.
  const travel = extractTravelClauses(ctx.sql);
  // A stream read by name is a CHANGES read of its table from the stream's offset.
  const streams = expandStreamReferences(travel.sql, travel.clauses.length, ctx.engine.directory, resolve);
  const travelClauses = [...travel.clauses, ...streams.clauses];
  ctx.sql = streams.sql;
  // Dynamic PIVOT reads its values with a query of its own, run (and authorised) like any other.
  ctx.sql = await expandPivots(ctx.sql, async (sql) => {
    const out = await internalQuery(sql);
    const type = out.columns[0]?.type;
    return { values: out.rows.map((row) => row[0] ?? null), numeric: type === "fixed" || type === "real" };
  });
  // MATCH_RECOGNIZE and JavaScript table functions read their input with queries of their own too,
  // which see the helper tables stored so far.
  const matchTables: ScanTables = ctx.matchTables ?? new Map();
  const readWithHelpers = async (sql: string) => {
    const out = await handleQuery({
      ...ctx,
      sql,
      original: sql,
      words: ["SELECT"],
      deferRows: false,
      internal: true,
      matchTables,
    });
    return { columns: out.columns, rows: out.rows };
  };
  // MATCH_RECOGNIZE matches in TypeScript.
  ctx.sql = await expandMatchRecognize(ctx.sql, {
    read: readWithHelpers,
    store: (columns, rows) => storeHelperTable(ctx.connection, matchTables, columns, rows),
  });
  // JavaScript table functions run by partitions.
  ctx.sql = await expandJavascriptTableFunctions(ctx.sql, {
    tableFunction: (parts) => javascriptTableFunction(ctx, parts),
    read: readWithHelpers,
    run: (fn, rows, consts) => runTablePartition(fn.definition, ctx.engine.javascriptLimits, rows, consts),
    store: (fn, rows) => storeWrittenRows(ctx.connection, matchTables, fn, rows),
  });
  // Scans of the session's own SELECT results first; SHOW results are the catalog's.
  const { sql: scanned, scans } = await substituteResultScans(ctx.sql, ctx.session.recent, ctx.connection);
  ctx.sql = await ctx.engine.catalog.rewriteQuery(
    { ...ctx.session.hookContext(), statementText: ctx.original },
    scanned,
  );
  for (const [name, table] of matchTables) scans.set(name, table);
  // Defaults that read the inserted row's other columns (row-defaults.ts).
  if (ctx.words[0] === "INSERT") ctx.sql = withRowDefaults(ctx.sql, (parts) => targetDefaults(ctx, parts));
  if (ctx.words[0] === "MERGE")
    ctx.sql = withMergeRowDefaults(ctx.sql, (parts) => targetDefaults(ctx, parts));
  const translated = await translateQuery(ctx);
  // Views over RESULT_SCAN read the result their argument names now, in this session.
  for (const r of translated.relations) {
    const viewScans = ctx.engine.directory.relation(r.name)?.properties.resultScans;
    if (Array.isArray(viewScans))
      await bindViewScans(viewScans as string[], ctx.session.recent, ctx.connection);
  }
  const kind = queryKind(translated);
  const translation =
    scans.size === 0
      ? translated
      : { ...translated, relations: translated.relations.filter((r) => !isScanRelation(r.name.database)) };
  checkRelationsExist(ctx, translation);
  const target = translation.relations[0];
  if (kind === "INSERT" && target)
    checkInsertValues(ctx.original, () => ctx.engine.directory.columnsOf(target.name).map((c) => c.name));
  await authoriseRelations(ctx, translation, kind);
  // Reading a stream needs SELECT on the stream as well as on its table (read above).
  const streamAccesses: ObjectAccess[] = streams.clauses.map((c) => ({
    objectType: "STREAM",
    object: c.stream as QualifiedName,
    action: "READ",
  }));
  if (streamAccesses.length > 0)
    await ctx.engine.catalog.authorise(ctx.session.hookContext(), streamAccesses);
  await authoriseUdfCalls(ctx, written);
  await refuseUdfsOverProtected(
    ctx,
    ctx.sql,
    translation.relations.map((r) => r.name),
  );
  let duckSql = onEngineClock(
    ctx,
    // The unfiltered translation: policies are matched to relations by their position among all
    // of them (a scanned table included), and the scanned tables themselves have none.
    await applyRowAccessFilters(ctx, translated, (rewrite) => translateFresh(ctx, ctx.sql, rewrite)),
  );
  const streamReads: StreamRead[] = [];
  if (travelClauses.length > 0)
    duckSql = await applyTravel(ctx, travelClauses, duckSql, internalQuery, streamReads);
  return {
    translation,
    kind,
    duckSql: scans.size === 0 ? duckSql : pointScans(duckSql, scans),
    scans,
    streamReads,
  };
}

export async function handleQuery(ctx: StatementContext): Promise<HandlerOutput> {
  const { translation, kind, duckSql, scans, streamReads } = await prepareQuery(ctx);
  if (kind === "MERGE") {
    const check = translation.mergeDuplicateCheck;
    const parameter = ctx.session.stateValue.parameters.ERROR_ON_NONDETERMINISTIC_MERGE;
    if (check && !/^false$/i.test(parameter ?? "") && (await run(ctx, check)).getRows().length > 0)
      throw sfErrors.nondeterministicMerge();
    const reader = await withHistory(ctx, kind, translation.relations[0]?.name, duckSql, (prefix) =>
      run(ctx, `${prefix}${duckSql} RETURNING merge_action`),
    ).catch((error: unknown) => {
      throw keyViolation(ctx, translation.relations[0]?.name, error);
    });
    await consumeStreams(ctx, streamReads);
    const counts = { INSERT: 0, UPDATE: 0, DELETE: 0 };
    for (const row of reader.getRows()) {
      const action = String(row[0]) as keyof typeof counts;
      if (action in counts) counts[action]++;
    }
    const upper = ctx.sql.toUpperCase();
    const out: [string, number][] = [];
    if (/\bTHEN\s+INSERT\b/.test(upper)) out.push(["number of rows inserted", counts.INSERT]);
    if (/\bTHEN\s+UPDATE\b/.test(upper)) out.push(["number of rows updated", counts.UPDATE]);
    if (/\bTHEN\s+DELETE\b/.test(upper)) out.push(["number of rows deleted", counts.DELETE]);
    return countsResult("MERGE", out);
  }
  if (kind === "SELECT") {
    // DuckDB's materialized result: kept for RESULT_SCAN, read through a cursor (deferRows: by the
    // caller, a batch at a time; otherwise here, whole).
    const result = await ctx.connection.run(duckSql);
    const columns = shapeColumns(result);
    // Hints read the rewritten AST, where the type system has already wrapped some expressions in
    // casts (a division in CAST(… AS NUMBER(38, s))): the inferred types are the finer ones and win.
    if (!ctx.internal) applyResultHints(columns, resultHints(translation.ast));
    applyInferredTypes(translation, columns);
    applyDeclaredTypes(ctx, translation, columns);
    applyScanTypes(columns, scans);
    if (!ctx.internal) ctx.session.keepResult(result, columns);
    const cursor = materializedCursor(result, columns);
    if (ctx.deferRows) return { kind: "SELECT", columns, rows: [], rowCount: result.rowCount, cursor };
    return { kind: "SELECT", columns, rows: await readAll(cursor) };
  }
  // UPDATE … FROM: target rows counted once, multi-joined ones reported (update-from.ts).
  const joinCounts = kind === "UPDATE" ? updateJoinCounts(duckSql) : null;
  let joined: { rows: number; multi: number } | null = null;
  if (joinCounts) {
    const [rowsUpdated, multi] = (await run(ctx, joinCounts)).getRows()[0] ?? [0, 0];
    joined = { rows: Number(rowsUpdated), multi: Number(multi) };
    const parameter = ctx.session.stateValue.parameters.ERROR_ON_NONDETERMINISTIC_UPDATE;
    if (joined.multi > 0 && /^true$/i.test(parameter ?? "")) throw sfErrors.nondeterministicMerge();
  }
  const overwrite = kind === "INSERT" ? splitOverwrite(duckSql) : null;
  // OVERWRITE deletes the target's rows: Snowflake requires DELETE on it as well as INSERT.
  const target = translation.relations[0];
  if (overwrite && target)
    await ctx.engine.catalog.authorise(ctx.session.hookContext(), [
      { objectType: "TABLE", object: target.name, action: "DELETE" },
    ]);
  // OVERWRITE's deleted rows are not captured: it starts the table's history afresh (history.ts).
  if (overwrite && target) await resetHistory(ctx, target.name);
  const reader = await (overwrite
    ? runOverwrite(ctx, overwrite)
    : withHistory(ctx, kind, target?.name, duckSql, (prefix) => run(ctx, `${prefix}${duckSql}`))
  ).catch((error: unknown) => {
    throw keyViolation(ctx, target?.name, error);
  });
  await consumeStreams(ctx, streamReads);
  switch (kind) {
    case "INSERT":
      return countsResult("INSERT", [["number of rows inserted", reader.rowsChanged]]);
    case "UPDATE":
      return countsResult("UPDATE", [
        ["number of rows updated", joined?.rows ?? reader.rowsChanged],
        ["number of multi-joined rows updated", joined?.multi ?? 0],
      ]);
    case "DELETE":
      return countsResult("DELETE", [["number of rows deleted", reader.rowsChanged]]);
    default:
      throw new Error(`unexpected statement kind ${kind}`);
  }
}
