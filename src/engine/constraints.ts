/**
 * PRIMARY KEY, UNIQUE and FOREIGN KEY constraints of a table, as its CREATE TABLE declared them
 * (inline on a column or out of line, named or not). Snowflake records them without enforcing them
 * (NOT NULL aside); DESCRIBE TABLE, SHOW PRIMARY / UNIQUE / IMPORTED KEYS and the drivers' reflection
 * read them. They are read from the table's CREATE text the metadata keeps, with the transpiler's
 * parser. A constraint without a name gets Snowflake's SYS_CONSTRAINT_<uuid> form, derived from the
 * table and columns so it is the same on every read.
 */
import { createHash } from "node:crypto";
import type { QualifiedName } from "./hooks.js";
import { normaliseIdentifier } from "./identifiers.js";
import { standardCreateText } from "./table-kinds.js";
import { parseStatement } from "./translate.js";
import { hideTypeSyntax } from "./type-syntax.js";

export interface TableConstraint {
  kind: "PRIMARY KEY" | "UNIQUE" | "FOREIGN KEY";
  name: string;
  /** Constrained columns, in key order. */
  columns: string[];
  /** For a foreign key: the referenced table and columns (empty: its primary key). */
  references?: { table: QualifiedName; columns: string[] };
  onDelete: string;
  onUpdate: string;
  rely: boolean;
}

type Node = Record<string, unknown>;
interface Ident {
  name: string;
  quoted: boolean;
}

const cache = new Map<string, TableConstraint[]>();

/** The constraints a CREATE TABLE statement declares for `table` (none for other statements). */
export function constraintsOf(createText: string | null, table: QualifiedName): TableConstraint[] {
  if (createText === null || !/\b(PRIMARY|UNIQUE|REFERENCES|FOREIGN)\b/i.test(createText)) return [];
  const key = `${table.database}.${table.schema}.${table.name}\u0000${createText}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let found: TableConstraint[] = [];
  try {
    found = parse(createText, table);
  } catch {
    // A statement the parser cannot read declares nothing it could report.
  }
  cache.set(key, found);
  if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
  return found;
}

function parse(createText: string, table: QualifiedName): TableConstraint[] {
  const ast = parseStatement(hideTypeSyntax(standardCreateText(createText))) as { create_table?: Node };
  const create = ast.create_table;
  if (!create) return [];
  const out: TableConstraint[] = [];
  const name = (written: Ident | null | undefined, kind: TableConstraint["kind"], columns: string[]) =>
    written ? ident(written) : systemName(table, kind, columns);
  for (const column of (create.columns as Node[] | undefined) ?? []) {
    const columnName = ident(column.name as Ident);
    if (column.primary_key === true)
      out.push(plain("PRIMARY KEY", name(null, "PRIMARY KEY", [columnName]), [columnName]));
    if (column.unique === true) out.push(plain("UNIQUE", name(null, "UNIQUE", [columnName]), [columnName]));
    for (const constraint of (column.constraints as Node[] | undefined) ?? []) {
      const references = constraint.References as Node | undefined;
      if (!references) continue;
      const written = references.constraint_name as Ident | null | undefined;
      out.push({
        ...plain("FOREIGN KEY", name(written, "FOREIGN KEY", [columnName]), [columnName]),
        references: referenced(references, table),
        onDelete: rule(references.on_delete),
        onUpdate: rule(references.on_update),
      });
    }
  }
  for (const constraint of (create.constraints as Node[] | undefined) ?? []) {
    const [kind, spec] = Object.entries(constraint)[0] as [string, Node];
    const columns = ((spec.columns as Ident[] | undefined) ?? []).map(ident);
    const rely = (spec.modifiers as Node | undefined)?.rely === true;
    if (kind === "PrimaryKey") {
      out.push({ ...plain("PRIMARY KEY", name(spec.name as Ident, "PRIMARY KEY", columns), columns), rely });
    } else if (kind === "Unique") {
      out.push({ ...plain("UNIQUE", name(spec.name as Ident, "UNIQUE", columns), columns), rely });
    } else if (kind === "ForeignKey") {
      const references = spec.references as Node;
      out.push({
        ...plain("FOREIGN KEY", name(spec.name as Ident, "FOREIGN KEY", columns), columns),
        references: referenced(references, table),
        onDelete: rule(references.on_delete ?? spec.on_delete),
        onUpdate: rule(references.on_update ?? spec.on_update),
        rely,
      });
    }
  }
  return out;
}

function plain(kind: TableConstraint["kind"], name: string, columns: string[]): TableConstraint {
  return { kind, name, columns, onDelete: "NO ACTION", onUpdate: "NO ACTION", rely: false };
}

function ident(written: Ident): string {
  return normaliseIdentifier(written.name, written.quoted);
}

function referenced(references: Node, from: QualifiedName): TableConstraint["references"] {
  const target = references.table as { name: Ident; schema: Ident | null; catalog: Ident | null };
  return {
    table: {
      database: target.catalog ? ident(target.catalog) : from.database,
      schema: target.schema ? ident(target.schema) : from.schema,
      name: ident(target.name),
    },
    columns: ((references.columns as Ident[] | undefined) ?? []).map(ident),
  };
}

/** `Cascade` → `CASCADE`, `SetNull` → `SET NULL`; none written is NO ACTION. */
function rule(value: unknown): string {
  if (typeof value !== "string" || value === "") return "NO ACTION";
  return value.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}

function systemName(table: QualifiedName, kind: string, columns: string[]): string {
  const hex = createHash("sha256")
    .update(JSON.stringify([table.database, table.schema, table.name, kind, columns]))
    .digest("hex");
  return `SYS_CONSTRAINT_${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
