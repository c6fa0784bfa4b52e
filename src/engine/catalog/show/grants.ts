/** SHOW GRANTS [TO | OF | ON] and SHOW FUTURE GRANTS, with Snowflake's columns. */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { catalogError, notFound } from "../errors.js";
import { checkGrantee, hasManageGrants, readGrantee } from "../grants.js";
import type { Cursor } from "../lexer.js";
import type { FutureGrant, Grant } from "../model.js";
import { displayName, nameKey } from "../names.js";
import { ACCOUNT_OBJECTS, existingKind, readKind, resolveName } from "../objects.js";
import { grantsOn, ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, ts } from "../results.js";

const GRANT_COLUMNS = [
  "created_on:d",
  "privilege:t",
  "granted_on:t",
  "name:t",
  "granted_to:t",
  "grantee_name:t",
  "grant_option:t",
  "granted_by:t",
] as const;

/** SHOW GRANTS ON <object>: the privilege columns and the grantor's role type (after granted_by). */
const GRANT_ON_COLUMNS = [...GRANT_COLUMNS, "granted_by_role_type:t"] as const;

/**
 * SHOW GRANTS [TO USER u]: the page's current form, one row per privilege or role granted to the user
 * (`role` is the string null for a privilege, the role's name for a role grant).
 */
const USER_GRANT_COLUMNS = [
  "created_on:d",
  "privilege:t",
  "granted_on:t",
  "name:t",
  "role:t",
  "granted_to:t",
  "grantee_name:t",
  "grant_option:t",
  "granted_by:t",
] as const;

/**
 * The database roles of the SNOWFLAKE database every account grants PUBLIC, which SHOW GRANTS TO ROLE
 * PUBLIC lists (irrevocable, granted by the SYSTEM role, so granted_by is empty).
 */
const PUBLIC_DATABASE_ROLES = [
  "ALERT_VIEWER",
  "CLASSIFICATION_VIEWER",
  "CORE_VIEWER",
  "DATA_PRIVACY_VIEWER",
  "ML_USER",
  "MONITORING_VIEWER",
  "NOTIFICATION_VIEWER",
  "SNOWFLAKE_TEMPLATE_SNOWGIT_VIEWER",
  "SPCS_REGISTRY_VIEWER",
];

/** `[LIMIT n]` at the end of every SHOW GRANTS form. */
function readLimit(c: Cursor): number | null {
  const limit = c.acceptKw("LIMIT") ? c.number("row count") : null;
  if (!c.atEnd()) c.fail("end of statement");
  return limit;
}

function limited<T>(rows: T[], limit: number | null): T[] {
  return limit === null ? rows : rows.slice(0, limit);
}

const ROLE_GRANT_COLUMNS = [
  "created_on:d",
  "role:t",
  "granted_to:t",
  "grantee_name:t",
  "granted_by:t",
] as const;

const FUTURE_COLUMNS = [
  "created_on:d",
  "privilege:t",
  "grant_on:t",
  "name:t",
  "grant_to:t",
  "grantee_name:t",
  "grant_option:t",
] as const;

function objectDisplay(env: CatalogEnv, g: Grant): string {
  return g.objectType === "ACCOUNT" ? env.account : displayName(g.objectName);
}

/**
 * SHOW GRANTS' granted_on for a grant: TABLE grants on an interactive table show INTERACTIVE_TABLE
 * (the SHOW GRANTS page's example); `interactive` holds those tables' name keys.
 */
function grantedOn(g: Grant, interactive: ReadonlySet<string>): string {
  return g.objectType === "TABLE" && interactive.has(nameKey(g.objectName))
    ? "INTERACTIVE_TABLE"
    : g.objectType;
}

async function interactiveTables(env: CatalogEnv): Promise<Set<string>> {
  const tables = await env.directory.relations();
  return new Set(
    tables.filter((r) => r.tableType === "INTERACTIVE").map((r) => nameKey([r.database, r.schema, r.name])),
  );
}

function grantRow(env: CatalogEnv, g: Grant, interactive: ReadonlySet<string> = new Set()) {
  return [
    ts(g.createdOn),
    g.privilege,
    grantedOn(g, interactive),
    objectDisplay(env, g),
    g.granteeKind,
    g.grantee,
    String(g.grantOption),
    g.grantedBy,
  ];
}

function sortGrants(list: Grant[]): Grant[] {
  return list.sort(
    (a, b) =>
      a.createdOn - b.createdOn || (a.privilege < b.privilege ? -1 : a.privilege > b.privilege ? 1 : 0),
  );
}

function futureRow(g: FutureGrant) {
  const placeholder = `<${g.objectType}>`;
  const name =
    g.schema === null
      ? `${displayName([g.database])}.${placeholder}`
      : `${displayName([g.database, g.schema])}.${placeholder}`;
  return [ts(g.createdOn), g.privilege, g.objectType, name, g.granteeKind, g.grantee, String(g.grantOption)];
}

