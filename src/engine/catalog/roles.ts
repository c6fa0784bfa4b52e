/** Account roles (with the system hierarchy), database roles, USE ROLE and USE SECONDARY ROLES. */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import type { DatabaseRole, Role } from "./model.js";
import { displayName, nameKey } from "./names.js";
import {
  grantsOn,
  grantsTo,
  ownerOf,
  ownerRoleType,
  requireAccountPrivilege,
  requireOwnership,
  roleClosure,
  sessionRoles,
  setOwner,
  userRoles,
} from "./privileges.js";
import { type CatalogResult, columns, num, OK, status, ts } from "./results.js";
import { applyFilters, byName, parseShowFilters } from "./show/filters.js";

/** The roles every account has, with the comments Snowflake gives them. */
export const SYSTEM_ROLES: Record<string, string> = {
  ACCOUNTADMIN: "Account administrator can manage all aspects of the account.",
  PUBLIC: "Public role is automatically available to every user in the account.",
  SECURITYADMIN: "Security administrator can manage security aspects of the account.",
  SYSADMIN: "System administrator can create and manage databases and warehouses.",
  USERADMIN: "User administrator can create and manage users and roles",
};

/** Parent → child grants of the system hierarchy. */
export const SYSTEM_HIERARCHY: [string, string][] = [
  ["ACCOUNTADMIN", "SECURITYADMIN"],
  ["ACCOUNTADMIN", "SYSADMIN"],
  ["SECURITYADMIN", "USERADMIN"],
];

function readComment(c: Cursor): string | null {
  let comment: string | null = null;
  while (!c.atEnd()) {
    if (c.acceptKw("WITH")) continue;
    if (c.acceptKw("TAG")) {
      while (!c.acceptSymbol(")")) c.next();
      continue;
    }
    c.expectKw("COMMENT");
    c.expectSymbol("=");
    comment = c.string();
  }
  return comment;
}

