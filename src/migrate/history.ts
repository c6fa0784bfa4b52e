/**
 * The change-history table: where it is, its columns, and the SQL that reads and writes its rows.
 * Every identifier is quoted upper-case, so the table means the same thing whether
 * QUOTED_IDENTIFIERS_IGNORE_CASE is on or off (a quoted lower-case name would not: flyway#2731).
 */
import { sqlString } from "../template/sql.js";

/** Where the history table lives. */
export interface HistoryLocation {
  database: string;
  schema: string;
  table: string;
}

/** Default location in a project without a config file. */
export const DEFAULT_HISTORY_LOCATION: HistoryLocation = {
  database: "METADATA",
  schema: "MERCURIOS",
  table: "CHANGE_HISTORY",
};

/**
 * What a history row records. The latest row of a script (highest rank) is its state:
 * SUCCESS, BASELINE and REPAIRED mean applied; FAILED means stopped part-way; UNDONE and CLEARED
 * mean not applied (reverted by `down`, or a failure cleared by `repair`).
 */
export type HistoryStatus = "SUCCESS" | "FAILED" | "BASELINE" | "REPAIRED" | "UNDONE" | "CLEARED";

export const APPLIED_STATUSES: readonly HistoryStatus[] = ["SUCCESS", "BASELINE", "REPAIRED"];

/** One history row. */
export interface HistoryRow {
  /** Order of the rows; the highest rank of a script is its current state. */
  rank: number;
  /** The umzug migration name: the script key, plus `#<checksum>` for repeatables. */
  migration: string;
  /** The script's identity (`RAW/V1.2`, `RAW/R__views`). */
  scriptKey: string;
  version: string | null;
  description: string;
  /**
   * The script's file name without `.jinja` (`V1.2__sales.sql`), as schemachange writes its SCRIPT
   * column; the folder is in `scriptKey`. Rows written before 0.2 held the path from the project
   * root (`migrations/RAW/V1.2__sales.sql`): they are read as the file name and rewritten by the
   * next locked run.
   */
  script: string;
  /** V, R, A or U. */
  scriptType: string;
  schemaName: string | null;
  environment: string;
  checksum: string | null;
  templateChecksum: string | null;
  status: HistoryStatus;
  errorMessage: string | null;
  /** 1-based number of the statement that failed (FAILED rows). */
  failedStatement: number | null;
  queryIds: string[];
  executionTimeMs: number | null;
  installedBy: string | null;
  installedOn: string | null;
  runId: string;
}

/** The columns in table order, with their Snowflake types. */
const COLUMNS: readonly [name: string, type: string][] = [
  ["INSTALLED_RANK", "NUMBER(38,0) NOT NULL"],
  ["MIGRATION", "VARCHAR NOT NULL"],
  ["SCRIPT_KEY", "VARCHAR NOT NULL"],
  ["VERSION", "VARCHAR"],
  ["DESCRIPTION", "VARCHAR"],
  ["SCRIPT", "VARCHAR"],
  ["SCRIPT_TYPE", "VARCHAR"],
  ["SCHEMA_NAME", "VARCHAR"],
  ["ENVIRONMENT", "VARCHAR"],
  ["CHECKSUM", "VARCHAR"],
  ["TEMPLATE_CHECKSUM", "VARCHAR"],
  ["STATUS", "VARCHAR NOT NULL"],
  ["ERROR_MESSAGE", "VARCHAR"],
  ["FAILED_STATEMENT", "NUMBER(38,0)"],
  ["QUERY_IDS", "VARCHAR"],
  ["EXECUTION_TIME_MS", "NUMBER(38,0)"],
  ["INSTALLED_BY", "VARCHAR"],
  ["INSTALLED_ON", "TIMESTAMP_LTZ"],
  ["RUN_ID", "VARCHAR NOT NULL"],
];

/** `"NAME"`: a quoted upper-case identifier part. */
export function quotedUpper(name: string): string {
  return `"${name.toUpperCase().replace(/"/g, '""')}"`;
}

/** `"DB"."SCHEMA"."TABLE"`. */
export function historyTableName(location: HistoryLocation): string {
  return [location.database, location.schema, location.table].map(quotedUpper).join(".");
}

/** `"DB"."SCHEMA"`. */
export function historySchemaName(location: HistoryLocation): string {
  return [location.database, location.schema].map(quotedUpper).join(".");
}

/** Statements that create the history schema and table when missing. */
export function createHistorySql(location: HistoryLocation): string[] {
  const columns = COLUMNS.map(([name, type]) => `${quotedUpper(name)} ${type}`).join(", ");
  return [
    `CREATE SCHEMA IF NOT EXISTS ${historySchemaName(location)}`,
    `CREATE TABLE IF NOT EXISTS ${historyTableName(location)} (${columns})`,
  ];
}

