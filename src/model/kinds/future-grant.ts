/** FUTURE GRANT: a privilege on future objects of one type in a database or schema (a role's `futureGrants`). */
import { z } from "zod";
import { resolveQualifiedName } from "../identifiers.js";
import { grantPrivilegeProblem } from "../privileges.js";
import {
  normaliseBoolean,
  normalisePrivilege,
  parseFutureGrantName,
  pluralObjectType,
  singularObjectType,
} from "../normalise.js";
import {
  defined,
  ident,
  mapRows,
  objectTypeSchema,
  privilegesSchema,
  qualifiedSchema,
  qualifyIn,
  text,
} from "./shared.js";
import type { BuildContext, KindDefinition, ShowRow } from "./types.js";

/** A privilege on future objects of one type in a database or schema. */
export interface FutureGrantObject {
  kind: "future_grant";
  /** `<PRIVILEGE> ON FUTURE <TYPE>S IN <SCOPE> <container> -> <role>`. */
  name: string;
  privilege: string;
  /** Singular object type with underscores: `TABLE`, `VIEW`, `MATERIALIZED_VIEW`. */
  objectType: string;
  scope: "DATABASE" | "SCHEMA";
  /** `DB` or `DB.SCHEMA`. */
  container: string;
  role: string;
  grantOption?: boolean;
}

export const futureGrantSchema = z.strictObject({
  privileges: privilegesSchema,
  /** Plural or singular object type: TABLES, VIEWS, MATERIALIZED VIEWS. */
  on: objectTypeSchema,
  /** DATABASE or SCHEMA. */
  in: z.enum(["DATABASE", "SCHEMA"]),
  /** `DB` or `DB.SCHEMA`. */
  name: qualifiedSchema,
  grantOption: z.boolean().optional(),
});
export type FutureGrantDeclaration = z.input<typeof futureGrantSchema>;

export function futureGrantName(
  g: Pick<FutureGrantObject, "privilege" | "objectType" | "scope" | "container" | "role">,
): string {
  return `${g.privilege} ON FUTURE ${g.objectType} IN ${g.scope} ${g.container} -> ${g.role}`;
}

/** SHOW FUTURE GRANTS IN SCHEMA|DATABASE: `grant_on`, `grant_to`, name `DB.S.<TABLE>`. */
export function futureGrantsFromRows(rows: ShowRow[]): FutureGrantObject[] {
  return mapRows(rows, (row) => {
    const grantTo = (text(row, "grant_to") ?? text(row, "granted_to") ?? "ROLE").toUpperCase();
    if (grantTo !== "ROLE") return undefined;
    const { container, scope } = parseFutureGrantName(text(row, "name") ?? "");
    const objectType = singularObjectType(text(row, "grant_on") ?? text(row, "granted_on") ?? "");
    const privilege = normalisePrivilege(text(row, "privilege") ?? "");
    const role = ident(text(row, "grantee_name"));
    const containerName = resolveQualifiedName(container);
    return defined({
      kind: "future_grant",
      name: `${privilege} ON FUTURE ${objectType} IN ${scope} ${containerName} -> ${role}`,
      privilege,
      objectType,
      scope,
      container: containerName,
      role,
      grantOption: normaliseBoolean(text(row, "grant_option")),
    } satisfies FutureGrantObject);
  });
}

/** Builds a role's declared future grants. */
export function buildFutureGrants(
  role: string,
  grants: z.output<typeof futureGrantSchema>[],
  context: BuildContext,
): void {
  for (const g of grants) {
    const objectType = singularObjectType(g.on);
    const container = qualifyIn(g.name, g.in === "SCHEMA" ? 2 : 1, context.database);
    for (const privilege of g.privileges) {
      const problem = grantPrivilegeProblem(objectType, normalisePrivilege(privilege));
      if (problem) {
        const on = objectType.replace(/_/g, " ");
        context.problem(
          `ROLE ${role}`,
          `a future grant on ${on}: ${problem.message}`,
          problem.hint,
          "futureGrants",
        );
        continue;
      }
      const fields = {
        privilege: normalisePrivilege(privilege),
        objectType,
        scope: g.in,
        container,
        role,
        // Not declaring it means no grant option: a live grant option is drift.
        grantOption: g.grantOption ?? false,
      };
      context.add({ kind: "future_grant", name: futureGrantName(fields), ...fields });
    }
  }
}