export async function createRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  requireAccountPrivilege(env, sessionRoles(env, ctx), "CREATE ROLE");
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const name = c.ident("role name");
  const comment = readComment(c);
  const existing = env.store.roles.get(name);
  if (existing && ifNotExists) return status(`${displayName([name])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName([name]));
  if (existing && name in SYSTEM_ROLES) throw cannotChangeSystemRole(name);
  const role: Role = { name, comment: comment ?? "", createdOn: env.now(), owner: ctx.role };
  await env.store.putRole(role);
  await setOwner(env, "ROLE", [name], ctx.role);
  return status(`Role ${displayName([name])} successfully created.`);
}

function cannotChangeSystemRole(name: string) {
  return catalogError(
    "003016",
    "42501",
    `SQL access control error:\nCannot modify or drop system role '${name}'.`,
  );
}

export async function alterRole(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("role name");
  const role = env.store.roles.get(name);
  if (!role) {
    if (ifExists) return status(OK);
    throw notFound("Role", displayName([name]));
  }
  const roles = sessionRoles(env, ctx);
  if (!roles.roles.has("SECURITYADMIN")) requireOwnership(env, roles, "ROLE", "Role", [name]);
  if (c.acceptKw("RENAME", "TO")) {
    if (name in SYSTEM_ROLES) throw cannotChangeSystemRole(name);
    const to = c.ident();
    if (env.store.roles.has(to)) throw alreadyExists("Object", displayName([to]));
    await env.store.deleteRole(name);
    role.name = to;
    await env.store.putRole(role);
    for (const g of [...env.store.grants.values()]) {
      const isObject = g.objectType === "ROLE" && g.objectName[0] === name;
      const isGrantee = g.granteeKind === "ROLE" && g.grantee === name;
      if (!isObject && !isGrantee) continue;
      await env.store.deleteGrant(g);
      await env.store.putGrant({
        ...g,
        objectName: isObject ? [to] : g.objectName,
        grantee: isGrantee ? to : g.grantee,
      });
    }
  } else if (c.acceptKw("SET")) {
    c.expectKw("COMMENT");
    c.expectSymbol("=");
    role.comment = c.string();
    await env.store.putRole(role);
  } else if (c.acceptKw("UNSET")) {
    c.expectKw("COMMENT");
    role.comment = "";
    await env.store.putRole(role);
  } else c.fail("RENAME TO, SET or UNSET");
  return status(OK);
}

export async function dropRole(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("role name");
  if (!env.store.roles.has(name)) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw notFound("Role", displayName([name]));
  }
  if (name in SYSTEM_ROLES) throw cannotChangeSystemRole(name);
  const roles = sessionRoles(env, ctx);
  if (!roles.roles.has("SECURITYADMIN")) requireOwnership(env, roles, "ROLE", "Role", [name]);
  // Objects the dropped role owned pass to the role that owned the dropped role, as in Snowflake.
  const heir = ownerOf(env, "ROLE", [name]) ?? ctx.role;
  for (const g of grantsTo(env, "ROLE", name)) {
    await env.store.deleteGrant(g);
    if (g.privilege === "OWNERSHIP") await env.store.putGrant({ ...g, grantee: heir });
  }
  for (const g of grantsOn(env, "ROLE", [name])) await env.store.deleteGrant(g);
  await env.store.deleteRole(name);
  return status(`${displayName([name])} successfully dropped.`);
}

export function useRole(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const name = c.ident("role name");
  if (!c.atEnd()) c.fail("end of statement");
  const allowed = roleClosure(env, userRoles(env, ctx.user));
  if (!env.store.roles.has(name) || !allowed.roles.has(name))
    throw catalogError(
      "002003",
      "02000",
      `SQL compilation error:\nRole '${displayName([name])}' does not exist or not authorized.`,
    );
  return { kind: "USE", columns: columns(["status:t"]), rows: [[OK]], session: { role: name } };
}

export function useSecondaryRoles(c: Cursor): CatalogResult {
  const which = c.ident("ALL or NONE");
  if (which !== "ALL" && which !== "NONE") c.fail("ALL or NONE", c.tokens[c.pos - 1]);
  return { kind: "USE", columns: columns(["status:t"]), rows: [[OK]], session: { secondaryRoles: which } };
}

export const SHOW_ROLES_COLUMNS = [
  "created_on:d",
  "name:t",
  "is_default:t",
  "is_current:t",
  "is_inherited:t",
  "assigned_to_users:n",
  "granted_to_roles:n",
  "granted_roles:n",
  "owner:t",
  "comment:t",
] as const;

export function showRoles(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const current = sessionRoles(env, ctx);
  const user = env.store.users.get(ctx.user);
  const roleGrants = [...env.store.grants.values()].filter(
    (g) => g.objectType === "ROLE" && g.privilege === "USAGE",
  );
  const list = [...env.store.roles.values()].sort(byName((r) => r.name));
  const rows = applyFilters(list, f, (r) => r.name).map((r) => [
    ts(r.createdOn),
    r.name,
    user?.defaultRole === r.name ? "Y" : "N",
    ctx.role === r.name ? "Y" : "N",
    ctx.role !== r.name && current.roles.has(r.name) ? "Y" : "N",
    num(roleGrants.filter((g) => g.objectName[0] === r.name && g.granteeKind === "USER").length),
    num(roleGrants.filter((g) => g.objectName[0] === r.name && g.granteeKind === "ROLE").length),
    num(roleGrants.filter((g) => g.granteeKind === "ROLE" && g.grantee === r.name).length),
    // System roles show no owner in Snowflake (SHOW ROLES reference), whatever holds them.
    r.name in SYSTEM_ROLES ? "" : (ownerOf(env, "ROLE", [r.name]) ?? ""),
    r.comment,
  ]);
  return { kind: "SHOW", columns: columns(SHOW_ROLES_COLUMNS), rows };
}

// ---- database roles -------------------------------------------------------------------------

function databaseRoleName(ctx: CatalogContext, parts: string[]): [string, string] {
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  if (!ctx.database)
    throw catalogError(
      "090105",
      "22000",
      "Cannot perform CREATE DATABASE ROLE. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
    );
  return [ctx.database, parts[0]!];
}

export async function createDatabaseRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  const [database, name] = databaseRoleName(ctx, c.name());
  const comment = readComment(c);
  const dbs = await env.directory.databases();
  if (!dbs.some((d) => d.name === database)) throw notFound("Database", displayName([database]));
  const roles = sessionRoles(env, ctx);
  const dbOwner = ownerOf(env, "DATABASE", [database]);
  const mayCreate =
    (dbOwner !== null && roles.roles.has(dbOwner)) ||
    grantsOn(env, "DATABASE", [database]).some(
      (g) => g.privilege === "CREATE DATABASE ROLE" && g.granteeKind === "ROLE" && roles.roles.has(g.grantee),
    );
  if (!mayCreate)
    throw catalogError(
      "003001",
      "42501",
      `SQL access control error:\nInsufficient privileges to operate on database '${displayName([database])}'`,
    );
  const key = nameKey([database, name]);
  const existing = env.store.databaseRoles.get(key);
  if (existing && ifNotExists) return status(`${displayName([name])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName([database, name]));
  const role: DatabaseRole = {
    database,
    name,
    comment: comment ?? "",
    createdOn: env.now(),
    owner: ctx.role,
  };
  await env.store.putDatabaseRole(role);
  await setOwner(env, "DATABASE_ROLE", [database, name], ctx.role);
  return status(`Database role ${displayName([name])} successfully created.`);
}

