/**
 * The authorise step: may the session's roles do what a data statement does? Checks USAGE on the
 * database and schema, the object privilege (SELECT, INSERT, …), CREATE <kind> on the container and
 * OWNERSHIP for ALTER / DROP, with Snowflake's wording. Objects nobody owns in the catalog (created
 * before the catalog knew of them) are open to every role. Also gates queries on the session's
 * warehouse: a suspended warehouse auto-resumes, or the query fails as in Snowflake.
 */
import type { ObjectAccess } from "../hooks.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { catalogError, insufficient, notFound } from "./errors.js";
import { checkMonitors, openRun, quotaExceeded, settleWarehouse, warehouseSuspended } from "./metering.js";
import { displayName } from "./names.js";
import { can, grantsOn, holds, ownerOf, type RoleSet, sessionRoles } from "./privileges.js";

/** Relation kinds share one namespace: a grant recorded on any of them applies. */
export const RELATION_KINDS = [
  "TABLE",
  "VIEW",
  "MATERIALIZED_VIEW",
  "EXTERNAL_TABLE",
  "DYNAMIC_TABLE",
  "EVENT_TABLE",
];

const READ_PRIVILEGE: Record<string, string[]> = {
  TABLE: ["SELECT"],
  VIEW: ["SELECT"],
  SEQUENCE: ["USAGE"],
  FUNCTION: ["USAGE"],
  PROCEDURE: ["USAGE"],
  STAGE: ["READ", "USAGE"],
  FILE_FORMAT: ["USAGE"],
  // Reading a stream needs SELECT on it (and, checked separately, SELECT on its table).
  STREAM: ["SELECT"],
};

function kindsFor(type: string): string[] {
  return type === "TABLE" || type === "VIEW" ? RELATION_KINDS : [type];
}

function owned(env: CatalogEnv, type: string, name: string[]): boolean {
  return kindsFor(type).some((k) => ownerOf(env, k, name) !== null);
}

function holdsAny(
  env: CatalogEnv,
  roles: RoleSet,
  type: string,
  name: string[],
  privileges: string[],
): boolean {
  return kindsFor(type).some((k) => can(env, roles, k, name, privileges));
}

function visible(env: CatalogEnv, roles: RoleSet, type: string, name: string[]): boolean {
  return kindsFor(type).some((k) => grantsOn(env, k, name).some((g) => holds(roles, g)));
}

function requireDatabaseUsage(env: CatalogEnv, roles: RoleSet, database: string): void {
  if (!owned(env, "DATABASE", [database])) return;
  if (can(env, roles, "DATABASE", [database], ["USAGE"])) return;
  throw notFound("Database", displayName([database]));
}

function requireSchemaUsage(env: CatalogEnv, roles: RoleSet, database: string, schema: string): void {
  requireDatabaseUsage(env, roles, database);
  if (!owned(env, "SCHEMA", [database, schema])) return;
  if (can(env, roles, "SCHEMA", [database, schema], ["USAGE"])) return;
  throw notFound("Schema", displayName([database, schema]));
}

function requireOwnershipOf(
  env: CatalogEnv,
  roles: RoleSet,
  type: string,
  name: string[],
  label: string,
): void {
  if (!owned(env, type, name) || holdsAny(env, roles, type, name, [])) return;
  if (!visible(env, roles, type, name)) {
    if (type === "DATABASE") throw notFound("Database", displayName(name));
    if (type === "SCHEMA") throw notFound("Schema", displayName(name));
    throw notFound("Object", displayName(name));
  }
  throw insufficient(label, displayName(name.slice(-1)));
}

/**
 * UNDROP: the session's roles must include the role that owned the dropped object. A dropped object
 * whose owner was not recorded can only come back under ACCOUNTADMIN.
 */
function requireRestoredOwner(
  roles: RoleSet,
  owner: string | undefined,
  label: string,
  name: string[],
): void {
  if (owner ? roles.roles.has(owner) : roles.roles.has("ACCOUNTADMIN")) return;
  throw insufficient(label, displayName(name.slice(-1)));
}

/** The shared SNOWFLAKE database: ACCOUNT_USAGE is for whom ACCOUNTADMIN gave IMPORTED PRIVILEGES. */
export const SHARED_DATABASE = "SNOWFLAKE";

/** ACCOUNTADMIN, or a role granted IMPORTED PRIVILEGES on the SNOWFLAKE database. */
export function hasImportedPrivileges(env: CatalogEnv, roles: RoleSet): boolean {
  return (
    roles.roles.has("ACCOUNTADMIN") || can(env, roles, "DATABASE", [SHARED_DATABASE], ["IMPORTED PRIVILEGES"])
  );
}

