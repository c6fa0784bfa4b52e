/** Builders for the result sets the catalog returns (SHOW rows, status messages). */
import type { CellValue, ResultColumn, StatementKind } from "../types.js";

/** What a catalog statement produced; the engine core turns it into a StatementResult. */
export interface CatalogResult {
  kind: StatementKind;
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Session changes the statement made (USE ROLE, USE WAREHOUSE). */
  session?: { role?: string; warehouse?: string | null; secondaryRoles?: "ALL" | "NONE" };
}

export function textColumn(name: string, nullable = true): ResultColumn {
  return {
    name,
    type: "text",
    sqlType: "VARCHAR(16777216)",
    nullable,
    precision: null,
    scale: null,
    length: 16777216,
  };
}

export function fixedColumn(name: string, scale = 0, nullable = true): ResultColumn {
  return {
    name,
    type: "fixed",
    sqlType: `NUMBER(38,${scale})`,
    nullable,
    precision: 38,
    scale,
    length: null,
  };
}

export function timestampColumn(name: string, nullable = true): ResultColumn {
  return {
    name,
    type: "timestamp_ltz",
    sqlType: "TIMESTAMP_LTZ(9)",
    nullable,
    precision: 0,
    scale: 9,
    length: null,
  };
}

export function booleanColumn(name: string, nullable = true): ResultColumn {
  return { name, type: "boolean", sqlType: "BOOLEAN", nullable, precision: null, scale: null, length: null };
}

/** A column spec for `table()`: name plus type letter (t text, n number, d timestamp, b boolean). */
export type ColumnSpec = `${string}:${"t" | "n" | "d" | "b" | "f"}`;

export function columns(specs: readonly ColumnSpec[]): ResultColumn[] {
  return specs.map((spec) => {
    const at = spec.lastIndexOf(":");
    const name = spec.slice(0, at);
    const t = spec.slice(at + 1);
    if (t === "n") return fixedColumn(name);
    if (t === "f") return { ...fixedColumn(name, 2) };
    if (t === "d") return timestampColumn(name);
    if (t === "b") return booleanColumn(name);
    return textColumn(name);
  });
}

/** Epoch milliseconds as a timestamp cell (nanoseconds). */
export function ts(ms: number | null | undefined): CellValue {
  return ms === null || ms === undefined ? null : BigInt(Math.round(ms)) * 1_000_000n;
}

/** A fixed cell from a number (whole numbers as integers). */
export function num(n: number | null | undefined): CellValue {
  return n === null || n === undefined ? null : String(n);
}

export function status(message: string): CatalogResult {
  return { kind: "DDL", columns: [textColumn("status")], rows: [[message]] };
}

export const OK = "Statement executed successfully.";