export async function dropDatabaseRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const [database, name] = databaseRoleName(ctx, c.name());
  if (!env.store.databaseRoles.has(nameKey([database, name]))) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw notFound("Database role", displayName([database, name]));
  }
  requireOwnership(env, sessionRoles(env, ctx), "DATABASE_ROLE", "Database role", [database, name]);
  const display = displayName([database, name]);
  for (const g of grantsTo(env, "DATABASE_ROLE", display)) await env.store.deleteGrant(g);
  for (const g of grantsOn(env, "DATABASE_ROLE", [database, name])) await env.store.deleteGrant(g);
  await env.store.deleteDatabaseRole(database, name);
  return status(`${displayName([name])} successfully dropped.`);
}

export async function alterDatabaseRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const [database, name] = databaseRoleName(ctx, c.name());
  const role = env.store.databaseRoles.get(nameKey([database, name]));
  if (!role) {
    if (ifExists) return status(OK);
    throw notFound("Database role", displayName([database, name]));
  }
  requireOwnership(env, sessionRoles(env, ctx), "DATABASE_ROLE", "Database role", [database, name]);
  if (c.acceptKw("SET")) {
    c.expectKw("COMMENT");
    c.expectSymbol("=");
    role.comment = c.string();
  } else if (c.acceptKw("UNSET")) {
    c.expectKw("COMMENT");
    role.comment = "";
  } else c.fail("SET or UNSET");
  await env.store.putDatabaseRole(role);
  return status(OK);
}

export function showDatabaseRoles(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const database = f.scope?.database ?? ctx.database;
  if (!database) c.fail("IN DATABASE <name>");
  const list = [...env.store.databaseRoles.values()]
    .filter((r) => r.database === database)
    .sort(byName((r) => r.name));
  const grants = [...env.store.grants.values()].filter(
    (g) => g.objectType === "DATABASE_ROLE" && g.privilege === "USAGE",
  );
  const rows = applyFilters(list, f, (r) => r.name).map((r) => {
    const display = displayName([r.database, r.name]);
    const of = grants.filter((g) => nameKey(g.objectName) === nameKey([r.database, r.name]));
    return [
      ts(r.createdOn),
      r.name,
      "N",
      "N",
      "N",
      num(of.filter((g) => g.granteeKind === "ROLE").length),
      num(of.filter((g) => g.granteeKind === "DATABASE_ROLE").length),
      num(grants.filter((g) => g.granteeKind === "DATABASE_ROLE" && g.grantee === display).length),
      ownerOf(env, "DATABASE_ROLE", [r.database, r.name]) ?? "",
      r.comment,
      ownerRoleType(env, "DATABASE_ROLE", [r.database, r.name]),
    ];
  });
  return {
    kind: "SHOW",
    columns: columns([
      "created_on:d",
      "name:t",
      "is_default:t",
      "is_current:t",
      "is_inherited:t",
      "granted_to_roles:n",
      "granted_to_database_roles:n",
      "granted_database_roles:n",
      "owner:t",
      "comment:t",
      "owner_role_type:t",
    ]),
    rows,
  };
}
