/**
 * SCHEMA: declared in mercurios.config.ts (`schemas`, each a name or `{ name, transient,
 * managedAccess, dataRetentionTimeInDays, comment }`). `up` creates them before migrations run.
 * Schemas of a managed database that are not declared are drift, except PUBLIC and
 * INFORMATION_SCHEMA, which Snowflake creates with every database.
 */
import { z } from "zod";
import { splitQualifiedName } from "../identifiers.js";
import { normaliseComment, normaliseNumber } from "../normalise.js";
import { alterContainer, containerSettings } from "./database.js";
import {
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

export interface SchemaObject {
  kind: "schema";
  /** `DB.SCHEMA`. */
  name: string;
  database: string;
  /** Create-only in effect: a schema cannot become transient or permanent in place. */
  transient?: boolean;
  /** WITH MANAGED ACCESS: only the schema owner grants privileges on its objects. */
  managedAccess?: boolean;
  dataRetentionTimeInDays?: number | null;
  comment?: string | null;
}

/** The declared options of a schema (an entry of the config's `schemas` in object form). */
export const schemaSchema = z.strictObject({
  /** Defaults to the environment's database. */
  database: identifierSchema.optional(),
  name: identifierSchema,
  transient: z.boolean().optional(),
  managedAccess: z.boolean().optional(),
  dataRetentionTimeInDays: z.number().int().min(0).max(90).nullable().optional(),
  comment: commentSchema,
});
export type SchemaDeclaration = z.input<typeof schemaSchema>;

/** Schemas Snowflake creates in every database: never drift when not declared. */
const BUILT_IN_SCHEMAS = new Set(["PUBLIC", "INFORMATION_SCHEMA"]);

/** SHOW SCHEMAS: `options` lists TRANSIENT and MANAGED ACCESS; `retention_time` in days. */
export function schemaFromRow(row: ShowRow): SchemaObject {
  const options = (text(row, "options") ?? "").toUpperCase();
  const database = ident(text(row, "database_name"));
  return defined({
    kind: "schema" as const,
    name: `${database}.${ident(text(row, "name"))}`,
    database,
    transient: "options" in row ? options.includes("TRANSIENT") : undefined,
    managedAccess: "options" in row ? options.includes("MANAGED ACCESS") : undefined,
    dataRetentionTimeInDays: normaliseNumber(text(row, "retention_time")) ?? undefined,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
  });
}

const schemaPart = (schema: Pick<SchemaObject, "name">) =>
  splitQualifiedName(schema.name).at(-1) ?? schema.name;

export const schemaKind: KindDefinition<"schema"> = {
  kind: "schema",
  label: "SCHEMA",
  category: "schema",
  order: { report: 2, create: 2, remove: 98 },
  comparedByDefault: true,
  properties: {
    transient: { label: "transient" },
    managedAccess: { label: "managed_access", category: "security" },
    dataRetentionTimeInDays: { label: "data_retention_time_in_days" },
    comment: { label: "comment" },
  },
  async read(reader, { scope }) {
    const perDatabase = await Promise.all(
      scope.databases.map(async (database) =>
        mapRows(await reader.show(`SHOW SCHEMAS IN DATABASE ${database}`), schemaFromRow),
      ),
    );
    return perDatabase.flat();
  },
  isManaged: (schema, scope) =>
    scope.databases.includes(schema.database) && !BUILT_IN_SCHEMAS.has(schemaPart(schema)),
  create: (schema) => [
    step(
      `CREATE ${schema.transient ? "TRANSIENT " : ""}SCHEMA ${schema.name}${schema.managedAccess ? " WITH MANAGED ACCESS" : ""}${containerSettings(schema)}`,
      "create",
    ),
  ],
  alter(schema, changes) {
    const access = changes.some((c) => c.property === "managedAccess")
      ? [
          step(
            `ALTER SCHEMA ${schema.name} ${schema.managedAccess ? "ENABLE" : "DISABLE"} MANAGED ACCESS`,
            "alter managed_access",
          ),
        ]
      : [];
    return [
      ...access,
      ...alterContainer(
        "SCHEMA",
        schema,
        changes.filter((c) => c.property !== "managedAccess"),
      ),
    ];
  },
  remove: (schema) => `DROP SCHEMA ${schema.name}`,
  removal: "drop",
  declaration: {
    brand: "schema",
    schema: schemaSchema,
    build(value: z.output<typeof schemaSchema>, context) {
      const database = value.database ? declaredName(value.database) : context.db;
      context.add({
        kind: "schema",
        name: `${database}.${declaredName(value.name)}`,
        database,
        ...when("transient", value.transient),
        ...when("managedAccess", value.managedAccess),
        ...when("dataRetentionTimeInDays", value.dataRetentionTimeInDays),
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
      });
    },
  },
  check(schema, context) {
    if (!context.has("database", schema.database) && schema.database === context.db) {
      context.problem(
        `is in database ${schema.database}, which is not declared`,
        "Declare the database in mercurios.config.ts.",
      );
    }
  },
  write(schema) {
    const { kind: _kind, name: _name, database: _database, ...rest } = schema;
    return {
      folder: "config",
      configKey: "schemas",
      value: { name: declaredName(schemaPart(schema)), ...rest },
    };
  },
};
