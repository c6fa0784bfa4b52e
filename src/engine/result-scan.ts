/**
 * `TABLE(RESULT_SCAN('<query id>' | LAST_QUERY_ID([n])))` over an earlier query of the session.
 * The session keeps its recent SELECT results as DuckDB's own materialized results (columnar, in
 * DuckDB's memory, bounded by count and rows); a scan copies one into a temporary DuckDB table, chunk
 * by chunk, and the statement reads that table. In the Snowflake text the scan becomes a reference to
 * a reserved name, which translation carries through and which is then pointed at the table; the
 * existence check and authorisation skip it (the session ran the query itself).
 * The small results of other statements (a CALL's return value, DML counts, a DDL status) are kept
 * as their rows and become a temporary table only when scanned.
 * SHOW / DESCRIBE results are the catalog's (catalog/session-functions.ts).
 */
import type { DuckDBConnection, DuckDBMaterializedResult } from "@duckdb/node-api";
import { duckRelation, encodeName, quoteDuck } from "./identifiers.js";
import type { CellValue, ResultColumn } from "./types.js";
import { type Token, tokenize } from "./split/index.js";

/** The database and schema of the reserved names; no Snowflake object can live there. */
const SCAN_DATABASE = "__MERCURIOS_RESULT_SCAN";
const SCAN_SCHEMA = "RESULTS";
/** Results kept per session, and rows kept in all of them together (the newest is always kept). */
const KEPT_RESULTS = 20;
const KEPT_ROWS = 2_000_000;

interface Kept {
  /** A SELECT's rows, in DuckDB's columnar result. */
  result?: DuckDBMaterializedResult;
  /** Another statement's few rows (only column types a scan table can hold: see scanColumnType). */
  rows?: CellValue[][];
  /** The result's Snowflake columns (declared types), which a scan reports again. */
  columns: ResultColumn[];
  /** The temporary table once a scan has needed it. */
  table?: string;
}

/** One session's recent query ids and statement results. */
export class RecentResults {
  private readonly ids: string[] = [];
  private readonly results = new Map<string, Kept>();
  private tables = 0;

  /** Every statement's id, in order (LAST_QUERY_ID). */
  recordId(queryId: string): void {
    this.ids.push(queryId);
    if (this.ids.length > 100) this.ids.shift();
  }

  /** A SELECT's result, kept for RESULT_SCAN within the bounds. */
  keep(
    queryId: string,
    result: DuckDBMaterializedResult,
    columns: ResultColumn[],
    connection: DuckDBConnection,
  ): void {
    this.store(queryId, { result, columns }, connection);
  }

  /**
   * A statement's own rows (CALL, DML counts, DDL status), kept when every column is of a type a
   * scan table holds; otherwise RESULT_SCAN of it says the statement was not found.
   */
  keepRows(
    queryId: string,
    columns: ResultColumn[],
    rows: CellValue[][],
    connection: DuckDBConnection,
  ): void {
    if (columns.length === 0 || !columns.every((c) => scanColumnType(c) !== null)) return;
    this.store(queryId, { rows, columns }, connection);
  }

  private store(queryId: string, entry: Kept, connection: DuckDBConnection): void {
    this.results.set(queryId, entry);
    let rows = 0;
    for (const kept of this.results.values()) rows += rowCountOf(kept);
    for (const [id, kept] of this.results) {
      if (this.results.size <= 1 || (this.results.size <= KEPT_RESULTS && rows <= KEPT_ROWS)) break;
      rows -= rowCountOf(kept);
      this.results.delete(id);
      if (kept.table) void connection.run(`DROP TABLE IF EXISTS temp.main.${quoteDuck(kept.table)}`);
    }
  }

  /** LAST_QUERY_ID(n): -1 the latest, 1 the first of the session. */
  lastQueryId(offset: number): string | null {
    const index = offset < 0 ? this.ids.length + offset : offset - 1;
    return this.ids[index] ?? null;
  }

  has(queryId: string): boolean {
    return this.results.has(queryId);
  }

