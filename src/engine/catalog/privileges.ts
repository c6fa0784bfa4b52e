/**
 * Role hierarchy and privilege look-ups. A role holds a privilege when it, or any role it inherits
 * (through role grants, and PUBLIC always), was granted it or owns the object.
 */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { insufficient, notFound } from "./errors.js";
import type { Grant } from "./model.js";
import { displayName } from "./names.js";

/** The roles whose privileges a session can use. */
export interface RoleSet {
  roles: Set<string>;
  /** Database roles as `DB.ROLE` display names. */
  databaseRoles: Set<string>;
}

/** The role and everything it inherits (PUBLIC included). */
const closures = new WeakMap<object, { version: number; sets: Map<string, RoleSet> }>();

export function roleClosure(env: CatalogEnv, start: string | string[]): RoleSet {
  const key = JSON.stringify(start);
  let cache = closures.get(env.store);
  if (!cache || cache.version !== env.store.grantVersion) {
    cache = { version: env.store.grantVersion, sets: new Map() };
    closures.set(env.store, cache);
  }
  const hit = cache.sets.get(key);
  if (hit) return hit;
  const set = computeClosure(env, start);
  cache.sets.set(key, set);
  return set;
}

function computeClosure(env: CatalogEnv, start: string | string[]): RoleSet {
  const set: RoleSet = { roles: new Set(["PUBLIC"]), databaseRoles: new Set() };
  const queue: { kind: "ROLE" | "DATABASE_ROLE"; name: string }[] = [];
  for (const r of Array.isArray(start) ? start : [start]) {
    set.roles.add(r);
    queue.push({ kind: "ROLE", name: r });
  }
  queue.push({ kind: "ROLE", name: "PUBLIC" });
  const grants = [...env.store.grants.values()].filter(
    (g) => g.privilege === "USAGE" && (g.objectType === "ROLE" || g.objectType === "DATABASE_ROLE"),
  );
  while (queue.length > 0) {
    const cur = queue.pop()!;
    for (const g of grants) {
      if (g.granteeKind !== cur.kind || g.grantee !== cur.name) continue;
      if (g.objectType === "ROLE") {
        const child = g.objectName[0]!;
        if (!set.roles.has(child)) {
          set.roles.add(child);
          queue.push({ kind: "ROLE", name: child });
        }
      } else {
        const child = displayName(g.objectName);
        if (!set.databaseRoles.has(child)) {
          set.databaseRoles.add(child);
          queue.push({ kind: "DATABASE_ROLE", name: child });
        }
      }
    }
  }
  return set;
}

/** Roles granted to a user directly. */
export function userRoles(env: CatalogEnv, user: string): string[] {
  return [...env.store.grants.values()]
    .filter((g) => g.objectType === "ROLE" && g.granteeKind === "USER" && g.grantee === user)
    .map((g) => g.objectName[0]!);
}

/** The roles a session may use for privileges: its primary role, plus secondary roles when ALL. */
export function sessionRoles(env: CatalogEnv, ctx: CatalogContext): RoleSet {
  const start = [ctx.role];
  if (ctx.secondaryRoles === "ALL") start.push(...userRoles(env, ctx.user));
  return roleClosure(env, start);
}

export function holds(set: RoleSet, g: Grant): boolean {
  return g.granteeKind === "ROLE"
    ? set.roles.has(g.grantee)
    : g.granteeKind === "DATABASE_ROLE"
      ? set.databaseRoles.has(g.grantee)
      : false;
}

/** Grants on one object. */
export function grantsOn(env: CatalogEnv, objectType: string, name: readonly string[]): Grant[] {
  return env.store.grantsOn(objectType, name);
}

/** True when the set holds any of `privileges` (or OWNERSHIP) on the object. */
export function can(
  env: CatalogEnv,
  set: RoleSet,
  objectType: string,
  name: readonly string[],
  privileges: readonly string[],
): boolean {
  return grantsOn(env, objectType, name).some(
    (g) => holds(set, g) && (g.privilege === "OWNERSHIP" || privileges.includes(g.privilege)),
  );
}

/** True when the set holds any privilege at all on the object (it can see it). */
export function seesObject(
  env: CatalogEnv,
  set: RoleSet,
  objectType: string,
  name: readonly string[],
): boolean {
  return grantsOn(env, objectType, name).some((g) => holds(set, g));
}

export function ownerOf(env: CatalogEnv, objectType: string, name: readonly string[]): string | null {
  const g = grantsOn(env, objectType, name).find((x) => x.privilege === "OWNERSHIP");
  return g ? g.grantee : null;
}

export function ownerRoleType(env: CatalogEnv, objectType: string, name: readonly string[]): string {
  const g = grantsOn(env, objectType, name).find((x) => x.privilege === "OWNERSHIP");
  return g?.granteeKind === "DATABASE_ROLE" ? "DATABASE_ROLE" : "ROLE";
}

export function isOwner(env: CatalogEnv, set: RoleSet, objectType: string, name: readonly string[]): boolean {
  return can(env, set, objectType, name, []);
}

/** Makes `role` the owner of an object (replacing any previous owner). */
export async function setOwner(
  env: CatalogEnv,
  objectType: string,
  name: readonly string[],
  role: string,
  grantedBy = role,
  granteeKind: "ROLE" | "DATABASE_ROLE" = "ROLE",
): Promise<void> {
  for (const g of grantsOn(env, objectType, name)) {
    if (g.privilege === "OWNERSHIP") await env.store.deleteGrant(g);
  }
  await env.store.putGrant({
    privilege: "OWNERSHIP",
    objectType,
    objectName: [...name],
    granteeKind,
    grantee: role,
    grantOption: true,
    grantedBy,
    createdOn: env.now(),
  });
}

/** Removes every grant on an object (it was dropped). */
export async function dropGrantsOn(
  env: CatalogEnv,
  objectType: string,
  name: readonly string[],
): Promise<void> {
  for (const g of grantsOn(env, objectType, name)) await env.store.deleteGrant(g);
}

/** Re-keys grants after a rename. */
export async function renameGrantsOn(
  env: CatalogEnv,
  objectType: string,
  from: readonly string[],
  to: readonly string[],
): Promise<void> {
  for (const g of grantsOn(env, objectType, from)) {
    await env.store.deleteGrant(g);
    await env.store.putGrant({ ...g, objectName: [...to] });
  }
}

/** Grants whose grantee is this role (it was dropped or renamed). */
export function grantsTo(env: CatalogEnv, kind: "ROLE" | "USER" | "DATABASE_ROLE", grantee: string): Grant[] {
  return [...env.store.grants.values()].filter((g) => g.granteeKind === kind && g.grantee === grantee);
}

/** True when the session's roles include ACCOUNTADMIN (monitors, ALTER ACCOUNT). */
export function isAccountAdmin(set: RoleSet): boolean {
  return set.roles.has("ACCOUNTADMIN");
}

/** Throws unless the set holds an account-level privilege. */
export function requireAccountPrivilege(env: CatalogEnv, set: RoleSet, privilege: string): void {
  if (isAccountAdmin(set) || can(env, set, "ACCOUNT", [], [privilege])) return;
  throw insufficient("account", env.account);
}

/** Throws Snowflake's "does not exist or not authorized" unless the object is visible, and
 * "Insufficient privileges" unless it is owned. */
export function requireOwnership(
  env: CatalogEnv,
  set: RoleSet,
  objectType: string,
  label: string,
  name: readonly string[],
): void {
  if (isOwner(env, set, objectType, name)) return;
  if (!seesObject(env, set, objectType, name)) throw notFound(label, displayName(name));
  throw insufficient(label, displayName(name));
}