export async function authorise(
  env: CatalogEnv,
  ctx: CatalogContext,
  accesses: readonly ObjectAccess[],
): Promise<void> {
  const roles = sessionRoles(env, ctx);
  let usesWarehouse = false;
  for (const access of accesses) {
    const type = access.objectType.replace(/ /g, "_");
    const { database, schema, name } = access.object;
    if (database === SHARED_DATABASE && !hasImportedPrivileges(env, roles))
      throw notFound("Database", displayName([database]));
    const label = type.toLowerCase().replace(/_/g, " ");
    if (type === "DATABASE") {
      if (access.action === "CREATE") {
        if (!roles.roles.has("ACCOUNTADMIN") && !can(env, roles, "ACCOUNT", [], ["CREATE DATABASE"]))
          throw insufficient("account", env.account);
      } else if (access.action === "USAGE") {
        if (owned(env, "DATABASE", [database]) && !visible(env, roles, "DATABASE", [database]))
          throw catalogError(
            "002043",
            "02000",
            "SQL compilation error:\nObject does not exist, or operation cannot be performed.",
          );
      } else if (access.action === "DROP" || access.action === "ALTER") {
        requireOwnershipOf(env, roles, "DATABASE", [database], "database");
      }
      continue;
    }
    if (type === "SCHEMA") {
      requireDatabaseUsage(env, roles, database);
      if (access.action === "CREATE" || access.action === "RESTORE") {
        if (owned(env, "DATABASE", [database]) && !can(env, roles, "DATABASE", [database], ["CREATE SCHEMA"]))
          throw insufficient("database", displayName([database]));
        if (access.action === "RESTORE")
          requireRestoredOwner(roles, access.owner, "schema", [database, schema]);
      } else if (access.action === "USAGE") {
        if (owned(env, "SCHEMA", [database, schema]) && !visible(env, roles, "SCHEMA", [database, schema]))
          throw catalogError(
            "002043",
            "02000",
            "SQL compilation error:\nObject does not exist, or operation cannot be performed.",
          );
      } else if (access.action === "DROP" || access.action === "ALTER") {
        requireOwnershipOf(env, roles, "SCHEMA", [database, schema], "schema");
      }
      continue;
    }
    const full = [database, schema, name];
    requireSchemaUsage(env, roles, database, schema);
    if (access.action === "CREATE" || access.action === "RESTORE") {
      const privilege = `CREATE ${type.replace(/_/g, " ")}`;
      if (
        owned(env, "SCHEMA", [database, schema]) &&
        !can(env, roles, "SCHEMA", [database, schema], [privilege])
      )
        throw insufficient("schema", displayName([schema]));
      if (access.action === "RESTORE") requireRestoredOwner(roles, access.owner, label, full);
      continue;
    }
    if (access.action === "DROP" || access.action === "ALTER") {
      requireOwnershipOf(env, roles, type, full, label);
      continue;
    }
    if (access.action === "USAGE" && !READ_PRIVILEGE[type]) continue;
    const needed =
      access.action === "READ" || access.action === "REFERENCE" || access.action === "USAGE"
        ? (READ_PRIVILEGE[type] ?? ["USAGE"])
        : [access.action];
    if ((type === "TABLE" || type === "VIEW") && access.action !== "REFERENCE") usesWarehouse = true;
    if (!owned(env, type, full) || holdsAny(env, roles, type, full, needed)) continue;
    if (!visible(env, roles, type, full)) throw notFound("Object", displayName(full));
    throw insufficient(label, displayName([name]));
  }
  if (usesWarehouse) await gateWarehouse(env, ctx);
}

/** A query needs a running warehouse: resume it (AUTO_RESUME) or fail as Snowflake does. */
async function gateWarehouse(env: CatalogEnv, ctx: CatalogContext): Promise<void> {
  if (!ctx.warehouse) return;
  const w = env.store.warehouses.get(ctx.warehouse);
  if (!w) return;
  // The warehouse was chosen under another role (USE ROLE after USE WAREHOUSE): Snowflake treats a
  // warehouse the current roles cannot use as no warehouse at all.
  if (
    owned(env, "WAREHOUSE", [w.name]) &&
    !can(env, sessionRoles(env, ctx), "WAREHOUSE", [w.name], ["USAGE"])
  )
    throw catalogError(
      "000606",
      "57P03",
      "No active warehouse selected in the current session. Select an active warehouse with the 'use warehouse' command.",
    );
  const now = env.now();
  const changed = settleWarehouse(env, w, now);
  if (w.state === "SUSPENDED" && w.suspendedByMonitor) await checkMonitors(env, now);
  if (w.state === "SUSPENDED") {
    if (w.suspendedByMonitor) {
      if (changed) await env.store.putWarehouse(w);
      throw quotaExceeded(displayName([w.name]), w.suspendedByMonitor);
    }
    if (!w.autoResume) {
      if (changed) await env.store.putWarehouse(w);
      throw warehouseSuspended(displayName([w.name]));
    }
    w.state = "STARTED";
    w.resumedOn = now;
    openRun(w, now, true);
    await env.store.putWarehouse(w);
  } else if (changed) await env.store.putWarehouse(w);
}
