/** GRANT / REVOKE (privileges, roles, OWNERSHIP, ON ALL, ON FUTURE). SHOW GRANTS is show/grants.ts. */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { catalogError, insufficient, invalidValue, notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import type { GranteeKind } from "./model.js";
import { displayName } from "./names.js";
import { existingKind, kindLabel, objectsIn, readKind, readPluralKind, resolveName } from "./objects.js";
import {
  can,
  grantsOn,
  holds,
  isOwner,
  ownerOf,
  type RoleSet,
  roleClosure,
  seesObject,
  sessionRoles,
  setOwner,
} from "./privileges.js";
import { type CatalogResult, OK, status } from "./results.js";

/** What ALL [PRIVILEGES] expands to per object type. */
const ALL_PRIVILEGES: Record<string, string[]> = {
  ACCOUNT: [
    "CREATE DATABASE",
    "CREATE INTEGRATION",
    "CREATE ROLE",
    "CREATE USER",
    "CREATE WAREHOUSE",
    "EXECUTE MANAGED TASK",
    "EXECUTE TASK",
    "MANAGE GRANTS",
    "MONITOR EXECUTION",
    "MONITOR USAGE",
  ],
  WAREHOUSE: ["MODIFY", "MONITOR", "OPERATE", "USAGE"],
  RESOURCE_MONITOR: ["MODIFY", "MONITOR"],
  DATABASE: ["CREATE DATABASE ROLE", "CREATE SCHEMA", "MODIFY", "MONITOR", "USAGE"],
  SCHEMA: [
    "CREATE DYNAMIC TABLE",
    "CREATE EXTERNAL TABLE",
    "CREATE FILE FORMAT",
    "CREATE FUNCTION",
    "CREATE MASKING POLICY",
    "CREATE MATERIALIZED VIEW",
    "CREATE PIPE",
    "CREATE PROCEDURE",
    "CREATE ROW ACCESS POLICY",
    "CREATE SEQUENCE",
    "CREATE STAGE",
    "CREATE STREAM",
    "CREATE TABLE",
    "CREATE TASK",
    "CREATE VIEW",
    "MODIFY",
    "MONITOR",
    "USAGE",
  ],
  TABLE: ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRUNCATE", "UPDATE"],
  VIEW: ["REFERENCES", "SELECT"],
  MATERIALIZED_VIEW: ["REFERENCES", "SELECT"],
  TASK: ["MONITOR", "OPERATE"],
  ROW_ACCESS_POLICY: ["APPLY"],
  MASKING_POLICY: ["APPLY"],
  USER: ["MONITOR"],
  ROLE: [],
};

/** Privileges each modelled object type accepts (others accept anything). */
const VALID: Record<string, string[]> = {
  ...ALL_PRIVILEGES,
  ACCOUNT: [
    ...ALL_PRIVILEGES.ACCOUNT!,
    "APPLY ROW ACCESS POLICY",
    "APPLY MASKING POLICY",
    "APPLY TAG",
    "AUDIT",
    "CREATE SHARE",
    "IMPORT SHARE",
    "CREATE NETWORK POLICY",
    "MANAGE WAREHOUSES",
    "CREATE ACCOUNT",
    "CREATE EXTERNAL VOLUME",
    "CREATE COMPUTE POOL",
    "CREATE API INTEGRATION",
    "OVERRIDE SHARE RESTRICTIONS",
    "MONITOR",
  ],
  DATABASE: [...ALL_PRIVILEGES.DATABASE!, "IMPORTED PRIVILEGES", "APPLYBUDGET"],
  SCHEMA: [
    ...ALL_PRIVILEGES.SCHEMA!,
    "ADD SEARCH OPTIMIZATION",
    "CREATE TAG",
    "CREATE MASKING POLICY",
    "CREATE SECRET",
  ],
  TABLE: [...ALL_PRIVILEGES.TABLE!, "EVOLVE SCHEMA", "REBUILD"],
  ROLE: [],
};

interface Target {
  mode: "object" | "all" | "future";
  kind: string;
  /** For mode object. */
  name?: string[];
  /** For all / future. */
  database?: string;
  schema?: string | null;
}

interface Grantee {
  kind: GranteeKind;
  name: string;
}

function readPrivileges(c: Cursor): string[] | "ALL" {
  if (c.acceptKw("ALL")) {
    c.acceptKw("PRIVILEGES");
    return "ALL";
  }
  const privileges: string[] = [];
  let words: string[] = [];
  for (;;) {
    const t = c.peek();
    if (!t) c.fail("ON");
    if (t.kind === "word" && t.text.toUpperCase() === "ON" && words.length > 0) break;
    if (t.kind === "symbol" && t.text === ",") {
      c.next();
      privileges.push(words.join(" "));
      words = [];
      continue;
    }
    if (t.kind !== "word") c.fail("a privilege");
    words.push(c.next().text.toUpperCase());
  }
  privileges.push(words.join(" "));
  return privileges;
}

function readTarget(c: Cursor, ctx: CatalogContext): Target {
  c.expectKw("ON");
  const mode = c.acceptKw("ALL") ? "all" : c.acceptKw("FUTURE") ? "future" : "object";
  if (mode !== "object") {
    const kind = readPluralKind(c);
    if (!kind) c.fail("an object type such as TABLES");
    c.expectKw("IN");
    if (c.acceptKw("DATABASE")) return { mode, kind, database: c.ident(), schema: null };
    c.expectKw("SCHEMA");
    const parts = c.name();
    const [database, schema] = resolveName(ctx, "SCHEMA", parts) as [string, string];
    return { mode, kind, database, schema };
  }
  const kind = readKind(c);
  if (!kind) c.fail("an object type");
  if (kind === "ACCOUNT") return { mode, kind, name: [] };
  const parts = c.name();
  // FUNCTION / PROCEDURE names carry their argument types.
  let suffix = "";
  if ((kind === "FUNCTION" || kind === "PROCEDURE") && c.isSymbol("(")) {
    const start = c.peek()!.start;
    let depth = 0;
    let end = start;
    do {
      const t = c.next();
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      end = t.end;
    } while (depth > 0);
    suffix = c.sql.slice(start, end).replace(/\s+/g, "").toUpperCase();
  }
  const name = resolveName(ctx, kind, parts);
  if (suffix) name[name.length - 1] += suffix;
  return { mode, kind, name };
}

export function readGrantee(c: Cursor, ctx: CatalogContext): Grantee {
  if (c.acceptKw("DATABASE", "ROLE")) {
    const parts = resolveName(ctx, "DATABASE_ROLE", c.name());
    return { kind: "DATABASE_ROLE", name: displayName(parts) };
  }
  if (c.acceptKw("USER")) return { kind: "USER", name: c.ident("user name") };
  c.acceptKw("ROLE");
  if (c.acceptKw("SHARE"))
    throw catalogError("002040", "0A000", "SQL compilation error:\nUnsupported feature 'GRANT TO SHARE'.");
  return { kind: "ROLE", name: c.ident("role name") };
}

export function checkGrantee(env: CatalogEnv, g: Grantee): void {
  if (g.kind === "ROLE" && !env.store.roles.has(g.name)) throw notFound("Role", displayName([g.name]));
  if (g.kind === "USER" && !env.store.users.has(g.name)) throw notFound("User", displayName([g.name]));
  if (
    g.kind === "DATABASE_ROLE" &&
    ![...env.store.databaseRoles.values()].some((r) => displayName([r.database, r.name]) === g.name)
  )
    throw notFound("Database role", g.name);
}

export function hasManageGrants(env: CatalogEnv, roles: RoleSet): boolean {
  return roles.roles.has("SECURITYADMIN") || can(env, roles, "ACCOUNT", [], ["MANAGE GRANTS"]);
}

/** The role a grant is recorded as granted by: the owning role the session acts through, else its role. */
function grantor(env: CatalogEnv, ctx: CatalogContext, roles: RoleSet, kind: string, name: string[]): string {
  const owner = ownerOf(env, kind, name);
  return owner !== null && roles.roles.has(owner) ? owner : ctx.role;
}

function mayGrant(env: CatalogEnv, roles: RoleSet, kind: string, name: string[], privilege: string): boolean {
  if (hasManageGrants(env, roles)) return true;
  if (kind === "ACCOUNT") return false;
  if (isOwner(env, roles, kind, name)) return true;
  return grantsOn(env, kind, name).some((g) => holds(roles, g) && g.privilege === privilege && g.grantOption);
}

function expand(privileges: string[] | "ALL", kind: string): string[] {
  if (privileges !== "ALL") {
    const valid = VALID[kind];
    for (const p of privileges) {
      if (p === "OWNERSHIP") continue;
      if (valid && !valid.includes(p))
        throw invalidValue(`Invalid privilege ${p} for object type ${kindLabel(kind).toUpperCase()}.`);
    }
    return privileges;
  }
  return ALL_PRIVILEGES[kind] ?? [];
}

export async function grant(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  if (c.acceptKw("ROLE")) return grantRole(env, ctx, c, "ROLE");
  if (c.acceptKw("DATABASE", "ROLE")) return grantRole(env, ctx, c, "DATABASE_ROLE");
  const privileges = readPrivileges(c);
  const target = readTarget(c, ctx);
  c.expectKw("TO");
  const grantee = readGrantee(c, ctx);
  const grantOption = c.acceptKw("WITH", "GRANT", "OPTION");
  let currentGrants: "COPY" | "REVOKE" | null = null;
  if (c.acceptKw("COPY", "CURRENT", "GRANTS")) currentGrants = "COPY";
  else if (c.acceptKw("REVOKE", "CURRENT", "GRANTS")) currentGrants = "REVOKE";
  if (!c.atEnd()) c.fail("end of statement");
  checkGrantee(env, grantee);
  const roles = sessionRoles(env, ctx);
  const isOwnership = privileges !== "ALL" && privileges.length === 1 && privileges[0] === "OWNERSHIP";

  if (target.mode === "future") {
    await requireFutureGrantRights(env, ctx, roles, target);
    for (const privilege of isOwnership ? ["OWNERSHIP"] : expand(privileges, target.kind)) {
      await env.store.putFutureGrant({
        privilege,
        objectType: target.kind,
        database: target.database!,
        schema: target.schema ?? null,
        granteeKind: grantee.kind,
        grantee: grantee.name,
        grantOption,
        createdOn: env.now(),
      });
    }
    return status(OK);
  }

  const targets: { kind: string; name: string[] }[] = [];
  if (target.mode === "all") {
    for (const name of await objectsIn(env, target.kind, target.database!, target.schema ?? null))
      targets.push({ kind: target.kind, name });
  } else {
    const kind = await existingKind(env, target.kind, target.name!);
    targets.push({ kind, name: target.name! });
  }
  for (const t of targets) {
    if (isOwnership) {
      await transferOwnership(env, ctx, roles, t.kind, t.name, grantee, currentGrants);
      continue;
    }
    for (const privilege of expand(privileges, t.kind)) {
      if (!mayGrant(env, roles, t.kind, t.name, privilege)) {
        if (t.kind !== "ACCOUNT" && !seesObject(env, roles, t.kind, t.name))
          throw notFound(t.kind === "SCHEMA" ? "Schema" : "Object", displayName(t.name));
        throw insufficient(
          kindLabel(t.kind),
          t.kind === "ACCOUNT" ? env.account : displayName(t.name.slice(-1)),
        );
      }
      await env.store.putGrant({
        privilege,
        objectType: t.kind,
        objectName: t.name,
        granteeKind: grantee.kind,
        grantee: grantee.name,
        grantOption,
        grantedBy: grantor(env, ctx, roles, t.kind, t.name),
        createdOn: env.now(),
      });
    }
  }
  return status(OK);
}

async function requireFutureGrantRights(
  env: CatalogEnv,
  ctx: CatalogContext,
  roles: RoleSet,
  target: Target,
) {
  const scope = target.schema ? [target.database!, target.schema] : [target.database!];
  await existingKind(env, target.schema ? "SCHEMA" : "DATABASE", scope);
  if (hasManageGrants(env, roles)) return;
  if (target.schema && isOwner(env, roles, "SCHEMA", scope)) return;
  void ctx;
  throw insufficient(target.schema ? "schema" : "database", displayName(scope.slice(-1)));
}

async function transferOwnership(
  env: CatalogEnv,
  ctx: CatalogContext,
  roles: RoleSet,
  kind: string,
  name: string[],
  grantee: Grantee,
  currentGrants: "COPY" | "REVOKE" | null,
): Promise<void> {
  if (grantee.kind === "USER")
    throw invalidValue("OWNERSHIP can only be granted to a role or database role.");
  if (!isOwner(env, roles, kind, name) && !hasManageGrants(env, roles)) {
    if (!seesObject(env, roles, kind, name)) throw notFound("Object", displayName(name));
    throw insufficient(kindLabel(kind), displayName(name.slice(-1)));
  }
  const oldOwner = ownerOf(env, kind, name);
  const dependent = grantsOn(env, kind, name).filter(
    (g) => g.privilege !== "OWNERSHIP" && g.grantedBy === oldOwner,
  );
  if (dependent.length > 0 && currentGrants === null && kind !== "ROLE" && kind !== "USER") {
    const g = dependent[0]!;
    throw catalogError(
      "003111",
      "42501",
      `SQL execution error:\nDependent grant of privilege '${g.privilege}' on securable '${displayName(name)}' to role '${g.grantee}' exists. It must be revoked first. More than one dependent grant may exist: use 'SHOW GRANTS' command to view them. To revoke all dependent grants while retaining object ownership, use convenience command 'GRANT OWNERSHIP ON <target_objects> TO <target_role> REVOKE CURRENT GRANTS'.`,
    );
  }
  for (const g of dependent) {
    await env.store.deleteGrant(g);
    if (currentGrants === "COPY") await env.store.putGrant({ ...g, grantedBy: grantee.name });
  }
  await setOwner(
    env,
    kind,
    name,
    grantee.name,
    ctx.role,
    grantee.kind === "DATABASE_ROLE" ? "DATABASE_ROLE" : "ROLE",
  );
}

async function grantRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "ROLE" | "DATABASE_ROLE",
): Promise<CatalogResult> {
  const name = kind === "ROLE" ? [c.ident("role name")] : resolveName(ctx, "DATABASE_ROLE", c.name());
  c.expectKw("TO");
  const grantee = readGrantee(c, ctx);
  if (!c.atEnd()) c.fail("end of statement");
  await existingKind(env, kind, name);
  checkGrantee(env, grantee);
  const roles = sessionRoles(env, ctx);
  if (!mayGrant(env, roles, kind, name, "USAGE")) throw insufficient("role", displayName(name));
  if (grantee.kind === "ROLE" && kind === "ROLE") {
    if (roleClosure(env, name[0]!).roles.has(grantee.name) && grantee.name !== "PUBLIC")
      throw catalogError(
        "003012",
        "42601",
        `SQL execution error:\nRole '${displayName(name)}' cannot be granted to role '${grantee.name}' because it would create a cycle.`,
      );
  }
  await env.store.putGrant({
    privilege: "USAGE",
    objectType: kind,
    objectName: name,
    granteeKind: grantee.kind,
    grantee: grantee.name,
    grantOption: false,
    grantedBy: grantor(env, ctx, roles, kind, name),
    createdOn: env.now(),
  });
  return status(OK);
}

