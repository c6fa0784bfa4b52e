/** GRANT: a privilege on one object, granted to a role (in a role's `grants`, or a view's front matter). */
import { z } from "zod";
import { resolveQualifiedName } from "../identifiers.js";
import { normaliseBoolean, normaliseGrantObjectType, normalisePrivilege, splitDotted } from "../normalise.js";
import { grantPrivilegeProblem } from "../privileges.js";
import { type RoleGrantObject, roleGrantsOfRows } from "./role-grant.js";
import {
  defined,
  ident,
  objectTypeSchema,
  privilegesSchema,
  qualifiedSchema,
  qualifyIn,
  text,
} from "./shared.js";
import type { BuildContext, CatalogReader, KindDefinition, ReadScope, ShowRow } from "./types.js";

/** A privilege on one object, granted to a role. */
export interface GrantObject {
  kind: "grant";
  /** `<PRIVILEGE> ON <TYPE> <object> -> <role>`. */
  name: string;
  privilege: string;
  /** Object type with underscores, as SHOW GRANTS spells it: `TABLE`, `MATERIALIZED_VIEW`, `ACCOUNT`. */
  objectType: string;
  /** Qualified object name; empty for `ACCOUNT`. */
  objectName: string;
  role: string;
  grantOption?: boolean;
}

export const grantSchema = z.strictObject({
  privileges: privilegesSchema,
  /** DATABASE, SCHEMA, TABLE, VIEW, WAREHOUSE, ACCOUNT, … */
  on: objectTypeSchema,
  /** Qualified object name; omit for ACCOUNT. */
  name: qualifiedSchema.optional(),
  /** WITH GRANT OPTION; omitted means none (a live grant option is then drift). */
  grantOption: z.boolean().optional(),
});
export type GrantDeclaration = z.input<typeof grantSchema>;

export function grantName(g: Pick<GrantObject, "privilege" | "objectType" | "objectName" | "role">): string {
  // SHOW GRANTS reports IMPORTED PRIVILEGES as USAGE: the identity uses what Snowflake reports.
  const privilege = g.privilege === "IMPORTED PRIVILEGES" ? "USAGE" : g.privilege;
  return `${privilege} ON ${g.objectType}${g.objectName ? ` ${g.objectName}` : ""} -> ${g.role}`;
}

/** A grant with its name. */
export function grant(fields: Omit<GrantObject, "kind" | "name">): GrantObject {
  return { kind: "grant", name: grantName(fields), ...fields };
}

/** How many name parts objects of a type have (ACCOUNT 0, SCHEMA 2, DATABASE 1, tables and views 3). */
function partsForType(objectType: string): number {
  if (objectType === "ACCOUNT") return 0;
  if (
    ["DATABASE", "WAREHOUSE", "ROLE", "USER", "RESOURCE_MONITOR", "INTEGRATION", "DATABASE_ROLE"].includes(
      objectType,
    )
  )
    return 1;
  if (objectType === "SCHEMA") return 2;
  return 3;
}

/**
 * SHOW GRANTS TO ROLE r: privileges (GrantObject) and roles granted to r (`USAGE` on `ROLE`,
 * a RoleGrantObject). Search-optimisation phantom grants (`…IDX_MV_…`) are dropped.
 */
export function grantsFromRows(rows: ShowRow[]): (GrantObject | RoleGrantObject)[] {
  const objects: (GrantObject | RoleGrantObject)[] = [];
  for (const row of rows) {
    const grantedTo = (text(row, "granted_to") ?? "ROLE").toUpperCase();
    if (grantedTo !== "ROLE") continue;
    const role = ident(text(row, "grantee_name"));
    const objectType = normaliseGrantObjectType(text(row, "granted_on") ?? "");
    const name = text(row, "name");
    // USAGE on a role is the role granted; OWNERSHIP on a role is who owns it (a grant like any other).
    const isRoleGrant =
      objectType === "ROLE" && normalisePrivilege(text(row, "privilege") ?? "USAGE") === "USAGE";
    if (isRoleGrant) {
      const child = ident(name);
      objects.push({
        kind: "role_grant",
        name: `${child} -> ROLE ${role}`,
        role: child,
        granteeType: "ROLE",
        grantee: role,
      });
      continue;
    }
    if (objectType === "MATERIALIZED_VIEW" && name?.includes("IDX_MV_")) continue;
    const privilege = normalisePrivilege(text(row, "privilege") ?? "");
    // Reported names are SQL-ready; functions and procedures carry their signature, kept as reported.
    const objectName = objectType === "ACCOUNT" || !name ? "" : name;
    objects.push(
      defined({
        kind: "grant",
        name: `${privilege} ON ${objectType}${objectName ? ` ${objectName}` : ""} -> ${role}`,
        privilege,
        objectType,
        objectName,
        role,
        grantOption: normaliseBoolean(text(row, "grant_option")),
      } satisfies GrantObject),
    );
  }
  return objects;
}

/**
 * Grants to and of every managed role that exists: SHOW ROLES, then one round trip per role carrying
 * SHOW GRANTS TO ROLE and SHOW GRANTS OF ROLE together. Grants and role grants both read this; the
 * reader's memo makes it one set of round trips.
 */