/** A role's future grants written back, privileges on the same objects together. */
export function futureGrantDeclarations(grants: readonly FutureGrantObject[]): FutureGrantDeclaration[] {
  const entries = new Map<string, FutureGrantDeclaration & { privileges: string[] }>();
  for (const g of [...grants].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = `${g.objectType}|${g.scope}|${g.container}|${g.grantOption === true}`;
    const entry = entries.get(key) ?? {
      privileges: [],
      on: pluralObjectType(g.objectType),
      in: g.scope,
      name: g.container,
      ...(g.grantOption ? { grantOption: true } : {}),
    };
    entry.privileges.push(g.privilege);
    entries.set(key, entry);
  }
  return [...entries.values()];
}

function futureOn(g: FutureGrantObject): string {
  return `FUTURE ${pluralObjectType(g.objectType)} IN ${g.scope} ${g.container}`;
}

/** The database of `DB` or `DB.SCHEMA`. */
function databaseOf(name: string): string {
  const match = /^("(?:[^"]|"")*"|[^.]+)\./.exec(name);
  return match?.[1] ?? name;
}

export const futureGrantKind: KindDefinition<"future_grant"> = {
  kind: "future_grant",
  label: "FUTURE GRANT",
  category: "security",
  order: { report: 23, create: 90, remove: 11 },
  comparedByDefault: true,
  properties: { grantOption: { label: "grant_option" } },
  async read(reader, { scope, schemas }) {
    const reads = scope.databases.flatMap((database) => [
      `SHOW FUTURE GRANTS IN DATABASE ${database}`,
      ...schemas.map((schema) => `SHOW FUTURE GRANTS IN SCHEMA ${database}.${schema}`),
    ]);
    return (await Promise.all(reads.map(async (sql) => futureGrantsFromRows(await reader.show(sql))))).flat();
  },
  isManaged: (object, scope) =>
    scope.roles.includes(object.role) || scope.databases.includes(databaseOf(object.container)),
  create: (g) => [
    {
      sql: `GRANT ${g.privilege} ON ${futureOn(g)} TO ROLE ${g.role}${g.grantOption ? " WITH GRANT OPTION" : ""}`,
      destructive: false,
      reason: "grant future",
    },
  ],
  alter: (g) =>
    g.grantOption
      ? [
          {
            sql: `GRANT ${g.privilege} ON ${futureOn(g)} TO ROLE ${g.role} WITH GRANT OPTION`,
            destructive: false,
            reason: "add grant option",
          },
        ]
      : [
          {
            sql: `REVOKE GRANT OPTION FOR ${g.privilege} ON ${futureOn(g)} FROM ROLE ${g.role}`,
            destructive: true,
            reason: "remove grant option",
          },
        ],
  remove: (g) => `REVOKE ${g.privilege} ON ${futureOn(g)} FROM ROLE ${g.role}`,
  removal: "revoke",
  check(object, context) {
    if (!context.has("role", object.role)) {
      context.problem(
        `is granted to role ${object.role}, which is not declared`,
        "Declare the role in roles/.",
      );
    }
    if (
      object.scope === "SCHEMA" &&
      object.container.startsWith(`${context.db}.`) &&
      !context.schemas.has(object.container)
    ) {
      context.problem(
        `is in schema ${object.container}, which is not in the config's schemas`,
        "Add the schema to `schemas` in mercurios.config.ts or fix the name.",
      );
    }
  },
  // Written in the `futureGrants` of its role.
  write: () => undefined,
};
