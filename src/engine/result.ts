/** Small builders for the results the core returns (status lines, DML counts). */
import type { CellValue, ResultColumn, RowCursor, StatementKind } from "./types.js";

/** What a statement handler produced, before the session adds ids, timings and state. */
export interface HandlerOutput {
  kind: StatementKind;
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Rows affected for DML; otherwise the number of rows. */
  rowCount?: number;
  /** A deferred query result's rows (then `rows` is empty and `rowCount` counts them). */
  cursor?: RowCursor;
}

export function textColumn(name: string): ResultColumn {
  return {
    name,
    type: "text",
    sqlType: "VARCHAR(16777216)",
    nullable: true,
    precision: null,
    scale: null,
    length: 16777216,
  };
}

export function countColumn(name: string): ResultColumn {
  return {
    name,
    type: "fixed",
    sqlType: "NUMBER(38,0)",
    nullable: false,
    precision: 38,
    scale: 0,
    length: null,
  };
}

/** A nullable column of a session-level SHOW (SHOW VARIABLES, TRANSACTIONS, LOCKS): text, number or time. */
export function showColumn(name: string, type: "text" | "fixed" | "timestamp_ltz"): ResultColumn {
  if (type === "fixed")
    return { name, type, sqlType: "NUMBER(38,0)", nullable: true, precision: 38, scale: 0, length: null };
  if (type === "timestamp_ltz")
    return { name, type, sqlType: "TIMESTAMP_LTZ(9)", nullable: true, precision: 0, scale: 9, length: null };
  return textColumn(name);
}

export const STATEMENT_OK = "Statement executed successfully.";

/** A one-cell `status` result, as Snowflake answers DDL and session statements. */
export function statusResult(message: string, kind: StatementKind = "DDL"): HandlerOutput {
  return { kind, columns: [textColumn("status")], rows: [[message]], rowCount: 1 };
}

/** DML counts: one row, one NUMBER column per count. */
export function countsResult(kind: StatementKind, counts: [string, number][]): HandlerOutput {
  return {
    kind,
    columns: counts.map(([name]) => countColumn(name)),
    rows: [counts.map(([, n]) => String(n))],
    rowCount: counts.reduce((sum, [, n]) => sum + n, 0),
  };
}

/** Snowflake's numeric `statementTypeId` per kind (REST protocol). */
export const STATEMENT_TYPE_IDS: Record<StatementKind, number> = {
  SELECT: 0x1000,
  DML: 0x3000,
  INSERT: 0x3100,
  UPDATE: 0x3200,
  DELETE: 0x3300,
  MERGE: 0x3400,
  MULTI_INSERT: 0x3500,
  USE: 0x4300,
  SHOW: 0x4400,
  DESCRIBE: 0x4500,
  TCL: 0x5000,
  DDL: 0x6000,
  SET: 0x4100,
  CALL: 0x6300,
};