export async function showGrants(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  future: boolean,
): Promise<CatalogResult> {
  if (future) {
    let list = [...env.store.futureGrants.values()];
    if (c.acceptKw("IN")) {
      if (c.acceptKw("DATABASE")) {
        const db = c.ident();
        await existingKind(env, "DATABASE", [db]);
        list = list.filter((g) => g.database === db && g.schema === null);
      } else {
        c.expectKw("SCHEMA");
        const [db, schema] = resolveName(ctx, "SCHEMA", c.name()) as [string, string];
        await existingKind(env, "SCHEMA", [db, schema]);
        list = list.filter((g) => g.database === db && g.schema === schema);
      }
    } else {
      c.expectKw("TO");
      const grantee = readGrantee(c, ctx);
      checkGrantee(env, grantee);
      list = list.filter((g) => g.granteeKind === grantee.kind && g.grantee === grantee.name);
    }
    const limit = readLimit(c);
    list.sort((a, b) => a.createdOn - b.createdOn);
    return { kind: "SHOW", columns: columns(FUTURE_COLUMNS), rows: limited(list.map(futureRow), limit) };
  }
  const all = [...env.store.grants.values()];
  if (c.atEnd() || c.isKw("LIMIT") || c.acceptKw("TO", "USER")) {
    const user = c.atEnd() || c.isKw("LIMIT") ? ctx.user : c.ident("user name");
    const limit = readLimit(c);
    if (!env.store.users.has(user)) throw notFound("User", displayName([user]));
    const list = sortGrants(all.filter((g) => g.granteeKind === "USER" && g.grantee === user));
    const interactive = await interactiveTables(env);
    const rows = list.map((g) => {
      const role = g.objectType === "ROLE" ? displayName(g.objectName) : "null";
      return [
        ts(g.createdOn),
        g.privilege,
        grantedOn(g, interactive),
        objectDisplay(env, g),
        role,
        "USER",
        g.grantee,
        String(g.grantOption),
        g.grantedBy,
      ];
    });
    return { kind: "SHOW", columns: columns(USER_GRANT_COLUMNS), rows: limited(rows, limit) };
  }
  if (c.acceptKw("OF")) {
    let kind: "ROLE" | "DATABASE_ROLE" = "ROLE";
    if (c.acceptKw("DATABASE", "ROLE")) kind = "DATABASE_ROLE";
    else c.expectKw("ROLE");
    const name = kind === "ROLE" ? [c.ident("role name")] : resolveName(ctx, "DATABASE_ROLE", c.name());
    const limit = readLimit(c);
    await existingKind(env, kind, name);
    const list = sortGrants(
      all.filter(
        (g) => g.objectType === kind && nameKey(g.objectName) === nameKey(name) && g.privilege === "USAGE",
      ),
    );
    return {
      kind: "SHOW",
      columns: columns(ROLE_GRANT_COLUMNS),
      rows: limited(
        list.map((g) => [
          ts(g.createdOn),
          displayName(name),
          g.granteeKind,
          g.granteeKind === "USER" && kind === "DATABASE_ROLE" ? `USER$${g.grantee}` : g.grantee,
          g.grantedBy,
        ]),
        limit,
      ),
    };
  }
  if (c.acceptKw("TO")) {
    if (!c.isKw("ROLE") && !c.isKw("DATABASE")) unsupportedGrantee(c);
    const grantee = readGrantee(c, ctx);
    const limit = readLimit(c);
    checkGrantee(env, grantee);
    const list = sortGrants(all.filter((g) => g.granteeKind === grantee.kind && g.grantee === grantee.name));
    const interactive = await interactiveTables(env);
    const rows = list.map((g) => grantRow(env, g, interactive));
    if (grantee.kind === "ROLE" && grantee.name === "PUBLIC")
      for (const role of PUBLIC_DATABASE_ROLES)
        rows.push([ts(SYSTEM_GRANT_TIME), "USAGE", "DATABASE_ROLE", role, "ROLE", "PUBLIC", "false", ""]);
    return { kind: "SHOW", columns: columns(GRANT_COLUMNS), rows: limited(rows, limit) };
  }
  c.expectKw("ON");
  const kind = readKind(c);
  if (!kind) c.fail("an object type");
  let name: string[] = [];
  let actual = kind;
  if (kind !== "ACCOUNT") {
    name = resolveName(ctx, kind, c.name());
    actual = await existingKind(env, kind, name);
    const roles = sessionRoles(env, ctx);
    if (
      !ACCOUNT_OBJECTS.has(kind) &&
      !seesObject(env, roles, actual, name) &&
      !hasManageGrants(env, roles) &&
      hasAnyOwner(env, actual, name)
    )
      throw notFound("Object", displayName(name));
  }
  const limit = readLimit(c);
  const list = sortGrants(grantsOn(env, actual, name));
  const interactive = await interactiveTables(env);
  return {
    kind: "SHOW",
    columns: columns(GRANT_ON_COLUMNS),
    rows: limited(
      list.map((g) => [...grantRow(env, g, interactive), g.grantedBy === "" ? "" : "ROLE"]),
      limit,
    ),
  };
}

/** When the SNOWFLAKE database's roles were granted to PUBLIC (the page's example: 2023-08-18). */
const SYSTEM_GRANT_TIME = Date.UTC(2023, 7, 18, 20, 33, 1, 156);

/** SHOW GRANTS TO APPLICATION / SHARE / SERVICE ROLE / <class> ROLE: kinds the engine does not model. */
function unsupportedGrantee(c: Cursor): never {
  const words: string[] = [];
  for (let i = 0; c.peek(i) && words.length < 8; i++) {
    const text = c.peek(i)!.text.toUpperCase();
    words.push(text);
    if (text === "ROLE" || text === "SHARE" || text === "APPLICATION") break;
  }
  throw catalogError(
    "002040",
    "0A000",
    `SQL compilation error:\nUnsupported feature 'SHOW GRANTS TO ${words.join(" ").replace(/ \. /g, ".")}' in the local engine.`,
  );
}

function hasAnyOwner(env: CatalogEnv, kind: string, name: string[]): boolean {
  return ownerOf(env, kind, name) !== null;
}