  /** The temporary table holding a kept result (created on first use), and the result's columns. */
  async table(queryId: string, connection: DuckDBConnection): Promise<ScanTable> {
    const kept = this.results.get(queryId);
    if (!kept) throw new Error(`no kept result ${queryId}`);
    // A scan's columns are unique: a repeated name gets _1, _2, … (ID, ID_1), as Snowflake names them.
    const names = uniqueNames(kept.columns.map((c) => c.name));
    const scanned = kept.columns.map((c, i) => ({ ...c, name: names[i] as string }));
    if (kept.table) return { table: kept.table, columns: scanned };
    const table = `_mercurios_scan_${++this.tables}`;
    const result = kept.result;
    if (!result) {
      await createRowsTable(connection, table, scanned, kept.rows ?? []);
      kept.table = table;
      return { table, columns: scanned };
    }
    const columns = Array.from(
      { length: result.columnCount },
      (_, i) =>
        `${quoteDuck(names[i] === undefined ? result.columnName(i) : encodeName(names[i]))} ${result.columnType(i).toString()}`,
    );
    await connection.run(`CREATE TEMP TABLE ${quoteDuck(table)} (${columns.join(", ")})`);
    const appender = await connection.createAppender(table, "main", "temp");
    for (let i = 0; i < result.chunkCount; i++) appender.appendDataChunk(result.getChunk(i));
    appender.closeSync();
    kept.table = table;
    return { table, columns: scanned };
  }
}

/** Names made unique the way Snowflake's RESULT_SCAN does: the second ID is ID_1, the third ID_2. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 1;
    while (taken.has(`${name}_${n}`) || seen.has(`${name}_${n}`)) n++;
    const unique = `${name}_${n}`;
    seen.add(unique);
    return unique;
  });
}

function rowCountOf(kept: Kept): number {
  return kept.result ? kept.result.rowCount : (kept.rows?.length ?? 0);
}

/** The DuckDB type a kept statement's column takes in its scan table, or null when not kept. */
function scanColumnType(column: ResultColumn): string | null {
  switch (column.type) {
    case "fixed":
      return `DECIMAL(${Math.min(column.precision ?? 38, 38)},${column.scale ?? 0})`;
    case "real":
      return "DOUBLE";
    case "text":
      return "VARCHAR";
    case "boolean":
      return "BOOLEAN";
    // Semi-structured cells are JSON text, as the engine stores VARIANT (a CALL returning VARIANT).
    case "variant":
    case "object":
    case "array":
      return "JSON";
    default:
      return null;
  }
}

/** One cell as a DuckDB literal of its column's type (fixed and real cells are decimal text). */
function cellLiteral(value: CellValue, column: ResultColumn): string {
  if (value === null) return "NULL";
  if (column.type === "boolean") return value === true || value === "true" ? "TRUE" : "FALSE";
  const textValue = String(value);
  if (column.type === "fixed" || column.type === "real") {
    if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(textValue)) return "NULL";
    return `CAST('${textValue}' AS ${scanColumnType(column)})`;
  }
  return `'${textValue.replaceAll("'", "''")}'`;
}

async function createRowsTable(
  connection: DuckDBConnection,
  table: string,
  columns: ResultColumn[],
  rows: CellValue[][],
): Promise<void> {
  const definitions = columns.map((c) => `${quoteDuck(encodeName(c.name))} ${scanColumnType(c)}`);
  await connection.run(`CREATE TEMP TABLE ${quoteDuck(table)} (${definitions.join(", ")})`);
  if (rows.length === 0) return;
  const tuples = rows.map((row) => `(${columns.map((c, i) => cellLiteral(row[i] ?? null, c)).join(", ")})`);
  await connection.run(`INSERT INTO temp.main.${quoteDuck(table)} VALUES ${tuples.join(", ")}`);
}

/** The reserved Snowflake name a scan of `queryId` is written as, and its DuckDB form. */
function reservedName(queryId: string): { snowflake: string; duck: string } {
  return reservedScanName(`R_${queryId.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`);
}

/**
 * A reserved name for a temporary table the engine fills for one statement (MATCH_RECOGNIZE's
 * matched rows): the statement names it like a scan, and pointScans points it at the table.
 */
export function reservedTableName(key: string): { snowflake: string; duck: string } {
  return reservedName(key);
}

/** True for a relation that is a result scan's reserved name. */
export function isScanRelation(database: string | null): boolean {
  return database === SCAN_DATABASE;
}

/** A kept result as a scan reads it. */
export interface ScanTable {
  table: string;
  columns: ResultColumn[];
}

/** The scans a statement makes: the DuckDB text of each reserved name and what it reads. */
export type ScanTables = Map<string, ScanTable>;

/**
 * Replaces each `TABLE(RESULT_SCAN(x))` over a kept SELECT result by its reserved name; the others
 * (SHOW results, unknown ids) stay for the catalog to answer or refuse.
 */
