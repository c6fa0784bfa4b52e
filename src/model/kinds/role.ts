/** ROLE: declared in roles/ with `defineRole`, with its parents, grants and future grants. */
import { z } from "zod";
import { quoteString } from "../identifiers.js";
import { normaliseComment } from "../normalise.js";
import { isSystemRole } from "../system-roles.js";
import {
  buildFutureGrants,
  type FutureGrantObject,
  futureGrantDeclarations,
  futureGrantSchema,
} from "./future-grant.js";
import { buildGrants, type GrantObject, grantDeclarations, grantSchema } from "./grant.js";
import { type RoleGrantObject, roleGrant } from "./role-grant.js";
import {
  commentSchema,
  commentStep,
  declaredName,
  defined,
  ident,
  identifierSchema,
  mapRows,
  ownerOf,
  text,
  when,
} from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

export interface RoleObject {
  kind: "role";
  name: string;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export const roleSchema = z.strictObject({
  name: identifierSchema,
  comment: commentSchema,
  owner: identifierSchema.optional(),
  /** Roles this role is granted to (its parents in the hierarchy), e.g. SYSADMIN. */
  parents: z.array(identifierSchema).default([]),
  grants: z.array(grantSchema).default([]),
  futureGrants: z.array(futureGrantSchema).default([]),
});
export type RoleDeclaration = z.input<typeof roleSchema>;

/** SHOW ROLES. The counter columns (assigned_to_users, granted_roles, …) are never compared. */
export function roleFromRow(row: ShowRow): RoleObject {
  return defined({
    kind: "role" as const,
    name: ident(text(row, "name")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row),
  });
}

export const roleKind: KindDefinition<"role"> = {
  kind: "role",
  label: "ROLE",
  category: "security",
  order: { report: 20, create: 10, remove: 100 },
  comparedByDefault: true,
  properties: {
    comment: { label: "comment" },
    owner: { label: "owner", category: "security" },
  },
  read: async (reader) => mapRows(await reader.show("SHOW ROLES"), roleFromRow),
  isManaged: (object, scope) => scope.roles.includes(object.name) && !isSystemRole(object.name),
  ownershipType: "ROLE",
  create: (role) => [
    {
      sql: `CREATE ROLE ${role.name}${role.comment ? ` COMMENT = ${quoteString(role.comment)}` : ""}`,
      destructive: false,
      reason: "create",
    },
  ],
  alter: (role) => [commentStep(`ALTER ROLE ${role.name}`, role.comment)],
  remove: (role) => `DROP ROLE ${role.name}`,
  removal: "drop",
  declaration: {
    brand: "role",
    schema: roleSchema,
    build(value: z.output<typeof roleSchema>, context) {
      const role = declaredName(value.name);
      if (isSystemRole(role)) {
        context.problem(
          `ROLE ${role}`,
          "is a system role and cannot be declared",
          "Declare your own role and make the system role its parent.",
        );
        return;
      }
      context.add({
        kind: "role",
        name: role,
        ...when("comment", value.comment === undefined ? undefined : value.comment || null),
        ...when("owner", value.owner === undefined ? undefined : declaredName(value.owner)),
      });
      for (const written of value.parents) {
        const parent = declaredName(written);
        if (parent === "PUBLIC") {
          context.problem(
            `ROLE ${role}`,
            "cannot be granted to PUBLIC (an implicit pseudo-role)",
            "Remove PUBLIC from parents.",
            "parents",
          );
          continue;
        }
        context.add(roleGrant(role, "ROLE", parent));
      }
      buildGrants(role, value.grants, context);
      buildFutureGrants(role, value.futureGrants, context);
    },
  },
  write(role, { objects }) {
    const parents = objects
      .filter(
        (o): o is RoleGrantObject =>
          o.kind === "role_grant" && o.granteeType === "ROLE" && o.role === role.name,
      )
      .map((g) => g.grantee)
      .sort();
    const grants = objects.filter((o): o is GrantObject => o.kind === "grant" && o.role === role.name);
    const future = objects.filter(
      (o): o is FutureGrantObject => o.kind === "future_grant" && o.role === role.name,
    );
    const { kind: _kind, ...rest } = role;
    return {
      folder: "roles",
      helper: "defineRole",
      value: {
        ...rest,
        ...(parents.length ? { parents } : {}),
        ...(grants.length ? { grants: grantDeclarations(grants) } : {}),
        ...(future.length ? { futureGrants: futureGrantDeclarations(future) } : {}),
      },
    };
  },
};
