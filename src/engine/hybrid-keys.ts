/**
 * A hybrid table's PRIMARY KEY, UNIQUE and FOREIGN KEY constraints, enforced by DuckDB's own
 * constraints (duckConstraintClauses), and the drop rule that goes with them. DuckDB takes foreign
 * keys only within one schema, so a hybrid table may reference hybrid tables of its own schema
 * (Snowflake: of its own database); a foreign key column is never NULL (Snowflake refuses NULL there).
 */
import { constraintsOf, type TableConstraint } from "./constraints.js";
import { SnowflakeError } from "./errors.js";
import type { QualifiedName } from "./hooks.js";
import { displayName, duckRelation, encodeName, quoteDuck } from "./identifiers.js";

const compilation = (message: string): SnowflakeError =>
  new SnowflakeError("002043", "02000", `SQL compilation error:\n${message}`);

/** What a hybrid table's foreign keys may reference: the referenced table's kind and primary key. */
export interface ReferencedTable {
  tableKind: string | null;
  primaryKey: string[];
}

/**
 * DuckDB's constraint clauses enforcing a hybrid table's keys, after checking what Snowflake requires
 * of them: a primary key; foreign keys to hybrid tables (DuckDB: of the same schema), never NULL (a
 * CHECK the error map reports as the foreign key's violation).
 */
export function duckConstraintClauses(
  table: QualifiedName,
  constraints: TableConstraint[],
  referenced: (name: QualifiedName) => ReferencedTable | undefined,
): string[] {
  const cols = (names: string[]) => names.map((n) => quoteDuck(encodeName(n))).join(", ");
  if (!constraints.some((k) => k.kind === "PRIMARY KEY"))
    throw compilation(`A hybrid table must have a PRIMARY KEY constraint: add one to '${table.name}'.`);
  const clauses: string[] = [];
  for (const k of constraints) {
    if (k.kind === "PRIMARY KEY") clauses.push(`PRIMARY KEY (${cols(k.columns)})`);
    else if (k.kind === "UNIQUE") clauses.push(`UNIQUE (${cols(k.columns)})`);
    else if (k.references) {
      const target = k.references.table;
      const same = target.database === table.database && target.schema === table.schema;
      const self = same && target.name === table.name;
      const info = self ? undefined : referenced(target);
      if (!self && info?.tableKind !== "HYBRID")
        throw compilation(
          `Foreign key '${k.name}' references '${displayName(target.name)}', which is not a hybrid table: a hybrid table's foreign keys reference hybrid tables.`,
        );
      if (!same)
        throw new SnowflakeError(
          "002040",
          "0A000",
          `SQL compilation error:\nThe local engine enforces a hybrid table's foreign keys within one schema: '${k.name}' references ${target.database}.${target.schema}.${target.name}.`,
        );
      const keyColumns = k.references.columns.length ? k.references.columns : (info?.primaryKey ?? []);
      clauses.push(
        `FOREIGN KEY (${cols(k.columns)}) REFERENCES ${duckRelation(target.database, target.schema, target.name)} (${cols(keyColumns)})`,
      );
      // Snowflake reports a NULL foreign key as the key's violation (the page's PLAYER example).
      const violated = `Foreign key constraint "${foreignKeyIndexName(table, k, keyColumns)}" was violated.`;
      const raise = `error('MERC:200009:22000:${violated.replaceAll("'", "''")}')`;
      for (const column of k.columns)
        clauses.push(
          `CHECK (CASE WHEN ${quoteDuck(encodeName(column))} IS NULL THEN ${raise} ELSE true END)`,
        );
    }
  }
  return clauses;
}

/**
 * The index behind a foreign key, as Snowflake's errors name it: the constraint's own name, else
 * SYS_INDEX_<table>_FOREIGN_KEY_<columns>_<referenced table>_<referenced columns> (the CREATE HYBRID
 * TABLE page's SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID).
 */
export function foreignKeyIndexName(table: QualifiedName, k: TableConstraint, keyColumns: string[]): string {
  if (!k.name.startsWith("SYS_CONSTRAINT_")) return k.name;
  const target = k.references?.table.name ?? "";
  return ["SYS_INDEX", table.name, "FOREIGN_KEY", ...k.columns, target, ...keyColumns].join("_");
}

/** Snowflake's refusal to drop or replace a hybrid table another table's foreign key references. */
export function dependentTableError(): SnowflakeError {
  return compilation("Cannot drop the table because of dependencies");
}

/** What referencingTables reads of the core's stored objects (directory.ts ObjectInfo). */
interface StoredObjects {
  objectMap: Map<string, StoredObject[]>;
}

interface StoredObject {
  database: string;
  schema: string;
  name: string;
  kind: string;
  tableKind: string | null;
  text: string | null;
}

