/**
 * A table's history for Time Travel and CHANGES (docs/decisions/016-time-travel.md): each INSERT,
 * UPDATE and DELETE on a table with a retention of a day or more adds one row to
 * `_mercurios.tt_statements` (seq, time, query id) and the images of the rows it changed to the
 * table's history table in `_mercurios_history`: `I` the rows an INSERT added, `D` a row as it was
 * before an UPDATE or DELETE, `U` a row as an UPDATE left it, each with the statement's seq and the
 * row's DuckDB rowid. Only changed rows are copied; read.ts rebuilds a past state from the current
 * rows and the images after it. A statement whose rows cannot be captured (MERGE, INSERT
 * OVERWRITE, TRUNCATE, a column change) discards the history before it (a RESET row): Time Travel
 * to before it gives 000707, never a wrong answer.
 */
import type { Directory } from "../directory.js";
import type { QualifiedName } from "../hooks.js";
import { duckRelation, duckSchemaName, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import type { StatementContext } from "../session.js";
import type { StatementKind } from "../types.js";
import { affectedRowids } from "./affected.js";

export const HISTORY_SCHEMA = "_mercurios_history";

/** The name a table's history goes by (its DuckDB schema and table). */
export function historyKey(name: QualifiedName): string {
  return `${duckSchemaName(name.database, name.schema)}.${encodeName(name.name)}`;
}

/** The DuckDB reference of a table's history table. */
export function historyTable(name: QualifiedName): string {
  return `${HISTORY_SCHEMA}.${quoteDuck(historyKey(name))}`;
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** DATA_RETENTION_TIME_IN_DAYS in effect for a table: its own, else its schema's, else its database's. */
export function retentionDays(directory: Directory, name: QualifiedName): number {
  const own = directory.relation(name)?.properties.retentionTime;
  if (typeof own === "number") return own;
  return (
    directory.schema(name.database, name.schema)?.retentionTime ??
    directory.database(name.database)?.retentionTime ??
    1
  );
}

/** How long a tracked table's history is kept at least (MAX_DATA_EXTENSION_TIME_IN_DAYS' default). */
export const STREAM_EXTENSION_DAYS = 14;

/** History tables this engine has checked (by table shape), and when it last purged each table. */
const known = new WeakMap<object, { tables: Set<string>; purged: Map<string, number> }>();

/** How often a table's expired history is looked for: an hour, so most statements skip it. */
const PURGE_EVERY_MS = 3_600_000;

function engineState(ctx: StatementContext) {
  let state = known.get(ctx.engine);
  if (!state) {
    state = { tables: new Set(), purged: new Map() };
    known.set(ctx.engine, state);
  }
  return state;
}

async function one(ctx: StatementContext, sql: string): Promise<unknown> {
  return (await ctx.connection.runAndReadAll(sql)).getRows()[0]?.[0];
}

/** Records a statement on the table; returns its seq. */
async function recordStatement(ctx: StatementContext, key: string, kind: "DML" | "RESET"): Promise<bigint> {
  const queryId = ctx.session.currentQueryId;
  const seq = await one(
    ctx,
    `INSERT INTO ${META_SCHEMA}.tt_statements SELECT nextval('${META_SCHEMA}.tt_seq'), ${sqlString(key)}, ` +
      `${queryId === undefined ? "NULL" : sqlString(queryId)}, '${kind}', merc_now() RETURNING seq`,
  );
  return BigInt(seq as bigint);
}

/** Forgets that a table's history was checked (it was dropped, or a transaction rolled back). */
function forgetShapes(ctx: StatementContext, key: string): void {
  const state = engineState(ctx);
  for (const shape of state.tables) if (shape.startsWith(`${key}|`)) state.tables.delete(shape);
}

/** Discards the history before now: reads of earlier points give 000707 (see the file comment). */
export async function resetHistory(ctx: StatementContext, name: QualifiedName): Promise<void> {
  const key = historyKey(name);
  // The statements stay, so that a point named by one of them is found (and is before the reset).
  await ctx.connection.run(dropHistoryStatement(name));
  forgetShapes(ctx, key);
  await recordStatement(ctx, key, "RESET");
}

/** Removes statements and row images older than the retention period (at most hourly per table). */
async function purgeExpired(ctx: StatementContext, name: QualifiedName, days: number): Promise<void> {
  const key = historyKey(name);
  const state = engineState(ctx);
  const now = ctx.engine.catalog.drivenClock?.()?.() ?? Date.now();
  if (now - (state.purged.get(key) ?? Number.NEGATIVE_INFINITY) < PURGE_EVERY_MS) return;
  state.purged.set(key, now);
  const old = `history = ${sqlString(key)} AND happened_at < merc_now() - INTERVAL ${days} DAY`;
  const last = await one(ctx, `SELECT max(seq) FROM ${META_SCHEMA}.tt_statements WHERE ${old}`);
  if (last === null || last === undefined) return;
  // Images up to the last expired statement go; a RESET row keeps the point history starts from.
  if (await historyExists(ctx, key))
    await ctx.connection.run(`DELETE FROM ${historyTable(name)} WHERE _tt_seq <= ${last}`);
  await ctx.connection.run(`DELETE FROM ${META_SCHEMA}.tt_statements WHERE ${old} AND seq < ${last}`);
  await ctx.connection.run(
    `UPDATE ${META_SCHEMA}.tt_statements SET kind = 'RESET' WHERE history = ${sqlString(key)} AND seq = ${last}`,
  );
}

async function historyExists(ctx: StatementContext, key: string): Promise<boolean> {
  const found = await one(
    ctx,
    `SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${HISTORY_SCHEMA}' AND table_name = ${sqlString(key)}`,
  );
  return Number(found) > 0;
}

/** The columns of a DuckDB table, as `name type` lines. */
async function duckColumns(ctx: StatementContext, schema: string, table: string): Promise<string[]> {
  const found = await ctx.connection.runAndReadAll(
    `SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE schema_name = ${sqlString(schema)} AND table_name = ${sqlString(table)} ORDER BY column_index`,
  );
  return found.getRows().map((r) => String(r[0]));
}

/**
 * The history table, created with the table's columns on first use. Checked once per process and
 * shape of the table: a history whose columns no longer match the table's (a column added, dropped or
 * retyped, a table replaced) is discarded with a RESET, since its images could not be compared.
 */
async function ensureHistory(ctx: StatementContext, name: QualifiedName): Promise<string> {
  const key = historyKey(name);
  const state = engineState(ctx);
  const table = historyTable(name);
  const entry = ctx.engine.directory.relation(name);
  const shape = `${key}|${entry?.createdOn}|${ctx.engine.directory
    .columnsOf(name)
    .map((c) => `${c.name} ${c.dataType}`)
    .join(",")}`;
  if (!state.tables.has(shape)) {
    const kept = await duckColumns(ctx, HISTORY_SCHEMA, key);
    if (kept.length > 0) {
      const current = await duckColumns(
        ctx,
        duckSchemaName(name.database, name.schema),
        encodeName(name.name),
      );
      if (kept.slice(3).join("\n") !== current.join("\n")) await resetHistory(ctx, name);
    }
    await createConcurrently(
      ctx,
      `CREATE TABLE IF NOT EXISTS ${table} AS SELECT 0::BIGINT AS _tt_seq, ''::VARCHAR AS _tt_op, ` +
        `0::BIGINT AS _tt_row, * FROM ${duckRelation(name.database, name.schema, name.name)} LIMIT 0`,
    );
    // Created inside a transaction, the table goes if it rolls back: checked again next time.
    if (!ctx.session.inTransaction && !ctx.heldTransaction) state.tables.add(shape);
  }
  return table;
}

const CREATE_CONFLICT = /write-write conflict on create/i;

/**
 * Runs a CREATE … IF NOT EXISTS that other sessions may be running at the same moment. DuckDB fails
 * all but one of them with a write-write conflict instead of waiting; outside a transaction the
 * winner's CREATE commits at once, so trying again finds the table and does nothing. Inside a
 * transaction a retry cannot see it, so the conflict is the statement's error.
 */
async function createConcurrently(ctx: StatementContext, sql: string): Promise<void> {
  const retryable = !ctx.session.inTransaction && !ctx.heldTransaction;
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.connection.run(sql);
      return;
    } catch (error) {
      if (!retryable || attempt >= 50 || !CREATE_CONFLICT.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
    }
  }
}

/**
 * DuckDB statements moving a table's history to its new name (ALTER TABLE RENAME / SWAP), and the
 * streams on it with it (a stream is an offset into that history; Snowflake: renaming a source
 * object does not break its streams).
 */
export function moveHistoryStatements(from: QualifiedName, to: QualifiedName): string[] {
  const onFrom = (["database", "schema", "name"] as const)
    .map((part) => `json_extract_string(properties, '$.table.${part}') = ${sqlString(from[part])}`)
    .join(" AND ");
  const target = JSON.stringify({ table: { database: to.database, schema: to.schema, name: to.name } });
  return [
    `ALTER TABLE IF EXISTS ${historyTable(from)} RENAME TO ${quoteDuck(historyKey(to))}`,
    `UPDATE ${META_SCHEMA}.tt_statements SET history = ${sqlString(historyKey(to))} WHERE history = ${sqlString(historyKey(from))}`,
    `UPDATE ${META_SCHEMA}.objects SET properties = json_merge_patch(properties, ${sqlString(target)}::JSON) WHERE kind = 'STREAM' AND ${onFrom}`,
  ];
}

/** The DuckDB statement dropping a table's row images (a new table of that name). */
export function dropHistoryStatement(name: QualifiedName): string {
  return `DROP TABLE IF EXISTS ${historyTable(name)}`;
}

/**
 * Runs a DML statement on `target`, keeping the images of the rows it changes when the table keeps
 * history. `run(prefix)` executes the statement itself, with `prefix` (DuckDB statements ending in
 * `;`, maybe empty) sent in the same call before it, and returns what the caller needs of it. The
 * capture is batched into as few DuckDB calls as it can: each costs about a statement's fixed price.
 */
export async function withHistory<T>(
  ctx: StatementContext,
  kind: StatementKind,
  target: QualifiedName | undefined,
  duckSql: string,
  run: (prefix: string) => Promise<T>,
): Promise<T> {
  const directory = ctx.engine.directory;
  if (!target || directory.relation(target)?.kind !== "TABLE") return run("");
  // A table with change tracking (a stream on it) keeps its history even without Time Travel, for
  // at least MAX_DATA_EXTENSION_TIME_IN_DAYS' default 14 days, as Snowflake extends it for streams.
  const tracked = directory.relation(target)?.properties.changeTracking === true;
  const days = tracked
    ? Math.max(retentionDays(directory, target), STREAM_EXTENSION_DAYS)
    : retentionDays(directory, target);
  if (days <= 0) return run("");
  const key = historyKey(target);
  const relation = duckRelation(target.database, target.schema, target.name);
  const queryId = ctx.session.currentQueryId;
  const statementRow =
    `INSERT INTO ${META_SCHEMA}.tt_statements SELECT nextval('${META_SCHEMA}.tt_seq'), ${sqlString(key)}, ` +
    `${queryId === undefined ? "NULL" : sqlString(queryId)}, 'DML', merc_now()`;
  const image = (op: string, where: string) =>
    `INSERT INTO ${historyTable(target)} SELECT currval('${META_SCHEMA}.tt_seq'), '${op}', rowid, * FROM ${relation} WHERE ${where}`;
  const own = !(ctx.session.inTransaction || ctx.heldTransaction);
  const rollback = async (error: unknown): Promise<never> => {
    if (own) await ctx.connection.run("ROLLBACK").catch(() => undefined);
    forgetShapes(ctx, key);
    throw error;
  };
  await purgeExpired(ctx, target, days);
  if (kind === "INSERT") {
    await ensureHistory(ctx, target);
    // Rows appended in a transaction carry provisional rowids until it commits: outside an explicit
    // transaction the images are taken once the INSERT has committed, so they carry the final ones.
    const result = await run(
      `SET VARIABLE merc_tt_before = (SELECT coalesce(max(rowid), -1) FROM ${relation}); `,
    );
    const capture = [statementRow, image("I", "rowid > getvariable('merc_tt_before')")];
    await ctx.connection
      .run((own ? ["BEGIN TRANSACTION", ...capture, "COMMIT"] : capture).join("; "))
      .catch(rollback);
    return result;
  }
  const rowids = kind === "UPDATE" || kind === "DELETE" ? affectedRowids(duckSql) : null;
  // The image table is made before the statement's own transaction, in a commit of its own: made
  // inside it, other sessions would be told it exists (the per-engine check) before it commits.
  if (rowids !== null) await ensureHistory(ctx, target);
  if (own) await ctx.connection.run("BEGIN TRANSACTION");
  try {
    if (rowids === null) await resetHistory(ctx, target);
    else await ctx.connection.run(`${statementRow}; ${image("D", `rowid IN (${rowids})`)}`);
    const result = await run("");
    const after = [
      ...(kind === "UPDATE" && rowids !== null
        ? [
            image(
              "U",
              `rowid IN (SELECT _tt_row FROM ${historyTable(target)} WHERE _tt_seq = currval('${META_SCHEMA}.tt_seq') AND _tt_op = 'D')`,
            ),
          ]
        : []),
      ...(own ? ["COMMIT"] : []),
    ];
    if (after.length > 0) await ctx.connection.run(after.join("; "));
    return result;
  } catch (error) {
    return rollback(error);
  }
}
