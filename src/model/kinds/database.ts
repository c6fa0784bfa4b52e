/**
 * DATABASE: declared in mercurios.config.ts (`database`, a name or `{ name, transient,
 * dataRetentionTimeInDays, comment }`, overridable per environment). `up` creates it before
 * migrations run. Only the declared database is ever compared: an undeclared one is never drift.
 */
import { z } from "zod";
import { quoteString } from "../identifiers.js";
import { normaliseComment, normaliseNumber } from "../normalise.js";
import {
  alterReason,
  cannotRender,
  commentSchema,
  declaredName,
  defined,
  ident,
  identifierSchema,
  mapRows,
  step,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

export interface DatabaseObject {
  kind: "database";
  name: string;
  /** Create-only in effect: a database cannot become transient or permanent in place. */
  transient?: boolean;
  /** Time Travel retention; `null` declares Snowflake's default (UNSET). */
  dataRetentionTimeInDays?: number | null;
  comment?: string | null;
}

/** The declared options of a database (the config's `database` object form). */
export const databaseSchema = z.strictObject({
  name: identifierSchema,
  transient: z.boolean().optional(),
  dataRetentionTimeInDays: z.number().int().min(0).max(90).nullable().optional(),
  comment: commentSchema,
});
export type DatabaseDeclaration = z.input<typeof databaseSchema>;

/** SHOW DATABASES: `options` says TRANSIENT; `retention_time` in days. */
export function databaseFromRow(row: ShowRow): DatabaseObject {
  const options = (text(row, "options") ?? "").toUpperCase();
  return defined({
    kind: "database" as const,
    name: ident(text(row, "name")),
    transient: "options" in row ? options.includes("TRANSIENT") : undefined,
    dataRetentionTimeInDays: normaliseNumber(text(row, "retention_time")) ?? undefined,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
  });
}

/** `DATA_RETENTION_TIME_IN_DAYS = n COMMENT = '…'` for a database or schema being created. */
export function containerSettings(object: {
  dataRetentionTimeInDays?: number | null;
  comment?: string | null;
}): string {
  const settings: string[] = [];
  if (typeof object.dataRetentionTimeInDays === "number")
    settings.push(`DATA_RETENTION_TIME_IN_DAYS = ${object.dataRetentionTimeInDays}`);
  if (object.comment) settings.push(`COMMENT = ${quoteString(object.comment)}`);
  return settings.length ? ` ${settings.join(" ")}` : "";
}

/** SET / UNSET of retention and comment; `transient` cannot change in place. */
export function alterContainer(
  type: "DATABASE" | "SCHEMA",
  object: { name: string; dataRetentionTimeInDays?: number | null; comment?: string | null },
  changes: readonly { property: string; label: string }[],
): ReturnType<typeof step>[] {
  const sets: string[] = [];
  const unsets: string[] = [];
  for (const change of changes) {
    if (change.property === "dataRetentionTimeInDays") {
      if (object.dataRetentionTimeInDays === null || object.dataRetentionTimeInDays === undefined)
        unsets.push("DATA_RETENTION_TIME_IN_DAYS");
      else sets.push(`DATA_RETENTION_TIME_IN_DAYS = ${object.dataRetentionTimeInDays}`);
    } else if (change.property === "comment") {
      if (object.comment) sets.push(`COMMENT = ${quoteString(object.comment)}`);
      else unsets.push("COMMENT");
    } else if (change.property === "transient") {
      cannotRender(
        `${type} ${object.name}`,
        "a change of transient",
        `A ${type.toLowerCase()} cannot become transient or permanent in place: create a new one and move the data, or declare what the account has.`,
      );
    }
  }
  const reason = alterReason(changes.filter((c) => c.property !== "managedAccess"));
  return [
    ...(sets.length ? [step(`ALTER ${type} ${object.name} SET ${sets.join(" ")}`, reason)] : []),
    ...(unsets.length ? [step(`ALTER ${type} ${object.name} UNSET ${unsets.join(", ")}`, reason)] : []),
  ];
}

export const databaseKind: KindDefinition<"database"> = {
  kind: "database",
  label: "DATABASE",
  category: "schema",
  order: { report: 1, create: 1, remove: 99 },
  comparedByDefault: true,
  properties: {
    transient: { label: "transient" },
    dataRetentionTimeInDays: { label: "data_retention_time_in_days" },
    comment: { label: "comment" },
  },
  read: async (reader) => mapRows(await reader.show("SHOW DATABASES"), databaseFromRow),
  // Only declared databases are in scope, so an undeclared one is never "unexpected" (nor dropped).
  isManaged: () => false,
  create: (db) => [
    step(`CREATE ${db.transient ? "TRANSIENT " : ""}DATABASE ${db.name}${containerSettings(db)}`, "create"),
  ],
  alter: (db, changes) => alterContainer("DATABASE", db, changes),
  remove: (db) => `DROP DATABASE ${db.name}`,
  removal: "drop",
  declaration: {
    brand: "database",
    schema: databaseSchema,
    build(value: z.output<typeof databaseSchema>, context) {
      context.add({
        kind: "database",
        name: declaredName(value.name),
        ...when("transient", value.transient),
        ...when("dataRetentionTimeInDays", value.dataRetentionTimeInDays),
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
      });
    },
  },
  write(db) {
    const { kind: _kind, ...rest } = db;
    return { folder: "config", configKey: "database", value: rest };
  },
};