export async function substituteResultScans(
  sql: string,
  recent: RecentResults,
  connection: DuckDBConnection,
): Promise<{ sql: string; scans: ScanTables }> {
  const scans: ScanTables = new Map();
  if (!/RESULT_SCAN/i.test(sql)) return { sql, scans };
  let out = "";
  let at = 0;
  for (const scan of findResultScans(sql)) {
    const queryId = scanTarget(scan.argument, recent);
    if (queryId === null || !recent.has(queryId)) continue;
    const name = reservedName(queryId);
    scans.set(name.duck, await recent.table(queryId, connection));
    out += `${sql.slice(at, scan.start)}${name.snowflake}`;
    at = scan.end;
  }
  return { sql: out + sql.slice(at), scans };
}

/** Each `TABLE(RESULT_SCAN(<argument>))` of a statement: where it stands and its argument's text. */
export function findResultScans(sql: string): { start: number; end: number; argument: string }[] {
  const found: { start: number; end: number; argument: string }[] = [];
  if (!/RESULT_SCAN/i.test(sql)) return found;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]?.upper !== "TABLE" || text(sql, tokens[i + 1]) !== "(") continue;
    if (tokens[i + 2]?.upper !== "RESULT_SCAN" || text(sql, tokens[i + 3]) !== "(") continue;
    const close = matching(sql, tokens, i + 3);
    const outer = tokens[close + 1];
    if (close < 0 || text(sql, outer) !== ")") continue;
    const argument = sql.slice((tokens[i + 3] as Token).end, (tokens[close] as Token).start).trim();
    found.push({ start: (tokens[i] as Token).start, end: (outer as Token).end, argument });
    i = close + 1;
  }
  return found;
}

/** A reserved relation name (both spellings) of the given table name, which no Snowflake object can have. */
export function reservedScanName(name: string): { snowflake: string; duck: string } {
  return {
    snowflake: `"${SCAN_DATABASE}"."${SCAN_SCHEMA}"."${name}"`,
    duck: duckRelation(SCAN_DATABASE, SCAN_SCHEMA, name),
  };
}

/** Points each reserved name in translated DuckDB SQL at its temporary table. */
export function pointScans(duckSql: string, scans: ScanTables): string {
  let out = duckSql;
  for (const [reserved, scan] of scans) out = out.replaceAll(reserved, `temp.main.${quoteDuck(scan.table)}`);
  return out;
}

/**
 * A scan reports the scanned result's column types (NUMBER(10,0), VARCHAR(10), …), not the wider
 * ones its temporary table stores: a column named as exactly one scanned column of the same type
 * family takes that column's type.
 */
export function applyScanTypes(columns: ResultColumn[], scans: ScanTables): void {
  if (scans.size === 0) return;
  const byName = new Map<string, ResultColumn | null>();
  for (const scan of scans.values()) {
    for (const column of scan.columns) byName.set(column.name, byName.has(column.name) ? null : column);
  }
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ResultColumn;
    const scanned = byName.get(column.name);
    if (!scanned || !sameFamily(scanned.type, column.type)) continue;
    if (scanned.type === "fixed" && scanned.scale !== column.scale) continue;
    columns[i] = { ...scanned, nullable: column.nullable || scanned.nullable };
  }
}

function sameFamily(a: string, b: string): boolean {
  const family = (t: string) =>
    t === "object" || t === "array" ? "variant" : t === "timestamp_tz" ? "timestamp_ltz" : t;
  return family(a) === family(b);
}

/** The query id a scan's argument names in the session now, or null (not a form the engine reads). */
export function scanTarget(argument: string, recent: RecentResults): string | null {
  const literal = /^'([^']*)'$/.exec(argument);
  if (literal) return literal[1] as string;
  // RESULT_SCAN(-1) is RESULT_SCAN(LAST_QUERY_ID()); RESULT_SCAN(1) the session's first statement.
  const index = /^(-?\d+)$/.exec(argument);
  if (index) return recent.lastQueryId(Number(index[1]));
  const last = /^LAST_QUERY_ID\s*\(\s*(-?\d+)?\s*\)$/i.exec(argument);
  if (last) return recent.lastQueryId(last[1] === undefined ? -1 : Number(last[1]));
  return null;
}

function text(sql: string, token: Token | undefined): string {
  return token === undefined ? "" : sql.slice(token.start, token.end);
}

function matching(sql: string, tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = text(sql, tokens[j]);
    if (t === "(") depth++;
    else if (t === ")" && --depth === 0) return j;
  }
  return -1;
}