export async function revoke(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  if (c.acceptKw("ROLE")) return revokeRole(env, ctx, c, "ROLE");
  if (c.acceptKw("DATABASE", "ROLE")) return revokeRole(env, ctx, c, "DATABASE_ROLE");
  const grantOptionOnly = c.acceptKw("GRANT", "OPTION", "FOR");
  const privileges = readPrivileges(c);
  const target = readTarget(c, ctx);
  c.expectKw("FROM");
  const grantee = readGrantee(c, ctx);
  c.acceptKw("RESTRICT") || c.acceptKw("CASCADE");
  if (!c.atEnd()) c.fail("end of statement");
  if (privileges !== "ALL" && privileges.includes("OWNERSHIP"))
    throw catalogError(
      "003536",
      "42501",
      "SQL execution error:\nOWNERSHIP cannot be revoked; transfer it with GRANT OWNERSHIP instead.",
    );
  checkGrantee(env, grantee);
  const roles = sessionRoles(env, ctx);
  if (target.mode === "future") {
    await requireFutureGrantRights(env, ctx, roles, target);
    for (const g of [...env.store.futureGrants.values()]) {
      if (
        g.objectType === target.kind &&
        g.database === target.database &&
        g.schema === (target.schema ?? null) &&
        g.granteeKind === grantee.kind &&
        g.grantee === grantee.name &&
        (privileges === "ALL" || privileges.includes(g.privilege))
      )
        await env.store.deleteFutureGrant(g);
    }
    return status(OK);
  }
  const targets: { kind: string; name: string[] }[] = [];
  if (target.mode === "all") {
    for (const name of await objectsIn(env, target.kind, target.database!, target.schema ?? null))
      targets.push({ kind: target.kind, name });
  } else targets.push({ kind: await existingKind(env, target.kind, target.name!), name: target.name! });
  for (const t of targets) {
    for (const g of grantsOn(env, t.kind, t.name)) {
      if (g.privilege === "OWNERSHIP" || g.granteeKind !== grantee.kind || g.grantee !== grantee.name)
        continue;
      if (privileges !== "ALL" && !privileges.includes(g.privilege)) continue;
      if (!mayGrant(env, roles, t.kind, t.name, g.privilege))
        throw insufficient(
          kindLabel(t.kind),
          t.kind === "ACCOUNT" ? env.account : displayName(t.name.slice(-1)),
        );
      await env.store.deleteGrant(g);
      if (grantOptionOnly) await env.store.putGrant({ ...g, grantOption: false });
    }
  }
  return status(OK);
}

async function revokeRole(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "ROLE" | "DATABASE_ROLE",
): Promise<CatalogResult> {
  const name = kind === "ROLE" ? [c.ident("role name")] : resolveName(ctx, "DATABASE_ROLE", c.name());
  c.expectKw("FROM");
  const grantee = readGrantee(c, ctx);
  await existingKind(env, kind, name);
  checkGrantee(env, grantee);
  const roles = sessionRoles(env, ctx);
  if (!mayGrant(env, roles, kind, name, "USAGE")) throw insufficient("role", displayName(name));
  for (const g of grantsOn(env, kind, name))
    if (g.granteeKind === grantee.kind && g.grantee === grantee.name) await env.store.deleteGrant(g);
  return status(OK);
}
