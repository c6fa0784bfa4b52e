/** ROLE GRANT: a role granted to a role (`parents` of a role) or to a user (`roles` of a user). */
import { isSystemRole } from "../system-roles.js";
import { grantsToAndOfRoles } from "./grant.js";
import { cannotRender, ident, text } from "./shared.js";
import type { KindDefinition, ShowRow } from "./types.js";

/** A role granted to a role or a user (`GRANT ROLE role TO ROLE|USER grantee`). */
export interface RoleGrantObject {
  kind: "role_grant";
  /** `<role> -> ROLE|USER <grantee>`. */
  name: string;
  role: string;
  granteeType: "ROLE" | "USER";
  grantee: string;
}

export function roleGrantName(g: Pick<RoleGrantObject, "role" | "granteeType" | "grantee">): string {
  return `${g.role} -> ${g.granteeType} ${g.grantee}`;
}

/** A role grant with its name. */
export function roleGrant(role: string, granteeType: "ROLE" | "USER", grantee: string): RoleGrantObject {
  return {
    kind: "role_grant",
    name: roleGrantName({ role, granteeType, grantee }),
    role,
    granteeType,
    grantee,
  };
}

/** SHOW GRANTS OF ROLE r: who holds r (roles and users). */
export function roleGrantsOfRows(role: string, rows: ShowRow[]): RoleGrantObject[] {
  const objects: RoleGrantObject[] = [];
  for (const row of rows) {
    const grantedTo = (text(row, "granted_to") ?? "").toUpperCase();
    if (grantedTo !== "ROLE" && grantedTo !== "USER") continue;
    objects.push(roleGrant(role, grantedTo, ident(text(row, "grantee_name"))));
  }
  return objects;
}

export const roleGrantKind: KindDefinition<"role_grant"> = {
  kind: "role_grant",
  label: "ROLE GRANT",
  category: "security",
  order: { report: 21, create: 50, remove: 12 },
  comparedByDefault: true,
  properties: {},
  read: async (reader, scope) =>
    (await grantsToAndOfRoles(reader, scope)).filter((o): o is RoleGrantObject => o.kind === "role_grant"),
  isManaged(object, scope) {
    const roles = new Set(scope.roles);
    return (
      roles.has(object.role) ||
      (object.granteeType === "ROLE" && roles.has(object.grantee)) ||
      (object.granteeType === "USER" && scope.users.includes(object.grantee))
    );
  },
  create: (g) => [
    {
      sql: `GRANT ROLE ${g.role} TO ${g.granteeType} ${g.grantee}`,
      destructive: false,
      reason: "grant role",
    },
  ],
  alter: (g, changes) =>
    cannotRender(`ROLE GRANT ${g.name}`, changes.map((c) => c.label).join(", "), "Report this as a bug."),
  remove: (g) => `REVOKE ROLE ${g.role} FROM ${g.granteeType} ${g.grantee}`,
  removal: "revoke",
  check(object, context) {
    if (!context.has("role", object.role) && !isSystemRole(object.role)) {
      context.problem(`grants role ${object.role}, which is not declared`, "Declare the role in roles/.");
    }
    if (object.granteeType === "ROLE" && !context.roleKnown(object.grantee)) {
      context.problem(
        `names parent role ${object.grantee}, which is not declared and not a system role`,
        "Declare the parent role in roles/ or fix the name.",
        "parents",
      );
    }
  },
  // Written as `parents` of the role or `roles` of the user.
  write: () => undefined,
};
