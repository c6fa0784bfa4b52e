/**
 * What SHOW DATABASES / SCHEMAS / TABLES add with HISTORY (dropped objects still within their Time
 * Travel retention, with `dropped_on`) and with WITH PRIVILEGES (objects the active role holds every
 * listed privilege on).
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { DroppedObjects } from "../directory.js";
import { hasManageGrants } from "../grants.js";
import { grantsOn, holds, ownerOf, type RoleSet, roleClosure, sessionRoles } from "../privileges.js";

const DAY_MS = 86_400_000;

/** SHOW TABLES' retention for a table: its own, else 0 for transient and 1 for permanent ones. */
export function tableRetention(r: { retentionTime?: number | null; transient: boolean }): number {
  return r.retentionTime ?? (r.transient ? 0 : 1);
}

/**
 * The dropped objects the session may list: not yet purged (dropped less than their retention ago,
 * so retention 0 means gone at once) and owned, when dropped, by a role the session holds (or
 * visible to every role when unowned; MANAGE GRANTS sees all). Schemas of a dropped database and
 * tables of a dropped schema went with it and are not listed.
 */
export async function droppedObjects(env: CatalogEnv, roles: RoleSet): Promise<DroppedObjects> {
  const all = (await env.directory.dropped?.()) ?? { databases: [], schemas: [], relations: [] };
  const now = env.now();
  const kept = (droppedOn: number, retentionDays: number) => droppedOn + retentionDays * DAY_MS > now;
  const manage = hasManageGrants(env, roles);
  const sees = (owner: string | null) => owner === null || manage || roles.roles.has(owner);
  const liveDatabases = new Set((await env.directory.databases()).map((d) => d.name));
  return {
    databases: all.databases.filter((d) => kept(d.droppedOn, d.retentionTime) && sees(d.owner)),
    schemas: all.schemas.filter(
      (s) => liveDatabases.has(s.database) && kept(s.droppedOn, s.retentionTime) && sees(s.owner),
    ),
    relations: all.relations.filter((r) => kept(r.droppedOn, tableRetention(r)) && sees(r.owner)),
  };
}

/**
 * WITH PRIVILEGES: whether the active role holds every one of `privileges` on the object (OWNERSHIP
 * implies them all). With a CREATE privilege in the list only the primary role counts, as only it
 * may create objects. Objects nobody owns in the catalog are open to every role (SNOWFLAKE's
 * schemas, as the SHOW SCHEMAS page lists ACCOUNT_USAGE); INFORMATION_SCHEMA takes no grants, so it
 * never qualifies.
 */
export function holdsPrivileges(
  env: CatalogEnv,
  ctx: CatalogContext,
  objectType: "DATABASE" | "SCHEMA",
  name: readonly string[],
  privileges: readonly string[],
): boolean {
  if (objectType === "SCHEMA" && name[1] === "INFORMATION_SCHEMA") return false;
  if (ownerOf(env, objectType, name) === null) return true;
  const roles = privileges.some((p) => p.startsWith("CREATE "))
    ? roleClosure(env, ctx.role)
    : sessionRoles(env, ctx);
  const held = grantsOn(env, objectType, name).filter((g) => holds(roles, g));
  if (held.some((g) => g.privilege === "OWNERSHIP")) return true;
  return privileges.every((p) => held.some((g) => g.privilege === p));
}