/** Reads every row, oldest first. */
export function selectHistorySql(location: HistoryLocation): string {
  return `SELECT ${COLUMNS.map(([name]) => quotedUpper(name)).join(", ")} FROM ${historyTableName(location)} ORDER BY "INSTALLED_RANK"`;
}

/** One INSERT for one row; INSTALLED_BY and INSTALLED_ON come from the server. */
export function insertHistorySql(location: HistoryLocation, row: HistoryRow): string {
  const values = [
    String(row.rank),
    sqlString(row.migration),
    sqlString(row.scriptKey),
    nullable(row.version),
    sqlString(row.description),
    sqlString(row.script),
    sqlString(row.scriptType),
    nullable(row.schemaName),
    sqlString(row.environment),
    nullable(row.checksum),
    nullable(row.templateChecksum),
    sqlString(row.status),
    nullable(row.errorMessage),
    row.failedStatement === null ? "NULL" : String(row.failedStatement),
    row.queryIds.length > 0 ? sqlString(row.queryIds.join(",")) : "NULL",
    row.executionTimeMs === null ? "NULL" : String(Math.round(row.executionTimeMs)),
    "CURRENT_USER()",
    "CURRENT_TIMESTAMP()",
    sqlString(row.runId),
  ];
  return `INSERT INTO ${historyTableName(location)} (${COLUMNS.map(([name]) => quotedUpper(name)).join(", ")}) SELECT ${values.join(", ")}`;
}

/** Fills in what is only known after a script's batch ran: its query ids and time. */
export function completeHistorySql(
  location: HistoryLocation,
  rank: number,
  queryIds: readonly string[],
  executionTimeMs: number,
): string {
  return `UPDATE ${historyTableName(location)} SET "QUERY_IDS" = ${queryIds.length > 0 ? sqlString(queryIds.join(",")) : "NULL"}, "EXECUTION_TIME_MS" = ${Math.round(executionTimeMs)} WHERE "INSTALLED_RANK" = ${rank}`;
}

/** Parses the rows of `selectHistorySql` (driver values are display strings). */
export function parseHistoryRows(rows: readonly (readonly (string | null)[])[]): HistoryRow[] {
  return rows.map((cells) => {
    const cell = (name: string) => cells[COLUMNS.findIndex(([column]) => column === name)] ?? null;
    const number = (name: string) => {
      const text = cell(name);
      return text === null ? null : Number(text);
    };
    return {
      rank: number("INSTALLED_RANK") ?? 0,
      migration: cell("MIGRATION") ?? "",
      scriptKey: cell("SCRIPT_KEY") ?? "",
      version: cell("VERSION"),
      description: cell("DESCRIPTION") ?? "",
      script: fileNameOf(cell("SCRIPT") ?? ""),
      scriptType: cell("SCRIPT_TYPE") ?? "",
      schemaName: cell("SCHEMA_NAME"),
      environment: cell("ENVIRONMENT") ?? "",
      checksum: cell("CHECKSUM"),
      templateChecksum: cell("TEMPLATE_CHECKSUM"),
      status: (cell("STATUS") ?? "SUCCESS") as HistoryStatus,
      errorMessage: cell("ERROR_MESSAGE"),
      failedStatement: number("FAILED_STATEMENT"),
      queryIds: cell("QUERY_IDS")?.split(",").filter(Boolean) ?? [],
      executionTimeMs: number("EXECUTION_TIME_MS"),
      installedBy: cell("INSTALLED_BY"),
      installedOn: cell("INSTALLED_ON"),
      runId: cell("RUN_ID") ?? "",
    };
  });
}

/** The latest row of each script key: its current state. */
export function latestRows(rows: readonly HistoryRow[]): Map<string, HistoryRow> {
  const latest = new Map<string, HistoryRow>();
  for (const row of [...rows].sort((a, b) => a.rank - b.rank)) latest.set(row.scriptKey, row);
  return latest;
}

/** `migrations/RAW/V1__x.sql` → `V1__x.sql`: what an old row's SCRIPT means today. */
function fileNameOf(script: string): string {
  return script.slice(script.lastIndexOf("/") + 1);
}

/** Whether rows read by `selectHistorySql` still hold paths in SCRIPT (written by older versions). */
export function hasLegacyScriptPaths(rows: readonly (readonly (string | null)[])[]): boolean {
  const index = COLUMNS.findIndex(([name]) => name === "SCRIPT");
  return rows.some((cells) => cells[index]?.includes("/") ?? false);
}

/** Rewrites old rows' SCRIPT from a path to the file name, as rows are written now. */
export function upgradeScriptNamesSql(location: HistoryLocation): string {
  return `UPDATE ${historyTableName(location)} SET "SCRIPT" = REGEXP_REPLACE("SCRIPT", '^.*/', '') WHERE "SCRIPT" LIKE '%/%'`;
}

function nullable(value: string | null): string {
  return value === null ? "NULL" : sqlString(value);
}
