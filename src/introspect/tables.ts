/**
 * SHOW COLUMNS IN DATABASE rows into tables and columns (one query per database). `data_type` is
 * JSON (`{"type":"FIXED","precision":38,"scale":0,"nullable":true}`); it is rendered as DESCRIBE
 * prints types so that desired (replayed migrations) and live compare equal.
 */
import { type ColumnModel, normaliseBoolean, quoteIdentifier, type TableObject } from "../model/index.js";
import type { ShowRow } from "./rows.js";

interface DataType {
  type?: string;
  precision?: number;
  scale?: number;
  length?: number;
  nullable?: boolean;
}

/** `{"type":"FIXED","precision":38,"scale":0}` -> `NUMBER(38,0)`; `TEXT` length 10 -> `VARCHAR(10)`. */
export function describeType(dataType: DataType): string {
  const type = (dataType.type ?? "").toUpperCase();
  switch (type) {
    case "FIXED":
      return `NUMBER(${dataType.precision ?? 38},${dataType.scale ?? 0})`;
    case "TEXT":
      return `VARCHAR(${dataType.length ?? 16777216})`;
    case "REAL":
      return "FLOAT";
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
    case "TIME":
      return `${type}(${dataType.scale ?? 9})`;
    case "BINARY":
      return `BINARY(${dataType.length ?? 8388608})`;
    default:
      return type;
  }
}

export function tablesFromColumnRows(rows: ShowRow[]): TableObject[] {
  const tables = new Map<string, TableObject>();
  for (const row of rows) {
    if ((row["kind"] ?? "COLUMN").toUpperCase() !== "COLUMN") continue;
    const schemaName = row["schema_name"] ?? "";
    if (schemaName === "INFORMATION_SCHEMA") continue;
    const database = quoteIdentifier(row["database_name"] ?? "");
    const schema = quoteIdentifier(schemaName);
    const name = `${database}.${schema}.${quoteIdentifier(row["table_name"] ?? "")}`;
    let dataType: DataType = {};
    const raw = row["data_type"] ?? "";
    try {
      dataType = raw.trim().startsWith("{") ? (JSON.parse(raw) as DataType) : { type: raw };
    } catch {
      dataType = { type: raw };
    }
    // `null?` is 'true'/'false' in SHOW COLUMNS and 'Y'/'N' in DESCRIBE.
    const nullFlag = normaliseBoolean(row["null?"]);
    const column: ColumnModel = {
      name: quoteIdentifier(row["column_name"] ?? ""),
      type: describeType(dataType),
      nullable: nullFlag ?? dataType.nullable !== false,
    };
    const table = tables.get(name) ?? { kind: "table" as const, name, database, schema, columns: [] };
    table.columns.push(column);
    tables.set(name, table);
  }
  // SHOW COLUMNS lists views' columns too; views are compared as views. Column order is by name.
  for (const table of tables.values()) table.columns.sort((a, b) => a.name.localeCompare(b.name));
  return [...tables.values()];
}
