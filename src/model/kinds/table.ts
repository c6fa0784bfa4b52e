/**
 * TABLE: created by migrations, never declared. Desired tables come from replaying the migrations on
 * a fresh local engine and reading it with this same introspection (`drift --include tables`).
 * SHOW COLUMNS IN DATABASE rows become tables and columns; `data_type` is JSON
 * (`{"type":"FIXED","precision":38,"scale":0,"nullable":true}`), rendered as DESCRIBE prints types
 * so that desired (replayed migrations) and live compare equal.
 */
import { PlanError } from "../../errors/index.js";
import { quoteIdentifier } from "../identifiers.js";
import { normaliseBoolean } from "../normalise.js";
import { cannotRender } from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";
import { readViews } from "./view.js";

export interface ColumnModel {
  name: string;
  /** Snowflake type as DESCRIBE prints it: `NUMBER(38,0)`, `VARCHAR(16777216)`. */
  type: string;
  nullable: boolean;
}

/** Tables and their columns: desired state comes from replaying migrations (`--include tables`). */
export interface TableObject {
  kind: "table";
  name: string;
  database: string;
  schema: string;
  columns: ColumnModel[];
}

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

const HINT = "Tables belong to migrations: write a migration for this change.";

function belongsToMigrations(table: TableObject): never {
  throw new PlanError(
    "PLAN_UNRENDERABLE",
    `cannot render a change to TABLE ${table.name}: tables belong to migrations`,
    {
      location: { object: `TABLE ${table.name}` },
      hint: "Write a migration for table changes; `plan` manages declared objects only.",
    },
  );
}

export const tableKind: KindDefinition<"table"> = {
  kind: "table",
  label: "TABLE",
  category: "schema",
  order: { report: 40, create: 70, remove: 60 },
  comparedByDefault: false,
  properties: {
    columns: {
      label: "columns",
      display: (value) =>
        (value as ColumnModel[]).map((c) => `${c.name} ${c.type}${c.nullable ? "" : " NOT NULL"}`).join(", "),
    },
  },
  async read(reader, { scope }) {
    // SHOW COLUMNS lists views' columns too: the views (read once for both kinds) tell them apart.
    const [views, ...perDatabase] = await Promise.all([
      readViews(reader, scope.databases),
      ...scope.databases.map(async (database) =>
        tablesFromColumnRows(await reader.show(`SHOW COLUMNS IN DATABASE ${database}`)),
      ),
    ]);
    const viewNames = new Set(views.map((v) => v.name));
    return perDatabase.flat().filter((table) => !viewNames.has(table.name));
  },
  isManaged: (object, scope) =>
    scope.databases.includes(object.database) && !object.database.startsWith("SNOWFLAKE"),
  create: (table) => belongsToMigrations(table),
  alter: (table, changes) =>
    cannotRender(`TABLE ${table.name}`, changes.map((c) => c.label).join(", "), HINT),
  remove: (table) => belongsToMigrations(table),
  removal: "drop",
  // Tables are written by migrations, not declarations.
  write: () => undefined,
};
