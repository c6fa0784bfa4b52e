/**
 * Helpers the kind modules share: reading SHOW rows, resolving declared names, the zod building
 * blocks of declarations, and small DDL pieces.
 */
import { z } from "zod";
import { PlanError } from "../../errors/index.js";
import {
  quoteIdentifier,
  quoteString,
  resolveIdentifier,
  resolveQualifiedName,
  splitQualifiedName,
} from "../identifiers.js";
import { normaliseOptionalName, normaliseOwner } from "../normalise.js";
import type { ModelObject } from "../types.js";
import type { RenderedStatement, ShowRow } from "./types.js";

// ── SHOW rows ───────────────────────────────────────────────────────────────────────────────────

/** A column of a SHOW row (null when absent). */
export const text = (row: ShowRow, column: string): string | null => row[column] ?? null;

/** A name SHOW reports in resolved form, SQL-ready. */
export const ident = (value: string | null | undefined): string => quoteIdentifier(value ?? "");

/** A name SHOW reports in resolved form; null markers -> null. */
export const optionalIdent = (value: string | null | undefined): string | null => {
  const name = normaliseOptionalName(value);
  return name === null ? null : quoteIdentifier(name);
};

/** The owner column, DATABASE_ROLE owners qualified with the object's database. */
export function ownerOf(row: ShowRow, database?: string): string | undefined {
  const owner = normaliseOwner(text(row, "owner"), text(row, "owner_role_type"));
  if (owner === undefined) return undefined;
  const dbRole = (text(row, "owner_role_type") ?? "").toUpperCase() === "DATABASE_ROLE";
  if (dbRole && owner.includes(".")) return resolveQualifiedName(owner);
  return dbRole && database ? `${database}.${quoteIdentifier(owner)}` : quoteIdentifier(owner);
}

/** Drops the properties left undefined (not readable, so not compared). */
export function defined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
}

/** Rows of one SHOW, mapped, without the rows that map to nothing. */
export function mapRows<T>(rows: readonly ShowRow[], map: (row: ShowRow) => T | undefined): T[] {
  return rows.map(map).filter((o): o is T => o !== undefined);
}

// ── declared names ──────────────────────────────────────────────────────────────────────────────

/** A declared identifier, SQL-ready: `mercurios_dev_wh` -> `MERCURIOS_DEV_WH`. */
export const declaredName = (written: string): string => quoteIdentifier(resolveIdentifier(written));

/** A declared identifier that may be `null` (declared as unset). */
export const declaredOptionalName = (written: string | null): string | null =>
  written === null ? null : declaredName(written);

/** Qualifies a written name with the database (and schema) when parts are left out. */
export function qualifyIn(written: string, wantedParts: number, database: string, schema?: string): string {
  const parts = splitQualifiedName(written);
  if (wantedParts === 3 && parts.length === 1) parts.unshift(database, schema ?? "PUBLIC");
  else if (parts.length === wantedParts - 1) parts.unshift(database);
  return parts.map(quoteIdentifier).join(".");
}

/** `{ key: value }` when value is defined, else `{}`: for building objects of declared properties only. */
export function when<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ── declarations (zod) ──────────────────────────────────────────────────────────────────────────

/** An identifier as written: unquoted (`MERCURIOS_DEV_WH`) or double-quoted (`"Mixed Case"`). */
export const identifierSchema = z
  .string({ error: "expected a Snowflake identifier (string)" })
  .regex(
    /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")$/,
    "expected a Snowflake identifier such as MERCURIOS_DEV_WH (quote other names in double quotes)",
  );

/** A possibly qualified name: `DB.SCHEMA.NAME`. */
export const qualifiedSchema = z
  .string({ error: "expected a (qualified) Snowflake name (string)" })
  .regex(
    /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")){0,2}$/,
    "expected a name such as MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY",
  );

export const commentSchema = z.string().nullable().optional();

/** A value read from the process environment when declarations are loaded: `{ env: 'NAME' }`. */
export const envValueSchema = z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });
/** A value read from a config var of the selected environment: `{ var: 'name' }`. */
export const varValueSchema = z.strictObject({ var: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });

/** Object types a privilege can be granted on (SHOW GRANTS spelling, spaces allowed). */
export const objectTypeSchema = z
  .string()
  .regex(/^[A-Za-z_ ]+$/, "expected an object type such as DATABASE, SCHEMA, TABLE, VIEW or WAREHOUSE");

export const privilegesSchema = z
  .array(z.string().regex(/^[A-Za-z_ ]+$/, "expected a privilege such as SELECT or USAGE"))
  .min(1);

// ── DDL ─────────────────────────────────────────────────────────────────────────────────────────

export const sqlBool = (value: boolean) => (value ? "TRUE" : "FALSE");
export const sqlText = (value: string | null | undefined) =>
  value === null || value === undefined ? "NULL" : quoteString(value);

/** A plan step that changes nothing destructive. */
export const step = (sql: string, reason: string): RenderedStatement => ({ sql, destructive: false, reason });

/** `alter a, b` from the changed properties. */
export const alterReason = (changes: readonly { label: string }[]) =>
  `alter ${changes.map((c) => c.label).join(", ")}`;

/** `SET COMMENT = '…'` or `UNSET COMMENT` for kinds whose comment is altered that way. */
export function commentStep(prefix: string, comment: string | null | undefined): RenderedStatement {
  return step(
    comment ? `${prefix} SET COMMENT = ${quoteString(comment)}` : `${prefix} UNSET COMMENT`,
    "alter comment",
  );
}

/** Every difference renders or throws: this is the throw. */
export function cannotRender(label: string, what: string, hint: string): never {
  throw new PlanError("PLAN_UNRENDERABLE", `cannot render ${what} for ${label}`, {
    location: { object: label },
    hint,
  });
}

/** The label of an object for messages (`WAREHOUSE X`), given its kind's label. */
export const labelOf = (kindLabel: string, object: Pick<ModelObject, "name">) =>
  `${kindLabel} ${object.name}`;

/** Joined list for reports: `(none)` when empty. */
export const displayList = (value: unknown): string =>
  Array.isArray(value) ? (value.length === 0 ? "(none)" : value.join(", ")) : String(value);
