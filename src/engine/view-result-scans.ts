/**
 * Views over `TABLE(RESULT_SCAN(…))`. Snowflake evaluates a view's RESULT_SCAN (and its
 * LAST_QUERY_ID()) when the view is read, in the reading session: the documentation's stproc_view is
 * created before the CALL whose result it shows (stored-procedures-javascript). So the view's DuckDB
 * text reads a per-session temporary view, `temp.main.merc_view_scan_<hex of the argument>`, and
 * each statement that reads the view first points that temporary view at the result the argument
 * names now (result-scan.ts keeps the session's results). The argument list is the view's
 * `resultScans` property.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { SnowflakeError } from "./errors.js";
import { quoteDuck } from "./identifiers.js";
import { findResultScans, type RecentResults, reservedScanName, scanTarget } from "./result-scan.js";

/** An argument's normal form (`last_query_id( )` and `LAST_QUERY_ID()` are one scan). */
const normal = (argument: string) => argument.replace(/\s+/g, "").toUpperCase();
const hex = (argument: string) => Buffer.from(normal(argument)).toString("hex").toUpperCase();
const reserved = (argument: string) => reservedScanName(`V_${hex(argument)}`);
const temporaryView = (argument: string) => `merc_view_scan_${hex(argument)}`;

/** A view body with each RESULT_SCAN replaced by its reserved name, and the arguments (distinct). */
export function viewScanBody(sql: string): { sql: string; scans: string[] } {
  const scans: string[] = [];
  let out = "";
  let at = 0;
  for (const scan of findResultScans(sql)) {
    if (!scans.some((s) => normal(s) === normal(scan.argument))) scans.push(scan.argument);
    out += `${sql.slice(at, scan.start)}${reserved(scan.argument).snowflake}`;
    at = scan.end;
  }
  return { sql: out + sql.slice(at), scans };
}

/** The view's DuckDB text reading the session's temporary views instead of the reserved names. */
export function pointViewScans(duckSql: string, scans: readonly string[]): string {
  let out = duckSql;
  for (const argument of scans)
    out = out.replaceAll(reserved(argument).duck, `temp.main.${quoteDuck(temporaryView(argument))}`);
  return out;
}

/**
 * Points each scan's temporary view, in this session's connection, at the result its argument names
 * now; a result the session does not have fails as RESULT_SCAN of it does.
 */
export async function bindViewScans(
  scans: readonly string[],
  recent: RecentResults,
  connection: DuckDBConnection,
): Promise<void> {
  for (const argument of scans) {
    const queryId = scanTarget(argument, recent);
    if (queryId === null || !recent.has(queryId))
      throw new SnowflakeError("000709", "02000", `Statement ${queryId ?? "<none>"} not found`);
    const scan = await recent.table(queryId, connection);
    await connection.run(
      `CREATE OR REPLACE TEMP VIEW ${quoteDuck(temporaryView(argument))} AS SELECT * FROM temp.main.${quoteDuck(scan.table)}`,
    );
  }
}