/** Live hybrid tables whose foreign keys reference `name` (other than itself). */
export function referencingTables(directory: StoredObjects, name: QualifiedName): QualifiedName[] {
  const found: QualifiedName[] = [];
  for (const list of directory.objectMap.values()) {
    for (const o of list) {
      if (o.kind !== "TABLE" || o.tableKind !== "HYBRID" || o.database !== name.database) continue;
      const self = { database: o.database, schema: o.schema, name: o.name };
      if (self.schema === name.schema && self.name === name.name) continue;
      const refs = constraintsOf(o.text, self).some(
        (k) =>
          k.references?.table.database === name.database &&
          k.references.table.schema === name.schema &&
          k.references.table.name === name.name,
      );
      if (refs) found.push(self);
    }
  }
  return found;
}

/** The index behind a UNIQUE constraint, as Snowflake names it (SYS_INDEX_MYTABLE_UNIQUE_EMAIL). */
export function uniqueIndexName(table: QualifiedName, k: TableConstraint): string {
  if (!k.name.startsWith("SYS_CONSTRAINT_")) return k.name;
  return ["SYS_INDEX", table.name, "UNIQUE", ...k.columns].join("_");
}

/** Whether DuckDB's `key "A: 1, B: 2"` text names exactly these columns. */
function namesKey(keyText: string, columns: string[]): boolean {
  return (
    columns.length > 0 && columns.every((c) => keyText.startsWith(`${c}: `) || keyText.includes(`, ${c}: `))
  );
}

/**
 * Snowflake's error for DuckDB's violation of a hybrid table's UNIQUE or FOREIGN KEY constraint in a
 * write to `target`, naming the constraint's index as Snowflake does; undefined for anything else.
 * DuckDB's message names the key's columns, which pick the constraint among the table's.
 */
export function hybridKeyError(
  target: { text: string | null; tableKind: string | null } | undefined,
  table: QualifiedName,
  error: unknown,
  directory?: StoredObjects & { relation(name: QualifiedName): StoredObject | undefined },
): SnowflakeError | undefined {
  if (target?.tableKind !== "HYBRID") return undefined;
  const text = error instanceof Error ? error.message : String(error);
  const constraints = constraintsOf(target.text, table);
  // Within one statement DuckDB does not say which key: without UNIQUE keys it is the primary key.
  if (
    /PRIMARY KEY or UNIQUE constraint violation/i.test(text) &&
    !constraints.some((c) => c.kind === "UNIQUE")
  )
    return new SnowflakeError("200001", "22000", "Primary key already exists", { detail: text });
  const unique = /Duplicate key "(.*)" violates unique constraint/s.exec(text);
  if (unique) {
    const k = constraints.find((c) => c.kind === "UNIQUE" && namesKey(unique[1] as string, c.columns));
    if (k)
      return new SnowflakeError(
        "100116",
        "23505",
        `Duplicate key value violates unique constraint "${uniqueIndexName(table, k)}"`,
        { detail: text },
      );
  }
  const foreign =
    /Violates foreign key constraint because key "(.*)" does not exist in the referenced table/s.exec(text);
  if (foreign) {
    const keyText = foreign[1] as string;
    // A foreign key written without referenced columns references the primary key DuckDB names.
    const named = [...keyText.matchAll(/(?:^|, )([^:,]+): /g)].map((m) => m[1] as string);
    const referencedColumns = (c: TableConstraint) =>
      c.references?.columns.length ? c.references.columns : named;
    const k = constraints.find((c) => c.kind === "FOREIGN KEY" && namesKey(keyText, referencedColumns(c)));
    if (k)
      return new SnowflakeError(
        "200009",
        "22000",
        `Foreign key constraint "${foreignKeyIndexName(table, k, referencedColumns(k))}" was violated.`,
        { detail: text },
      );
  }
  // A delete or update of a referenced row: the referencing table's key, which DuckDB's message names.
  const referenced = /Violates foreign key constraint because key "(.*)" is still referenced/s.exec(text);
  if (referenced && directory) {
    for (const from of referencingTables(directory, table)) {
      const source = directory.relation(from);
      const k = constraintsOf(source?.text ?? null, from).find(
        (c) =>
          c.kind === "FOREIGN KEY" &&
          c.references?.table.name === table.name &&
          c.references.table.schema === table.schema &&
          namesKey(referenced[1] as string, c.columns),
      );
      const keyColumns = k?.references?.columns.length
        ? k.references.columns
        : (constraints.find((c) => c.kind === "PRIMARY KEY")?.columns ?? []);
      if (k)
        return new SnowflakeError(
          "200009",
          "22000",
          `Foreign key constraint "${foreignKeyIndexName(from, k, keyColumns)}" was violated.`,
          { detail: text },
        );
    }
  }
  return undefined;
}