export async function grantsToAndOfRoles(
  reader: CatalogReader,
  { scope }: ReadScope,
): Promise<(GrantObject | RoleGrantObject)[]> {
  const existing = new Set((await reader.show("SHOW ROLES")).map((row) => ident(text(row, "name"))));
  const perRole = await Promise.all(
    scope.roles
      .filter((role) => existing.has(role))
      .map(async (role) => {
        const [to, of] = await reader.batch([`SHOW GRANTS TO ROLE ${role}`, `SHOW GRANTS OF ROLE ${role}`]);
        return [...(to ? grantsFromRows(to) : []), ...(of ? roleGrantsOfRows(role, of) : [])];
      }),
  );
  return perRole.flat();
}

/** Builds a role's declared grants. */
export function buildGrants(
  role: string,
  grants: z.output<typeof grantSchema>[],
  context: BuildContext,
): void {
  for (const g of grants) {
    const objectType = normaliseGrantObjectType(g.on);
    const parts = partsForType(objectType);
    if (parts > 0 && !g.name) {
      context.problem(
        `ROLE ${role}`,
        `a grant on ${objectType} needs a name`,
        "Add name: '<object>'.",
        "grants",
      );
      continue;
    }
    const objectName =
      parts === 0
        ? ""
        : parts === 1
          ? resolveQualifiedName(g.name!)
          : qualifyIn(g.name!, parts, context.database);
    for (const privilege of g.privileges) {
      const problem = grantPrivilegeProblem(objectType, normalisePrivilege(privilege));
      if (problem) {
        context.problem(
          `ROLE ${role}`,
          `a grant on ${objectType.replace(/_/g, " ")}: ${problem.message}`,
          problem.hint,
          "grants",
        );
        continue;
      }
      context.add(
        grant({
          privilege: normalisePrivilege(privilege),
          objectType,
          objectName,
          role,
          // Not declaring it means no grant option: a role that may pass a privilege on is drift.
          grantOption: g.grantOption ?? false,
        }),
      );
    }
  }
}

/** A role's grants written back: one entry per object and grant option, privileges together. */
export function grantDeclarations(grants: readonly GrantObject[]): GrantDeclaration[] {
  const entries = new Map<string, GrantDeclaration & { privileges: string[] }>();
  for (const g of [...grants].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = `${g.objectType}|${g.objectName}|${g.grantOption === true}`;
    const entry = entries.get(key) ?? {
      privileges: [],
      on: g.objectType,
      ...(g.objectName ? { name: g.objectName } : {}),
      ...(g.grantOption ? { grantOption: true } : {}),
    };
    entry.privileges.push(g.privilege);
    entries.set(key, entry);
  }
  return [...entries.values()];
}

export const grantKind: KindDefinition<"grant"> = {
  kind: "grant",
  label: "GRANT",
  category: "security",
  order: { report: 22, create: 80, remove: 10 },
  comparedByDefault: true,
  properties: { grantOption: { label: "grant_option" } },
  read: async (reader, scope) =>
    (await grantsToAndOfRoles(reader, scope)).filter((o): o is GrantObject => o.kind === "grant"),
  // Ownership follows whoever created an object; it is compared only when declared.
  isManaged: (object, scope) => scope.roles.includes(object.role) && object.privilege !== "OWNERSHIP",
  create: (g) => [{ sql: grantSql(g), destructive: false, reason: "grant" }],
  alter: (g) =>
    g.grantOption
      ? [{ sql: grantSql(g), destructive: false, reason: "add grant option" }]
      : [
          {
            sql: `REVOKE GRANT OPTION FOR ${g.privilege} ON ${grantOn(g)} FROM ROLE ${g.role}`,
            destructive: true,
            reason: "remove grant option",
          },
        ],
  remove: (g) => `REVOKE ${g.privilege} ON ${grantOn(g)} FROM ROLE ${g.role}`,
  removal: "revoke",
  check(object, context) {
    if (!context.has("role", object.role)) {
      context.problem(
        `is granted to role ${object.role}, which is not declared`,
        "Declare the role in roles/.",
      );
    }
    if (object.objectType === "WAREHOUSE" && !context.has("warehouse", object.objectName)) {
      context.problem(
        `is on warehouse ${object.objectName}, which is not declared`,
        "Declare the warehouse in monitors/.",
      );
    }
    const inDb = object.objectName.startsWith(`${context.db}.`);
    if (object.objectType === "SCHEMA" && inDb && !context.schemas.has(object.objectName)) {
      context.problem(
        `is on schema ${object.objectName}, which is not in the config's schemas`,
        "Add the schema to `schemas` in mercurios.config.ts or fix the name.",
      );
    }
    if (object.objectType === "VIEW" && inDb && !context.has("view", object.objectName)) {
      context.problem(
        `is on view ${object.objectName}, which is not declared in views/`,
        "Add the view file or fix the name.",
      );
    }
  },
  // Written in the `grants` of its role.
  write: () => undefined,
};

function grantOn(g: GrantObject): string {
  return g.objectType === "ACCOUNT" ? "ACCOUNT" : `${g.objectType.replace(/_/g, " ")} ${g.objectName}`;
}

function grantSql(g: GrantObject): string {
  return `GRANT ${g.privilege} ON ${grantOn(g)} TO ROLE ${g.role}${g.grantOption ? " WITH GRANT OPTION" : ""}`;
}

/** Whether a live grant on an object in a schema is what a declared future grant produced. */
export function grantTarget(g: GrantObject): { database: string; schema: string } | undefined {
  const parts = splitDotted(g.objectName);
  if (parts.length !== 3) return undefined;
  return { database: parts[0]!, schema: parts[1]! };
}
